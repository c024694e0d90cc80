/** Short, human-readable names for elements in action reports (`button "Send"`). */

const maxName = 40;

function clip(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > maxName ? `${t.slice(0, maxName - 1)}…` : t;
}

/** An approximation of the accessible name: enough for Claude to recognise the element. */
function nameOf(el: Element): string {
  const aria = el.getAttribute('aria-label');
  if (aria) return aria;
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) {
    const text = labelledBy
      .split(/\s+/)
      .map((id) => el.ownerDocument.getElementById(id)?.textContent ?? '')
      .join(' ');
    if (text.trim()) return text;
  }
  if (
    el instanceof HTMLInputElement ||
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLSelectElement
  ) {
    const label = el.labels?.[0]?.textContent;
    if (label?.trim()) return label;
    if ('placeholder' in el && el.placeholder) return el.placeholder;
    if (el instanceof HTMLInputElement && ['submit', 'button', 'reset'].includes(el.type))
      return el.value;
    return el.name || el.title;
  }
  if (el instanceof HTMLImageElement) return el.alt || el.title;
  const text = el.textContent ?? '';
  return text.trim() ? text : (el.getAttribute('title') ?? '');
}

export function describe(el: Element | null): string | undefined {
  if (!el) return undefined;
  let kind = el.localName;
  if (el instanceof HTMLInputElement) kind = `input[type=${el.type}]`;
  const role = el.getAttribute('role');
  if (role) kind = `${kind}[role=${role}]`;
  const name = clip(nameOf(el));
  return name ? `${kind} "${name}"` : kind;
}
