import type { LogEvent } from './eventLog';

/**
 * Events ordered by time (a binary min-heap). Lots are generated in receipt order but each lot's
 * moves lie days ahead, so their events wait here until every earlier event is in the log: that
 * keeps each station's seq in time order, as appending them live would.
 */
export class EventQueue {
  private readonly heap: LogEvent[] = [];

  push(event: LogEvent): void {
    const heap = this.heap;
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.at <= event.at) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = event;
  }

  /** Takes out, earliest first, every event at or before `until`. */
  *takeUntil(until: number): Generator<LogEvent> {
    while (this.heap.length > 0 && this.heap[0]!.at <= until) yield this.pop();
  }

  private pop(): LogEvent {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= heap.length) break;
        const right = left + 1;
        const child = right < heap.length && heap[right]!.at < heap[left]!.at ? right : left;
        if (heap[child]!.at >= last.at) break;
        heap[i] = heap[child]!;
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}
