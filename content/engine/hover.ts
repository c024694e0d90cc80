/**
 * Boundary events when the pointer comes to be over another element: pointerout
 * and pointerleave on what it left, pointerover and pointerenter on what it
 * entered, then the same for mouse events, in Chromium's order
 * (https://w3c.github.io/pointerevents/#the-pointerover-event,
 * https://w3c.github.io/uievents/#events-mouseevent-event-order).
 *
 * The pointer need not move for that: when a scroll or a DOM change puts other
 * content under a still pointer, Chromium recomputes the hover state at the
 * next frame and sends the boundary events alone, without a move (its "fake
 * mouse move", MouseEventManager::RecomputeMouseHoverState). And when the page
 * removes the element under the pointer, Chromium takes its parent as the
 * element left, without an out event for it
 * (BoundaryEventDispatcher::SendBoundaryEvents, PointerEventManager::NodeWillBeRemoved).
 */
import type { ViewportPoint } from '../../extension/geometry.ts';
import { flatAncestors } from './dom.ts';
import { flushDomChanges, onDomChange, onRemoval } from './dom-changes.ts';
import { hitTest } from './hit-test.ts';
import { isDragging } from './html-drag.ts';
import { fireMouse, firePointer } from './mouse-events.ts';
import { isSelectPopupOpen } from './select-popup.ts';
import { engineState } from './state.ts';

/** The hovered element and its ancestors (to the Document) when it became hovered. */
let hoveredChain: Node[] = [];
/** The element under the pointer was removed; `engineState.hovered` is the parent it left. */
let hoveredRemoved = false;
let watching = false;

function forgetRemoved(removed: Node, parent: Node): void {
  const hovered = engineState.hovered;
  if (!hovered || !removed.contains(hovered)) return;
  engineState.hovered = parent instanceof Element ? parent : null;
  hoveredChain = flatAncestors(engineState.hovered);
  hoveredRemoved = true;
}

/**
 * Chromium recomputes at most once a frame; we recompute in the microtask after
 * a DOM change (before the engine's next step), but fall back to one a frame
 * if the page keeps changing the DOM in response, so it cannot loop.
 */
let sinceFrame = 0;
let frameQueued = false;

function scheduleRefresh(): void {
  if (sinceFrame < 3) {
    sinceFrame++;
    if (!frameQueued) {
      frameQueued = true;
      requestAnimationFrame(() => {
        frameQueued = false;
        sinceFrame = 0;
      });
    }
    queueMicrotask(() => refreshHover());
  } else if (!frameQueued) {
    frameQueued = true;
    requestAnimationFrame(() => {
      frameQueued = false;
      sinceFrame = 0;
      refreshHover();
    });
  }
}

function watch(): void {
  if (watching) return;
  watching = true;
  onRemoval(forgetRemoved);
  onDomChange(scheduleRefresh);
  // A scroll the page makes moves content under the pointer too (we see it late, at its event).
  window.addEventListener('scroll', scheduleRefresh, { capture: true, passive: true });
  window.addEventListener('resize', scheduleRefresh, { passive: true });
}

/**
 * Makes `next` the element under the pointer, firing the boundary events.
 * `extra` fills the events' fields (the button of a mouseup that caused it).
 */
export function updateHover(
  next: Element | null,
  at: ViewportPoint,
  extra: MouseEventInit = {},
): void {
  watch();
  flushDomChanges();
  let prev = engineState.hovered;
  let removed = hoveredRemoved;
  // Removed where we could not see it (a shadow tree): the nearest ancestor still attached.
  if (prev && !prev.isConnected) {
    const attached = hoveredChain.find((n): n is Element => n instanceof Element && n.isConnected);
    prev = attached ?? null;
    removed = true;
  }
  if (prev === next && !removed) return;
  const prevChain = flatAncestors(prev);
  const nextChain = flatAncestors(next);
  const nextSet = new Set(nextChain);
  const prevSet = new Set(prevChain);
  const leaving = prevChain.filter((n) => !nextSet.has(n));
  const entering = nextChain.filter((n) => !prevSet.has(n)).reverse();
  const out = { ...extra, relatedTarget: next };
  const over = { ...extra, relatedTarget: prev };
  const outOf = removed ? null : prev;

  engineState.hovered = next;
  hoveredChain = nextChain;
  hoveredRemoved = false;

  if (outOf) firePointer('pointerout', outOf, at, out);
  for (const n of leaving) firePointer('pointerleave', n, at, out);
  if (next) firePointer('pointerover', next, at, over);
  for (const n of entering) firePointer('pointerenter', n, at, over);
  if (outOf) fireMouse('mouseout', outOf, at, out);
  for (const n of leaving) fireMouse('mouseleave', n, at, out);
  if (next) fireMouse('mouseover', next, at, over);
  for (const n of entering) fireMouse('mouseenter', n, at, over);
}

/**
 * Re-evaluates what is under the still pointer and sends the boundary events
 * if it changed (after a scroll, or a DOM change under the pointer).
 */
export function refreshHover(extra: MouseEventInit = {}): void {
  const at = engineState.pointer;
  if (!at || isDragging() || isSelectPopupOpen()) return;
  flushDomChanges();
  updateHover(hitTest(at), at, extra);
}

/** Forgets the hover state (the pointer left this frame). */
export function resetHover(): void {
  engineState.hovered = null;
  hoveredChain = [];
  hoveredRemoved = false;
}
