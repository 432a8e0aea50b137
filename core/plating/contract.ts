// The plating part of the contract (joined in core/api/contract.ts).
export const platingProcedures = {} as const;
