/**
 * Caret position under a point. Chromium has caretPositionFromPoint only since
 * 128 (https://chromestatus.com/feature/5065378069626880), which also reports
 * offsets inside <input>/<textarea> values; older versions have only the
 * non-standard caretRangeFromPoint, which stops at text controls.
 */
import type { FramePoint } from '../../extension/geometry.ts';

export interface Caret {
  readonly node: Node;
  readonly offset: number;
}

interface CaretPositionDocument {
  caretPositionFromPoint?(
    x: number,
    y: number,
    options?: { shadowRoots?: ShadowRoot[] },
  ): CaretPosition | null;
}

/** Open shadow roots on the way to `el`, so the caret can be found inside them. */
function shadowRootsAbove(el: Element | null): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  for (let n: Node | null = el; n; n = n.parentNode ?? (n instanceof ShadowRoot ? n.host : null)) {
    if (n instanceof ShadowRoot) roots.push(n);
  }
  return roots;
}

export function caretFromPoint(p: FramePoint, hit: Element | null): Caret | null {
  const doc = document as Document & CaretPositionDocument;
  if (typeof doc.caretPositionFromPoint === 'function') {
    const pos = doc.caretPositionFromPoint(p.x, p.y, { shadowRoots: shadowRootsAbove(hit) });
    return pos ? { node: pos.offsetNode, offset: pos.offset } : null;
  }
  const range = document.caretRangeFromPoint(p.x, p.y);
  return range ? { node: range.startContainer, offset: range.startOffset } : null;
}
