/**
 * Builds and dispatches pointer and mouse events the way Chromium fills them for
 * a real mouse (https://w3c.github.io/pointerevents/, https://w3c.github.io/uievents/).
 */
import type { FramePoint } from '../../extension/geometry.ts';
import { dispatchEndEvent, dispatchStartEvent } from '../page-world/events.ts';
import { buttonsMask, engineState, modifierFlags } from './state.ts';
import { hookCarrier } from './text-event.ts';

/** Events that bubble and can be cancelled; enter/leave do neither. */
const notBubbling = new Set(['mouseenter', 'mouseleave', 'pointerenter', 'pointerleave']);
const notCancelable = new Set([
  ...notBubbling,
  'pointercancel',
  'gotpointercapture',
  'lostpointercapture',
]);

function baseInit(type: string, at: FramePoint, extra: MouseEventInit): MouseEventInit {
  const last = engineState.pointer;
  return {
    bubbles: !notBubbling.has(type),
    cancelable: !notCancelable.has(type),
    // Chromium's enter/leave events do not cross shadow boundaries; the others do.
    composed: !notBubbling.has(type),
    ...pointerPosition(at),
    movementX: last && type.endsWith('move') ? at.x - last.x : 0,
    movementY: last && type.endsWith('move') ? at.y - last.y : 0,
    buttons: buttonsMask(),
    ...modifierFlags(),
    ...extra,
  };
}

/** Where a mouse, wheel or drag event happens: viewport and screen coordinates. */
export function pointerPosition(at: FramePoint): MouseEventInit {
  return {
    view: window,
    clientX: at.x,
    clientY: at.y,
    // The page has no way to know the window frame; this is what a maximised window gives.
    screenX: at.x + window.screenX,
    screenY: at.y + window.screenY + (window.outerHeight - window.innerHeight),
  };
}

let dispatching = 0;

/**
 * True while the engine dispatches a pointer or mouse event with a button of
 * its mouse down: the only time the page may take pointer capture for it
 * (pointer-capture.ts, and the page-world hook, which is told so for each
 * such dispatch and otherwise leaves capture to the browser).
 */
export function inEngineDispatch(): boolean {
  return dispatching > 0;
}

function dispatch(target: EventTarget, event: Event): boolean {
  if (engineState.pressed.size === 0) return target.dispatchEvent(event);
  const carrier = dispatching === 0 ? hookCarrier() : null;
  dispatching++;
  try {
    carrier?.dispatchEvent(new Event(dispatchStartEvent));
    return target.dispatchEvent(event);
  } finally {
    dispatching--;
    carrier?.dispatchEvent(new Event(dispatchEndEvent));
  }
}

/** Dispatches a MouseEvent; returns false if a handler called preventDefault. */
export function fireMouse(
  type: string,
  target: EventTarget,
  at: FramePoint,
  extra: MouseEventInit = {},
): boolean {
  return dispatch(target, new MouseEvent(type, baseInit(type, at, extra)));
}

/**
 * Dispatches a PointerEvent for the mouse (pointerId 1, primary). `button` is -1
 * when no button changed, as for pointermove.
 */
export function firePointer(
  type: string,
  target: EventTarget,
  at: FramePoint,
  extra: MouseEventInit = {},
): boolean {
  const init: PointerEventInit = {
    ...baseInit(type, at, { button: -1, ...extra }),
    pointerId: 1,
    pointerType: 'mouse',
    isPrimary: true,
    width: 1,
    height: 1,
    pressure: buttonsMask() ? 0.5 : 0,
  };
  return dispatch(target, new PointerEvent(type, init));
}

/** click, auxclick and contextmenu are PointerEvents in Chromium (https://crbug.com/1150979). */
export function fireClickLike(
  type: 'click' | 'auxclick' | 'contextmenu' | 'dblclick',
  target: EventTarget,
  at: FramePoint,
  extra: MouseEventInit,
): boolean {
  if (type === 'dblclick') return fireMouse(type, target, at, extra);
  const init: PointerEventInit = {
    ...baseInit(type, at, extra),
    pointerId: 1,
    pointerType: 'mouse',
    isPrimary: true,
  };
  return dispatch(target, new PointerEvent(type, init));
}
