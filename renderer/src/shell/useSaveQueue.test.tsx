import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useSaveQueue } from './useSaveQueue';

// The queue behind the QC bench's keys: saves go one at a time, in the order asked, each on the
// value the ones before it left; a refusal is told and skipped; a closed screen gets no answers.

interface Step {
  /** The value the save was given, known once it was sent. */
  given: number[] | null;
  answer(value: number[]): void;
  refuse(error: Error): void;
}

function step(sent: Step[]): (latest: number[]) => Promise<number[]> {
  const s: Step = { given: null, answer: () => undefined, refuse: () => undefined };
  sent.push(s);
  return (latest) =>
    new Promise<number[]>((resolve, reject) => {
      s.given = latest;
      s.answer = resolve;
      s.refuse = reject;
    });
}

function mount() {
  const seen: number[][] = [];
  const refused: unknown[] = [];
  const hook = renderHook(({ value }) => useSaveQueue(value, (next) => seen.push(next), (e) => refused.push(e)), { initialProps: { value: [0] } });
  return { seen, refused, queue: () => hook.result.current, hook };
}

const flush = () => act(async () => undefined);

describe('useSaveQueue', () => {
  it('sends one save at a time, in the order asked, each on the value the one before it left', async () => {
    const { seen, queue } = mount();
    const sent: Step[] = [];
    queue().enqueue(step(sent));
    queue().enqueue(step(sent));
    await flush();
    expect(sent.map((s) => s.given)).toEqual([[0], null]);
    await act(async () => sent[0]!.answer([0, 1]));
    expect(sent[1]!.given).toEqual([0, 1]);
    await act(async () => sent[1]!.answer([0, 1, 2]));
    expect(seen).toEqual([[0, 1], [0, 1, 2]]);
  });

  it('tells a refused save, and the next works on the value before it', async () => {
    const { seen, refused, queue } = mount();
    const sent: Step[] = [];
    queue().enqueue(step(sent));
    queue().enqueue(step(sent));
    await flush();
    await act(async () => sent[0]!.refuse(new Error('pieceHasDefect')));
    expect(refused).toEqual([new Error('pieceHasDefect')]);
    expect(sent[1]!.given).toEqual([0]);
    await act(async () => sent[1]!.answer([0, 5]));
    expect(seen).toEqual([[0, 5]]);
  });

  it('is settled only once every save asked for so far is answered', async () => {
    const { queue } = mount();
    const sent: Step[] = [];
    queue().enqueue(step(sent));
    let settled = false;
    void queue().settled().then(() => (settled = true));
    await flush();
    expect(settled).toBe(false);
    await act(async () => sent[0]!.answer([0, 1]));
    expect(settled).toBe(true);
  });

  it('still sends what was asked for before the screen closed, without handing it the answers', async () => {
    const { seen, refused, queue, hook } = mount();
    const sent: Step[] = [];
    queue().enqueue(step(sent));
    queue().enqueue(step(sent));
    await flush();
    hook.unmount();
    await act(async () => sent[0]!.answer([0, 1]));
    await act(async () => sent[1]!.refuse(new Error('offline')));
    expect(sent[1]!.given).toEqual([0, 1]);
    expect(seen).toEqual([]);
    expect(refused).toEqual([new Error('offline')]);
  });
});
