// The printing part of the contract (joined in core/api/contract.ts).
export const printingProcedures = {} as const;
