/**
 * Text selection made with the mouse, which script-dispatched events never make
 * (https://w3c.github.io/uievents/#event-type-mousedown, default action):
 * a click places the caret, a double click selects a word, a triple click a
 * paragraph, and a drag selects what it passes over.
 *
 * In a text control the press moves the selection silently; the `select`
 * event comes at the release, after its mouseup, click and dblclick, when
 * SelectionController::HandleMouseReleaseEvent tells the control holding the
 * selection (FrameSelection::NotifyTextControlOfSelectionChange, by the user):
 * it fires if that selection is a range, whether or not this press changed it,
 * for any button, and not at all when the pointerup or mouseup was cancelled.
 */
import type { FramePoint } from '../../extension/geometry.ts';
import { caretFromPoint, type Caret } from './chromium-caret.ts';
import {
  deepActiveElement,
  elementAncestors,
  flatParent,
  hasSelectionApi,
  isTextControl,
} from './dom.ts';
import { fireSelect, placeSelection } from './select-event.ts';

type TextControl = HTMLInputElement | HTMLTextAreaElement;

/** Where a drag selection started; null when the press does not select. */
let anchor: { readonly control: TextControl; readonly offset: number } | Caret | null = null;

/**
 * A single press inside the focused control's selected text keeps the
 * selection (it may start dragging that text); the release puts the caret at
 * the press if the pointer did not move (SelectionController's
 * mouse_down_was_single_click_in_selection_).
 */
let collapseOnRelease: {
  readonly control: TextControl;
  readonly offset: number;
  readonly at: FramePoint;
} | null = null;

const nonTextTargets = 'button, select, option, img, video, canvas, svg, input';

function selectable(el: Element): boolean {
  if (isTextControl(el)) return hasSelectionApi(el);
  if (el.closest(nonTextTargets)) return false;
  return getComputedStyle(el).userSelect !== 'none';
}

/**
 * Whether a press on `target` may start a selection, as Chromium's
 * Node::CanStartSelection decides it walking up the flat tree: editable content
 * may; a link may not (HTMLAnchorElement::CanStartSelection: pressing a link
 * prepares a drag of the link instead), nor user-select: none; user-select:
 * text or all may, unless the element is itself dragged (-webkit-user-drag: element).
 */
function canStartSelection(target: Element): boolean {
  for (const el of elementAncestors(target)) {
    if (el instanceof HTMLElement && el.isContentEditable) return true;
    const link =
      (el instanceof HTMLAnchorElement && el.hasAttribute('href')) ||
      (el instanceof SVGAElement && (el.hasAttribute('href') || el.hasAttribute('xlink:href')));
    if (link) return false;
    const style = getComputedStyle(el);
    if (style.userSelect === 'none') return false;
    const drag = style.getPropertyValue('-webkit-user-drag');
    if ((style.userSelect === 'text' || style.userSelect === 'all') && drag !== 'element') {
      return true;
    }
  }
  return true;
}

/** The node a hit test at `p` ends on: the Text node when `p` is on its glyphs' boxes, else `target`. */
function innerNodeAt(p: FramePoint, target: Element, caret: Caret): Node {
  const node = caret.node;
  if (!(node instanceof Text) || flatParent(node) !== target) return target;
  const range = document.createRange();
  range.selectNodeContents(node);
  for (const r of Array.from(range.getClientRects())) {
    if (p.x >= r.left && p.x <= r.right && p.y >= r.top && p.y <= r.bottom) return node;
  }
  return target;
}

/** Offset in a control's value under `p`; clamps to the start or end when `p` is outside it. */
function controlOffset(control: TextControl, p: FramePoint): number {
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
    placeSelection(control, ...wordRange(v, offset));
  } else if (count >= 3) {
    if (control instanceof HTMLTextAreaElement) placeSelection(control, ...lineRange(v, offset));
    else placeSelection(control, 0, v.length);
  } else if (extend && control.selectionStart !== null) {
    const from =
      control.selectionDirection === 'backward'
        ? (control.selectionEnd ?? 0)
        : control.selectionStart;
    selectFromTo(control, from, offset);
  } else {
    placeSelection(control, offset);
  }
}

/** Selects from `from` (the anchor) to `to` in `control`, backward when `to` comes first. */
function selectFromTo(control: TextControl, from: number, to: number): void {
  placeSelection(
    control,
    Math.min(from, to),
    Math.max(from, to),
    to < from ? 'backward' : 'forward',
  );
}

/** Whether `offset` lies strictly inside the range selected in focused `control`. */
function insideSelection(control: TextControl, offset: number): boolean {
  const { selectionStart: start, selectionEnd: end } = control;
  return (
    deepActiveElement() === control &&
    start !== null &&
    end !== null &&
    start < offset &&
    offset < end
  );
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
  p: FramePoint,
  count: number,
  extend: boolean,
): void {
  anchor = null;
  collapseOnRelease = null;
  if (!selectable(target)) return;
  if (isTextControl(target)) {
    const offset = controlOffset(target, p);
    if (count === 1 && !extend && insideSelection(target, offset)) {
      collapseOnRelease = { control: target, offset, at: p };
      return;
    }
    selectInControl(target, offset, count, extend);
    if (count === 1)
      anchor = { control: target, offset: extend ? (target.selectionStart ?? offset) : offset };
    return;
  }
  const caret = caretFromPoint(p, target);
  if (!caret || isTextControl(caret.node as Element)) return;
  if (!canStartSelection(target)) return;
  // A press starts a selection: selectstart first, at the node the hit test
  // found (the Text node when the point is on text, else the element), and a
  // cancelled one starts none (https://w3c.github.io/selection-api/#selectstart-event,
  // SelectionController::HandleSingleClick). Text fields fire none.
  if (!fireSelectStart(innerNodeAt(p, target, caret))) return;
  selectInDocument(caret, count, extend);
  if (count === 1) anchor = caret;
}

/** Fires selectstart where a selection begins; false when the page cancelled it. */
export function fireSelectStart(at: Node): boolean {
  return at.dispatchEvent(new Event('selectstart', { bubbles: true, cancelable: true }));
}

/** While the left button is down: the selection runs from the press to `p`. */
export function extendSelectionTo(p: FramePoint, hit: Element | null): void {
  if (!anchor) return;
  if ('control' in anchor) {
    const { control, offset: from } = anchor;
    selectFromTo(control, from, controlOffset(control, p));
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

/**
 * The release's selection step, after its mouseup, click and dblclick (any
 * button; skipped when the page cancelled the pointerup or mouseup): a press
 * inside a selection puts the caret there if the pointer did not move, then
 * the focused text control fires `select` if its selection is a range.
 */
export function selectionOnRelease(p: FramePoint, button: number): void {
  const pending = collapseOnRelease;
  collapseOnRelease = null;
  anchor = null;
  const still =
    pending &&
    Math.floor(pending.at.x) === Math.floor(p.x) &&
    Math.floor(pending.at.y) === Math.floor(p.y);
  if (pending && still && button !== 2 && deepActiveElement() === pending.control)
    placeSelection(pending.control, pending.offset);
  const el = deepActiveElement();
  if (el && isTextControl(el) && hasSelectionApi(el) && el.selectionStart !== el.selectionEnd)
    fireSelect(el);
}
