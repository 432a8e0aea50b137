import { procedures, topics, type Input, type Output, type ProcedureName, type TopicName, type TopicPayload } from '../../../core/api/contract';
import type { ErrorParams } from '../../../core/kernel/errors';
import { CallError } from '../client/client';

// The one fake of the component tests: the station at the other end of `call` and `subscribe`. A
// screen's request must parse as the contract's input (as dispatch would require), and every canned
// answer or published payload is parsed by the contract's schema, so it cannot drift from what the
// core really sends.

type Answer<N extends ProcedureName> = (input: Input<N>) => Output<N> | Promise<Output<N>>;

const answers = new Map<ProcedureName, Answer<ProcedureName>>();
/** Every request the screen made, in order. */
export const requests: { name: ProcedureName; input: unknown }[] = [];
/** Requests no test answered: the setup fails the test that left one. */
export const unanswered: string[] = [];

export function answer<N extends ProcedureName>(name: N, reply: Answer<N>): void {
  answers.set(name, reply as unknown as Answer<ProcedureName>);
}

/** What the core answers when it refuses: an error code the screen words in the person's language. */
export function refusal(code: string, params: ErrorParams = {}): CallError {
  return new CallError({ code, message: code, params });
}

export function forgetAnswers(): void {
  answers.clear();
  listeners.clear();
  requests.length = 0;
  unanswered.length = 0;
}

export async function fakeCall<N extends ProcedureName>(name: N, input: Input<N>): Promise<Output<N>> {
  requests.push({ name, input });
  const reply = answers.get(name);
  if (!reply) {
    unanswered.push(name);
    throw new Error(`no answer for ${name}`);
  }
  procedures[name].input.parse(input);
  return procedures[name].output.parse(await reply(input)) as Output<N>;
}

/** Holds every answer to `name` until the test releases them: saves still on their way. */
export function hold(name: ProcedureName): { release(): void } {
  const reply = answers.get(name);
  if (!reply) throw new Error(`hold ${name}: answer it first`);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  answers.set(name, async (input) => {
    await released;
    return reply(input);
  });
  return { release };
}

const listeners = new Map<TopicName, Set<(payload: unknown) => void>>();

export function fakeSubscribe<T extends TopicName>(topic: T, listener: (payload: TopicPayload<T>) => void): () => void {
  const set = listeners.get(topic) ?? new Set();
  listeners.set(topic, set);
  set.add(listener as (payload: unknown) => void);
  return () => set.delete(listener as (payload: unknown) => void);
}

/** What the station publishes on a topic (a scale's live reading), to every screen subscribed. */
export function publish<T extends TopicName>(topic: T, payload: TopicPayload<T>): void {
  const parsed = topics[topic].parse(payload);
  for (const listener of listeners.get(topic) ?? []) listener(parsed);
}
