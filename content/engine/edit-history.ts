/**
 * Undo and redo (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y). Chromium's key binding runs the
 * Undo/Redo editor command, which fires a cancelable beforeinput (historyUndo /
 * historyRedo) at the focused element first, only when there is something to
 * undo (EditorCommand::Execute; https://w3c.github.io/input-events/#interface-InputEvent-Attributes);
 * document.execCommand('undo') skips that beforeinput, so the engine fires it.
 *
 * Most engine edits go through execCommand and so onto the browser's own undo
 * stack. Paste and cut into a text control cannot (no execCommand gives their
 * inputType without the system clipboard), so the engine edits the value
 * itself and keeps those edits here, and undoes them itself while the field
 * still holds what the edit left. A value set by hand leaves the browser's
 * older undo steps for that field stale, as any script-set value does.
 */
import { hasSelectionApi, isTextControl } from './dom.ts';
import { placeSelection } from './select-event.ts';

type TextControl = HTMLInputElement | HTMLTextAreaElement;

/** A text control's value and selection (UTF-16 offsets). */
export interface FieldSnapshot {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

interface ManualEdit {
  readonly before: FieldSnapshot;
  readonly after: FieldSnapshot;
}

const histories = new WeakMap<Element, { done: ManualEdit[]; undone: ManualEdit[] }>();

export function snapshotField(el: TextControl): FieldSnapshot {
  const end = el.value.length;
  const selectable = hasSelectionApi(el);
  return {
    value: el.value,
    start: selectable ? (el.selectionStart ?? end) : end,
    end: selectable ? (el.selectionEnd ?? end) : end,
  };
}

/** The native value setter, past a framework's own setter on the element (React tracks values there). */
export function setNativeValue(el: TextControl, value: string): void {
  const proto =
    el instanceof HTMLInputElement ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
  const set = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (set) set.call(el, value);
  else el.value = value;
}

function restore(el: TextControl, s: FieldSnapshot): void {
  setNativeValue(el, s.value);
  if (hasSelectionApi(el)) placeSelection(el, s.start, s.end);
}

/** Remembers an edit the engine made to `el`'s value by hand, for Ctrl+Z. */
export function recordManualEdit(
  el: TextControl,
  before: FieldSnapshot,
  after: FieldSnapshot,
): void {
  let h = histories.get(el);
  if (!h) histories.set(el, (h = { done: [], undone: [] }));
  h.done.push({ before, after });
  h.undone = [];
}

/** The hand-made edit Ctrl+Z (or redo) applies to next, if the field still shows its result. */
function manualStep(el: Element, redo: boolean): ManualEdit | undefined {
  if (!isTextControl(el)) return undefined;
  const h = histories.get(el);
  const step = redo ? h?.undone.at(-1) : h?.done.at(-1);
  if (!step) return undefined;
  return el.value === (redo ? step.before : step.after).value ? step : undefined;
}

function historyEvent(type: 'beforeinput' | 'input', inputType: string): InputEvent {
  return new InputEvent(type, {
    inputType,
    bubbles: true,
    cancelable: type === 'beforeinput',
    composed: true,
  });
}

/** Ctrl+Z (or redo) on the focused `target`; returns a note for the report. */
export function undoKey(target: Element, redo: boolean): string {
  const what = redo ? 'redo' : 'undo';
  const inputType = redo ? 'historyRedo' : 'historyUndo';
  const step = manualStep(target, redo);
  if (!step && !document.queryCommandEnabled(what)) return `there was nothing to ${what}`;
  if (!target.dispatchEvent(historyEvent('beforeinput', inputType)))
    return `the page cancelled the ${what}`;
  if (!step || !isTextControl(target)) {
    document.execCommand(what);
    return what;
  }
  const h = histories.get(target);
  if (redo) {
    h?.undone.pop();
    h?.done.push(step);
  } else {
    h?.done.pop();
    h?.undone.push(step);
  }
  restore(target, redo ? step.after : step.before);
  target.dispatchEvent(historyEvent('input', inputType));
  return what;
}
