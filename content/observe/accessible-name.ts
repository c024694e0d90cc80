/**
 * A small approximation of the accessible name and role
 * (https://www.w3.org/TR/accname-1.2/, https://www.w3.org/TR/html-aam-1.0/):
 * enough for the risk check to read a control the way a person would.
 */
import { isTag, squash } from './deep.ts';

const maxName = 200;

/** Roles named by their content (accname step 2F), plus generic elements a page made clickable. */
const fromContent =
  /^(button|link|menuitem\w*|tab|option|checkbox|radio|switch|treeitem|cell|heading|)$/;

const inputRoles: Record<string, string> = {
  button: 'button',
  submit: 'button',
  reset: 'button',
  image: 'button',
  checkbox: 'checkbox',
  radio: 'radio',
  range: 'slider',
  number: 'spinbutton',
  search: 'searchbox',
};

/** Implicit roles the risk check and Claude's reports use; the rest of html-aam is left out. */
const tagRoles: Record<string, string> = {
  button: 'button',
  textarea: 'textbox',
  option: 'option',
  img: 'img',
  dialog: 'dialog',
  form: 'form',
};

/** The explicit role (first token), else the element's implicit one, else ''. */
export function roleOf(el: Element): string {
  const explicit = el.getAttribute('role')?.trim().split(/\s+/)[0];
  if (explicit) return explicit;
  const tag = el.localName;
  if (isTag(el, 'a', 'area')) return el.hasAttribute('href') ? 'link' : '';
  if (/^h[1-6]$/.test(tag)) return 'heading';
  if (isTag(el, 'input')) return inputRoles[el.type] ?? 'textbox';
  if (isTag(el, 'select')) return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
  return tagRoles[tag] ?? '';
}

export function isField(el: Node): boolean {
  return isTag(el, 'input', 'textarea', 'select');
}

/**
 * Text as the flat tree shows it: slotted content, image alts and inner labels in,
 * hidden parts out. Bounded, since a generic element may hold half the page.
 */
function contentText(root: Element): string {
  const parts: string[] = [];
  let budget = 500;
  let length = 0;
  const walk = (node: Node, top: boolean): void => {
    if (--budget < 0 || length > maxName) return;
    if (node.nodeType === Node.TEXT_NODE) {
      parts.push((node as Text).data);
      length += (node as Text).data.length;
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const el = node as Element;
    if (/^(script|style|template)$/.test(el.localName)) return;
    if (!top) {
      // A field's value is the user's (a card number in its label): never part of a name.
      // Slots have no box of their own (display: contents), so checkVisibility is false.
      if (isField(el) || el.getAttribute('aria-hidden') === 'true') return;
      if (!isTag(el, 'slot') && !el.checkVisibility()) return;
      const label = el.getAttribute('aria-label') || (isTag(el, 'img') ? el.alt : '');
      if (label) {
        parts.push(` ${label} `);
        return;
      }
    }
    const assigned = isTag(el, 'slot') ? el.assignedNodes({ flatten: true }) : [];
    const kids = assigned.length > 0 ? assigned : [...(el.shadowRoot ?? el).childNodes];
    // Blocks inside a control are separate words ("Place order" + "€48").
    const gap = getComputedStyle(el).display === 'inline' ? '' : ' ';
    parts.push(gap);
    for (const k of kids) walk(k, false);
    parts.push(gap);
  };
  walk(root, true);
  return parts.join('');
}

function byIds(el: Element, ids: string): string {
  const root = el.getRootNode() as Document | ShadowRoot;
  return ids
    .split(/\s+/)
    .map((id) => {
      const ref = root.getElementById(id);
      return ref ? (ref.getAttribute('aria-label') ?? contentText(ref)) : '';
    })
    .join(' ');
}

function nativeName(el: Element): string {
  if (isTag(el, 'input') && /^(submit|reset|button|image)$/.test(el.type)) {
    const fallback = { submit: 'Submit', image: 'Submit', reset: 'Reset' }[el.type] ?? '';
    return (el.type === 'image' ? el.alt : '') || el.value || fallback;
  }
  const labels = (el as HTMLInputElement).labels;
  if (labels?.length) return [...labels].map(contentText).join(' ');
  return isTag(el, 'img', 'area') ? el.alt : '';
}

export function accessibleName(el: Element): string {
  const labelledBy = el.getAttribute('aria-labelledby');
  const candidates = [
    () => (labelledBy ? byIds(el, labelledBy) : ''),
    () => el.getAttribute('aria-label') ?? '',
    () => nativeName(el),
    () => (fromContent.test(roleOf(el)) && !isField(el) ? contentText(el) : ''),
    () => el.getAttribute('title') ?? '',
    () => el.getAttribute('placeholder') ?? '',
  ];
  for (const candidate of candidates) {
    const name = squash(candidate(), maxName);
    if (name) return name;
  }
  return '';
}
