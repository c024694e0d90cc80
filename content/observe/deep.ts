/**
 * Walking the page the way people see it: into open shadow roots, which
 * querySelectorAll and TreeWalker stop at, and into same-origin iframes. Closed
 * roots stay opaque. Nothing here uses `instanceof`: elements of a same-origin
 * iframe come from another realm, where this world's constructors do not match.
 */

/** Elements under `root` and inside the open shadow roots below it, in tree order. */
export function* deepElements(root: Document | ShadowRoot = document): Generator<Element> {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n as Element;
    yield el;
    if (el.shadowRoot) yield* deepElements(el.shadowRoot);
  }
}

/** The nearest element matching `selector` among `el` and its ancestors, crossing shadow boundaries. */
export function closestDeep(el: Element, selector: string): Element | null {
  for (let e: Element | null = el; e; e = (e.getRootNode() as Partial<ShadowRoot>).host ?? null) {
    const hit = e.closest(selector);
    if (hit) return hit;
  }
  return null;
}

export function isTag<K extends keyof HTMLElementTagNameMap>(
  el: Node | null | undefined,
  ...tags: K[]
): el is HTMLElementTagNameMap[K] {
  return !!el && tags.includes((el as Element).localName as K);
}

/** Whitespace collapsed and trimmed, cut to `max` characters. */
export function squash(text: string, max = 300): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
