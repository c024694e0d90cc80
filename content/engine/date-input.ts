/**
 * Typing into <input type=date|time|datetime-local|month|week>. Chromium edits
 * these in segments (month/day/year in en-US) and nothing script dispatches
 * reaches them; execCommand does not apply either (no text editor inside). The
 * engine collects the characters typed into the field and sets the value once
 * they read as a complete value, firing input and change as the field does
 * (https://html.spec.whatwg.org/#date-state-(type=date)). Accepted: what the
 * field shows (01/15/2024, 01152024, 9:30 PM) and the value format (2024-01-15, 21:30).
 */
const dateTypes = new Set(['date', 'time', 'datetime-local', 'month', 'week']);

let typedInto: HTMLInputElement | null = null;
let typed = '';

export function isDateLike(el: Element): el is HTMLInputElement {
  return el instanceof HTMLInputElement && dateTypes.has(el.type);
}

const pad = (n: string | number, width = 2): string => String(n).padStart(width, '0');

function parseDate(s: string): string | undefined {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const us = /^(\d{1,2})[/.-]?(\d{1,2})[/.-]?(\d{4,6})$/.exec(s);
  const m = iso ? [iso[1], iso[2], iso[3]] : us ? [us[3], us[1], us[2]] : undefined;
  if (!m) return undefined;
  const [y, mo, d] = m.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 1) return undefined;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
}

function parseTime(s: string): string | undefined {
  const m = /^(\d{1,2}):?(\d{2})(?::?(\d{2}))?\s*([ap])?\.?m?\.?$/i.exec(s.trim());
  if (!m) return undefined;
  let h = Number(m[1]);
  const min = Number(m[2]);
  const sec = m[3] === undefined ? undefined : Number(m[3]);
  const half = m[4]?.toLowerCase();
  if (half) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (half === 'p' ? 12 : 0);
  }
  if (h > 23 || min > 59 || (sec !== undefined && sec > 59)) return undefined;
  return `${pad(h)}:${pad(min)}${sec === undefined ? '' : `:${pad(sec)}`}`;
}

function parse(type: string, s: string): string | undefined {
  switch (type) {
    case 'date':
      return parseDate(s);
    case 'time':
      return parseTime(s);
    case 'datetime-local': {
      const m = /^(.+?)(?:T|,?\s+)(\d.*)$/.exec(s.trim());
      const d = m?.[1] && parseDate(m[1]);
      const t = m?.[2] && parseTime(m[2]);
      return d && t ? `${d}T${t}` : undefined;
    }
    case 'month': {
      const iso = /^(\d{4})-(\d{1,2})$/.exec(s);
      const us = /^(\d{1,2})[/.-]?(\d{4})$/.exec(s);
      const [y, mo] = iso ? [iso[1], iso[2]] : us ? [us[2], us[1]] : [];
      if (!y || !mo || Number(mo) < 1 || Number(mo) > 12) return undefined;
      return `${y}-${pad(mo)}`;
    }
    case 'week': {
      const m = /^(\d{4})-?W(\d{1,2})$/i.exec(s);
      return m ? `${m[1]}-W${pad(m[2] ?? '')}` : undefined;
    }
    default:
      return undefined;
  }
}

function setValue(el: HTMLInputElement, value: string): void {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

/** One typed character into a date-like field; returns a note when the value was set. */
export function typeIntoDateField(el: HTMLInputElement, text: string): string | undefined {
  if (el.readOnly || el.disabled) return undefined;
  if (typedInto !== el) {
    typedInto = el;
    typed = '';
  }
  typed += text;
  const value = parse(el.type, typed);
  if (value === undefined || value === el.value) return undefined;
  setValue(el, value);
  return el.value === value
    ? `the ${el.type} field is now ${value}`
    : `the ${el.type} field rejected ${value}`;
}

/** Backspace/Delete in a date-like field empties it (any empty segment makes the value ""). */
export function clearDateField(el: HTMLInputElement): void {
  typedInto = el;
  typed = '';
  if (el.value !== '' && !el.readOnly && !el.disabled) setValue(el, '');
}
