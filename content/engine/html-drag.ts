/**
 * HTML5 drag and drop, which script-dispatched mouse events never start. Once a
 * press on a draggable element moves past the drag threshold, the page sees
 * what Chromium sends for a real drag: dragstart, pointercancel, then for each
 * move drag, dragenter/dragleave and dragover, and at release drop (if the last
 * dragover was cancelled) and dragend, all sharing one DataTransfer
 * (https://html.spec.whatwg.org/multipage/dnd.html#drag-and-drop-processing-model).
 */
import type { FramePoint } from '../../extension/geometry.ts';
import { point } from '../../extension/geometry.ts';
import { flatAncestors } from './dom.ts';
import { hitTest } from './hit-test.ts';
import { resetHover } from './hover.ts';
import { fireMouse, firePointer, pointerPosition } from './mouse-events.ts';
import { buttonsMask, engineState, modifierFlags } from './state.ts';

interface Session {
  readonly source: Element;
  readonly data: DataTransfer;
  /** Buttons held for the drag: drag events carry them until dragend, release or not. */
  readonly buttons: number;
  /** The move that started the drag: the last position pointer events saw. */
  readonly startedAt: FramePoint;
  /** The element under the mouse when the drag took over, and whether the page removed it since. */
  readonly mouseOver: Element | null;
  readonly removals: MutationObserver;
  over: Element | null;
  /** The current target cancelled the last dragover: a drop may happen. */
  accepted: boolean;
}

let session: Session | null = null;

function fireDrag(
  type: string,
  target: Element,
  at: FramePoint,
  s: Pick<Session, 'data' | 'buttons'>,
  related: Element | null = null,
): boolean {
  const init: DragEventInit = {
    bubbles: true,
    cancelable: !['dragleave', 'dragend'].includes(type),
    composed: true,
    ...pointerPosition(at),
    buttons: type === 'dragend' ? 0 : s.buttons,
    relatedTarget: related,
    dataTransfer: s.data,
    ...modifierFlags(),
  };
  return target.dispatchEvent(new DragEvent(type, init));
}

/** What the browser puts in the DataTransfer for links, images and selected text. */
function defaultData(source: Element, data: DataTransfer): void {
  if (source instanceof HTMLAnchorElement && source.href) {
    data.setData('text/uri-list', source.href);
    data.setData('text/plain', source.href);
  } else if (source instanceof HTMLImageElement && source.src) {
    data.setData('text/uri-list', source.src);
  }
}

/**
 * dragstart at the source, positioned where the button went down (Chromium
 * reports the drag's origin, not the move that crossed the threshold); false if
 * the page cancelled it (then the press stays a plain press).
 */
export function startDrag(source: Element, at: FramePoint): boolean {
  const data = new DataTransfer();
  defaultData(source, data);
  const buttons = buttonsMask();
  const pressedAt = engineState.pressed.get('left')?.at ?? at;
  if (!fireDrag('dragstart', source, pressedAt, { data, buttons })) return false;
  // A hovered node the page removes (even to re-insert it, as a drop handler moving the source
  // does) hands the mouse over to its parent in Chromium (MouseEventManager::NodeWillBeRemoved).
  const removals = new MutationObserver(() => undefined);
  removals.observe(document, { childList: true, subtree: true });
  engineState.nativeDrag = true;
  session = {
    source,
    data,
    buttons,
    startedAt: at,
    mouseOver: engineState.hovered,
    removals,
    over: null,
    accepted: false,
  };
  return true;
}

export function dragTo(target: Element | null, at: FramePoint): void {
  const s = session;
  if (!s) return;
  fireDrag('drag', s.source, at, s);
  if (target !== s.over) {
    if (target) fireDrag('dragenter', target, at, s, s.over);
    if (s.over) fireDrag('dragleave', s.over, at, s, target);
    s.over = target;
  }
  // A dragover handler that calls preventDefault accepts the drop; one that does not refuses it.
  // (Chromium keeps effectAllowed/dropEffect of a script-made DataTransfer at 'none', so the
  // effects the page sets cannot be honoured; the cancellation alone decides.)
  s.accepted = target !== null && !fireDrag('dragover', target, at, s);
}

/**
 * Release: drop on an accepting target, else leave it; then dragend at the
 * source, and the pointer comes back (see `pointerReturns`).
 */
export function endDrag(at: FramePoint): { dropped: Element | null } {
  const s = session;
  session = null;
  engineState.nativeDrag = false;
  if (!s) return { dropped: null };
  let dropped: Element | null = null;
  if (s.over && s.accepted) {
    fireDrag('drop', s.over, at, s);
    dropped = s.over;
  } else {
    if (s.over) fireDrag('dragleave', s.over, at, s);
  }
  fireDrag('dragend', s.source, at, s);
  pointerReturns(s);
  return { dropped };
}

/**
 * Once the drag ends, Chromium replays a mouse move at the last position
 * pointer events saw (where the drag started), with the drag's buttons: the
 * pointer, which left everything at pointercancel, enters the element there
 * again; the mouse, whose tracking the drag left alone, gets boundary events
 * only if what it was over changed.
 */
function pointerReturns(s: Session): void {
  const records = s.removals.takeRecords();
  s.removals.disconnect();
  const at = s.startedAt;
  // Chromium's mouse stays where the drag took it over until the next real move.
  engineState.pointer = at;
  const target = hitTest(at);
  if (!target) return;
  const init = { buttons: s.buttons };
  const chain = flatAncestors(target);
  firePointer('pointerover', target, at, { ...init, relatedTarget: null });
  for (const n of [...chain].reverse()) firePointer('pointerenter', n, at, init);

  let exited = s.mouseOver;
  let removed = false;
  for (const r of records) {
    for (const n of Array.from(r.removedNodes)) {
      if (exited && n.contains(exited) && r.target instanceof Element) {
        exited = r.target;
        removed = true;
      }
    }
  }
  if (exited === target && !removed) return;
  const exitedChain = flatAncestors(exited?.isConnected ? exited : null);
  const entered = new Set(chain);
  const left = new Set(exitedChain);
  const out = { ...init, relatedTarget: target };
  const over = { ...init, relatedTarget: exited };
  if (exited && !removed) fireMouse('mouseout', exited, at, out);
  for (const n of exitedChain) if (!entered.has(n)) fireMouse('mouseleave', n, at, out);
  fireMouse('mouseover', target, at, over);
  for (const n of [...chain].reverse()) if (!left.has(n)) fireMouse('mouseenter', n, at, over);
  engineState.hovered = target;
}

/**
 * From here on the drag owns the pointer (Chromium's order after dragstart):
 * pointercancel, then the pointer leaves everything, all with no position; then
 * the move that started the drag is a drag move.
 */
export function cancelPointerForDrag(source: Element, at: FramePoint): void {
  const nowhere = point<'frame'>(0, 0);
  const init = { button: 0, buttons: 0, relatedTarget: null };
  firePointer('pointercancel', source, nowhere, init);
  const hovered = engineState.hovered?.isConnected ? engineState.hovered : null;
  if (hovered) firePointer('pointerout', hovered, nowhere, init);
  for (const n of flatAncestors(hovered)) firePointer('pointerleave', n, nowhere, init);
  resetHover();
  dragTo(hitTest(at), at);
}
