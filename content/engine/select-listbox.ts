/**
 * Clicking an option of a list-box <select> (multiple, or size > 1): plain click
 * selects just it, Ctrl toggles it, Shift selects the range from the last plain
 * click, then input and change fire (https://html.spec.whatwg.org/#the-select-element).
 * Script-dispatched mouse events change nothing here.
 */
import type { Modifier } from '../../extension/keys-table.ts';

const anchors = new WeakMap<HTMLSelectElement, number>();

export function isListbox(select: HTMLSelectElement): boolean {
  return select.multiple || select.size > 1;
}

/** The list-box option under a press, if any. */
export function listboxOption(target: Element): HTMLOptionElement | null {
  const option = target.closest('option');
  const select = option?.closest('select');
  return option && select && isListbox(select) && !select.disabled && !option.disabled
    ? option
    : null;
}

/** A press changed the selection: input and change wait for the release. */
let pending: HTMLSelectElement | null = null;

/**
 * mousedown's default action on a list-box option: the selection changes at
 * once; input and change follow on mouseup (ListBoxSelectType's mouseup
 * handling), before the click. See `releaseListbox`.
 */
export function pressListboxOption(option: HTMLOptionElement, mods: ReadonlySet<Modifier>): void {
  const select = option.closest('select');
  if (!select) return;
  const options = Array.from(select.options);
  const before = options.map((o) => o.selected);
  const index = options.indexOf(option);
  if (!select.multiple) {
    option.selected = true;
  } else if (mods.has('Control') || mods.has('Meta')) {
    option.selected = !option.selected;
  } else if (mods.has('Shift')) {
    const from = anchors.get(select) ?? index;
    options.forEach(
      (o, i) => (o.selected = i >= Math.min(from, index) && i <= Math.max(from, index)),
    );
  } else {
    options.forEach((o) => (o.selected = o === option));
  }
  if (!mods.has('Shift')) anchors.set(select, index);
  if (options.some((o, i) => o.selected !== before[i])) {
    pending = select;
    // Should the release never be reported, the click that follows it still commits the change.
    window.addEventListener('click', releaseListbox, { capture: true, once: true });
  }
}

/** After the mouseup of a press on a list-box option: input and change, if the press changed the selection. */
export function releaseListbox(): void {
  const select = pending;
  pending = null;
  window.removeEventListener('click', releaseListbox, { capture: true });
  if (!select?.isConnected) return;
  select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  select.dispatchEvent(new Event('change', { bubbles: true }));
}
