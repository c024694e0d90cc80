/**
 * Spaces calls at least `intervalMs` apart. Chrome allows
 * `tabs.captureVisibleTab` twice a second per extension
 * (MAX_CAPTURE_VISIBLE_TAB_CALLS_PER_SECOND); going faster fails the call.
 */
export class RateGate {
  #next = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((ok) => setTimeout(ok, ms)),
  ) {}

  /** Resolves when the caller may go; reserves the slot it returns. */
  async take(): Promise<void> {
    const t = this.now();
    const at = Math.max(t, this.#next);
    this.#next = at + this.intervalMs;
    if (at > t) await this.sleep(at - t);
  }
}
