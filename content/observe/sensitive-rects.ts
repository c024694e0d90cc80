/**
 * Where passwords and payment details are on screen, so the background can mask
 * them in screenshots before they leave the machine. Card fields hosted by
 * payment providers live in cross-origin iframes whose titles name them
 * ("Secure card number input frame"), so iframes are judged by title too.
 */
import type { Rect } from '../../extension/protocol.ts';
import { fieldKind } from '../../extension/risk.ts';
import { deepElements, isTag } from './deep.ts';
import { fieldInfo } from './target-info.ts';

function sensitive(el: Element): boolean {
  if (isTag(el, 'iframe'))
    return (
      fieldKind({ tag: 'iframe', name: el.name, id: el.id, accessibleName: el.title }) !== null
    );
  return isTag(el, 'input', 'textarea', 'select') && fieldKind(fieldInfo(el)) !== null;
}

/** Viewport CSS px of the visible password and payment fields in this frame. */
export function sensitiveRects(): Rect[] {
  const rects: Rect[] = [];
  for (const el of deepElements()) {
    if (!sensitive(el) || !el.checkVisibility({ visibilityProperty: true })) continue;
    const r = el.getBoundingClientRect();
    if (
      r.width > 0 &&
      r.height > 0 &&
      r.right > 0 &&
      r.bottom > 0 &&
      r.left < innerWidth &&
      r.top < innerHeight
    ) {
      rects.push({ x: r.left, y: r.top, width: r.width, height: r.height });
    }
  }
  return rects;
}
