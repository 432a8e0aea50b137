// The plating scheduler: instance parsing, the rule checker, the solver, a lower bound.
export { instanceSchema, scheduleSchema } from './types';
export type { Batch, CheckResult, Instance, Line, Lot, Objective, Schedule, SolveOptions, Violation } from './types';
export { parseInstance, parseSchedule } from './instance';
export { check } from './check';
export { solve } from './solve';
export { lowerBound } from './bound';
