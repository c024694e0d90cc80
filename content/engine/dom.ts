/** Tree walking that sees through shadow roots the way input does (the flat tree). */

/** The parent in the flat tree: slot for slotted nodes, host for shadow roots. */
export function flatParent(node: Node): Node | null {
  if (node instanceof Element && node.assignedSlot) return node.assignedSlot;
  const parent = node.parentNode;
  if (parent instanceof ShadowRoot) return parent.host;
  return parent;
}

/** The node and its flat-tree ancestors, deepest first, up to and including the Document. */
export function flatAncestors(node: Node | null): Node[] {
  const chain: Node[] = [];
  for (let n = node; n; n = flatParent(n)) chain.push(n);
  return chain;
}

/** The element and its flat-tree ancestor elements, deepest first. */
export function elementAncestors(el: Element | null): Element[] {
  return flatAncestors(el).filter((n): n is Element => n instanceof Element);
}

/** The focused element, looking inside shadow roots (document.activeElement stops at the host). */
export function deepActiveElement(doc: Document = document): Element | null {
  let el = doc.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

export const textInputTypes = new Set([
  'text',
  'search',
  'url',
  'tel',
  'email',
  'password',
  'number',
  '',
]);

/** An <input> whose value is edited as text, with a caret (selectionStart works except for email/number). */
export function isTextInput(el: Element | null): el is HTMLInputElement {
  return el instanceof HTMLInputElement && textInputTypes.has(el.type);
}

/** Input or textarea whose value is edited as text. */
export function isTextControl(el: Element | null): el is HTMLInputElement | HTMLTextAreaElement {
  return isTextInput(el) || el instanceof HTMLTextAreaElement;
}

/** Whether typing into `el` edits something: a text control or contenteditable. */
export function isEditable(el: Element | null): boolean {
  if (!el) return false;
  if (isTextControl(el)) return !el.readOnly && !el.disabled;
  return el instanceof HTMLElement && el.isContentEditable;
}

/** selectionStart throws or is null on email/number inputs (https://html.spec.whatwg.org/#do-not-apply). */
export function hasSelectionApi(el: HTMLInputElement | HTMLTextAreaElement): boolean {
  try {
    return el.selectionStart !== null;
  } catch {
    return false;
  }
}

export function isDisabled(el: Element): boolean {
  return el.matches(':disabled');
}

/** The element's box is drawn (not display:none / visibility:hidden / zero-size). */
export function isRendered(el: Element): boolean {
  if (typeof el.checkVisibility === 'function') {
    return el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions);
  }
  return el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
