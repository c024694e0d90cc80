/**
 * The mouse wheel: a WheelEvent at the element under the pointer and, unless
 * the page cancels it, the scroll a real wheel makes
 * (https://w3c.github.io/uievents/#event-type-wheel). A dispatched WheelEvent
 * scrolls nothing by itself.
 */
import type { FramePoint } from '../../extension/geometry.ts';
import { moveTo } from './mouse.ts';
import { pointerPosition } from './mouse-events.ts';
import type { Report } from './report.ts';
import { describeScroller, scrollerFor, scrollNow } from './scrolling.ts';
import { wheelSelectPopup } from './select-popup.ts';
import { buttonsMask, modifierFlags } from './state.ts';

export function wheel(at: FramePoint, deltaX: number, deltaY: number, report: Report): void {
  if (wheelSelectPopup(at, deltaY)) {
    report.note('scrolled the open option list');
    return;
  }
  const target = moveTo(at, report);
  if (!target) return;
  const mods = modifierFlags();
  const event = new WheelEvent('wheel', {
    bubbles: true,
    cancelable: true,
    composed: true,
    ...pointerPosition(at),
    buttons: buttonsMask(),
    deltaX,
    deltaY,
    deltaZ: 0,
    deltaMode: WheelEvent.DOM_DELTA_PIXEL,
    ...mods,
  });
  if (!target.dispatchEvent(event)) {
    report.note(
      'the page handled the wheel itself (preventDefault), so the browser scrolled nothing',
    );
    return;
  }
  if (mods.ctrlKey) {
    report.note('ctrl+wheel zooms the browser, which the page cannot do; nothing was scrolled');
    return;
  }
  const scroller = scrollerFor(target, deltaX, deltaY);
  if (!scroller) {
    report.note('nothing under the pointer can scroll further in that direction');
    return;
  }
  scrollNow(scroller, deltaX, deltaY);
  if (scroller !== window) report.note(`scrolled ${describeScroller(scroller)}, not the page`);
}
