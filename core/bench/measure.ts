import type { Figure } from './benchCase';

/** Runs `fn` for each item, the first `warmup` untimed (JIT, page cache); returns the timed runs in ms. */
export async function timeEach<T>(items: readonly T[], warmup: number, fn: (item: T) => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (const [i, item] of items.entries()) {
    const start = performance.now();
    await fn(item);
    if (i >= warmup) samples.push(performance.now() - start);
  }
  return samples;
}

/** Nearest-rank percentile. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** p50 and p99 of latency samples, named `${label} p50` (or plain `p50` without a label). */
export function latencyFigures(samples: readonly number[], label = ''): Figure[] {
  const name = (p: string) => (label ? `${label} ${p}` : p);
  return [
    { name: name('p50'), value: percentile(samples, 50), unit: 'ms' },
    { name: name('p99'), value: percentile(samples, 99), unit: 'ms' },
  ];
}

/**
 * Runs `fn` while sampling the process's memory every 20 ms: the peak resident set and the peak
 * JavaScript heap in MB, what a cheap station PC must have free. (The bench's upstream runs in the
 * same process, so a sync case's peak holds both ends.)
 */
export async function peakMemory<T>(fn: () => Promise<T>): Promise<{ result: T; rssMb: number; heapMb: number }> {
  let rss = 0;
  let heap = 0;
  const sample = () => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 20);
  try {
    const result = await fn();
    sample();
    return { result, rssMb: rss / 2 ** 20, heapMb: heap / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}
