/**
 * Typing scrolls the caret into view; execCommand does not. Chromium's typing
 * path reveals the selection after each insertion
 * (Editor::InsertTextWithoutSendingTextEvent → FrameSelection::RevealSelection),
 * which scrolls the caret's rect into view in the control and then in every
 * scrolling ancestor, overflow: hidden ones too (scroll_into_view_util's
 * ScrollRectToVisible), minimally: a box scrolls only if the caret is not
 * inside it, to the caret's nearest edge, within its scroll range, and the rect
 * handed on is clipped to that box's visible area. Editors that keep a hidden
 * textarea under the caret (CodeMirror 5, Monaco) scroll that textarea or its
 * overflow: hidden wrapper on every keystroke, and see the scroll events.
 *
 * Measured against trusted typing in Chromium (caret at the end): scroll
 * offsets land on whole pixels (floor), and a text control's own range ends
 * at its text's end, not past the caret.
 */
import { markScrolled } from './scroll-mark.ts';
import { elementAncestors, hasSelectionApi, isTextControl } from './dom.ts';

/** A rect in viewport CSS pixels. */
interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

let canvas: CanvasRenderingContext2D | null | undefined;

function measureContext(cs: CSSStyleDeclaration): CanvasRenderingContext2D | null {
  canvas ??= document.createElement('canvas').getContext('2d');
  if (!canvas) return null;
  canvas.font =
    cs.font || `${cs.fontStyle} ${cs.fontVariant} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
  canvas.letterSpacing = cs.letterSpacing === 'normal' ? '0px' : cs.letterSpacing;
  return canvas;
}

const px = (v: string): number => parseFloat(v) || 0;

/** A point in a text where greedy wrapping can start over: a line start. */
interface WrapPoint {
  /** Offset of the line start in the text. */
  readonly at: number;
  /** Lines that end before it. */
  readonly lines: number;
  /** The line starts there whatever follows this offset (its first word is complete). */
  readonly through: number;
}

interface Wrapped {
  /** Lines that end before the last one. */
  readonly lines: number;
  /** The text of the last line. */
  readonly last: string;
  /** The last point a longer text with the same start can resume from. */
  readonly resume: WrapPoint;
}

/**
 * Wraps `text` as a soft-wrapping textarea breaks it at `width` (greedy, at
 * spaces, and at each newline), starting at the line start `from`. A line
 * starts where it does whatever comes after its first word, so typing on
 * rewraps only the last lines.
 */
function wrapText(
  ctx: CanvasRenderingContext2D,
  text: string,
  width: number,
  from: WrapPoint,
): Wrapped {
  let lines = from.lines;
  let line = '';
  let pos = from.at;
  let resume = from;
  for (const token of text.slice(from.at).split(/(?<=[ \n])/)) {
    const newline = token.endsWith('\n');
    const word = newline ? token.slice(0, -1) : token;
    if (line && ctx.measureText(line + word.trimEnd()).width > width) {
      lines++;
      line = word;
      if (newline || word.endsWith(' ')) resume = { at: pos, lines, through: pos + token.length };
    } else line += word;
    pos += token.length;
    if (newline) {
      lines++;
      line = '';
      resume = { at: pos, lines, through: pos };
    }
  }
  return { lines, last: line, resume };
}

/** Per text control: the text (to a resume point) and the font and width it was wrapped with. */
const wrapCache = new WeakMap<Element, { key: string; text: string; resume: WrapPoint }>();

/** `wrapText` from the start of `text`, resumed where the last wrap of the same control allows. */
function wrapCached(
  el: Element,
  ctx: CanvasRenderingContext2D,
  text: string,
  width: number,
): Wrapped {
  const key = `${ctx.font}|${ctx.letterSpacing}|${width}`;
  const cached = wrapCache.get(el);
  const from =
    cached && cached.key === key && text.startsWith(cached.text)
      ? cached.resume
      : { at: 0, lines: 0, through: 0 };
  const wrapped = wrapText(ctx, text, width, from);
  const resume = wrapped.resume;
  wrapCache.set(el, { key, text: text.slice(0, resume.through), resume });
  return wrapped;
}

/** The characters `-webkit-text-security` shows for each character (password fields: disc). */
const securityMasks: Record<string, string> = {
  disc: '\u2022',
  circle: '\u25e6',
  square: '\u25a0',
};

/** The text as the control shows it: masked in a password field, tabs as spaces. */
function shownText(text: string, mask: string | undefined, tab: string): string {
  return mask ? mask.repeat([...text].length) : text.replace(/\t/g, tab);
}

/**
 * The caret of a focused text control in its own scroll coordinates (padding
 * box origin, unscrolled), and how far its text reaches on the caret's line.
 */
function controlCaret(
  el: HTMLInputElement | HTMLTextAreaElement,
  cs: CSSStyleDeclaration,
): { x: number; top: number; height: number; lineEnd: number } | null {
  if (!hasSelectionApi(el) || el.selectionEnd === null) return null;
  const ctx = measureContext(cs);
  if (!ctx) return null;
  const tab = ' '.repeat(Math.max(1, parseInt(cs.tabSize, 10) || 8));
  const security = cs.getPropertyValue('-webkit-text-security');
  const mask =
    securityMasks[security] ??
    (el instanceof HTMLInputElement && el.type === 'password' ? securityMasks['disc'] : undefined);
  const value = shownText(el.value, mask, tab);
  const before = shownText(el.value.slice(0, el.selectionEnd), mask, tab);
  const padLeft = px(cs.paddingLeft);
  const padTop = px(cs.paddingTop);
  const metrics = ctx.measureText('M');
  // The caret is as tall as the font, centred in its line (half-leading on both sides).
  const fontHeight = metrics.fontBoundingBoxAscent + metrics.fontBoundingBoxDescent;
  const lineHeight = cs.lineHeight === 'normal' ? fontHeight : px(cs.lineHeight);
  if (el instanceof HTMLInputElement) {
    // The inner editor scrolls; its origin is the content box.
    const x = ctx.measureText(before).width;
    return { x, top: 0, height: el.clientHeight, lineEnd: ctx.measureText(value).width };
  }
  const wraps = cs.whiteSpace !== 'pre' && cs.textWrapMode !== 'nowrap';
  const width = el.clientWidth - padLeft - px(cs.paddingRight);
  const lineStart = before.lastIndexOf('\n') + 1;
  const { lines, last } = wraps
    ? wrapCached(el, ctx, before, width)
    : { lines: before.slice(0, lineStart).split('\n').length - 1, last: before.slice(lineStart) };
  const rest = value.slice(before.length).split('\n')[0] ?? '';
  const x = padLeft + ctx.measureText(last).width;
  return {
    x,
    top: padTop + lines * lineHeight + (lineHeight - fontHeight) / 2,
    height: fontHeight,
    lineEnd: x + ctx.measureText(rest).width,
  };
}

function scrolls(el: Element, cs: CSSStyleDeclaration): boolean {
  const can = (v: string): boolean => v !== 'visible' && v !== 'clip';
  return (
    (can(cs.overflowX) && el.scrollWidth > el.clientWidth) ||
    (can(cs.overflowY) && el.scrollHeight > el.clientHeight)
  );
}

/**
 * The new scroll offset on one axis that brings [lo, hi] into [vlo, vhi]
 * (ScrollAlignment's "to edge if needed": no scroll while inside, else the
 * nearest edge), before clamping.
 */
function expose(offset: number, lo: number, hi: number, vlo: number, vhi: number): number {
  const size = Math.max(vhi - vlo, 1 / 64);
  if (lo >= vlo && hi <= vlo + size) return offset;
  if (hi - lo > size && lo < vlo && hi > vlo + size) return offset;
  // The nearest edge is the far one when the rect lies beyond and is the smaller,
  // or lies before and is the larger.
  const farEdge = (hi > vlo + size && hi - lo < size) || (hi < vlo + size && hi - lo > size);
  return offset + (farEdge ? hi - (vlo + size) : lo - vlo);
}

/** Scrolls `box` (an element, or the viewport for the scrolling element) to show `rect`. */
/** Chromium lays out and scrolls in LayoutUnits (1/64 px), then lands on whole pixels. */
function snap(v: number): number {
  return Math.floor(Math.round(v * 64) / 64);
}

function scrollBoxTo(
  box: Element,
  rect: Box,
  visible: Box,
  max: { x: number; y: number },
): { dx: number; dy: number } {
  const x = snap(
    Math.min(
      max.x,
      Math.max(0, expose(box.scrollLeft, rect.left, rect.right, visible.left, visible.right)),
    ),
  );
  const y = snap(
    Math.min(
      max.y,
      Math.max(0, expose(box.scrollTop, rect.top, rect.bottom, visible.top, visible.bottom)),
    ),
  );
  const dx = x - box.scrollLeft;
  const dy = y - box.scrollTop;
  if (dx) box.scrollLeft = x;
  if (dy) box.scrollTop = y;
  if (dx || dy) markScrolled('reveal');
  return { dx: box.scrollLeft - (x - dx), dy: box.scrollTop - (y - dy) };
}

function clip(rect: Box, to: Box): Box {
  return {
    left: Math.max(rect.left, to.left),
    top: Math.max(rect.top, to.top),
    right: Math.max(Math.min(rect.right, to.right), Math.max(rect.left, to.left)),
    bottom: Math.max(Math.min(rect.bottom, to.bottom), Math.max(rect.top, to.top)),
  };
}

/** The padding box (less scrollbars) of `el`, in viewport pixels. */
function visibleBox(el: Element): Box {
  const r = el.getBoundingClientRect();
  const left = r.left + el.clientLeft;
  const top = r.top + el.clientTop;
  return { left, top, right: left + el.clientWidth, bottom: top + el.clientHeight };
}

/**
 * Whether `el` is the root element or a body whose overflow is the viewport's
 * (https://drafts.csswg.org/css-overflow-3/#overflow-propagation): the
 * viewport scrolls for them, through document.scrollingElement.
 */
function scrollsAsViewport(el: Element): boolean {
  if (el === document.documentElement || el === document.scrollingElement) return true;
  if (el !== document.body) return false;
  const root = getComputedStyle(document.documentElement);
  return root.overflowX === 'visible' && root.overflowY === 'visible';
}

/**
 * Scrolls the ancestors of `from` that contain it, innermost first, to show
 * `rect`; `from` itself too when the rect is in its content (the caret's
 * element in a contenteditable, often the scrolling editable root itself).
 */
function revealInAncestors(from: Element, rect: Box, includeFrom: boolean): void {
  let positioned = includeFrom ? 'static' : getComputedStyle(from).position;
  const chain = elementAncestors(from);
  for (const el of includeFrom ? chain : chain.slice(1)) {
    if (positioned === 'fixed') return;
    const cs = getComputedStyle(el);
    // An absolutely positioned box scrolls with its containing block, not with the boxes between.
    const contains =
      positioned !== 'absolute' || cs.position !== 'static' || cs.transform !== 'none';
    if (contains) positioned = cs.position;
    if (!contains || scrollsAsViewport(el)) continue;
    if (!scrolls(el, cs)) continue;
    const visible = visibleBox(el);
    const { dx, dy } = scrollBoxTo(el, rect, visible, {
      x: el.scrollWidth - el.clientWidth,
      y: el.scrollHeight - el.clientHeight,
    });
    rect = clip(
      {
        left: rect.left - dx,
        right: rect.right - dx,
        top: rect.top - dy,
        bottom: rect.bottom - dy,
      },
      visible,
    );
  }
  const root = document.scrollingElement;
  if (!root || positioned === 'fixed') return;
  const vw = document.documentElement.clientWidth;
  const vh = document.documentElement.clientHeight;
  scrollBoxTo(
    root,
    rect,
    { left: 0, top: 0, right: vw, bottom: vh },
    { x: root.scrollWidth - vw, y: root.scrollHeight - vh },
  );
}

/**
 * Whether anything could scroll to show a caret in `el`: the control's own
 * text overflowing it, a scrolling ancestor, or the page.
 */
function anythingScrolls(el: Element): boolean {
  if (el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight) return true;
  const root = document.scrollingElement;
  if (
    root &&
    (root.scrollWidth > document.documentElement.clientWidth ||
      root.scrollHeight > document.documentElement.clientHeight)
  )
    return true;
  return elementAncestors(el)
    .slice(1)
    .some((a) => !scrollsAsViewport(a) && scrolls(a, getComputedStyle(a)));
}

/** After an edit in the focused editable `el`: scrolls its caret into view, as typing does. */
export function revealCaret(el: Element): void {
  if (isTextControl(el)) {
    // Measuring the caret costs a pass over the text: none when nothing can scroll.
    if (!anythingScrolls(el)) return;
    const cs = getComputedStyle(el);
    const caret = controlCaret(el, cs);
    if (!caret) return;
    const r = el.getBoundingClientRect();
    const isInput = el instanceof HTMLInputElement;
    const originX = r.left + el.clientLeft + (isInput ? px(cs.paddingLeft) : 0);
    const originY = r.top + el.clientTop + (isInput ? px(cs.paddingTop) : 0);
    const visible = visibleBox(el);
    if (isInput) {
      visible.left += px(cs.paddingLeft);
      visible.right -= px(cs.paddingRight);
    }
    const left = originX + caret.x - el.scrollLeft;
    const top = originY + caret.top - el.scrollTop;
    const rect = { left, top, right: left + 1, bottom: top + caret.height };
    // The control's range ends where its text does (an input's padding on both sides, a
    // textarea's before it only); at the end of the widest line, exactly there.
    const textEnd = isInput
      ? px(cs.paddingLeft) + caret.lineEnd + px(cs.paddingRight)
      : caret.lineEnd;
    const maxX =
      Math.abs(textEnd - el.scrollWidth) < 1
        ? textEnd - el.clientWidth
        : el.scrollWidth - el.clientWidth;
    const { dx, dy } = scrollBoxTo(el, rect, visible, {
      x: Math.max(0, maxX),
      y: el.scrollHeight - el.clientHeight,
    });
    revealInAncestors(
      el,
      clip(
        { left: left - dx, right: left + 1 - dx, top: top - dy, bottom: rect.bottom - dy },
        visible,
      ),
      false,
    );
    return;
  }
  const sel = el.ownerDocument.getSelection();
  if (!sel?.rangeCount || !sel.isCollapsed) return;
  const r = sel.getRangeAt(0).getClientRects()[0];
  if (!r) return;
  const host = sel.focusNode instanceof Element ? sel.focusNode : sel.focusNode?.parentElement;
  if (host)
    revealInAncestors(
      host,
      { left: r.left, top: r.top, right: r.left + 1, bottom: r.bottom },
      true,
    );
}
