/**
 * HTML5 drag and drop, which script-dispatched mouse events never start. Once a
 * press on a draggable element moves past the drag threshold, the page sees
 * what Chromium sends for a real drag: dragstart, pointercancel, then for each
 * move drag, dragenter/dragleave and dragover, and at release drop (if the last
 * dragover was cancelled) and dragend, all sharing one DataTransfer
 * (https://html.spec.whatwg.org/multipage/dnd.html#drag-and-drop-processing-model).
 */
import type { ViewportPoint } from '../../extension/geometry.ts';
import { elementAncestors, isTextControl } from './dom.ts';
import { buttonsMask, modifierFlags } from './state.ts';

/** Chromium starts a drag after the pointer moves this far (CSS px) with the button down. */
export const dragThreshold = 4;

interface Session {
  readonly source: Element;
  readonly data: DataTransfer;
  over: Element | null;
  /** The current target cancelled the last dragover: a drop may happen. */
  accepted: boolean;
}

let session: Session | null = null;

/** The element a press on `target` would drag natively (draggable=true, links and images). */
export function draggableSource(target: Element): Element | null {
  if (isTextControl(target)) return null;
  return elementAncestors(target).find((el) => el instanceof HTMLElement && el.draggable) ?? null;
}

export function isDragging(): boolean {
  return session !== null;
}

function fireDrag(
  type: string,
  target: Element,
  at: ViewportPoint,
  data: DataTransfer,
  related: Element | null = null,
): boolean {
  const init: DragEventInit = {
    bubbles: true,
    cancelable: !['dragleave', 'dragend'].includes(type),
    composed: true,
    view: window,
    clientX: at.x,
    clientY: at.y,
    screenX: at.x + window.screenX,
    screenY: at.y + window.screenY + (window.outerHeight - window.innerHeight),
    buttons: type === 'dragend' ? 0 : buttonsMask(),
    relatedTarget: related,
    dataTransfer: data,
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

/** dragstart at the source; false if the page cancelled it (then the press stays a plain press). */
export function startDrag(source: Element, at: ViewportPoint): boolean {
  const data = new DataTransfer();
  defaultData(source, data);
  if (!fireDrag('dragstart', source, at, data)) return false;
  session = { source, data, over: null, accepted: false };
  return true;
}

export function dragTo(target: Element | null, at: ViewportPoint): void {
  const s = session;
  if (!s) return;
  fireDrag('drag', s.source, at, s.data);
  if (target !== s.over) {
    if (target) fireDrag('dragenter', target, at, s.data, s.over);
    if (s.over) fireDrag('dragleave', s.over, at, s.data, target);
    s.over = target;
  }
  // A dragover handler that calls preventDefault accepts the drop; one that does not refuses it.
  // (Chromium keeps effectAllowed/dropEffect of a script-made DataTransfer at 'none', so the
  // effects the page sets cannot be honoured; the cancellation alone decides.)
  s.accepted = target !== null && !fireDrag('dragover', target, at, s.data);
}

/** Release: drop on an accepting target, else leave it; then dragend at the source. */
export function endDrag(at: ViewportPoint): { dropped: Element | null } {
  const s = session;
  session = null;
  if (!s) return { dropped: null };
  let dropped: Element | null = null;
  if (s.over && s.accepted) {
    fireDrag('drop', s.over, at, s.data);
    dropped = s.over;
  } else {
    if (s.over) fireDrag('dragleave', s.over, at, s.data);
  }
  fireDrag('dragend', s.source, at, s.data);
  return { dropped };
}

/** pointercancel: from here on the drag owns the pointer (Chromium's order after dragstart). */
export function cancelPointerForDrag(source: Element, at: ViewportPoint): void {
  source.dispatchEvent(
    new PointerEvent('pointercancel', {
      bubbles: true,
      composed: true,
      clientX: at.x,
      clientY: at.y,
      pointerId: 1,
      pointerType: 'mouse',
      isPrimary: true,
    }),
  );
}
