/**
 * Runs in the page's MAIN world (injected by the background with
 * `chrome.scripting.executeScript({world: 'MAIN', func: installEventHook})`).
 *
 * Typing makes Chromium fire a `textInput` event, a TextEvent with bubbles,
 * cancelable and composed set (React's onBeforeInput, among others, listens for
 * it). Script can build a TextEvent only with document.createEvent, which
 * leaves `composed` false, and the page reads `composed` through its own
 * world's wrapper of the event. So the content script lends each TextEvent to
 * this hook first: it dispatches the event at a private carrier node, a
 * detached comment that only this hook listens on, and the hook gives the
 * page-world wrapper `composed: true`, as typing would. The content script then
 * dispatches the same event at the field.
 *
 * The carrier is introduced once per document: the content script puts a
 * comment on the document and dispatches `tabpilot-carrier` from it; the hook
 * keeps it, marks it by setting its text, and the content script takes it out.
 *
 * Self-contained on purpose: executeScript serializes the function's source.
 */
export const carrierEvent = 'tabpilot-carrier';
/** The carrier's text once the hook has taken it. */
export const carrierReady = 'tabpilot-carrier-ready';

export function installEventHook(): void {
  const w = window as unknown as Record<symbol, unknown>;
  const flag = Symbol.for('tabpilot.eventHook');
  if (w[flag]) return;
  Object.defineProperty(w, flag, { value: true });
  const define = Object.defineProperty;
  document.addEventListener(
    'tabpilot-carrier',
    (e) => {
      const carrier = e.target;
      if (!(carrier instanceof Comment) || carrier.parentNode !== document) return;
      e.stopImmediatePropagation();
      carrier.addEventListener('textInput', (t) => {
        define(t, 'composed', { value: true, configurable: true });
      });
      carrier.data = 'tabpilot-carrier-ready';
    },
    true,
  );
}
