import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { usePendingAction, usePendingRequest } from './singleFlight';

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

describe('usePendingRequest', () => {
  function mountRequest() {
    const sent: { resolve(value: string): void; reject(error: Error): void }[] = [];
    const settled: string[] = [];
    const request = () => new Promise<string>((resolve, reject) => sent.push({ resolve, reject }));
    const settle = { answered: (report: string) => void settled.push(`answered ${report}`), refused: (e: unknown) => void settled.push(`refused ${(e as Error).message}`) };
    const hook = renderHook(() => usePendingRequest(request, settle));
    return { sent, settled, run: () => hook.result.current[0](), unmount: hook.unmount };
  }

  it('settles an answer and a refusal while the screen is shown, one press at a time', async () => {
    const { sent, settled, run } = mountRequest();
    await act(async () => {
      void run();
      void run();
    });
    await act(async () => sent[0]!.resolve('12 sent'));
    await act(async () => void run());
    await act(async () => sent[1]!.reject(new Error('sync.unauthorized')));
    expect(sent).toHaveLength(2);
    expect(settled).toEqual(['answered 12 sent', 'refused sync.unauthorized']);
  });

  it('drops an answer or a refusal that comes back after the person moved on', async () => {
    const answeredLate = mountRequest();
    await act(async () => void answeredLate.run());
    answeredLate.unmount();
    await act(async () => answeredLate.sent[0]!.resolve('12 sent'));
    const refusedLate = mountRequest();
    await act(async () => void refusedLate.run());
    refusedLate.unmount();
    await act(async () => refusedLate.sent[0]!.reject(new Error('network')));
    expect([...answeredLate.settled, ...refusedLate.settled]).toEqual([]);
  });
});
