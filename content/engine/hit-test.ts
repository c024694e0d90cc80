/** Which element a viewport point lands on, as the browser's own hit test sees it. */
import type { FrameHit } from '../../extension/actions.ts';
import { frameIdentity } from '../../extension/frame-routing.ts';
import type { FramePoint } from '../../extension/geometry.ts';

/**
 * The topmost element at `p`, descending into open shadow roots (the document's
 * elementFromPoint stops at the host). Closed roots stay opaque, as they are to
 * page scripts. Null outside the viewport.
 */
export function hitTest(p: FramePoint, root: Document | ShadowRoot = document): Element | null {
  let el = root.elementFromPoint(p.x, p.y);
  while (el?.shadowRoot) {
    const inner = el.shadowRoot.elementFromPoint(p.x, p.y);
    if (!inner || inner === el) break;
    el = inner;
  }
  return el;
}

export function isFrame(el: Element | null): el is HTMLIFrameElement | HTMLFrameElement {
  return el instanceof HTMLIFrameElement || el instanceof HTMLFrameElement;
}

export function frameNote(frame: HTMLIFrameElement | HTMLFrameElement): string {
  let sameOrigin = false;
  try {
    sameOrigin = frame.contentDocument !== null;
  } catch {
    sameOrigin = false;
  }
  const r = frame.getBoundingClientRect();
  return (
    `point is inside an iframe (${sameOrigin ? 'same-origin' : 'cross-origin'}, src ${frame.src || 'about:blank'}, ` +
    `at ${Math.round(r.left)},${Math.round(r.top)} in this frame); the action must be sent to that frame`
  );
}

export function outsideNote(p: FramePoint): string {
  return `point ${Math.round(p.x)},${Math.round(p.y)} is outside the page's viewport (${window.innerWidth}×${window.innerHeight})`;
}

/** The iframe at `p` and its content box origin, for the background to route the action there. */
export function frameAt(p: FramePoint): FrameHit | null {
  const el = hitTest(p);
  if (!isFrame(el) || !el.src) return null;
  const r = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  const x = r.left + el.clientLeft + parseFloat(style.paddingLeft);
  const y = r.top + el.clientTop + parseFloat(style.paddingTop);
  const width = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const height = el.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  // The iframe's border and padding belong to this document, not to the frame's.
  if (p.x < x || p.y < y || p.x >= x + width || p.y >= y + height) return null;
  let index = -1;
  for (let i = 0; i < window.frames.length; i++)
    if (window.frames[i] === el.contentWindow) index = i;
  return { url: el.src, x, y, path: [...frameIdentity().path, index] };
}
