import type { ErrorBody } from '../../../core/kernel/errors';
import type { Input, Output, ProcedureName, TopicName, TopicPayload } from '../../../core/api/contract';
import { pickBridge } from './transport';

export class CallError extends Error {
  constructor(readonly body: ErrorBody) {
    super(body.message);
  }
}

let token: string | null = sessionStorage.getItem('karakana.token');
const bridge = pickBridge(() => token);

export function setToken(value: string | null): void {
  token = value;
  if (value) sessionStorage.setItem('karakana.token', value);
  else sessionStorage.removeItem('karakana.token');
}

export function currentToken(): string | null {
  return token;
}

// A store the station cannot work on (damaged, empty, another program's file) is answered on every
// call: the first such answer replaces every screen with the store problem screen, for good.
const storeProblemCodes = new Set(['store.damaged', 'store.empty', 'store.foreign']);
let storeProblem: ErrorBody | null = null;
const storeProblemListeners = new Set<() => void>();

export function currentStoreProblem(): ErrorBody | null {
  return storeProblem;
}

export function onStoreProblem(listener: () => void): () => void {
  storeProblemListeners.add(listener);
  return () => storeProblemListeners.delete(listener);
}

/** The typed client: names, inputs and outputs come from the contract itself. */
export async function call<N extends ProcedureName>(name: N, input: Input<N>): Promise<Output<N>> {
  const result = await bridge.call(name, input, token);
  if (!result.ok && storeProblemCodes.has(result.error.code) && !storeProblem) {
    storeProblem = result.error;
    for (const listener of storeProblemListeners) listener();
  }
  if (!result.ok) throw new CallError(result.error);
  return result.data as Output<N>;
}

export function subscribe<T extends TopicName>(topic: T, listener: (payload: TopicPayload<T>) => void): () => void {
  return bridge.subscribe(topic, listener);
}
