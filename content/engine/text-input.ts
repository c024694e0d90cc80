/**
 * Inserting and deleting text the way typing does. Key events dispatched by
 * script insert nothing, so the engine edits itself, preferring
 * document.execCommand: in Chromium it edits through the editor, fires
 * beforeinput and a trusted input event that React, Vue and Angular accept, and
 * lands on the undo stack (https://w3c.github.io/editing/docs/execCommand/).
 * When it does nothing, the native value setter (bypassing a framework's own
 * setter on the element, which React uses to track values) plus InputEvents
 * does the same for text controls.
 */
import { hasSelectionApi, isEditable, isTextControl } from './dom.ts';
import { fireTextInput } from './text-event.ts';

type Command = 'insertText' | 'insertLineBreak' | 'insertParagraph' | 'delete' | 'forwardDelete';

const inputTypes: Record<Command, string> = {
  insertText: 'insertText',
  insertLineBreak: 'insertLineBreak',
  insertParagraph: 'insertParagraph',
  delete: 'deleteContentBackward',
  forwardDelete: 'deleteContentForward',
};

/** Value at the last change event, per control, for the change an Enter commits. */
const committed = new WeakMap<Element, string>();
window.addEventListener(
  'change',
  (e) => e.target instanceof Element && committed.delete(e.target),
  true,
);

function snapshot(el: Element): string {
  return isTextControl(el) ? el.value : (el.textContent ?? '');
}

/** Runs an editing command through the browser's editor; true if it changed something. */
function viaExecCommand(el: Element, command: Command, text: string): boolean {
  const before = snapshot(el);
  let inputFired = false;
  const spy = (): void => {
    inputFired = true;
  };
  window.addEventListener('input', spy, true);
  try {
    const ok = document.execCommand(command, false, command === 'insertText' ? text : undefined);
    return ok && (inputFired || snapshot(el) !== before);
  } catch {
    return false;
  } finally {
    window.removeEventListener('input', spy, true);
  }
}

function nativeValueSetter(el: HTMLInputElement | HTMLTextAreaElement): (v: string) => void {
  const proto =
    el instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
  const set = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  return (v) => (set ? set.call(el, v) : (el.value = v));
}

function inputInit(command: Command, text: string): InputEventInit {
  const data = command === 'insertText' ? text : null;
  return { inputType: inputTypes[command], data, bubbles: true, cancelable: true, composed: true };
}

/** The edit by hand, for when execCommand did nothing: new value through the native setter, then input. */
function viaValueSetter(
  el: HTMLInputElement | HTMLTextAreaElement,
  command: Command,
  text: string,
): boolean {
  const v = el.value;
  const canSelect = hasSelectionApi(el);
  let start = canSelect ? (el.selectionStart ?? v.length) : v.length;
  let end = canSelect ? (el.selectionEnd ?? v.length) : v.length;
  let insert = command === 'insertText' ? text : command.startsWith('insert') ? '\n' : '';
  if (start === end && command === 'delete') start = Math.max(0, start - 1);
  if (start === end && command === 'forwardDelete') end = Math.min(v.length, end + 1);
  if (el instanceof HTMLInputElement && insert === '\n') insert = '';
  nativeValueSetter(el)(v.slice(0, start) + insert + v.slice(end));
  if (canSelect) el.setSelectionRange(start + insert.length, start + insert.length);
  el.dispatchEvent(new InputEvent('input', { ...inputInit(command, text), cancelable: false }));
  return true;
}

/**
 * Applies an editing command to the focused editable `el`; false if nothing was
 * edited. beforeinput comes first and may cancel: execCommand does not fire it
 * (https://w3c.github.io/input-events/#event-type-beforeinput), typing does, and
 * editors such as ProseMirror and Slate do their editing in its handler.
 */
export function edit(el: Element, command: Command, text = ''): boolean {
  if (!isEditable(el)) return false;
  if (!el.dispatchEvent(new InputEvent('beforeinput', inputInit(command, text)))) return false;
  // Chromium follows beforeinput with the legacy textInput event when text goes in;
  // React's onBeforeInput listens for it. Cancelling it cancels the insertion.
  if (text && command === 'insertText' && !fireTextInput(el, text)) {
    return false;
  }
  if (isTextControl(el) && !committed.has(el)) committed.set(el, el.value);
  if (viaExecCommand(el, command, text)) return true;
  if (isTextControl(el)) return viaValueSetter(el, command, text);
  return false;
}

export function insertText(el: Element, text: string): boolean {
  return edit(el, 'insertText', text);
}

/**
 * Enter in a text field commits its value: change fires if it differs from the
 * value at the last change (Chromium's TextFieldInputType, before implicit submission).
 */
export function commitChange(el: Element): void {
  if (!isTextControl(el)) return;
  const before = committed.get(el);
  if (before === undefined || before === el.value) return;
  committed.delete(el);
  el.dispatchEvent(new Event('change', { bubbles: true }));
}
