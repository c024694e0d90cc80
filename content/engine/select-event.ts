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

/** Longest walk (in characters) before falling back to setSelectionRange. */
const maxWalk = 1000;

interface ModifiableSelection {
  modify?(
    alter: 'move' | 'extend',
    direction: 'forward' | 'backward',
    granularity: 'character',
  ): void;
}

/**
 * Sets the selection of focused text control `el` to `start`..`end` (UTF-16
 * offsets) without firing `select`: an edit or undo the engine makes by hand
 * leaves the selection where the browser's would, and those fire no select,
 * but setSelectionRange queues one. Selection.modify moves the selection inside
 * the focused control silently; setSelectionRange remains for a long walk, an
 * unfocused control, or an offset inside a grapheme cluster.
 */
export function placeSelection(
  el: HTMLInputElement | HTMLTextAreaElement,
  start: number,
  end = start,
): void {
  const sel = getSelection() as (Selection & ModifiableSelection) | null;
  const focused = el.getRootNode() === document && document.activeElement === el;
  /** Moves (or extends) the selection's focus to `at`; false if it cannot get there. */
  const walk = (alter: 'move' | 'extend', at: number): boolean => {
    if (!sel?.modify || !focused) return false;
    for (let i = 0; i < maxWalk; i++) {
      const now = (alter === 'move' ? el.selectionStart : el.selectionEnd) ?? at;
      if (now === at && (alter === 'extend' || el.selectionEnd === at)) return true;
      const forward = now < at;
      if (alter === 'extend' && !forward) return false;
      sel.modify(alter, forward ? 'forward' : 'backward', 'character');
      const moved = (alter === 'move' ? el.selectionStart : el.selectionEnd) ?? now;
      if (moved === now || (forward ? moved > at : moved < at)) return false;
    }
    return false;
  };
  if (!walk('move', start) || (end !== start && !walk('extend', end)))
    el.setSelectionRange(start, end);
}
