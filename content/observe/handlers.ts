/**
 * The content script's page observers, as handlers of ContentObserveApi.
 *
 * The background's part, per frame of the task's tab:
 * - inject the content script, whose entry calls `startObserving()` once (inside its
 *   load guard), and content-top.js into the top frame, then `installDialogHook` into
 *   the MAIN world (extension/main-world-dialogs.ts); in that order, so the first
 *   dialog's report has a listener;
 * - call `indicator({visible: false})` on the top frame before captureVisibleTab and
 *   `indicator({visible: true})` after it;
 * - read `journal` before it navigates or re-injects: a new document starts empty.
 */
import type { ContentObserveApi } from '../../extension/protocol.ts';
import type { Handlers } from '../../extension/messaging.ts';
import { required } from '../engine/on-demand.ts';
import { drain } from './journal.ts';
import { catchUp, watchJournal } from './journal-watch.ts';
import { settle, watchActivity } from './settle.ts';

let started = false;

/** Starts the observers settle and journal read from; later calls do nothing. */
export function startObserving(): void {
  if (started) return;
  started = true;
  watchActivity();
  watchJournal();
}

export const observeHandlers = {
  settle: ({ quietMs, maxMs }) => settle(quietMs, maxMs),
  journal: () => {
    catchUp();
    return drain();
  },
  // The top frame's part (content/top-module.ts), which the background loads with content.js.
  targetAt: ({ x, y }) => required('top').targetAt(x, y),
  focusedTarget: () => required('top').focusedTarget(),
  pageText: () => required('top').pageText(),
  sensitiveRects: () => required('top').sensitiveRects(),
  indicator: ({ visible }) => required('top').indicator(visible),
} satisfies Handlers<ContentObserveApi, unknown>;
