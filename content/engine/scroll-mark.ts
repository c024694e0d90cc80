/**
 * What the engine scrolled since it last asked, for the keyup of the key that
 * did it. The page sees the scroll event at the next animation frame, and a key
 * held by a person spans frames, so its keyup comes after that event. A caret
 * revealed by an edit scrolls at once and ends in that frame (scroll, then
 * scrollend, then keyup); a key that scrolls the page is a user scroll, whose
 * scrollend Chromium sends only after it settles (scroll, keyup, scrollend).
 *
 * Frames and scroll events may never come: a hidden tab gets no animation
 * frames, a throttled iframe few. So every wait here ends after
 * `maxFrameWaitMs`, or at once when the action is interrupted: a key must not
 * stay down, nor the action queue stall, waiting for a frame.
 */
import { interruptSignal } from './interrupt.ts';

export type ScrollKind = 'reveal' | 'user';

let pending: ScrollKind | null = null;

export function markScrolled(kind: ScrollKind): void {
  if (pending !== 'reveal') pending = kind;
}

export function takeScrolled(): ScrollKind | null {
  const was = pending;
  pending = null;
  return was;
}

/** The longest a wait for a frame or a scroll event lasts: a few frames at 60 Hz. */
export const maxFrameWaitMs = 100;

/**
 * Starts a wait with `start`, which calls `done` when what it waits for has
 * happened and returns how to stop waiting. Resolves at `done`, after `ms`,
 * or when the action is interrupted, whichever comes first, and cleans up.
 */
export function boundedWait(
  start: (done: () => void) => () => void,
  ms: number = maxFrameWaitMs,
): Promise<void> {
  const signal = interruptSignal();
  return new Promise((resolve) => {
    let finished = false;
    let stop: (() => void) | null = null;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      stop?.();
      resolve();
    };
    const timer = setTimeout(finish, ms);
    signal.addEventListener('abort', finish);
    if (signal.aborted) return finish();
    const cancel = start(finish);
    // `start` may have called `done` already.
    if (finished) cancel();
    else stop = cancel;
  });
}

/** The next animation frame (its callbacks run after that frame's scroll events). */
function nextFrame(done: () => void): () => void {
  const id = requestAnimationFrame(() => done());
  return () => cancelAnimationFrame(id);
}

/** Calls `fn` in a later task (a message, without setTimeout's clamp). */
export function nextTask(fn: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => fn();
  channel.port2.postMessage(null);
}

/** Until the page has seen what the scroll `kind` shows it before a person's keyup. */
export function scrollSeen(kind: ScrollKind): Promise<void> {
  if (kind === 'reveal') return boundedWait(nextFrame);
  return boundedWait((done) => {
    let frame = 0;
    let last: EventTarget | null = null;
    const after = (): void => done();
    const seen = (e: Event): void => {
      window.removeEventListener('scroll', seen, true);
      // This runs at window in the capture phase, before the page's own scroll
      // listeners, so the keyup waits for the end of this dispatch: a listener
      // added now at the last stop of the event's path (window for the
      // document's bubbling scroll, else the scrolled element) runs after the
      // page's listeners there, and the keyup in its microtask, before this
      // frame's scrollend, as for a person's key. A page that stops the event
      // short of that stop gets the keyup in the next task.
      last = e.bubbles ? window : e.target;
      last?.addEventListener('scroll', after, { once: true });
      nextTask(done);
    };
    window.addEventListener('scroll', seen, true);
    // No scroll event within two frames: the page has seen all there is.
    frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => done());
    });
    return () => {
      window.removeEventListener('scroll', seen, true);
      last?.removeEventListener('scroll', after);
      cancelAnimationFrame(frame);
    };
  });
}
