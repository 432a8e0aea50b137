/** A small typed event list: drivers must not fail because a screen's listener threw. */
export class Listeners<E extends { [K in keyof E]: unknown[] }> {
  // Each set holds listeners of its own event's type; the map cannot say so, the methods can.
  private readonly byEvent = new Map<keyof E, Set<unknown>>();

  on<K extends keyof E>(event: K, listener: (...args: E[K]) => void): () => void {
    let set = this.byEvent.get(event);
    if (!set) this.byEvent.set(event, (set = new Set()));
    set.add(listener);
    return () => void set.delete(listener);
  }

  emit<K extends keyof E>(event: K, ...args: E[K]): void {
    for (const listener of [...(this.byEvent.get(event) ?? [])] as Array<(...args: E[K]) => void>) {
      try {
        listener(...args);
      } catch (error) {
        console.error(`scale ${String(event)} listener failed:`, error);
      }
    }
  }

  clear(): void {
    this.byEvent.clear();
  }
}
