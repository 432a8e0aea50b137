/** Resolves on Ctrl+C or a service manager's stop. */
export function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

/** Resolves when the work ends, or after ms at the latest: a stop that waits, but not forever. */
export function within(work: Promise<unknown> | undefined, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void Promise.resolve(work).finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
