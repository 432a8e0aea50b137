// The packing part of the contract (joined in core/api/contract.ts).
export const packingProcedures = {} as const;
