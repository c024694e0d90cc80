/**
 * What the engine scrolled since it last asked, for the keyup of the key that
 * did it. The page sees the scroll event at the next animation frame, and a key
 * held by a person spans frames, so its keyup comes after that event. A caret
 * revealed by an edit scrolls at once and ends in that frame (scroll, then
 * scrollend, then keyup); a key that scrolls the page is a user scroll, whose
 * scrollend Chromium sends only after it settles (scroll, keyup, scrollend).
 */
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

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

/** Until the page has seen what the scroll `kind` shows it before a person's keyup. */
export function scrollSeen(kind: ScrollKind): Promise<void> {
  if (kind === 'reveal') return nextFrame();
  return new Promise((resolve) => {
    const done = (): void => {
      window.removeEventListener('scroll', done, true);
      resolve();
    };
    // Right after the scroll event's listeners (a microtask), before its scrollend.
    window.addEventListener('scroll', done, true);
    void nextFrame().then(nextFrame).then(done);
  });
}
