import type { z } from 'zod';
import type { ErrorParams } from '../kernel/errors';

// What is wrong with an input the contract refuses, as codes the screens say in the person's
// language (errors.api.inputProblem.<problem>, the field's name from fields.<field>): never zod's
// English text.

export const inputProblems = ['missing', 'notWhole', 'atLeast', 'moreThan', 'atMost', 'lessThan', 'empty', 'tooShort', 'tooLong', 'tooFew', 'tooMany', 'notAChoice', 'badForm', 'wrongKind', 'invalid'] as const;
export type InputProblem = (typeof inputProblems)[number];

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

function problemOf(issue: z.core.$ZodIssue, input: unknown): { problem: InputProblem; limit?: number } {
  switch (issue.code) {
    case 'invalid_type':
      if (valueAt(input, issue.path) === undefined) return { problem: 'missing' };
      return { problem: issue.expected === 'int' ? 'notWhole' : 'wrongKind' };
    case 'too_small': {
      const limit = Number(issue.minimum);
      if (issue.origin === 'string') return limit <= 1 ? { problem: 'empty' } : { problem: 'tooShort', limit };
      if (issue.origin === 'array' || issue.origin === 'set') return { problem: 'tooFew', limit };
      return { problem: issue.inclusive === false ? 'moreThan' : 'atLeast', limit };
    }
    case 'too_big': {
      const limit = Number(issue.maximum);
      if (issue.origin === 'string') return { problem: 'tooLong', limit };
      if (issue.origin === 'array' || issue.origin === 'set') return { problem: 'tooMany', limit };
      return { problem: issue.inclusive === false ? 'lessThan' : 'atMost', limit };
    }
    case 'invalid_value':
      return { problem: 'notAChoice' };
    case 'invalid_format':
    case 'custom':
      return { problem: 'badForm' };
    default:
      return { problem: 'invalid' };
  }
}

/** The parameters of `api.invalidInput` for the first thing wrong: the field (its key, '' when none) and the problem. */
export function invalidInputParams(issue: z.core.$ZodIssue | undefined, input: unknown): ErrorParams {
  if (!issue) return { field: '', problem: 'invalid' };
  const field = [...issue.path].reverse().find((key): key is string => typeof key === 'string') ?? '';
  const { problem, limit } = problemOf(issue, input);
  return limit === undefined ? { field, problem } : { field, problem, limit };
}
