/**
 * The content script's page observers, as handlers of ContentObserveApi.
 *
 * The background's part, per frame of the task's tab:
 * - inject the content script, whose entry calls `startObserving()` once (inside its
 *   load guard), then `installDialogHook` into the MAIN world (extension/main-world-dialogs.ts);
 *   in that order, so the first dialog's report has a listener;
 * - call `indicator({visible: false})` on the top frame before captureVisibleTab and
 *   `indicator({visible: true})` after it;
 * - read `journal` before it navigates or re-injects: a new document starts empty.
 */
import type { ContentObserveApi } from '../../extension/protocol.ts';
import type { Handlers } from '../../extension/messaging.ts';
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
  settle: ({ quietMs, maxMs }) => settle(quietMs, maxMs),
  journal: () => {
    catchUp();
    return drain();
  },
  targetAt: ({ x, y }) => targetAt(x, y),
  focusedTarget: () => focusedTarget(),
  pageText: () => pageText(),
  sensitiveRects: () => sensitiveRects(),
  indicator: ({ visible }) => indicator(visible),
} satisfies Handlers<ContentObserveApi, unknown>;
