/**
 * The mouse: moves, presses and releases with the events Chromium sends for a
 * real mouse, plus the default actions script-dispatched events lack (focus,
 * text selection, native drag, select lists). Order follows a trusted run
 * recorded in Chromium: pointer event, then its compatibility mouse event.
 */
import type { MouseButton } from '../../extension/actions.ts';
import type { FramePoint } from '../../extension/geometry.ts';
import { describe } from './describe.ts';
import { elementAncestors } from './dom.ts';
import { focusForMouseDown, watchFocus } from './focus.ts';
import { enterWindowFocus } from './window-focus.ts';
import { frameNote, hitTest, isFrame, outsideNote } from './hit-test.ts';
import { flushDomChanges, onRemoval } from './dom-changes.ts';
import { refreshHover, updateHover } from './hover.ts';
import { dragThreshold, draggableSource } from './drag-source.ts';
import { fireClickLike, fireMouse, firePointer } from './mouse-events.ts';
import {
  captureButtonsDown,
  captureTarget,
  endCapture,
  hasCapture,
  processPendingCapture,
} from './pointer-capture.ts';
import { cancelPointerForDrag, dragTo, endDrag, startDrag } from './html-drag.ts';
import { openSelectPopup } from './select-popup.ts';
import { clickLabel, labelledControl } from './label-activation.ts';
import { isListbox, listboxOption, pressListboxOption, releaseListbox } from './select-listbox.ts';
import { Report } from './report.ts';
import { buttonCode, engineState, type PressedButton } from './state.ts';
import {
  endSelectionDrag,
  extendSelectionTo,
  selectionOnRelease,
  selectOnMouseDown,
} from './text-selection.ts';

/**
 * Where each button's press went, until its release decides the click, and
 * whether the page removed that element (or an ancestor) in between.
 */
const pressTargets = new Map<MouseButton, { target: Element; removed: boolean }>();
let watchingPresses = false;

function watchPressRemovals(): void {
  if (watchingPresses) return;
  watchingPresses = true;
  onRemoval((removed) => {
    for (const press of pressTargets.values()) {
      if (removed.contains(press.target)) press.removed = true;
    }
  });
}

/** The element under `p`, with notes for points the engine cannot reach from this frame. */
function targetAt(p: FramePoint, report: Report): Element | null {
  const el = hitTest(p);
  if (!el) {
    report.note(outsideNote(p));
    return null;
  }
  report.target = describe(el);
  if (isFrame(el)) report.note(frameNote(el));
  return el;
}

/** Moves the pointer to `p`: boundary events, pointermove, mousemove, and drag/selection updates. */
export function moveTo(p: FramePoint, report: Report): Element | null {
  const target = targetAt(p, report);
  const left = engineState.pressed.get('left');
  if (engineState.nativeDrag) {
    engineState.pointer = p;
    dragTo(target, p);
    return target;
  }
  // Capture set since the last pointer event takes effect now (only a pressed
  // pointer has any); while captured, the pointer counts as over the capture target.
  if (engineState.pressed.size > 0) processPendingCapture(p);
  const to = captureTarget(target);
  updateHover(to, p);
  if (to) {
    firePointer('pointermove', to, p);
    if (!engineState.suppressMouseCompat) fireMouse('mousemove', to, p, { button: 0 });
  }
  engineState.pointer = p;
  if (left?.defaultAllowed) {
    const far = Math.max(Math.abs(p.x - left.at.x), Math.abs(p.y - left.at.y)) > dragThreshold;
    if (left.dragSource && far) {
      const source = left.dragSource;
      engineState.pressed.set('left', { ...left, dragSource: null });
      if (startDrag(source, p)) {
        cancelPointerForDrag(source, p);
        report.note('started a native drag-and-drop');
      }
    } else if (!left.dragSource) {
      extendSelectionTo(p, target);
    }
  }
  return target;
}

/** Presses `button` at `p` (the pointer is already there). `count` is the click count (detail). */
export function press(button: MouseButton, p: FramePoint, count: number, report: Report): void {
  const target = targetAt(p, report);
  if (!target || isFrame(target)) return;
  const code = buttonCode[button];
  const first = engineState.pressed.size === 0;
  const chain = elementAncestors(target);
  engineState.pressed.set(button, {
    button,
    target,
    chain,
    at: p,
    defaultAllowed: false,
    dragSource: null,
  });
  watchPressRemovals();
  pressTargets.set(button, { target, removed: false });
  // Page handlers may move focus themselves (an editor focusing its hidden textarea): announce it here.
  // The pointer is in the active buttons state: the page may take capture in its pointerdown.
  if (first) captureButtonsDown();
  else processPendingCapture(p);
  const to = captureTarget(target);
  const allowed = watchFocus(() => {
    if (first)
      engineState.suppressMouseCompat = !firePointer('pointerdown', target, p, { button: code });
    else firePointer('pointermove', to, p, { button: code });
    // A cancelled pointerdown withholds the compatibility mouse events, and so their default actions.
    return (
      !engineState.suppressMouseCompat &&
      fireMouse('mousedown', to, p, { button: code, detail: count })
    );
  });
  let dragSource: Element | null = null;
  // A press in this frame's document gives its window the focus (from another frame).
  enterWindowFocus();
  if (allowed && button !== 'middle') {
    watchFocus(() => focusForMouseDown(target));
    engineState.focusStart = target;
  }
  if (allowed && button === 'left') {
    const option = listboxOption(target);
    if (option) pressListboxOption(option, engineState.modifiers);
    else selectOnMouseDown(target, p, count, engineState.modifiers.has('Shift'));
    dragSource = count === 1 ? draggableSource(target) : null;
  }
  engineState.pressed.set(button, {
    button,
    target,
    chain,
    at: p,
    defaultAllowed: allowed,
    dragSource,
  });
  // Linux and macOS open the context menu on press (Windows on release).
  if (button === 'right' && fireClickLike('contextmenu', target, p, { button: code, detail: 0 })) {
    report.note(
      "the browser's own context menu would open here; it is not shown and needs no closing",
    );
  }
}

/** Releases `button` at `p`: pointerup, mouseup, then click/auxclick/dblclick on the common ancestor. */
export function releaseButton(
  button: MouseButton,
  p: FramePoint,
  count: number,
  report: Report,
): void {
  const down = engineState.pressed.get(button);
  const code = buttonCode[button];
  if (button === 'left' && engineState.nativeDrag) {
    engineState.pressed.delete(button);
    pressTargets.delete(button);
    engineState.suppressMouseCompat = false;
    if (engineState.pressed.size === 0) endCapture(p);
    const { dropped } = endDrag(p);
    report.note(
      dropped
        ? `dropped on ${describe(dropped) ?? 'the target'}`
        : 'the drop target refused the drop',
    );
    return;
  }
  engineState.pressed.delete(button);
  const hit = targetAt(p, report);
  processPendingCapture(p);
  // While captured, the up goes to the capture target, and so decides the click with it.
  const target = hit && !isFrame(hit) ? captureTarget(hit) : hit;
  if (hasCapture()) updateHover(target, p, { button: code });
  let upAllowed = true;
  if (target && !isFrame(target)) {
    upAllowed = firePointer(engineState.pressed.size ? 'pointermove' : 'pointerup', target, p, {
      button: code,
    });
    if (!engineState.suppressMouseCompat)
      upAllowed = fireMouse('mouseup', target, p, { button: code, detail: count }) && upAllowed;
  }
  // Implicit release after the last pointerup: lostpointercapture, before the click.
  const released = engineState.pressed.size === 0 && endCapture(p);
  // A list box announces a choice made by the press once the button is up.
  if (button === 'left') releaseListbox();
  if (engineState.pressed.size === 0) {
    engineState.suppressMouseCompat = false;
    // With the last button up, Chromium updates what is under the pointer (the
    // page may have moved things in its mouseup handler), with the up's button;
    // after a capture, only once the click is out (as a trusted run shows).
    if (!released) refreshHover({ button: code });
  }
  try {
    clickAfterRelease(button, down, target, p, count, report);
    // A selection made with the mouse announces itself once the button is up and clicked.
    if (upAllowed) selectionOnRelease(p, code);
  } finally {
    if (released) refreshHover({ button: code });
  }
}

/**
 * Clicks `button` at `p` `count` times (the pointer is already there): each
 * press is paired with its release, which runs even if the press throws.
 */
export function click(button: MouseButton, p: FramePoint, count: number, report: Report): void {
  for (let detail = 1; detail <= count; detail++) {
    try {
      press(button, p, detail, report);
    } finally {
      releaseButton(button, p, detail, report);
    }
  }
}

/**
 * Lets go of every pressed button (for a Stop, or after a failed action): each
 * is released where the pointer is or, when that is unknown, where it went
 * down (never at some made-up point), in its own `try` so that one failure
 * does not keep the others down. Then nothing is pressed and nothing
 * captured, whatever happened; a capture still held is released at
 * `fallbackAt` when no other point is known. The first failure is rethrown
 * once all that is done.
 */
export function releaseAllButtons(fallbackAt: FramePoint | null, report = new Report()): void {
  let lastAt: FramePoint | null = engineState.pointer ?? fallbackAt;
  const failures: unknown[] = [];
  try {
    for (const [button, down] of [...engineState.pressed]) {
      const at = engineState.pointer ?? down.at;
      lastAt = at;
      try {
        releaseButton(button, at, 1, report);
      } catch (error) {
        failures.push(error);
      }
    }
  } finally {
    engineState.pressed.clear();
    pressTargets.clear();
    engineState.suppressMouseCompat = false;
    endCapture(engineState.pointer ?? lastAt);
  }
  if (failures.length) throw failures[0];
}

/** The click, auxclick or dblclick a release makes, at the deepest element shared with the press. */
function clickAfterRelease(
  button: MouseButton,
  down: PressedButton | undefined,
  target: Element | null,
  p: FramePoint,
  count: number,
  report: Report,
): void {
  const code = buttonCode[button];
  if (button === 'left') endSelectionDrag();
  flushDomChanges();
  // No click when the page removed the pressed element before the release
  // (MouseEventManager::NodeWillBeRemoved: "compatible with IE and Firefox").
  const removed = pressTargets.get(button)?.removed ?? false;
  pressTargets.delete(button);
  if (removed) return;
  if (!down || !target || isFrame(target)) return;
  const upChain = new Set(elementAncestors(target));
  const clickTarget = down.chain.find((el) => el.isConnected && upChain.has(el));
  if (!clickTarget) return;
  const init = { button: code, detail: count };
  if (button !== 'left') {
    fireClickLike('auxclick', clickTarget, p, init);
    return;
  }
  // Activation (checkbox, link, submit) runs for dispatched clicks; labels we activate ourselves.
  const control = labelledControl(clickTarget);
  if (control) {
    clickLabel(
      () => fireClickLike('click', clickTarget, p, init),
      () => watchFocus(() => control.focus({ preventScroll: true })),
      () => watchFocus(() => fireClickLike('click', control, p, init)),
    );
  } else {
    watchFocus(() => fireClickLike('click', clickTarget, p, init));
  }
  if (count === 2) fireClickLike('dblclick', clickTarget, p, init);
  const select = clickTarget.closest('select');
  if (count === 1 && down.defaultAllowed && select && !select.disabled && !isListbox(select)) {
    report.note(openSelectPopup(select));
  }
}
