/**
 * Keys on form widgets and links, whose default actions dispatched key events
 * skip: Enter follows a link, arrows change a select, slider, number field or
 * radio group, Space and Enter press buttons
 * (https://html.spec.whatwg.org/#the-input-element, Chromium's *InputType::HandleKeydownEvent).
 */
import type { Modifier } from '../../extension/keys-table.ts';
import { dateFieldKey, isDateLike } from './date-input.ts';
import { settleFocus } from './focus.ts';
import { isSelectPopupOpen, openSelectPopup } from './select-popup.ts';
import { isListbox } from './select-listbox.ts';

function fireInputAndChange(el: Element): void {
  el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Elements that a Space keyup or Enter keypress clicks. */
export function isButtonLike(el: Element): el is HTMLElement {
  if (el instanceof HTMLButtonElement || (el instanceof HTMLElement && el.localName === 'summary'))
    return true;
  return (
    el instanceof HTMLInputElement &&
    ['button', 'submit', 'reset', 'image', 'color', 'file'].includes(el.type)
  );
}

/** Space on these clicks them on keyup (checkbox and radio toggle through that click). */
export function isSpaceActivated(el: Element): el is HTMLElement {
  return (
    isButtonLike(el) ||
    (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio'))
  );
}

const forward = new Set(['ArrowDown', 'ArrowRight']);
const backward = new Set(['ArrowUp', 'ArrowLeft']);

function selectKey(
  select: HTMLSelectElement,
  key: string,
  mods: ReadonlySet<Modifier>,
): string | undefined {
  if (select.disabled) return undefined;
  if (
    !isListbox(select) &&
    ((mods.has('Alt') && (key === 'ArrowDown' || key === 'ArrowUp')) || key === 'F4' || key === ' ')
  ) {
    return openSelectPopup(select);
  }
  if (mods.has('Alt')) return undefined;
  const options = Array.from(select.options);
  const usable = options.filter((o) => !o.disabled && !o.hidden);
  const current = options[select.selectedIndex];
  const at = current ? usable.indexOf(current) : -1;
  let next: HTMLOptionElement | undefined;
  if (key === 'ArrowDown') next = usable[Math.min(at + 1, usable.length - 1)];
  else if (key === 'ArrowUp') next = usable[Math.max(at - 1, 0)];
  else if (key === 'Home' || key === 'PageUp') next = usable[0];
  else if (key === 'End' || key === 'PageDown') next = usable[usable.length - 1];
  else return undefined;
  if (!next || next === current) return 'the select is already at that end';
  if (isListbox(select)) options.forEach((o) => (o.selected = o === next));
  else next.selected = true;
  fireInputAndChange(select);
  return `the select now shows "${next.text}"`;
}

function rangeKey(input: HTMLInputElement, key: string): string | undefined {
  const before = input.value;
  const min = Number(input.min || 0);
  const max = Number(input.max || 100);
  const big = Math.max(1, Math.round((max - min) / 10));
  try {
    if (key === 'ArrowUp' || key === 'ArrowRight') input.stepUp();
    else if (key === 'ArrowDown' || key === 'ArrowLeft') input.stepDown();
    else if (key === 'PageUp') input.stepUp(big);
    else if (key === 'PageDown') input.stepDown(big);
    else if (key === 'Home') input.value = String(min);
    else if (key === 'End') input.value = String(max);
    else return undefined;
  } catch {
    return undefined;
  }
  if (input.value !== before) fireInputAndChange(input);
  return `the slider is now ${input.value}`;
}

function numberKey(input: HTMLInputElement, key: string): string | undefined {
  if (key !== 'ArrowUp' && key !== 'ArrowDown') return undefined;
  const before = input.value;
  try {
    if (key === 'ArrowUp') input.stepUp();
    else input.stepDown();
  } catch {
    return undefined;
  }
  if (input.value !== before) fireInputAndChange(input);
  return `the number is now ${input.value}`;
}

function radioKey(radio: HTMLInputElement, key: string): string | undefined {
  const dir = forward.has(key) ? 1 : backward.has(key) ? -1 : 0;
  if (!dir || !radio.name) return undefined;
  const scope = radio.form ?? radio.getRootNode();
  if (!(
    scope instanceof HTMLFormElement ||
    scope instanceof Document ||
    scope instanceof ShadowRoot
  ))
    return undefined;
  const group = Array.from(scope.querySelectorAll<HTMLInputElement>('input[type=radio]')).filter(
    (r) => r.name === radio.name && !r.disabled && r.form === radio.form,
  );
  const next = group[(group.indexOf(radio) + dir + group.length) % group.length];
  if (!next || next === radio) return undefined;
  // RadioInputType::HandleKeydownEvent: focus the next radio, then a simulated click checks it.
  // Without system focus, focus() fires nothing: announce it now, before the click.
  next.focus();
  settleFocus();
  next.click();
  return `selected radio "${next.value}"`;
}

/**
 * keydown default actions of widgets. Returns a note when the key was handled
 * ('' for no note), undefined when the widget does nothing with it.
 */
export function widgetKeyDown(
  target: Element,
  key: string,
  mods: ReadonlySet<Modifier>,
): string | undefined {
  if (target instanceof HTMLAnchorElement && target.href && key === 'Enter') {
    target.click();
    return 'Enter followed the link';
  }
  if (target instanceof HTMLSelectElement && !isSelectPopupOpen())
    return selectKey(target, key, mods);
  if (isDateLike(target)) return dateFieldKey(target, key, mods);
  if (target instanceof HTMLInputElement) {
    if (target.type === 'range') return rangeKey(target, key);
    if (target.type === 'number' && !mods.has('Control')) return numberKey(target, key);
    if (target.type === 'radio') return radioKey(target, key);
  }
  return undefined;
}
