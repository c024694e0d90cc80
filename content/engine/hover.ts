/**
 * Boundary events when the pointer moves onto another element: pointerout and
 * pointerleave on what it left, pointerover and pointerenter on what it entered,
 * then the same for mouse events, in Chromium's order
 * (https://w3c.github.io/pointerevents/#the-pointerover-event,
 * https://w3c.github.io/uievents/#events-mouseevent-event-order).
 */
import type { ViewportPoint } from '../../extension/geometry.ts';
import { flatAncestors } from './dom.ts';
import { fireMouse, firePointer } from './mouse-events.ts';
import { engineState } from './state.ts';

/** The hovered element and its ancestors (to the Document) when we last moved. */
let hoveredChain: Node[] = [];

export function updateHover(next: Element | null, at: ViewportPoint): void {
  // A hovered node the page removed gets no events; its still-attached ancestors do.
  const prevChain = hoveredChain.filter((n) => n.isConnected);
  const prev = engineState.hovered?.isConnected ? engineState.hovered : null;
  if (prev === next && prevChain.length === hoveredChain.length) return;
  const nextChain = flatAncestors(next);
  const nextSet = new Set(nextChain);
  const prevSet = new Set(prevChain);
  const leaving = prevChain.filter((n) => !nextSet.has(n));
  const entering = nextChain.filter((n) => !prevSet.has(n)).reverse();
  const out = { relatedTarget: next };
  const over = { relatedTarget: prev };

  if (prev && prev !== next) firePointer('pointerout', prev, at, out);
  for (const n of leaving) firePointer('pointerleave', n, at, out);
  if (next && prev !== next) firePointer('pointerover', next, at, over);
  for (const n of entering) firePointer('pointerenter', n, at, over);
  if (prev && prev !== next) fireMouse('mouseout', prev, at, out);
  for (const n of leaving) fireMouse('mouseleave', n, at, out);
  if (next && prev !== next) fireMouse('mouseover', next, at, over);
  for (const n of entering) fireMouse('mouseenter', n, at, over);

  engineState.hovered = next;
  hoveredChain = nextChain;
}

/** Forgets the hover state (the pointer left this frame). */
export function resetHover(): void {
  engineState.hovered = null;
  hoveredChain = [];
}
