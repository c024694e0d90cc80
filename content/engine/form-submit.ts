/**
 * Implicit submission: Enter in a form field submits its form through the
 * default button's click, or directly when there is no submit button and only
 * one field blocks it (https://html.spec.whatwg.org/#implicit-submission).
 * A dispatched Enter keydown does none of this.
 */
import { describe } from './describe.ts';
import { textInputTypes } from './dom.ts';

/** Fields that block implicit submission when a form has several and no submit button. */
const blockingTypes = new Set([
  ...textInputTypes,
  'date',
  'month',
  'week',
  'time',
  'datetime-local',
]);

function isSubmitButton(el: Element): el is HTMLButtonElement | HTMLInputElement {
  if (el instanceof HTMLButtonElement) return el.type === 'submit';
  return el instanceof HTMLInputElement && (el.type === 'submit' || el.type === 'image');
}

/** Inputs whose Enter means "submit" (not buttons, which Enter clicks, nor textareas). */
export function submitsOnEnter(el: Element): el is HTMLInputElement {
  return (
    el instanceof HTMLInputElement &&
    !['button', 'submit', 'reset', 'image', 'file', 'color', 'range', 'hidden'].includes(el.type)
  );
}

/** Runs implicit submission for `field`; returns a note for the report. */
export function implicitSubmit(field: HTMLInputElement): string {
  const form = field.form;
  if (!form) return 'Enter in a field outside any form submits nothing by itself';
  const elements = Array.from(form.elements);
  const button = elements.find(isSubmitButton);
  if (button) {
    if (button.disabled) return 'the form was not submitted: its submit button is disabled';
    button.click();
    return `Enter submitted the form through ${describe(button) ?? 'its submit button'}`;
  }
  const blocking = elements.filter(
    (e) => e instanceof HTMLInputElement && blockingTypes.has(e.type),
  ).length;
  if (blocking > 1) return 'the form was not submitted: it has several fields and no submit button';
  form.requestSubmit();
  return 'Enter submitted the form';
}
