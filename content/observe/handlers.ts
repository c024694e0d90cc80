/**
 * The content script's page observers, each a `(request) => response`
 * function: the top frame's handlers (content/top-frame.ts) compose them, and
 * the dom tests call them one by one.
 *
 * What the background relies on, per frame of the task's tab:
 * - content.js's entry calls `startObserving()` once (inside its load guard),
 *   before the page-world hooks (content/page-world/) are injected, so the
 *   first dialog's report has a listener;
 * - the indicator is hidden for captureVisibleTab and shown again after it;
 * - the journal is read before a navigation or a re-injection: a new document starts empty.
 */
import type { SettleOptions } from '../../extension/protocol.ts';
import { indicator } from './indicator.ts';
import { drain } from './journal.ts';
import { catchUp, watchJournal } from './journal-watch.ts';
import { pageText } from './page-text.ts';
import { sensitiveRects } from './sensitive-rects.ts';
import { settle, watchActivity } from './settle.ts';
import { focusedTarget, targetAt } from './target-info.ts';

let started = false;

/** Starts the observers settle and journal read from; later calls do nothing. */
export function startObserving(): void {
  if (started) return;
  started = true;
  watchActivity();
  watchJournal();
}

export const observeHandlers = {
  /** Resolves once the page has been quiet for `quietMs`, or at `maxMs`. */
  settle: ({ quietMs, maxMs }: SettleOptions) => settle(quietMs, maxMs),
  /** Returns and clears what happened on the page since the last call. */
  journal: (_: Record<string, never>) => {
    catchUp();
    return drain();
  },
  /** What is under a viewport point of the top frame (CSS pixels), entering same-origin iframes. */
  targetAt: ({ x, y }: { x: number; y: number }) => targetAt(x, y),
  /** The focused element, for risk checks before typing or Enter. */
  focusedTarget: (_: Record<string, never>) => focusedTarget(),
  /** Text of the page, visible and hidden, for the injection detector. */
  pageText: (_: Record<string, never>) => pageText(),
  /** Rectangles of password and payment fields, viewport CSS pixels, to mask in screenshots. */
  sensitiveRects: (_: Record<string, never>) => sensitiveRects(),
  /** Shows or hides the in-page indicator; hiding resolves once a frame without it is painted. */
  indicator: ({ visible }: { visible: boolean }) => indicator(visible),
};

/** The observers, as the dom tests call them. */
export type ContentObserveApi = typeof observeHandlers;
