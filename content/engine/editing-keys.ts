/**
 * Editing keys in a focused text field or contenteditable: caret moves and
 * selection (Selection.modify drives Chromium's own editor, inside text
 * controls too), deletion, select-all, clipboard, undo/redo. Dispatched key
 * events do none of this (https://w3c.github.io/uievents/#keydown default actions).
 */
import type { Modifier } from '../../extension/keys-table.ts';
import { copyOrCut, paste } from './clipboard.ts';
import { hasSelectionApi, isEditable, isTextControl } from './dom.ts';
import { undoKey } from './edit-history.ts';
import { asUserSelection } from './select-event.ts';
import { edit } from './text-input.ts';
import { fireSelectStart } from './text-selection.ts';

type Granularity = 'character' | 'word' | 'line' | 'lineboundary' | 'documentboundary';

interface ModifiableSelection {
  modify(
    alter: 'move' | 'extend',
    direction: 'left' | 'right' | 'backward' | 'forward',
    granularity: Granularity,
  ): void;
}

function modify(
  alter: 'move' | 'extend',
  direction: 'left' | 'right' | 'backward' | 'forward',
  granularity: Granularity,
): void {
  (getSelection() as (Selection & ModifiableSelection) | null)?.modify(
    alter,
    direction,
    granularity,
  );
}

const caretMoves: Record<
  string,
  [direction: 'left' | 'right' | 'backward' | 'forward', plain: Granularity, ctrl: Granularity]
> = {
  ArrowLeft: ['left', 'character', 'word'],
  ArrowRight: ['right', 'character', 'word'],
  ArrowUp: ['backward', 'line', 'line'],
  ArrowDown: ['forward', 'line', 'line'],
  Home: ['backward', 'lineboundary', 'documentboundary'],
  End: ['forward', 'lineboundary', 'documentboundary'],
  PageUp: ['backward', 'documentboundary', 'documentboundary'],
  PageDown: ['forward', 'documentboundary', 'documentboundary'],
};

/** Collapses a range selection to its start or end; false if it was already collapsed. */
function collapseTo(target: Element, start: boolean): boolean {
  if (isTextControl(target) && hasSelectionApi(target)) {
    const from = target.selectionStart ?? 0;
    const to = target.selectionEnd ?? 0;
    if (from === to) return false;
    const at = start ? from : to;
    target.setSelectionRange(at, at);
    return true;
  }
  const sel = getSelection();
  if (!sel || sel.isCollapsed) return false;
  if (start) sel.collapseToStart();
  else sel.collapseToEnd();
  return true;
}

/** Caret and deletion keys in an editable; true if the key was one of them. */
export function editingKey(target: Element, key: string, mods: ReadonlySet<Modifier>): boolean {
  if (!isEditable(target)) return false;
  const ctrl = mods.has('Control');
  const move = caretMoves[key];
  if (move) {
    const [direction, plain, withCtrl] = move;
    // A plain Left/Right with a range selected collapses it to that side.
    if (
      !mods.has('Shift') &&
      !ctrl &&
      (key === 'ArrowLeft' || key === 'ArrowRight') &&
      collapseTo(target, key === 'ArrowLeft')
    ) {
      return true;
    }
    // A selection the user makes in a text control fires select (select-event.ts).
    asUserSelection(target, () =>
      modify(mods.has('Shift') ? 'extend' : 'move', direction, ctrl ? withCtrl : plain),
    );
    return true;
  }
  if (key === 'Backspace' || key === 'Delete') {
    const sel = getSelection();
    if (ctrl && sel?.isCollapsed)
      modify('extend', key === 'Backspace' ? 'backward' : 'forward', 'word');
    edit(target, key === 'Backspace' ? 'delete' : 'forwardDelete');
    return true;
  }
  return false;
}

/** Ctrl+A: the focused field's content, the editing host's, else the whole page. */
function selectAll(target: Element): string {
  // In a text control the editor's SelectAll fires selectstart, and select at
  // once as for the user's Ctrl+A, even from execCommand (select() would queue
  // select after the keyup).
  if (isTextControl(target) && document.execCommand('selectAll')) {
    const all = target.selectionStart === 0 && target.selectionEnd === target.value.length;
    return all ? 'selected all text in the field' : 'the page prevented selecting all';
  }
  if (!fireSelectStart(target)) return 'the page prevented selecting all';
  if (isTextControl(target)) {
    target.select();
    return 'selected all text in the field';
  }
  let host: Element | null = null;
  for (
    let el: Element | null = target;
    el instanceof HTMLElement && el.isContentEditable;
    el = el.parentElement
  )
    host = el;
  if (host) {
    getSelection()?.selectAllChildren(host);
    return 'selected all text in the editor';
  }
  selectRenderedText(document.body);
  return 'selected all text on the page';
}

/**
 * The page's select-all, as Chromium does it: from the first to the last text
 * that is rendered, so script and style contents at the ends are left out.
 */
function selectRenderedText(root: Element): void {
  const unrendered = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TITLE']);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) =>
      n.parentElement && !unrendered.has(n.parentElement.tagName) && n.textContent?.trim()
        ? NodeFilter.FILTER_ACCEPT
        : NodeFilter.FILTER_REJECT,
  });
  const first = walker.nextNode();
  let last = first;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) last = n;
  if (!first || !last) {
    getSelection()?.selectAllChildren(root);
    return;
  }
  getSelection()?.setBaseAndExtent(first, 0, last, last.textContent?.length ?? 0);
}

/** Ctrl (or Cmd) shortcuts every page gets from the browser. Returns a note, or undefined if not one. */
export function commandKey(
  target: Element,
  code: string,
  mods: ReadonlySet<Modifier>,
): string | undefined {
  if (!(mods.has('Control') || mods.has('Meta')) || mods.has('Alt')) return undefined;
  switch (code) {
    case 'KeyA':
      return selectAll(target);
    case 'KeyC':
      return copyOrCut('copy', target);
    case 'KeyX':
      return copyOrCut('cut', target);
    case 'KeyV':
      return paste(target);
    case 'KeyZ':
      return undoKey(target, mods.has('Shift'));
    case 'KeyY':
      return undoKey(target, true);
    default:
      return undefined;
  }
}
