/**
 * The `select` event of a text control, fired the way Chromium fires it for a
 * person's selection change. When the user (keyboard selection, Ctrl+A, a
 * mouse selection) changes the selection inside an <input> or <textarea> and
 * it ends up a range, TextControlElement::SelectionChanged dispatches `select`
 * at once, bubbling and not cancelable, before the key's keyup
 * (https://html.spec.whatwg.org/#event-select). Selection.modify and
 * setSelectionRange from script do not count as the user's: the first fires
 * nothing, the second queues the event as a task, after the gesture's later
 * events. So the engine changes the selection without firing, then fires here.
 */
import { hasSelectionApi, isTextControl } from './dom.ts';

type SelectionState = readonly [start: number, end: number, direction: string];

function selectionOf(el: Element): SelectionState | undefined {
  if (!isTextControl(el) || !hasSelectionApi(el)) return undefined;
  return [el.selectionStart ?? 0, el.selectionEnd ?? 0, el.selectionDirection ?? 'none'];
}

/** Fires `select` at text control `el` as the browser does for a user's selection (no checks). */
export function fireSelect(el: Element): void {
  el.dispatchEvent(new Event('select', { bubbles: true }));
}

/**
 * Runs `change`, which moves the selection of `el` without firing `select`,
 * then fires `select` if `el` is a text control whose selection changed and is
 * now a range (a caret, or no change, fires nothing).
 */
export function asUserSelection(el: Element, change: () => void): void {
  const before = selectionOf(el);
  change();
  const after = selectionOf(el);
  if (!before || !after || after[0] === after[1]) return;
  if (before[0] === after[0] && before[1] === after[1] && before[2] === after[2]) return;
  fireSelect(el);
}

/** Most Selection.modify steps before falling back to setSelectionRange. */
const maxSteps = 2000;
/** Farther than this from the target, a walk steps by words. */
const wordStepAbove = 24;

type Granularity = 'character' | 'word';

interface ModifiableSelection {
  modify?(
    alter: 'move' | 'extend',
    direction: 'forward' | 'backward',
    granularity: Granularity,
  ): void;
}

/**
 * Sets the selection of focused text control `el` to `start`..`end` (UTF-16
 * offsets, `start <= end`) without firing `select`: an edit, an undo or a
 * mouse press leaves the selection where the browser's would, and those fire
 * no select (a mouse selection fires it at the release, see fireSelect), but
 * setSelectionRange queues one. Selection.modify moves the selection inside the
 * focused control silently: the caret goes to the anchor (`start`, or `end`
 * for a backward selection), then the selection extends to the other end.
 * setSelectionRange remains for an unfocused control, a walk that gets stuck
 * (an offset inside a grapheme cluster) or one that takes too long.
 */
export function placeSelection(
  el: HTMLInputElement | HTMLTextAreaElement,
  start: number,
  end = start,
  direction: 'forward' | 'backward' = 'forward',
): void {
  const sel = getSelection() as (Selection & ModifiableSelection) | null;
  const focused = el.getRootNode() === document && document.activeElement === el;
  const backward = direction === 'backward' && start !== end;
  const [anchor, focus] = backward ? [end, start] : [start, end];
  const read = (): [number, number] => [el.selectionStart ?? 0, el.selectionEnd ?? 0];
  const collapsedAt = (at: number): boolean => {
    const [s, e] = read();
    return s === at && e === at;
  };
  /** The moving end of the selection: with a backward extension, its start. */
  const focusOffset = (): number => (backward ? read()[0] : read()[1]);
  const walk = (alter: 'move' | 'extend', done: () => boolean, at: () => number, to: number) => {
    if (!sel?.modify || !focused) return false;
    let fine = false;
    for (let i = 0; i < maxSteps; i++) {
      if (done()) return true;
      const before = read();
      const now = at();
      const forward = now === to ? before[1] < to : now < to;
      // Words while far away; characters once close, or after a word step overshot.
      const granularity: Granularity =
        !fine && Math.abs(to - now) > wordStepAbove ? 'word' : 'character';
      sel.modify(alter, forward ? 'forward' : 'backward', granularity);
      const after = read();
      if (after[0] === before[0] && after[1] === before[1]) return false;
      if (granularity === 'word' && (forward ? at() > to : at() < to)) fine = true;
    }
    return done();
  };
  const placed =
    walk(
      'move',
      () => collapsedAt(anchor),
      () => read()[0],
      anchor,
    ) &&
    (anchor === focus ||
      walk(
        'extend',
        () => {
          const [s, e] = read();
          return s === start && e === end;
        },
        focusOffset,
        focus,
      ));
  if (!placed) el.setSelectionRange(start, end, backward ? 'backward' : 'forward');
}
