/**
 * Runs in the page's MAIN world (page-world.js, which the background injects
 * with `chrome.scripting.executeScript({world: 'MAIN', files: ['page-world.js']})`).
 *
 * A page that answers a click 300 ms later with `setTimeout` shows no sign of
 * activity in between, so a settle that only watches the DOM would take the
 * screenshot too early. This hook remembers when the page's short timers
 * (≤ 1 s) are due; the content script asks with a synchronous event pair,
 * since events cross between worlds and nothing else does synchronously.
 *
 * Self-contained on purpose: the tests inject the function's own source.
 */
export const timerQueryEvent = 'tabpilot-timers?';
export const timerReplyEvent = 'tabpilot-timers!';

export function installTimerHook(): void {
  const w = window as unknown as Record<symbol, unknown>;
  const flag = Symbol.for('tabpilot.timerHook');
  if (w[flag]) return;
  Object.defineProperty(w, flag, { value: true });
  const shortMs = 1000;
  const due = new Map<unknown, number>();
  type SetTimer = (handler: TimerHandler, timeout?: number, ...args: unknown[]) => number;
  const nativeSet = window.setTimeout as unknown as SetTimer;
  const nativeClear = window.clearTimeout;
  const wrappedSet = function (
    this: unknown,
    handler: TimerHandler,
    timeout?: number,
    ...args: unknown[]
  ): number {
    const delay = Number(timeout) || 0;
    if (typeof handler !== 'function' || delay > shortMs) {
      return nativeSet.apply(window, [handler, timeout, ...args]);
    }
    const id: number = nativeSet.apply(window, [
      (...a: unknown[]) => {
        due.delete(id);
        (handler as (...x: unknown[]) => void).apply(window, a);
      },
      timeout,
      ...args,
    ]);
    // Only timers that fire noticeably later count: 0–16 ms ones are part of the same task burst.
    if (delay > 16) due.set(id, performance.now() + delay);
    return id;
  };
  const wrappedClear = function (id?: number): void {
    due.delete(id);
    nativeClear.call(window, id);
  };
  // Keep the functions looking native to the page.
  Object.defineProperty(wrappedSet, 'toString', { value: () => nativeSet.toString() });
  Object.defineProperty(wrappedClear, 'toString', { value: () => nativeClear.toString() });
  window.setTimeout = wrappedSet as typeof window.setTimeout;
  window.clearTimeout = wrappedClear as typeof window.clearTimeout;
  document.addEventListener('tabpilot-timers?', () => {
    const now = performance.now();
    let last = 0;
    for (const [id, at] of due) {
      if (at < now - 50) due.delete(id);
      else last = Math.max(last, at - now);
    }
    document.dispatchEvent(
      new CustomEvent('tabpilot-timers!', { detail: String(Math.ceil(last)) }),
    );
  });
}
