/**
 * The page's text for the injection detector (background/injection-detector.ts):
 * visible text in blocks, and text people cannot see marked with how it hides.
 * Form values are left out: they are the user's, not the page's.
 */
import type { PageTextFragment } from '../../extension/protocol.ts';
import { squash } from './deep.ts';
import { isOwnUi } from './own-ui.ts';
import { altOf, textVisibility, type Hidden } from './text-visibility.ts';

/** Characters per kind: a page padded with visible text must not push hidden text out. */
const budgets = { visible: 70_000, hidden: 30_000 };
/** Nodes visited at most: bounds the time a huge page takes (each text node costs a layout read). */
const maxNodes = 50_000;

const skipped = /^(script|style|noscript|template|head|textarea|input|iframe|object)$/;

export function pageText(): PageTextFragment[] {
  const out: PageTextFragment[] = [];
  const left = { ...budgets };
  const hiddenOf = textVisibility();
  const blocks = new Map<Element, Element>();
  let nodes = 0;

  const add = (text: string, hidden: Hidden | null, source: string): void => {
    const kind = hidden ? 'hidden' : 'visible';
    if (left[kind] <= 0) return;
    const t = squash(text, left[kind]);
    if (!t) return;
    left[kind] -= t.length;
    out.push({ text: t, hidden, source });
  };

  /** The nearest ancestor that is not inline: text inside it reads as one run. */
  const blockOf = (el: Element): Element => {
    let b = blocks.get(el);
    if (!b) {
      const up = el.parentElement;
      b = up && /^(inline|contents)$/.test(getComputedStyle(el).display) ? blockOf(up) : el;
      blocks.set(el, b);
    }
    return b;
  };

  let run: { block: Element; hidden: Hidden | null; text: string } | null = null;
  const flush = (): void => {
    if (run) add(run.text, run.hidden, run.block.localName);
    run = null;
  };

  const walk = (root: Document | ShadowRoot | Element): void => {
    const walker = document.createTreeWalker(
      root,
      NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT,
      (n) =>
        n.nodeType === Node.ELEMENT_NODE && (skipped.test((n as Element).localName) || isOwnUi(n))
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT,
    );
    for (
      let n = walker.nextNode();
      n && ++nodes < maxNodes && (left.visible > 0 || left.hidden > 0);
      n = walker.nextNode()
    ) {
      if (n.nodeType === Node.TEXT_NODE) {
        const text = n as Text;
        if (!text.parentElement || !text.data.trim()) continue;
        const hidden = hiddenOf(text);
        const block = blockOf(text.parentElement);
        if (run?.block !== block || run.hidden !== hidden) {
          flush();
          run = { block, hidden, text: '' };
        }
        run.text += text.data;
        continue;
      }
      const el = n as Element;
      const alt = altOf(el);
      const aria = [el.getAttribute('aria-label'), el.getAttribute('aria-description')]
        .filter(Boolean)
        .join(' ');
      if (alt || aria) flush();
      if (alt) add(alt, 'alt', `${el.localName}[alt]`);
      // A label that repeats what the element shows is no secret.
      if (
        aria &&
        !squash(el.textContent ?? '')
          .toLowerCase()
          .includes(squash(aria).toLowerCase())
      ) {
        add(aria, 'aria', '[aria-label]');
      }
      if (el.shadowRoot) {
        flush();
        walk(el.shadowRoot);
      }
    }
    flush();
  };

  if (document.title) add(document.title, null, 'title');
  if (document.body) walk(document.body);
  return out;
}
