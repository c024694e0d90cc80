/**
 * Which box a user scroll moves: the nearest ancestor that can still scroll in
 * that direction, else the page (https://drafts.csswg.org/cssom-view/#scrolling-box,
 * scroll chaining per https://drafts.csswg.org/css-overscroll-1/). Scripts can
 * scroll boxes users cannot (overflow: hidden), so that is checked here too.
 */
import { markScrolled } from './scroll-mark.ts';
import { elementAncestors } from './dom.ts';
import { refreshHover } from './hover.ts';

const scrollableOverflow = new Set(['auto', 'scroll', 'overlay']);

function room(el: Element, dx: number, dy: number): boolean {
  const maxX = el.scrollWidth - el.clientWidth;
  const maxY = el.scrollHeight - el.clientHeight;
  const canX = dx > 0 ? el.scrollLeft < maxX - 0.5 : dx < 0 ? el.scrollLeft > 0.5 : false;
  const canY = dy > 0 ? el.scrollTop < maxY - 0.5 : dy < 0 ? el.scrollTop > 0.5 : false;
  return canX || canY;
}

function isUserScrollable(el: Element, dx: number, dy: number): boolean {
  const style = getComputedStyle(el);
  const x = dx !== 0 && scrollableOverflow.has(style.overflowX) && el.scrollWidth > el.clientWidth;
  const y =
    dy !== 0 && scrollableOverflow.has(style.overflowY) && el.scrollHeight > el.clientHeight;
  return x || y;
}

/** overscroll-behavior: contain/none stops the scroll from chaining past this box. */
function containsOverscroll(el: Element, dx: number, dy: number): boolean {
  const style = getComputedStyle(el);
  const stops = (v: string): boolean => v === 'contain' || v === 'none';
  return (
    (dy !== 0 && stops(style.overscrollBehaviorY)) || (dx !== 0 && stops(style.overscrollBehaviorX))
  );
}

function pageCanScroll(dx: number, dy: number): boolean {
  const root = document.scrollingElement ?? document.documentElement;
  const hidden = (el: Element | null, axis: 'overflowX' | 'overflowY'): boolean =>
    !!el && ['hidden', 'clip'].includes(getComputedStyle(el)[axis]);
  const body = document.body;
  if (dy !== 0 && (hidden(document.documentElement, 'overflowY') || hidden(body, 'overflowY')))
    dy = 0;
  if (dx !== 0 && (hidden(document.documentElement, 'overflowX') || hidden(body, 'overflowX')))
    dx = 0;
  const maxX = root.scrollWidth - window.innerWidth;
  const maxY = root.scrollHeight - window.innerHeight;
  return (
    (dx > 0 && window.scrollX < maxX - 0.5) ||
    (dx < 0 && window.scrollX > 0.5) ||
    (dy > 0 && window.scrollY < maxY - 0.5) ||
    (dy < 0 && window.scrollY > 0.5)
  );
}

export type Scroller = Element | Window;

/** The box a scroll of (dx, dy) starting at `from` moves, or null when nothing can move. */
export function scrollerFor(from: Element | null, dx: number, dy: number): Scroller | null {
  for (const el of elementAncestors(from)) {
    if (el === document.documentElement || el === document.body) break;
    if (isUserScrollable(el, dx, dy)) {
      if (room(el, dx, dy)) return el;
      if (containsOverscroll(el, dx, dy)) return null;
    }
  }
  return pageCanScroll(dx, dy) ? window : null;
}

/**
 * Scrolls at once: a wheel notch or key press, without the page's smooth-scroll
 * animation. Content moved under the pointer gets its boundary events before
 * the scroll event, as Chromium's hover update at the start of the frame sends them.
 */
export function scrollNow(scroller: Scroller, dx: number, dy: number): void {
  scroller.scrollBy({ left: dx, top: dy, behavior: 'instant' });
  markScrolled('user');
  refreshHover();
}

export function describeScroller(s: Scroller): string {
  return s === window ? 'the page' : 'a scrollable box';
}

/** Height of one page step for PageDown/Space (Chromium: 87.5% of the box, https://crbug.com/41318823). */
export function pageStep(s: Scroller): number {
  const h = s === window ? window.innerHeight : (s as Element).clientHeight;
  return Math.max(1, Math.round(h * 0.875));
}
