/**
 * How a piece of text is hidden from people, if it is: the tricks pages use to
 * show a model what a reader cannot see. Per-element results are cached for one
 * pageText call; style and layout are read, never changed.
 */
import type { PageTextFragment } from '../../extension/protocol.ts';
import { isTag } from './deep.ts';

export type Hidden = NonNullable<PageTextFragment['hidden']>;

interface Box {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** [r, g, b, a] of a computed `rgb()`/`rgba()` colour; null for other colour spaces. */
function rgba(colour: string): number[] | null {
  if (!colour.startsWith('rgb')) return null;
  const [r = 0, g = 0, b = 0, a = 1] = (colour.match(/[\d.]+/g) ?? []).map(Number);
  return [r, g, b, a];
}

/** WCAG relative luminance (https://www.w3.org/TR/WCAG22/#dfn-relative-luminance). */
function luminance([r = 0, g = 0, b = 0]: number[]): number {
  const lin = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Below this contrast ratio text is camouflage, not design (WCAG asks 4.5 for body text). */
const minContrast = 1.1;

export function textVisibility(): (text: Text) => Hidden | null {
  const styles = new Map<Element, CSSStyleDeclaration>();
  const opacities = new Map<Element, number>();
  const clips = new Map<Element, Box | 'gone' | null>();
  const style = (el: Element): CSSStyleDeclaration => {
    let s = styles.get(el);
    if (!s) styles.set(el, (s = getComputedStyle(el)));
    return s;
  };
  const parent = (el: Element): Element | null =>
    el.parentElement ?? (el.parentNode as Partial<ShadowRoot> | null)?.host ?? null;

  const opacity = (el: Element | null): number => {
    if (!el) return 1;
    let o = opacities.get(el);
    if (o === undefined) opacities.set(el, (o = Number(style(el).opacity) * opacity(parent(el))));
    return o;
  };

  /**
   * The box the element's content is clipped to by `overflow` of it and its
   * ancestors, 'gone' for clip/clip-path that hide it all, null for no clip.
   * Fixed elements escape their ancestors' overflow.
   */
  const clipOf = (el: Element | null): Box | 'gone' | null => {
    if (!el) return null;
    if (clips.has(el)) return clips.get(el) ?? null;
    const s = style(el);
    let c = s.position === 'fixed' ? null : clipOf(parent(el));
    if (s.position === 'absolute' && s.clip !== 'auto' && s.clip !== '') c = 'gone';
    if (/inset\((50|100)%|circle\(0/.test(s.clipPath)) c = 'gone';
    if (c !== 'gone' && /hidden|clip/.test(s.overflow)) {
      const r = el.getBoundingClientRect();
      c = c
        ? {
            left: Math.max(c.left, r.left),
            top: Math.max(c.top, r.top),
            right: Math.min(c.right, r.right),
            bottom: Math.min(c.bottom, r.bottom),
          }
        : r;
    }
    clips.set(el, c);
    return c;
  };

  /** The colour behind the element, or null when an image or gradient makes it unknowable. */
  const background = (el: Element | null): number[] | null => {
    if (!el) return [255, 255, 255, 1]; // the canvas
    const s = style(el);
    if (s.backgroundImage !== 'none') return null;
    const c = rgba(s.backgroundColor);
    return c && c[3] === 1 ? c : c && c[3] === 0 ? background(parent(el)) : null;
  };

  return (text) => {
    const el = text.parentElement;
    if (!el) return null;
    // Closed <select> options are not drawn, yet people read them when it opens.
    if (el.closest('select')) return null;
    if (!el.checkVisibility({ visibilityProperty: true }) || opacity(el) < 0.1)
      return 'transparent';
    const s = style(el);
    if (parseFloat(s.fontSize) < 4) return 'tiny';
    const range = document.createRange();
    range.selectNodeContents(text);
    const r = range.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return 'tiny';
    const clip = clipOf(el);
    if (clip === 'gone') return 'offscreen';
    if (clip && (clip.right - clip.left < 2 || clip.bottom - clip.top < 2)) return 'tiny';
    if (
      clip &&
      (r.right <= clip.left || r.left >= clip.right || r.bottom <= clip.top || r.top >= clip.bottom)
    ) {
      return 'offscreen';
    }
    // Outside the scrollable document: left of or above its origin, or past its end.
    const doc = document.documentElement;
    if (
      r.right + scrollX <= 0 ||
      r.bottom + scrollY <= 0 ||
      r.left + scrollX >= Math.max(doc.scrollWidth, innerWidth) ||
      r.top + scrollY >= Math.max(doc.scrollHeight, innerHeight)
    ) {
      return 'offscreen';
    }
    const fg = rgba(s.color);
    if (fg && (fg[3] ?? 1) < 0.1) return 'transparent';
    const bg = background(el);
    if (fg && bg) {
      const [a, b] = [luminance(fg), luminance(bg)].sort((x, y) => y - x) as [number, number];
      if ((a + 0.05) / (b + 0.05) < minContrast) return 'transparent';
    }
    return null;
  };
}

/** Alt text: what people see only when the image fails to load. */
export function altOf(el: Element): string {
  return isTag(el, 'img', 'area') || (isTag(el, 'input') && el.type === 'image')
    ? (el.getAttribute('alt') ?? '')
    : '';
}
