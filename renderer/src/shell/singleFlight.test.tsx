import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { usePendingAction } from './singleFlight';

// A press while the same action is on its way (a double Enter, a held F10) is that press: ignored,
// never a second request; the action's button knows it is on its way.

function mount() {
  const sent: { resolve(value: string): void; reject(error: Error): void }[] = [];
  const action = () => new Promise<string>((resolve, reject) => sent.push({ resolve, reject }));
  const hook = renderHook(() => usePendingAction(action));
  return { sent, run: () => hook.result.current[0](), pending: () => hook.result.current[1] };
}

describe('usePendingAction', () => {
  it('ignores a second press while the first is on its way, and says it is on its way', async () => {
    const { sent, run, pending } = mount();
    expect(pending()).toBe(false);
    let first: Promise<string | undefined> = Promise.resolve(undefined);
    let second: Promise<string | undefined> = Promise.resolve(undefined);
    await act(async () => {
      first = run();
      second = run();
    });
    expect(sent).toHaveLength(1);
    expect(pending()).toBe(true);
    await expect(second).resolves.toBeUndefined();
    await act(async () => sent[0]!.resolve('shipped'));
    await expect(first).resolves.toBe('shipped');
    expect(pending()).toBe(false);
  });

  it('takes the next press once a refused one has come back', async () => {
    const { sent, run, pending } = mount();
    let refused: Promise<unknown> = Promise.resolve();
    await act(async () => {
      refused = run().catch((e: unknown) => e);
    });
    await act(async () => sent[0]!.reject(new Error('trackingRequired')));
    expect(await refused).toEqual(new Error('trackingRequired'));
    expect(pending()).toBe(false);
    await act(async () => void run());
    expect(sent).toHaveLength(2);
  });
});
