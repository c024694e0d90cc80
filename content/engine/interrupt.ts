/**
 * Stopping an action midway. A held key (hold_key for a minute) or a long text
 * must not outlast a Stop: release() interrupts them, their `finally` blocks
 * let go of every key, and then release() finds nothing held.
 */
let controller = new AbortController();

export function interrupted(): boolean {
  return controller.signal.aborted;
}

/** Aborted when the running action is interrupted (for waits that must not outlast a Stop). */
export function interruptSignal(): AbortSignal {
  return controller.signal;
}

/** Waits `ms`, or less if the action is interrupted meanwhile. */
export function interruptibleSleep(ms: number): Promise<void> {
  const { signal } = controller;
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/** Interrupts the running action; the actions after it run normally once `resume` is called. */
export function interrupt(): void {
  controller.abort();
}

export function resume(): void {
  if (controller.signal.aborted) controller = new AbortController();
}
