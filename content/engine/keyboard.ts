/**
 * The keyboard: keydown, keypress (for keys that type), keyup with the fields a
 * real key press has, then the default action the browser would run, which a
 * dispatched key event never gets (https://w3c.github.io/uievents/#events-keyboard-event-order).
 * A keydown or keypress whose preventDefault was called suppresses it.
 */
import type { KeyStroke } from '../../extension/engine-action.ts';
import { isDateLike, clearDateField, typeIntoDateField } from './date-input.ts';
import { describe } from './describe.ts';
import { deepActiveElement, isEditable } from './dom.ts';
import { commandKey, editingKey } from './editing-keys.ts';
import { watchFocus } from './focus.ts';
import { implicitSubmit, submitsOnEnter } from './form-submit.ts';
import { isFrame } from './hit-test.ts';
import { scrollKey } from './page-keys.ts';
import type { Report } from './report.ts';
import { isSelectPopupOpen, selectPopupKey } from './select-popup.ts';
import { engineState, modifierFlags, type KeyInfo } from './state.ts';
import { moveFocus } from './tab-order.ts';
import { beforeInput, commitChange, edit, insertText } from './text-input.ts';
import { isButtonLike, isSpaceActivated, widgetKeyDown } from './widget-keys.ts';

/** A key stroke as the page sees it now: its Shift layer while Shift is down. */
export function keyInfo(stroke: KeyStroke): KeyInfo {
  const shift = engineState.modifiers.has('Shift');
  const text = shift && stroke.shiftText !== undefined ? stroke.shiftText : stroke.text;
  return {
    name: stroke.name,
    key: shift && stroke.shiftKey !== undefined ? stroke.shiftKey : stroke.key,
    code: stroke.code,
    keyCode: stroke.keyCode,
    location: stroke.location ?? 0,
    ...(text === undefined ? {} : { text }),
    ...(stroke.modifier === undefined ? {} : { modifier: stroke.modifier }),
  };
}

/** A character no US key types (嗨, é, 🙂): key is the character, code is empty, keyCode 0. */
export function characterKey(ch: string): KeyInfo {
  return { name: ch, key: ch, code: '', keyCode: 0, location: 0, text: ch };
}

/** Button or checkbox that a Space keydown armed; its keyup clicks it. */
let spaceArmed: Element | null = null;

function keyTarget(report: Report): Element {
  const el = deepActiveElement() ?? document.body ?? document.documentElement;
  report.target = describe(el);
  if (isFrame(el))
    report.note('keyboard focus is inside an iframe; keys must be sent to that frame');
  return el;
}

function fireKey(
  type: 'keydown' | 'keypress' | 'keyup',
  target: Element,
  k: KeyInfo,
  repeat: boolean,
): boolean {
  // keypress carries the first UTF-16 unit of the text (Chromium's WebKeyboardEvent
  // text is UTF-16), so a character past U+FFFF gives its high surrogate.
  const charCode =
    type === 'keypress' ? (k.key === 'Enter' ? 13 : (k.text?.charCodeAt(0) ?? 0)) : 0;
  const keyCode = type === 'keypress' ? charCode : k.keyCode;
  const init: KeyboardEventInit & { which: number } = {
    bubbles: true,
    cancelable: true,
    composed: true,
    view: window,
    key: k.key,
    code: k.code,
    location: k.location,
    repeat,
    isComposing: false,
    keyCode,
    charCode,
    which: keyCode,
    ...modifierFlags(),
  };
  return target.dispatchEvent(new KeyboardEvent(type, init));
}

function hasCommandModifier(): boolean {
  const m = engineState.modifiers;
  return m.has('Control') || m.has('Meta') || m.has('Alt');
}

function syncModifiers(): void {
  engineState.modifiers = new Set(
    [...engineState.keysDown.values()].flatMap((k) => (k.modifier ? [k.modifier] : [])),
  );
}

/** keypress's default action: type the character, or what Enter and Space do. */
function keyPressDefault(target: Element, k: KeyInfo, report: Report): void {
  const mods = engineState.modifiers;
  if (k.key === 'Enter') {
    if (isButtonLike(target)) target.click();
    else if (target instanceof HTMLTextAreaElement) edit(target, 'insertLineBreak');
    else if (isEditable(target) && !(target instanceof HTMLInputElement))
      edit(target, mods.has('Shift') ? 'insertLineBreak' : 'insertParagraph');
    else if (submitsOnEnter(target)) {
      // The editor's InsertNewline runs first: its beforeinput fires though a
      // single-line field takes no line break, and cancelling it stops the submission.
      if (isEditable(target) && !beforeInput(target, 'insertLineBreak')) {
        report.note('the page cancelled the Enter (beforeinput), so the form was not submitted');
        return;
      }
      commitChange(target);
      report.note(implicitSubmit(target));
    }
    return;
  }
  if (k.key === ' ' && spaceArmed === target) return;
  if (isDateLike(target)) {
    report.note(typeIntoDateField(target, k.text ?? '') ?? '');
    return;
  }
  if (isEditable(target)) {
    if (!insertText(target, k.text ?? ''))
      report.note(`"${k.text ?? ''}" was not inserted (the page refused it)`);
    return;
  }
  if (k.key === ' ') report.note(scrollKey(' ', mods) ?? '');
  else
    report.note(
      `nothing editable has focus (${describe(target) ?? 'the page'}), so typed characters went to the page but inserted no text`,
    );
}

/** keydown's default action for keys that type nothing (and widget keys). */
function keyDownDefault(target: Element, k: KeyInfo, report: Report, repeat: boolean): void {
  const mods = engineState.modifiers;
  if (k.key === ' ' && isSpaceActivated(target) && !hasCommandModifier()) spaceArmed = target;
  const widget = widgetKeyDown(target, k.key, mods);
  if (widget !== undefined) {
    report.note(widget);
    return;
  }
  if (k.text !== undefined && !hasCommandModifier()) {
    if (fireKey('keypress', target, k, repeat)) keyPressDefault(target, k, report);
    return;
  }
  const command = commandKey(target, k.code, mods);
  if (command !== undefined) {
    report.note(command);
    return;
  }
  if (k.key === 'Tab' && !hasCommandModifier()) {
    report.note(moveFocus(mods.has('Shift') ? -1 : 1) ?? '');
    report.target = describe(deepActiveElement());
    return;
  }
  if (isDateLike(target) && (k.key === 'Backspace' || k.key === 'Delete')) {
    clearDateField(target);
    return;
  }
  if (editingKey(target, k.key, mods)) return;
  if (!isEditable(target) && !hasCommandModifier()) report.note(scrollKey(k.key, mods) ?? '');
}

export function keyDown(k: KeyInfo, report: Report, repeat = false): void {
  engineState.keysDown.set(k.name, k);
  syncModifiers();
  if (!k.modifier && isSelectPopupOpen()) {
    report.note(selectPopupKey(k.key) ?? '');
    return;
  }
  const target = keyTarget(report);
  watchFocus(() => {
    if (!fireKey('keydown', target, k, repeat)) {
      if (!k.modifier)
        report.note(`the page cancelled the ${k.key} keydown, so the browser did nothing with it`);
      return;
    }
    if (!k.modifier) keyDownDefault(target, k, report, repeat);
  });
}

export function keyUp(name: string, report: Report): void {
  const k = engineState.keysDown.get(name);
  if (!k) return;
  engineState.keysDown.delete(name);
  syncModifiers();
  if (!k.modifier && isSelectPopupOpen()) return;
  const target = keyTarget(report);
  watchFocus(() => {
    const allowed = fireKey('keyup', target, k, false);
    if (k.key !== ' ') return;
    const armed = spaceArmed;
    spaceArmed = null;
    if (allowed && armed === target && target instanceof HTMLElement) target.click();
  });
}

/** Releases every key still down, last pressed first. */
export function releaseKeys(report: Report): void {
  for (const name of [...engineState.keysDown.keys()].reverse()) keyUp(name, report);
}
