/**
 * What a press could drag natively, and how far the pointer must move to start
 * the drag. The drag itself is html-drag.ts.
 */
import { elementAncestors, isTextControl } from './dom.ts';

/** Chromium starts a drag after the pointer moves this far (CSS px) with the button down. */
export const dragThreshold = 4;

/** The element a press on `target` would drag natively (draggable=true, links and images). */
export function draggableSource(target: Element): Element | null {
  if (isTextControl(target)) return null;
  return elementAncestors(target).find((el) => el instanceof HTMLElement && el.draggable) ?? null;
}
