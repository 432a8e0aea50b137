// Every error a person can see has a code that is also a key in the renderer's catalogs
// (errors.<code>), with parameters for the message. The English text here is for logs and the CLI.

export type ErrorParams = Record<string, string | number>;

export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly params: ErrorParams = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface ErrorBody {
  code: string;
  message: string;
  params: ErrorParams;
}

export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) return { code: error.code, message: error.message, params: error.params };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error), params: {} };
}

/** A command line that is wrong: the `hq` command says why and exits with 2. */
export class UsageError extends Error {}
