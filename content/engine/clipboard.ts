/**
 * Ctrl+C / Ctrl+X / Ctrl+V within the page. A content script cannot read the
 * system clipboard without a permission we do not ask for, so the engine keeps
 * its own: copy and cut fire their ClipboardEvents
 * (https://w3c.github.io/clipboard-apis/#clipboard-event-copy) and keep what the
 * page put in clipboardData, or the selected text; paste fires paste with it and
 * inserts it unless cancelled.
 */
import { hasSelectionApi, isEditable, isTextControl } from './dom.ts';
import { edit } from './text-input.ts';
import { engineState } from './state.ts';

function selectedText(target: Element): string {
  if (isTextControl(target) && hasSelectionApi(target)) {
    return target.value.slice(target.selectionStart ?? 0, target.selectionEnd ?? 0);
  }
  return getSelection()?.toString() ?? '';
}

function fireClipboard(
  type: 'copy' | 'cut' | 'paste',
  target: Element,
  data: DataTransfer,
): boolean {
  return target.dispatchEvent(
    new ClipboardEvent(type, {
      clipboardData: data,
      bubbles: true,
      cancelable: true,
      composed: true,
    }),
  );
}

export function copyOrCut(type: 'copy' | 'cut', target: Element): string {
  const data = new DataTransfer();
  if (!fireClipboard(type, target, data)) {
    engineState.clipboard = data.getData('text/plain');
    return `the page put ${JSON.stringify(engineState.clipboard.slice(0, 40))} on the clipboard`;
  }
  const text = selectedText(target);
  if (!text) return 'nothing is selected, so nothing was copied';
  engineState.clipboard = text;
  if (type === 'cut' && isEditable(target)) edit(target, 'deleteByCut');
  return `${type === 'cut' ? 'cut' : 'copied'} ${text.length} characters (kept for Ctrl+V in this page only)`;
}

export function paste(target: Element): string {
  const text = engineState.clipboard;
  if (text === null)
    return 'nothing was copied in this page yet; the system clipboard cannot be read, so use the text action to enter text';
  const data = new DataTransfer();
  data.setData('text/plain', text);
  if (!fireClipboard('paste', target, data)) return 'the page handled the paste itself';
  if (!isEditable(target))
    return 'paste went to an element that is not editable; nothing was inserted';
  if (!edit(target, 'insertFromPaste', text)) return 'the page cancelled inserting the pasted text';
  return `pasted ${text.length} characters`;
}
