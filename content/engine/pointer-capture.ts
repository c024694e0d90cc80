/**
 * Pointer capture for the engine's mouse (pointerId 1). A page's
 * `setPointerCapture` during a dispatched press does nothing in Chromium (no
 * real button is down), so the page-world hook (content/page-world/events.ts)
 * answers it while the engine holds a button and names the element here; the
 * engine then does what Chromium does for a real mouse
 * (https://w3c.github.io/pointerevents/#pointer-capture):
 *
 * - pending capture is processed immediately before the next pointer event:
 *   lostpointercapture at the old target, gotpointercapture at the new one
 *   (#process-pending-pointer-capture);
 * - while captured, pointer events and their compatibility mouse events go to
 *   the capture target, and the pointer counts as over it (boundary events);
 * - after pointerup capture is released implicitly, so lostpointercapture
 *   follows the up (#implicit-release-of-pointer-capture); Chromium fires the
 *   mouseup in between, and the click after.
 *
 * The hook's answer is an ordinary event the page could dispatch too, so it
 * counts only while the engine itself is dispatching a pointer or mouse event
 * with a button down (mouse-events.ts), the only time the hook gives it: a
 * page cannot make the engine retarget its events when the page likes.
 */
import type { FramePoint } from '../../extension/geometry.ts';
import {
  captureReleaseEvent,
  captureSetEvent,
  pointerDownEvent,
  pointerUpEvent,
} from '../page-world/events.ts';
import { firePointer, inEngineDispatch } from './mouse-events.ts';
import { hookCarrier } from './text-event.ts';

/**
 * Chromium builds got/lostpointercapture from the pointer's id, type and
 * position only (PointerEventFactory::CreatePointerCaptureEvent): no button,
 * buttons or modifiers, even while a button is down.
 */
const captureInit: MouseEventInit = {
  button: 0,
  buttons: 0,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
};

/** The pending capture target override, as the page last set it. */
let pending: Element | null = null;
/** The element that has capture now (gotpointercapture was fired at it). */
let current: Element | null = null;
let listening = false;

function listen(): void {
  if (listening) return;
  listening = true;
  // Early in the private event's path (window, capture phase): page listeners
  // registered there before the content script still see it, the others do not.
  window.addEventListener(
    captureSetEvent,
    (e) => {
      if (!inEngineDispatch()) return;
      e.stopImmediatePropagation();
      const el = e.composedPath()[0];
      if (el instanceof Element) pending = el;
    },
    true,
  );
  window.addEventListener(
    captureReleaseEvent,
    (e) => {
      if (!inEngineDispatch()) return;
      e.stopImmediatePropagation();
      if (e.composedPath()[0] === pending) pending = null;
    },
    true,
  );
}

/** The engine's mouse has a button down from now on: the hook may grant capture. */
export function captureButtonsDown(): void {
  listen();
  hookCarrier()?.dispatchEvent(new Event(pointerDownEvent));
}

/** Implicit release: no button is down any more; the hook forgets the pending capture. */
function releaseImplicitly(): void {
  pending = null;
  hookCarrier()?.dispatchEvent(new Event(pointerUpEvent));
}

/**
 * Runs the pending capture steps before a pointer event at `at`: lostpointercapture
 * at the element that loses capture (the document if it left the tree),
 * gotpointercapture at the one that gains it.
 */
export function processPendingCapture(at: FramePoint): void {
  if (pending && !pending.isConnected) pending = null;
  if (current === pending) return;
  const lost = current;
  current = pending;
  if (lost) firePointer('lostpointercapture', lost.isConnected ? lost : document, at, captureInit);
  if (current) firePointer('gotpointercapture', current, at, captureInit);
}

/** Where a pointer event at the hit-test `target` goes: the capture target while there is one. */
export function captureTarget<T extends Element | null>(target: T): Element | T {
  return current?.isConnected ? current : target;
}

export function hasCapture(): boolean {
  return current !== null;
}

/**
 * After the last button's pointerup (and mouseup): release and announce it at
 * `at`, or without events when there is no point; true if there was capture.
 * Capture ends even if a page handler throws.
 */
export function endCapture(at: FramePoint | null): boolean {
  const had = current !== null;
  try {
    releaseImplicitly();
    if (at) processPendingCapture(at);
  } finally {
    pending = null;
    current = null;
  }
  return had;
}
