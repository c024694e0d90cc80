/**
 * Typing into <input type=date|time|datetime-local|month|week>. Chromium edits
 * these in segments (en-US: mm/dd/yyyy, hh:mm AM) and nothing script dispatches
 * reaches them, so the engine keeps the segments itself and does what
 * Chromium's DateTimeEditElement does with each key
 * (third_party/blink/renderer/core/html/forms/date_time_*_field_element.cc):
 *
 * - a digit goes to the focused segment's type-ahead buffer; the segment moves
 *   on once the buffer is full or no further digit could fit (typing "1" into
 *   the month waits, "3" moves on); separators ("/", ":", "-") are ignored;
 * - "a"/"p" pick AM/PM; arrows step a segment or move between segments; Tab
 *   moves between segments before it leaves the field; Backspace empties one;
 * - the element's value is set only while every segment holds a value that
 *   makes a valid date or time, and whenever the value changes (also back to
 *   "") input and change fire (https://html.spec.whatwg.org/#date-state-(type=date)).
 */
import type { Modifier } from '../../extension/keys-table.ts';

type Kind = 'month' | 'day' | 'year' | 'week' | 'hour' | 'minute' | 'second' | 'ms' | 'ampm';

interface Segment {
  readonly kind: Kind;
  /** Typed values are clamped to these (Chromium's hard limits). */
  readonly min: number;
  readonly max: number;
  value: number | null;
  /** Typing into it does nothing (the month name of type=month takes no digits in Chromium). */
  readonly untypable?: boolean;
}

interface Editor {
  readonly segments: Segment[];
  focused: number;
  buffer: string;
  /** The element's value when we last read or set it: a different one means the page changed it. */
  value: string;
}

const dateTypes = new Set(['date', 'time', 'datetime-local', 'month', 'week']);
const editors = new WeakMap<HTMLInputElement, Editor>();

export function isDateLike(el: Element): el is HTMLInputElement {
  return el instanceof HTMLInputElement && dateTypes.has(el.type);
}

const segment = (kind: Kind, min: number, max: number, untypable = false): Segment => ({
  kind,
  min,
  max,
  value: null,
  untypable,
});

/** Seconds (and milliseconds) show when the step or the value has them. */
function timeSegments(el: HTMLInputElement): Segment[] {
  const step = Number(el.step) > 0 ? Number(el.step) : 60;
  const valueSeconds = /T?\d\d:\d\d:(\d\d)(\.\d+)?$/.exec(el.value);
  const seconds = step % 60 !== 0 || valueSeconds !== null;
  const ms = step % 1 !== 0 || valueSeconds?.[2] !== undefined;
  return [
    segment('hour', 0, 23),
    segment('minute', 0, 59),
    ...(seconds ? [segment('second', 0, 59)] : []),
    ...(seconds && ms ? [segment('ms', 0, 999)] : []),
    segment('ampm', 0, 1),
  ];
}

const dateSegments = (): Segment[] => [
  segment('month', 1, 12),
  segment('day', 1, 31),
  segment('year', 1, 275760),
];

function layout(el: HTMLInputElement): Segment[] {
  switch (el.type) {
    case 'date':
      return dateSegments();
    case 'time':
      return timeSegments(el);
    case 'datetime-local':
      return [...dateSegments(), ...timeSegments(el)];
    case 'month':
      return [segment('month', 1, 12, true), segment('year', 1, 275760)];
    default:
      return [segment('week', 1, 53), segment('year', 1, 275760)];
  }
}

/** Fills the segments from a value the element holds (an empty one leaves them empty). */
function readValue(segments: Segment[], value: string): void {
  const date = /^(\d{4,})-(\d\d)(?:-(\d\d))?/.exec(value);
  const week = /^(\d{4,})-W(\d\d)/.exec(value);
  const time = /(?:^|T)(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,3}))?)?$/.exec(value);
  for (const s of segments) {
    const n = (v: string | undefined): number | null => (v === undefined ? null : Number(v));
    const hour = n(time?.[1]);
    switch (s.kind) {
      case 'year':
        s.value = n(date?.[1] ?? week?.[1]);
        break;
      case 'month':
        s.value = n(date?.[2]);
        break;
      case 'day':
        s.value = n(date?.[3]);
        break;
      case 'week':
        s.value = n(week?.[2]);
        break;
      case 'hour':
        s.value = hour === null ? null : hour % 12 || 12;
        break;
      case 'minute':
        s.value = n(time?.[2]);
        break;
      case 'second':
        s.value = time ? (n(time[3]) ?? 0) : null;
        break;
      case 'ms':
        s.value = time ? Number((time[4] ?? '0').padEnd(3, '0')) : null;
        break;
      case 'ampm':
        s.value = hour === null ? null : hour >= 12 ? 1 : 0;
        break;
    }
  }
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The value every segment makes together, or '' while one is empty or the date is invalid. */
function composeValue(type: string, segments: readonly Segment[]): string {
  const v = new Map<Kind, number>();
  for (const s of segments) {
    if (s.value === null) return '';
    v.set(s.kind, s.value);
  }
  const get = (k: Kind): number => v.get(k) ?? 0;
  const year = pad(get('year'), 4);
  let date = '';
  if (v.has('day')) {
    const d = new Date(0);
    d.setUTCFullYear(get('year'), get('month') - 1, get('day'));
    if (d.getUTCDate() !== get('day')) return '';
    date = `${year}-${pad(get('month'))}-${pad(get('day'))}`;
  }
  if (type === 'month') return `${year}-${pad(get('month'))}`;
  if (type === 'week') {
    if (get('week') > isoWeeksIn(get('year'))) return '';
    return `${year}-W${pad(get('week'))}`;
  }
  if (!v.has('hour')) return date;
  const hour = (get('hour') % 12) + (get('ampm') === 1 ? 12 : 0);
  let time = `${pad(hour)}:${pad(get('minute'))}`;
  if (v.has('second')) time += `:${pad(get('second'))}`;
  if (v.has('ms')) time += `.${pad(get('ms'), 3)}`;
  return date ? `${date}T${time}` : time;
}

/** 53 when the year starts on a Thursday (or a Wednesday in a leap year), else 52. */
function isoWeeksIn(year: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, 0, 1);
  const day = d.getUTCDay();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day === 4 || (leap && day === 3) ? 53 : 52;
}

/** What the field shows, for the report (en-US order, placeholders for empty segments). */
function shown(segments: readonly Segment[]): string {
  const names = ['', 'January', 'February', 'March', 'April', 'May', 'June', 'July'];
  names.push('August', 'September', 'October', 'November', 'December');
  const text = (s: Segment): string => {
    if (s.kind === 'ampm') return s.value === null ? '--' : s.value ? 'PM' : 'AM';
    if (s.value === null) return { year: 'yyyy', month: 'mm', day: 'dd' }[s.kind as string] ?? '--';
    if (s.kind === 'month' && s.untypable) return names[s.value] ?? '';
    return pad(s.value, s.kind === 'year' ? 4 : s.kind === 'ms' ? 3 : 2);
  };
  let out = '';
  segments.forEach((s, i) => {
    const prev = segments[i - 1]?.kind;
    if (i > 0) {
      if (s.kind === 'ampm' || s.kind === 'year') out += ' ';
      else if (s.kind === 'hour') out += ', ';
      else if (s.kind === 'ms') out += '.';
      else if (prev === 'month' || prev === 'day') out += '/';
      else out += ':';
    }
    out += s.kind === 'week' ? `Week ${text(s)}` : text(s);
  });
  return out;
}

function setValue(el: HTMLInputElement, value: string): void {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The field's segments, re-read from its value when the page set another one. */
function editorFor(el: HTMLInputElement): Editor {
  let ed = editors.get(el);
  if (!ed || ed.value !== el.value) {
    const segments = layout(el);
    readValue(segments, el.value);
    ed = { segments, focused: ed?.focused ?? 0, buffer: '', value: el.value };
    ed.focused = Math.min(ed.focused, segments.length - 1);
    editors.set(el, ed);
  }
  return ed;
}

// Focus entering a field (the browser's focusin or the engine's) starts at its first segment.
// Chromium starts at the segment clicked, or the last one for Shift+Tab; those are not located.
window.addEventListener(
  'focusin',
  (e) => {
    const el = e.composedPath()[0];
    if (el instanceof Element && isDateLike(el)) {
      const ed = editors.get(el);
      if (ed) {
        ed.focused = 0;
        ed.buffer = '';
      }
    }
  },
  true,
);

/** After a segment changed: sets the element's value if what the segments make changed. */
function commit(el: HTMLInputElement, ed: Editor): string {
  const value = composeValue(el.type, ed.segments);
  const changed = value !== ed.value;
  if (changed) {
    setValue(el, value);
    ed.value = el.value;
  }
  // Notes that repeat word for word are reported once per action.
  if (!ed.value)
    return `the ${el.type} field's value stays empty until every part of it is set (type each part's digits in turn)`;
  return changed ? `the ${el.type} field shows ${shown(ed.segments)} (value ${ed.value})` : '';
}

function moveFocus(ed: Editor, to: number): boolean {
  if (to < 0 || to >= ed.segments.length) return false;
  ed.focused = to;
  ed.buffer = '';
  return true;
}

/** A digit into a numeric segment (DateTimeNumericFieldElement::HandleKeyboardEvent). */
function typeDigit(ed: Editor, s: Segment, digit: string): void {
  const maxLength = String(s.max).length;
  if (ed.buffer.length >= maxLength) ed.buffer = ed.buffer.slice(1 - maxLength);
  ed.buffer += digit;
  const typed = Number(ed.buffer);
  if (s.kind === 'hour') {
    // 13-23 read as PM hours; 0 shows as 12 (DateTimeHour12FieldElement).
    const h = Math.min(typed, 23);
    s.value = h % 12 || 12;
    if (h > 12) {
      const ampm = ed.segments.find((x) => x.kind === 'ampm');
      if (ampm) ampm.value = 1;
    }
  } else {
    s.value = typed >= s.min ? Math.min(typed, s.max) : null;
  }
  const rangeMax = s.kind === 'hour' ? 12 : s.max;
  if (ed.buffer.length >= maxLength || typed * 10 > rangeMax) moveFocus(ed, ed.focused + 1);
}

/** One typed character into a date-like field (keypress's default action); returns a note. */
export function typeIntoDateField(el: HTMLInputElement, text: string): string | undefined {
  if (el.readOnly || el.disabled) return undefined;
  const ed = editorFor(el);
  const s = ed.segments[ed.focused];
  if (!s || s.untypable) return `the ${el.type} field ignored "${text}" (use the arrow keys)`;
  if (s.kind === 'ampm') {
    const c = text.toLowerCase();
    if (c !== 'a' && c !== 'p') return `the ${el.type} field ignored "${text}"`;
    s.value = c === 'p' ? 1 : 0;
    return commit(el, ed);
  }
  if (!/^\d$/.test(text)) {
    return `the ${el.type} field ignored "${text}": type only the digits, each part in turn (separators do nothing)`;
  }
  typeDigit(ed, s, text);
  return commit(el, ed);
}

/** ArrowUp/ArrowDown on a segment: step it, wrapping; an empty one starts at its end (years at this year). */
function step(ed: Editor, s: Segment, by: 1 | -1): void {
  ed.buffer = '';
  const lo = s.kind === 'hour' ? 1 : s.min;
  const hi = s.kind === 'hour' ? 12 : s.max;
  if (s.value === null) {
    s.value = s.kind === 'year' ? new Date().getFullYear() : by > 0 ? lo : hi;
    return;
  }
  const next = s.value + by;
  s.value = next > hi ? lo : next < lo ? hi : next;
}

/**
 * Keys on a date-like field (DateTimeFieldElement::DefaultKeyboardEventHandler).
 * Returns a note when the field handled the key, undefined when it did not
 * (Tab past the last segment leaves the field).
 */
export function dateFieldKey(
  el: HTMLInputElement,
  key: string,
  mods: ReadonlySet<Modifier>,
): string | undefined {
  if (el.disabled || mods.has('Control') || mods.has('Meta')) return undefined;
  const ed = editorFor(el);
  const s = ed.segments[ed.focused];
  if (!s) return undefined;
  switch (key) {
    case 'ArrowLeft':
      moveFocus(ed, ed.focused - 1);
      return '';
    case 'ArrowRight':
      moveFocus(ed, ed.focused + 1);
      return '';
    case 'Tab':
      if (mods.has('Alt')) return undefined;
      return moveFocus(ed, ed.focused + (mods.has('Shift') ? -1 : 1)) ? '' : undefined;
    case 'ArrowUp':
    case 'ArrowDown':
      if (el.readOnly || mods.has('Alt')) return undefined;
      step(ed, s, key === 'ArrowUp' ? 1 : -1);
      return commit(el, ed);
    case 'Backspace':
    case 'Delete':
      if (el.readOnly) return undefined;
      ed.buffer = '';
      s.value = null;
      return commit(el, ed);
    default:
      return undefined;
  }
}

/** Backspace/Delete in a date-like field empties the focused segment (and so the value). */
export function clearDateField(el: HTMLInputElement): void {
  dateFieldKey(el, 'Backspace', new Set());
}
