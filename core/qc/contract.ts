// The qc part of the contract (joined in core/api/contract.ts).
export const qcProcedures = {} as const;
