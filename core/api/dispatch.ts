import type { Ctx, Session } from '../app/context';
import { procedures, type ProcedureName } from './contract';
import { AppError, toErrorBody, type ErrorBody } from '../kernel/errors';
import type { Handler, HandlerMap } from './handler';
import { invalidInputParams } from './invalidInput';
import { allows, rolesParam } from './roles';

export interface Call {
  name: string;
  input: unknown;
  token?: string | null;
}

export type CallResult = { ok: true; data: unknown } | { ok: false; error: ErrorBody };

export interface DispatchDeps {
  handlers: HandlerMap;
  resolveSession(token: string): Promise<Session | null>;
  context(session: Session | null): Ctx;
  /** Turns a low-level failure a person can act on (the store locked by another program) into its AppError. */
  explain?(error: unknown): AppError | null;
  log?(error: unknown, call: Call): void;
}

function isProcedure(name: string): name is ProcedureName {
  return Object.hasOwn(procedures, name);
}

/**
 * The single door into the core for both transports: the name must be in the contract, the
 * input must parse, the caller must hold a role the procedure allows; the output is checked too.
 */
export async function dispatch(deps: DispatchDeps, call: Call): Promise<CallResult> {
  try {
    if (typeof call.name !== 'string' || !isProcedure(call.name))
      throw new AppError('api.unknownProcedure', `Unknown procedure ${String(call.name)}`, { name: String(call.name).slice(0, 60) });
    const spec = procedures[call.name];
    const session = call.token ? await deps.resolveSession(call.token) : null;
    if (spec.access !== 'public') {
      if (!session) throw new AppError('auth.required', 'Log in first');
      if (!allows(spec.access, session.user.roles))
        throw new AppError('auth.forbidden', `${session.user.name} may not ${call.name}`, {
          name: session.user.name,
          procedure: call.name,
          roles: rolesParam(spec.access),
        });
    }
    const parsed = spec.input.safeParse(call.input ?? {});
    if (!parsed.success)
      throw new AppError('api.invalidInput', `Invalid input for ${call.name}: ${parsed.error.message}`, invalidInputParams(parsed.error.issues[0], call.input));
    const handler = deps.handlers[call.name] as Handler<ProcedureName>;
    const output = await handler(parsed.data as never, deps.context(session));
    return { ok: true, data: spec.output.parse(output) };
  } catch (caught) {
    const error = caught instanceof AppError ? caught : (deps.explain?.(caught) ?? caught);
    if (!(error instanceof AppError)) deps.log?.(error, call);
    return { ok: false, error: toErrorBody(error) };
  }
}
