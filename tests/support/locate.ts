/**
 * Where to point: element geometry read from the fixture page, in viewport CSS
 * pixels, as `[x, y]` to spread into a Driver call. Both sides of a comparison
 * read it from their own fresh load of the same page at the same viewport size,
 * so they get the same numbers. Selectors may cross open shadow roots with
 * ` >>> ` (`#host >>> #shadow-btn`).
 */
import type { Page } from 'puppeteer-core';
import type { ViewportXY } from './driver.ts';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The element's border box and its line boxes (getClientRects). */
async function boxes(page: Page, selector: string): Promise<{ box: Box; lines: Box[] }> {
  const [box, ...lines] = await page.evaluate((sel) => {
    let root: Document | ShadowRoot = document;
    let el: Element | null = null;
    for (const part of sel.split(' >>> ')) {
      el = root.querySelector(part);
      if (!el) throw new Error(`no element ${sel}`);
      if (el.shadowRoot) root = el.shadowRoot;
    }
    if (!el) throw new Error(`no element ${sel}`);
    // (No named inner functions here: tsx would wrap them in a __name() the page lacks.)
    return [el.getBoundingClientRect(), ...el.getClientRects()].map((r) => ({
      x: r.x,
      y: r.y,
      width: r.width,
      height: r.height,
    }));
  }, selector);
  if (!box) throw new Error(`no box for ${selector}`);
  return { box, lines };
}

export async function box(page: Page, selector: string): Promise<Box> {
  return (await boxes(page, selector)).box;
}

export async function centre(page: Page, selector: string): Promise<ViewportXY> {
  const b = await box(page, selector);
  return [b.x + b.width / 2, b.y + b.height / 2];
}

/** A point at fractions (0..1) of the element's box. */
export async function at(
  page: Page,
  selector: string,
  fx: number,
  fy: number,
): Promise<ViewportXY> {
  const b = await box(page, selector);
  return [b.x + b.width * fx, b.y + b.height * fy];
}

/** Centre of the part of the element inside the viewport. */
export async function visibleCentre(page: Page, selector: string): Promise<ViewportXY> {
  const b = await box(page, selector);
  const [w, h] = await page.evaluate(() => [innerWidth, innerHeight] as const);
  const left = Math.max(0, b.x);
  const top = Math.max(0, b.y);
  const right = Math.min(w, b.x + b.width);
  const bottom = Math.min(h, b.y + b.height);
  return [(left + right) / 2, (top + bottom) / 2];
}

/**
 * A point inside line box `line` of an inline element (a link that wraps) where
 * the browser's hit test finds the element: the line boxes of a transformed
 * element are axis-aligned bounds, so the search starts at the centre.
 */
export async function onLine(page: Page, selector: string, line: number): Promise<ViewportXY> {
  const { lines } = await boxes(page, selector);
  const r = lines[line];
  if (!r) throw new Error(`${selector} has ${lines.length} line boxes, not ${line + 1}`);
  const found = await page.evaluate(
    (sel, r) => {
      const el = document.querySelector(sel);
      const cx = r.x + r.width / 2;
      const cy = r.y + r.height / 2;
      for (let d = 0; d < Math.max(r.width, r.height); d += 1) {
        for (const [x, y] of [
          [cx + d, cy],
          [cx - d, cy],
          [cx, cy + d],
          [cx, cy - d],
        ] as const) {
          const hit = document.elementFromPoint(x, y);
          if (el && hit && el.contains(hit)) return [x, y];
        }
      }
      return null;
    },
    selector,
    r,
  );
  const [x, y] = found ?? [];
  if (x === undefined || y === undefined)
    throw new Error(`no point of line ${line + 1} of ${selector} hits it`);
  return [x, y];
}

/** The text of the words from `from` to `to` (inclusive, 0-based) of an element's text. */
export async function wordEdges(
  page: Page,
  selector: string,
  word: number,
): Promise<{ start: ViewportXY; end: ViewportXY; centre: ViewportXY }> {
  const r = await page.evaluate(
    (sel, word) => {
      const el = document.querySelector(sel);
      const text = el?.firstChild;
      if (!text || text.nodeType !== Node.TEXT_NODE) throw new Error(`${sel} has no text`);
      const re = /\S+/g;
      let m: RegExpExecArray | null = null;
      for (let i = 0; i <= word; i++) m = re.exec(text.textContent ?? '');
      if (!m) throw new Error(`${sel} has no word ${word}`);
      const range = document.createRange();
      range.setStart(text, m.index);
      range.setEnd(text, m.index + m[0].length);
      const b = range.getBoundingClientRect();
      return { x: b.x, y: b.y, width: b.width, height: b.height };
    },
    selector,
    word,
  );
  const y = r.y + r.height / 2;
  return {
    start: [r.x + 1, y],
    end: [r.x + r.width - 1, y],
    centre: [r.x + r.width / 2, y],
  };
}
