/**
 * The option list of a native <select>. Chromium draws it outside the page, a
 * script-dispatched click never opens it, and showPicker() needs a real user
 * gesture (https://html.spec.whatwg.org/#dom-select-showpicker). So we draw our
 * own list under the select, in a closed shadow root the page cannot style or
 * reach, where a screenshot shows it; the next click picks an option (input and
 * change, as the browser fires them) or closes it.
 */
import type { FramePoint } from '../../extension/geometry.ts';

interface Row {
  readonly el: HTMLElement;
  readonly option: HTMLOptionElement;
}

interface Popup {
  readonly host: HTMLElement;
  readonly list: HTMLElement;
  readonly select: HTMLSelectElement;
  readonly rows: Row[];
  highlighted: number;
}

let popup: Popup | null = null;

const css = `
:host { all: initial; position: fixed; z-index: 2147483647; }
.list { box-sizing: border-box; overflow-y: auto; background: #fff; color: #000; border: 1px solid #767676;
  box-shadow: 0 2px 8px rgba(0,0,0,.3); font: 13px system-ui, sans-serif; }
.group { padding: 2px 6px; font-weight: bold; }
.row { padding: 2px 6px; white-space: pre; cursor: default; }
.group ~ .row.in-group { padding-left: 18px; }
.row.disabled { color: #888; }
.row.hl { background: #1967d2; color: #fff; }`;

export function isSelectPopupOpen(): boolean {
  if (popup && !popup.select.isConnected) closeSelectPopup();
  return popup !== null;
}

function highlight(i: number): void {
  if (!popup) return;
  popup.rows[popup.highlighted]?.el.classList.remove('hl');
  popup.highlighted = i;
  const row = popup.rows[i];
  row?.el.classList.add('hl');
  row?.el.scrollIntoView({ block: 'nearest' });
}

/** Shows the select's options under it (above it if there is no room below). */
export function openSelectPopup(select: HTMLSelectElement): string {
  closeSelectPopup();
  const host = document.createElement('tabpilot-select-popup');
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = css;
  const list = document.createElement('div');
  list.className = 'list';
  list.setAttribute('role', 'listbox');
  root.append(style, list);
  const rows: Row[] = [];
  let group: HTMLOptGroupElement | null = null;
  for (const option of Array.from(select.options)) {
    if (option.hidden) continue;
    const parent = option.parentElement;
    if (parent instanceof HTMLOptGroupElement && parent !== group) {
      group = parent;
      const g = document.createElement('div');
      g.className = 'group';
      g.textContent = parent.label;
      list.append(g);
    }
    const el = document.createElement('div');
    el.className = `row${option.disabled || group?.disabled ? ' disabled' : ''}${group ? ' in-group' : ''}`;
    el.setAttribute('role', 'option');
    el.textContent = option.label || option.text || ' ';
    list.append(el);
    rows.push({ el, option });
  }
  const r = select.getBoundingClientRect();
  const below = window.innerHeight - r.bottom;
  const height = Math.min(rows.length * 20 + 4, Math.max(below, r.top, 60));
  host.style.left = `${Math.max(0, r.left)}px`;
  host.style.top = `${below >= height || below >= r.top ? r.bottom : r.top - height}px`;
  list.style.minWidth = `${r.width}px`;
  list.style.maxHeight = `${height}px`;
  document.documentElement.append(host);
  popup = { host, list, select, rows, highlighted: -1 };
  highlight(rows.findIndex((row) => row.option.selected));
  const names = rows.map((row) => row.option.label || row.option.text).slice(0, 12);
  return `the select's option list is open (${rows.length} options: ${names.map((n) => `"${n}"`).join(', ')}${rows.length > 12 ? ', …' : ''}); click an option to choose it`;
}

export function closeSelectPopup(): void {
  popup?.host.remove();
  popup = null;
}

/**
 * Sets the select to `option` and fires input and change, as choosing from the
 * list does; then, like Chromium's popup (InternalPopupMenu::SetValueAndClosePopup),
 * a click on the select, even when the choice changed nothing.
 */
function choose(option: HTMLOptionElement): void {
  const select = popup?.select;
  closeSelectPopup();
  if (!select || option.disabled) return;
  if (!option.selected) {
    option.selected = true;
    select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }
  if (select.isConnected) clickAfterPopup(select);
}

/**
 * The click Chromium sends the select after its popup closes with a choice: no
 * button (-1), detail 0, at the select's border-box origin in document
 * coordinates (it positions the event at the element's absolute bounding box).
 * Its mouseup counterpart does not reach the page.
 */
function clickAfterPopup(select: HTMLSelectElement): void {
  const r = select.getBoundingClientRect();
  const x = r.left + window.scrollX;
  const y = r.top + window.scrollY;
  select.dispatchEvent(
    new PointerEvent('click', {
      bubbles: true,
      cancelable: true,
      composed: true,
      view: window,
      clientX: x,
      clientY: y,
      screenX: x + window.screenX,
      screenY: y + window.screenY + (window.outerHeight - window.innerHeight),
      button: -1,
      buttons: 0,
      detail: 0,
      pointerId: 1,
      pointerType: 'mouse',
      isPrimary: true,
    }),
  );
}

/**
 * A click at `p` while the list is open: picks the option under it, or closes
 * the list when it lands outside (the page never sees that click, as with the
 * real popup). Returns what happened, for the report.
 */
export function clickSelectPopup(p: FramePoint): string {
  const current = popup;
  if (!current) return '';
  const row = current.rows.find(({ el }) => {
    const r = el.getBoundingClientRect();
    return p.x >= r.left && p.x < r.right && p.y >= r.top && p.y < r.bottom;
  });
  if (row) {
    if (row.option.disabled) return `option "${row.option.text}" is disabled; the list stays open`;
    choose(row.option);
    return `chose option "${row.option.text}"`;
  }
  const box = current.host.getBoundingClientRect();
  const inside = p.x >= box.left && p.x < box.right && p.y >= box.top && p.y < box.bottom;
  if (inside) return 'clicked inside the option list but on no option';
  closeSelectPopup();
  return "closed the select's option list; like a real click outside an open list, it did not reach the page";
}

/** Keys while the list is open go to it, as they do to the browser's popup. */
export function selectPopupKey(key: string): string | undefined {
  const current = popup;
  if (!current) return undefined;
  const enabled = (i: number): boolean =>
    current.rows[i] !== undefined && !current.rows[i]?.option.disabled;
  const step = (from: number, dir: 1 | -1): number => {
    for (let i = from + dir; i >= 0 && i < current.rows.length; i += dir) if (enabled(i)) return i;
    return from;
  };
  switch (key) {
    case 'ArrowDown':
      highlight(step(current.highlighted, 1));
      return 'moved in the option list';
    case 'ArrowUp':
      highlight(step(current.highlighted, -1));
      return 'moved in the option list';
    case 'Home':
      highlight(step(-1, 1));
      return 'moved in the option list';
    case 'End':
      highlight(step(current.rows.length, -1));
      return 'moved in the option list';
    case 'Enter':
    case ' ':
    case 'Tab': {
      const row = current.rows[current.highlighted];
      if (row) choose(row.option);
      else closeSelectPopup();
      return row ? `chose option "${row.option.text}"` : 'closed the option list';
    }
    case 'Escape':
      closeSelectPopup();
      return 'closed the option list';
    default:
      return 'the option list is open; the key went to it';
  }
}

/** Wheel over the open list scrolls the list; true if `p` is over it. */
export function wheelSelectPopup(p: FramePoint, dy: number): boolean {
  if (!popup) return false;
  const r = popup.host.getBoundingClientRect();
  if (p.x < r.left || p.x >= r.right || p.y < r.top || p.y >= r.bottom) return false;
  popup.list.scrollBy({ top: dy, behavior: 'instant' });
  return true;
}
