/**
 * alert(), confirm(), prompt() and print() block the page's script until a
 * person answers, and an extension cannot answer them (only a debugger can:
 * https://chromedevtools.github.io/devtools-protocol/tot/Page/#method-handleJavaScriptDialog).
 * A blocked page would stall the run, and the dialog is not in captureVisibleTab.
 * So the background injects `installDialogHook` (in page-world.js) into each
 * frame's MAIN world, where the page's own `window.alert` lives:
 *
 *   chrome.scripting.executeScript({ target: { tabId, allFrames: true }, world: 'MAIN', files: ['page-world.js'] })
 *
 * and the page is answered at once, the way a person who clicks the default
 * button would answer:
 * - alert(message)          → undefined (OK)
 * - confirm(message)        → true (OK). The risk check has already passed the
 *                             click or key that led here; the journal tells Claude
 *                             what was confirmed.
 * - prompt(message, value)  → the default `value`, or '' when there is none (OK
 *                             on an untouched field)
 * - print()                 → nothing (the print dialog is skipped)
 *
 * Each call is reported to the content script with a `tabpilot-dialog` event on
 * document whose detail is a JSON string (strings cross worlds intact; objects do
 * not): `{type, message, answer}`, nothing else, so a page that listens learns
 * nothing it did not say itself.
 *
 * The tests inject the function's own source (`installDialogHook.toString()`):
 * it must not use anything from outside its body, not even helpers a bundler
 * adds for named inner functions.
 */

/** Name of the event the hook dispatches on document. */
export const dialogEvent = 'tabpilot-dialog';

/** The event's detail, parsed. */
export interface DialogReport {
  readonly type: 'alert' | 'confirm' | 'prompt' | 'print';
  readonly message: string;
  /** What the page was told, as shown to Claude: `OK`, `"text"`, `skipped`. */
  readonly answer: string;
}

export function installDialogHook(): void {
  const w = window as unknown as Window & Record<symbol, unknown>;
  const flag = Symbol.for('tabpilot.dialogHook');
  if (w[flag]) return;
  Object.defineProperty(w, flag, { value: true });
  const hook = {
    report(type: string, message: unknown, answer: string): void {
      let text = '';
      try {
        text = String(message ?? '').slice(0, 500);
      } catch {
        // A message whose toString throws: report the call without it.
      }
      // Keep in sync with `dialogEvent` (this body cannot refer to it).
      const detail = JSON.stringify({ type, message: text, answer });
      document.dispatchEvent(new CustomEvent('tabpilot-dialog', { detail }));
    },
  };
  w.alert = function (message?: unknown): void {
    hook.report('alert', message, 'OK');
  };
  w.confirm = function (message?: unknown): boolean {
    hook.report('confirm', message, 'OK');
    return true;
  };
  w.prompt = function (message?: unknown, value?: unknown): string {
    const answer = value === undefined ? '' : String(value);
    hook.report('prompt', message, JSON.stringify(answer));
    return answer;
  };
  w.print = function (): void {
    hook.report('print', '', 'skipped');
  };
}
