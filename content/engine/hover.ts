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
 * element left, without an out event for it, and sends an over event even
 * when that parent is still what is under the pointer (related = itself)
 * (BoundaryEventDispatcher::SendBoundaryEvents, PointerEventManager::NodeWillBeRemoved).
 *
 * Pointer and mouse keep that "removed" mark apart. When a container loses
 * all its children at once (textContent, innerHTML, replaceChildren: see
 * dom-changes.ts) and the pointer is over the container or inside it, the
 * mouse's bookkeeping marks a removal only if the element under it was one of
 * the children or inside one (MouseEventManager::NodeChildrenWillBeRemoved),
 * while the pointer's marks the container itself as removed even when it is
 * the element under the pointer. So an editor that re-renders its text under
 * a still pointer gets, at the next hover update, a lone pointerover with the
 * container as target and related target, and no mouseover (measured in
 * Chromium 156).
 */
import type { FramePoint } from '../../extension/geometry.ts';
import { flatAncestors } from './dom.ts';
import { flushDomChanges, onChildrenRemoved, onDomChange, onRemoval } from './dom-changes.ts';
import { hitTest } from './hit-test.ts';
import { fireMouse, firePointer } from './mouse-events.ts';
import { captureTarget } from './pointer-capture.ts';
import { isSelectPopupOpen } from './select-popup.ts';
import { engineState } from './state.ts';

/** The hovered element and its ancestors (to the Document) when it became hovered. */
let hoveredChain: Node[] = [];
/**
 * The element under the pointer was removed, for the pointer's and for the
 * mouse's bookkeeping: `engineState.hovered` is the element left in its place,
 * which gets no out event and an over event even if it is still under the pointer.
 */
let pointerRemoved = false;
let mouseRemoved = false;
let watching = false;

function forgetRemoved(removed: Node, parent: Node): void {
  const hovered = engineState.hovered;
  if (!hovered || !removed.contains(hovered)) return;
  engineState.hovered = parent instanceof Element ? parent : null;
  hoveredChain = flatAncestors(engineState.hovered);
  pointerRemoved = true;
  mouseRemoved = true;
}

/** `container` lost all its children at once (PointerEventManager and MouseEventManager differ). */
function forgetChildren(container: Node): void {
  const hovered = engineState.hovered;
  if (!hovered || !(container instanceof Element) || !container.contains(hovered)) return;
  if (hovered !== container) mouseRemoved = true;
  pointerRemoved = true;
  engineState.hovered = container;
  hoveredChain = flatAncestors(container);
}

/**
 * Chromium recomputes at most once a frame, and a frame passes between a
 * person's inputs; we recompute in the microtask after a DOM change, before
 * the engine's next step. If the page keeps changing the DOM in answer within
 * one task, we fall back to once a frame so it cannot loop. The count restarts
 * with the next task, not the next frame, so how many updates a run of
 * keystrokes gets does not depend on the frame rate.
 */
const maxPerTask = 3;
let inTask = 0;
let resetQueued = false;
let frameQueued = false;

function nextTask(fn: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => fn();
  channel.port2.postMessage(null);
}

function scheduleRefresh(): void {
  if (inTask < maxPerTask) {
    inTask++;
    if (!resetQueued) {
      resetQueued = true;
      nextTask(() => {
        resetQueued = false;
        inTask = 0;
      });
    }
    queueMicrotask(() => refreshHover());
  } else if (!frameQueued) {
    frameQueued = true;
    requestAnimationFrame(() => {
      frameQueued = false;
      refreshHover();
    });
  }
}

function watch(): void {
  if (watching) return;
  watching = true;
  onChildrenRemoved(forgetChildren);
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
  at: FramePoint,
  extra: MouseEventInit = {},
): void {
  watch();
  flushDomChanges();
  let prev = engineState.hovered;
  let pointerGone = pointerRemoved;
  let mouseGone = mouseRemoved;
  // Removed where we could not see it (a shadow tree): the nearest ancestor still attached.
  if (prev && !prev.isConnected) {
    const attached = hoveredChain.find((n): n is Element => n instanceof Element && n.isConnected);
    prev = attached ?? null;
    pointerGone = true;
    mouseGone = true;
  }
  // Each side sends nothing when the element is unchanged and not marked removed.
  const pointerSide = prev !== next || pointerGone;
  const mouseSide = prev !== next || mouseGone;
  if (!pointerSide && !mouseSide) return;
  const prevChain = flatAncestors(prev);
  const nextChain = flatAncestors(next);
  const nextSet = new Set(nextChain);
  const prevSet = new Set(prevChain);
  const leaving = prevChain.filter((n) => !nextSet.has(n));
  const entering = nextChain.filter((n) => !prevSet.has(n)).reverse();
  const out = { ...extra, relatedTarget: next };
  const over = { ...extra, relatedTarget: prev };

  engineState.hovered = next;
  hoveredChain = nextChain;
  pointerRemoved = false;
  mouseRemoved = false;

  if (pointerSide) {
    if (prev && !pointerGone) firePointer('pointerout', prev, at, out);
    for (const n of leaving) firePointer('pointerleave', n, at, out);
    if (next) firePointer('pointerover', next, at, over);
    for (const n of entering) firePointer('pointerenter', n, at, over);
  }
  if (mouseSide) {
    if (prev && !mouseGone) fireMouse('mouseout', prev, at, out);
    for (const n of leaving) fireMouse('mouseleave', n, at, out);
    if (next) fireMouse('mouseover', next, at, over);
    for (const n of entering) fireMouse('mouseenter', n, at, over);
  }
}

/**
 * Re-evaluates what is under the still pointer and sends the boundary events
 * if it changed (after a scroll, or a DOM change under the pointer). While the
 * pointer is captured it counts as over the capture target, wherever it is
 * (https://w3c.github.io/pointerevents/#pointer-capture).
 */
export function refreshHover(extra: MouseEventInit = {}): void {
  const at = engineState.pointer;
  if (!at || engineState.nativeDrag || isSelectPopupOpen()) return;
  flushDomChanges();
  updateHover(captureTarget(hitTest(at)), at, extra);
}

/** Forgets the hover state (the pointer left this frame). */
export function resetHover(): void {
  engineState.hovered = null;
  hoveredChain = [];
  pointerRemoved = false;
  mouseRemoved = false;
}
