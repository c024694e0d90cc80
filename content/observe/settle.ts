/**
 * Waits for the page to calm down after an action, so the next screenshot shows
 * the outcome rather than a spinner.
 *
 * Activity is what the isolated world can see: DOM mutations, resource loads
 * finishing (Resource Timing entries; fetch and XHR are among them), running
 * finite animations and transitions, a document still loading, and a document
 * being left. Requests still in flight are invisible here: seeing them would
 * mean wrapping the page's fetch and XHR in its own world, which pages can
 * detect and which can break them; a slow response usually changes the DOM
 * when it lands, and `maxMs` bounds the wait either way.
 */
import type { SettleReport } from '../../extension/protocol.ts';
import { isOwnUi } from './own-ui.ts';
import { timerQueryEvent, timerReplyEvent } from '../page-world/timers.ts';

/**
 * Milliseconds until the page's last short pending timer fires, from the MAIN
 * world hook (content/page-world/timers.ts); 0 when there is none or no hook.
 */
function pendingTimerMs(): number {
  let ms = 0;
  const onReply = (e: Event): void => {
    ms = Number((e as CustomEvent<string>).detail) || 0;
  };
  document.addEventListener(timerReplyEvent, onReply);
  document.dispatchEvent(new Event(timerQueryEvent));
  document.removeEventListener(timerReplyEvent, onReply);
  return ms;
}

let lastActivity = 0;
/** Set on beforeunload: the document is going away; the background re-injects into the next. */
let leaving = false;

const touch = (): void => void (lastActivity = performance.now());

const ownOnly = (r: MutationRecord): boolean =>
  isOwnUi(r.target) || [...r.addedNodes, ...r.removedNodes].every(isOwnUi);

export function watchActivity(): void {
  touch();
  new MutationObserver((records) => {
    if (!records.every(ownOnly)) touch();
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  new PerformanceObserver(touch).observe({ type: 'resource' });
  addEventListener('beforeunload', () => void (leaving = true));
  // Back from the back/forward cache: the navigation ended in this document after all.
  addEventListener('pageshow', () => void (leaving = false));
}

/** A running animation that will end; endless spinners would otherwise hold every settle to maxMs. */
function animating(): boolean {
  return document
    .getAnimations()
    .some(
      (a) => a.playState === 'running' && Number.isFinite(a.effect?.getComputedTiming().endTime),
    );
}

function busy(): boolean {
  return leaving || document.readyState !== 'complete' || animating() || pendingTimerMs() > 0;
}

/** Resolves after `quietMs` without activity (counted from the call), or at `maxMs`. */
export async function settle(quietMs: number, maxMs: number): Promise<SettleReport> {
  const start = performance.now();
  for (;;) {
    const now = performance.now();
    if (busy()) lastActivity = now;
    const waitedMs = Math.round(now - start);
    if (now - Math.max(start, lastActivity) >= quietMs) return { waitedMs, reason: 'quiet' };
    if (now - start >= maxMs) {
      // A beforeunload whose navigation was cancelled (or became a download) must
      // not hold every later settle to the cap.
      leaving = false;
      return { waitedMs, reason: 'cap' };
    }
    // Wake when the quiet period would be over (activity pushes it back), checking at least every 50 ms.
    const quietLeft = quietMs - (now - Math.max(start, lastActivity));
    await new Promise((resolve) =>
      setTimeout(resolve, Math.max(5, Math.min(50, quietLeft, maxMs - (now - start)))),
    );
  }
}
