/**
 * CSS :hover cannot be produced from script: it follows the browser's own
 * pointer, which dispatched events do not move (https://drafts.csswg.org/selectors/#the-hover-pseudo).
 * So the engine looks for :hover rules that would change what is under the
 * pointer (reveal, hide, move or resize something, or style other elements) and
 * says so, since content that appears only on hover will not be in the screenshot.
 */
import { elementAncestors } from './dom.ts';

interface HoverRule {
  /** The selector up to the :hover compound, with :hover removed: what must be hovered. */
  readonly hovered: string;
  readonly selector: string;
  /** The rule styles elements other than the hovered one (`.row:hover .delete`). */
  readonly styleOthers: boolean;
  /** It changes layout or visibility, not just colour. */
  readonly reveals: boolean;
}

const revealingProperties = new Set([
  'display',
  'visibility',
  'opacity',
  'height',
  'max-height',
  'width',
  'max-width',
  'transform',
  'clip',
  'clip-path',
  'pointer-events',
  'left',
  'top',
  'right',
  'bottom',
  'z-index',
  'overflow',
]);

/** Splits at top-level commas (not inside :is(a, b)). */
function splitList(selector: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(selector.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

function parse(selector: string, style: CSSStyleDeclaration): HoverRule | null {
  const at = selector.indexOf(':hover');
  if (at === -1) return null;
  let depth = 0;
  let end = selector.length;
  for (let i = at; i < selector.length; i++) {
    const c = selector[i] ?? '';
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && /[\s>+~]/.test(c)) {
      end = i;
      break;
    }
  }
  let hovered = selector.slice(0, end).replaceAll(':hover', '').trim();
  if (hovered === '' || /[>+~]$/.test(hovered)) hovered += '*';
  const reveals = Array.from(style).some((p) => revealingProperties.has(p));
  return { hovered, selector, styleOthers: selector.slice(end).trim() !== '', reveals };
}

function collect(rules: CSSRuleList, out: HoverRule[]): void {
  for (const rule of Array.from(rules)) {
    if (rule instanceof CSSStyleRule && rule.selectorText.includes(':hover')) {
      for (const s of splitList(rule.selectorText)) {
        const parsed = parse(s, rule.style);
        if (parsed && (parsed.reveals || parsed.styleOthers)) out.push(parsed);
      }
    }
    if ('cssRules' in rule && rule.cssRules instanceof CSSRuleList) collect(rule.cssRules, out);
  }
}

function sheetsOf(root: Document | ShadowRoot): CSSStyleSheet[] {
  return [...Array.from(root.styleSheets), ...root.adoptedStyleSheets];
}

const cache = new WeakMap<Document | ShadowRoot, { key: string; rules: HoverRule[] }>();

function rulesOf(root: Document | ShadowRoot): HoverRule[] {
  const sheets = sheetsOf(root);
  const readable = sheets.map((s) => {
    try {
      return s.cssRules;
    } catch {
      return null; // cross-origin sheet: its rules cannot be read
    }
  });
  const key = readable.map((r) => r?.length ?? -1).join(',');
  const hit = cache.get(root);
  if (hit?.key === key) return hit.rules;
  const rules: HoverRule[] = [];
  for (const r of readable) if (r) collect(r, rules);
  cache.set(root, { key, rules });
  return rules;
}

function matches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

/** A note when CSS :hover would change something under the pointer at `target`. */
export function hoverNote(target: Element | null): string | undefined {
  if (!target) return undefined;
  const chain = elementAncestors(target);
  const roots = new Set(
    chain
      .map((el) => el.getRootNode())
      .filter((r): r is Document | ShadowRoot => r instanceof Document || r instanceof ShadowRoot),
  );
  for (const root of roots) {
    for (const rule of rulesOf(root)) {
      if (chain.some((el) => el.getRootNode() === root && matches(el, rule.hovered))) {
        return (
          `the element under the pointer has CSS :hover styles (${rule.selector}) that synthetic input cannot trigger: ` +
          'content that appears only on hover (menus, buttons) will not be shown; look for another way to reach it'
        );
      }
    }
  }
  return undefined;
}
