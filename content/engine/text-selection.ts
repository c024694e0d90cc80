/**
 * Text selection made with the mouse, which script-dispatched events never make
 * (https://w3c.github.io/uievents/#event-type-mousedown, default action):
 * a click places the caret, a double click selects a word, a triple click a
 * paragraph, and a drag selects what it passes over.
 */
import type { ViewportPoint } from '../../extension/geometry.ts';
import { caretFromPoint, type Caret } from './chromium-caret.ts';
import { hasSelectionApi, isTextControl } from './dom.ts';

type TextControl = HTMLInputElement | HTMLTextAreaElement;

/** Where a drag selection started; null when the press does not select. */
let anchor: { readonly control: TextControl; readonly offset: number } | Caret | null = null;

const nonTextTargets = 'button, select, option, img, video, canvas, svg, input';

function selectable(el: Element): boolean {
  if (isTextControl(el)) return hasSelectionApi(el);
  if (el.closest(nonTextTargets)) return false;
  return getComputedStyle(el).userSelect !== 'none';
}

/** Offset in a control's value under `p`; clamps to the start or end when `p` is outside it. */
function controlOffset(control: TextControl, p: ViewportPoint): number {
  const caret = caretFromPoint(p, control);
  if (caret?.node === control) return caret.offset;
  const r = control.getBoundingClientRect();
  const before = p.y < r.top || (p.y <= r.bottom && p.x < r.left);
  return before ? 0 : control.value.length;
}

/** The word (or run of spaces/punctuation) around `offset`, as Intl.Segmenter sees words. */
export function wordRange(text: string, offset: number): [number, number] {
  let last: [number, number] = [offset, offset];
  for (const s of new Intl.Segmenter(undefined, { granularity: 'word' }).segment(text)) {
    last = [s.index, s.index + s.segment.length];
    if (offset < last[1]) return last;
  }
  return last;
}

function lineRange(text: string, offset: number): [number, number] {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return [start, end === -1 ? text.length : end];
}

function selectInControl(
  control: TextControl,
  offset: number,
  count: number,
  extend: boolean,
): void {
  const v = control.value;
  if (count === 2) {
    control.setSelectionRange(...wordRange(v, offset));
  } else if (count >= 3) {
    if (control instanceof HTMLTextAreaElement) control.setSelectionRange(...lineRange(v, offset));
    else control.setSelectionRange(0, v.length);
  } else if (extend && control.selectionStart !== null) {
    const from =
      control.selectionDirection === 'backward'
        ? (control.selectionEnd ?? 0)
        : control.selectionStart;
    control.setSelectionRange(
      Math.min(from, offset),
      Math.max(from, offset),
      offset < from ? 'backward' : 'forward',
    );
  } else {
    control.setSelectionRange(offset, offset);
  }
}

function blockOf(node: Node): Element | null {
  for (let n: Node | null = node; n; n = n.parentNode) {
    if (n instanceof Element && !getComputedStyle(n).display.startsWith('inline')) return n;
  }
  return null;
}

function selectInDocument(caret: Caret, count: number, extend: boolean): void {
  const sel = getSelection();
  if (!sel) return;
  if (count === 2 && caret.node instanceof Text) {
    const [start, end] = wordRange(caret.node.data, caret.offset);
    sel.setBaseAndExtent(caret.node, start, caret.node, end);
  } else if (count >= 3) {
    const block = blockOf(caret.node);
    if (block) sel.selectAllChildren(block);
  } else if (extend && sel.rangeCount > 0) {
    sel.extend(caret.node, caret.offset);
  } else {
    sel.collapse(caret.node, caret.offset);
  }
}

/** mousedown's selection default action, after focus has moved. */
export function selectOnMouseDown(
  target: Element,
  p: ViewportPoint,
  count: number,
  extend: boolean,
): void {
  anchor = null;
  if (!selectable(target)) return;
  if (isTextControl(target)) {
    const offset = controlOffset(target, p);
    selectInControl(target, offset, count, extend);
    if (count === 1)
      anchor = { control: target, offset: extend ? (target.selectionStart ?? offset) : offset };
    return;
  }
  const caret = caretFromPoint(p, target);
  if (!caret || isTextControl(caret.node as Element)) return;
  // A press starts a selection: selectstart first, at the node the selection
  // starts in (a Text node, as Chromium does), and a cancelled one starts none
  // (https://w3c.github.io/selection-api/#selectstart-event). Text fields fire none.
  if (!fireSelectStart(caret.node)) return;
  selectInDocument(caret, count, extend);
  if (count === 1) anchor = caret;
}

/** Fires selectstart where a selection begins; false when the page cancelled it. */
export function fireSelectStart(at: Node): boolean {
  return at.dispatchEvent(new Event('selectstart', { bubbles: true, cancelable: true }));
}

/** While the left button is down: the selection runs from the press to `p`. */
export function extendSelectionTo(p: ViewportPoint, hit: Element | null): void {
  if (!anchor) return;
  if ('control' in anchor) {
    const { control, offset: from } = anchor;
    const to = controlOffset(control, p);
    control.setSelectionRange(
      Math.min(from, to),
      Math.max(from, to),
      to < from ? 'backward' : 'forward',
    );
    return;
  }
  const caret = caretFromPoint(p, hit);
  if (caret && !isTextControl(caret.node as Element)) {
    getSelection()?.setBaseAndExtent(anchor.node, anchor.offset, caret.node, caret.offset);
  }
}

export function endSelectionDrag(): void {
  anchor = null;
}
