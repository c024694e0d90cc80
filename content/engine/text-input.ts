/**
 * Inserting and deleting text the way typing does. Key events dispatched by
 * script insert nothing, so the engine edits itself, preferring
 * document.execCommand: in Chromium it edits through the editor, fires
 * beforeinput and a trusted input event that React, Vue and Angular accept, and
 * lands on the undo stack (https://w3c.github.io/editing/docs/execCommand/).
 * When it does nothing, the native value setter (bypassing a framework's own
 * setter on the element, which React uses to track values) plus InputEvents
 * does the same for text controls. Paste and cut into a text control always go
 * that way: their input events must say insertFromPaste / deleteByCut, which no
 * execCommand the engine may run produces, and edit-history.ts undoes them.
 */
import { revealCaret } from './caret-reveal.ts';
import { hasSelectionApi, isEditable, isTextControl } from './dom.ts';
import { recordManualEdit, setNativeValue, snapshotField } from './edit-history.ts';
import { placeSelection } from './select-event.ts';
import { fireTextInput } from './text-event.ts';

type Command =
  | 'insertText'
  | 'insertLineBreak'
  | 'insertParagraph'
  | 'insertFromPaste'
  | 'delete'
  | 'forwardDelete'
  | 'deleteByCut';

const inputTypes: Record<Command, string> = {
  insertText: 'insertText',
  insertLineBreak: 'insertLineBreak',
  insertParagraph: 'insertParagraph',
  insertFromPaste: 'insertFromPaste',
  delete: 'deleteContentBackward',
  forwardDelete: 'deleteContentForward',
  deleteByCut: 'deleteByCut',
};

/** The execCommand that makes each edit (paste and cut only where the engine cannot edit by hand). */
const execCommands: Record<Command, string> = {
  insertText: 'insertText',
  insertLineBreak: 'insertLineBreak',
  insertParagraph: 'insertParagraph',
  insertFromPaste: 'insertText',
  delete: 'delete',
  forwardDelete: 'forwardDelete',
  deleteByCut: 'delete',
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
    const name = execCommands[command];
    const ok = document.execCommand(name, false, name === 'insertText' ? text : undefined);
    return ok && (inputFired || snapshot(el) !== before);
  } catch {
    return false;
  } finally {
    window.removeEventListener('input', spy, true);
  }
}

function carriesText(command: Command): boolean {
  return command === 'insertText' || command === 'insertFromPaste';
}

/**
 * The InputEventInit of an edit. A paste into a contenteditable carries its
 * text in dataTransfer, not data (https://w3c.github.io/input-events/#overview).
 */
function inputInit(el: Element, command: Command, text: string): InputEventInit {
  const inEditor = command === 'insertFromPaste' && !isTextControl(el);
  const init: InputEventInit = {
    inputType: inputTypes[command],
    data: carriesText(command) && !inEditor ? text : null,
    bubbles: true,
    cancelable: true,
    composed: true,
  };
  if (inEditor) {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    init.dataTransfer = data;
  }
  return init;
}

/** What the edit puts in place of the selection of a text control, as Chromium sanitizes it. */
function insertion(
  el: HTMLInputElement | HTMLTextAreaElement,
  command: Command,
  text: string,
): string {
  const insert = carriesText(command) ? text : command.startsWith('insert') ? '\n' : '';
  if (!(el instanceof HTMLInputElement)) return insert;
  // Enter inserts nothing there; a line break in inserted text becomes a space
  // (TextFieldInputType::SanitizeUserInputValue).
  return carriesText(command) ? insert.replace(/\r\n|\r|\n/g, ' ') : '';
}

/**
 * The edit by hand: new value through the native setter, then input. For when
 * execCommand did nothing, and for paste and cut, whose inputType no
 * execCommand gives; those are kept for Ctrl+Z (edit-history.ts).
 */
function viaValueSetter(
  el: HTMLInputElement | HTMLTextAreaElement,
  command: Command,
  text: string,
): boolean {
  const before = snapshotField(el);
  const v = before.value;
  let { start, end } = before;
  let insert = insertion(el, command, text);
  if (start === end && command === 'delete') start = Math.max(0, start - 1);
  if (start === end && command === 'forwardDelete') end = Math.min(v.length, end + 1);
  // maxlength cuts what the user inserts (https://html.spec.whatwg.org/#attr-fe-maxlength).
  if (el.maxLength >= 0) {
    const room = Math.max(0, el.maxLength - (v.length - (end - start)));
    insert = [...insert].reduce(
      (kept, ch) => (kept.length + ch.length <= room ? kept + ch : kept),
      '',
    );
  }
  setNativeValue(el, v.slice(0, start) + insert + v.slice(end));
  if (hasSelectionApi(el)) placeSelection(el, start + insert.length);
  if (command === 'insertFromPaste' || command === 'deleteByCut')
    recordManualEdit(el, before, snapshotField(el));
  el.dispatchEvent(new InputEvent('input', { ...inputInit(el, command, text), cancelable: false }));
  return true;
}

/**
 * The textInput (TextEvent) Chromium fires after beforeinput for an edit that
 * inserts: the typed or pasted text, a line break as "\n" (not in a single-line
 * field, where Enter inserts nothing), and an empty string for a paste into a
 * contenteditable. Undefined when the edit fires none.
 */
function textInputData(el: Element, command: Command, text: string): string | undefined {
  switch (command) {
    case 'insertText':
      return text || undefined;
    case 'insertFromPaste':
      return isTextControl(el) ? text : '';
    case 'insertLineBreak':
    case 'insertParagraph':
      return el instanceof HTMLInputElement ? undefined : '\n';
    default:
      return undefined;
  }
}

/** Fires beforeinput for `command` at `el`; false if the page cancelled it. */
export function beforeInput(el: Element, command: Command, text = ''): boolean {
  return el.dispatchEvent(new InputEvent('beforeinput', inputInit(el, command, text)));
}

/**
 * Applies an editing command to the focused editable `el`; false if nothing was
 * edited. beforeinput comes first and may cancel: execCommand does not fire it
 * (https://w3c.github.io/input-events/#event-type-beforeinput), typing does, and
 * editors such as ProseMirror and Slate do their editing in its handler.
 */
export function edit(el: Element, command: Command, text = ''): boolean {
  if (!isEditable(el)) return false;
  if (!beforeInput(el, command, text)) return false;
  // Chromium follows beforeinput with the legacy textInput event when text goes in;
  // React's onBeforeInput listens for it. Cancelling it cancels the insertion.
  const textData = textInputData(el, command, text);
  if (textData !== undefined && !fireTextInput(el, textData)) return false;
  if (isTextControl(el) && !committed.has(el)) committed.set(el, el.value);
  const byHand = command === 'insertFromPaste' || command === 'deleteByCut';
  const done =
    byHand && isTextControl(el)
      ? viaValueSetter(el, command, text)
      : viaExecCommand(el, command, text) ||
        (isTextControl(el) && viaValueSetter(el, command, text));
  // Typing reveals the caret afterwards; execCommand and the value setter do not.
  if (done) revealCaret(el);
  return done;
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
