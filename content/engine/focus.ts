/**
 * Focus as a person's input produces it.
 *
 * While the user watches the run in our popup or side panel, the page's document
 * does not have system focus (`document.hasFocus()` is false). Then `focus()` still
 * moves `document.activeElement` but fires no focus/blur events, because the
 * focus update steps only run their events for the focused document
 * (https://html.spec.whatwg.org/#focus-update-steps). Pages that react to focus
 * (date pickers, autocompletes, validation) would break. So every step that may
 * move focus (ours or a page handler's) runs inside `watchFocus`, which fills in
 * the missing FocusEvents: exactly once, and in their place in the event order.
 */
import { deepActiveElement, elementAncestors, isDisabled } from './dom.ts';

/** Events after which we look for a focus change the browser did not announce. */
const checkpoints = [
  'click',
  'input',
  'change',
  'beforeinput',
  'keydown',
  'keypress',
  'keyup',
  'mouseup',
  'submit',
];

let tracked: Element | null = deepActiveElement();
let depth = 0;

function isBody(el: Element | null): boolean {
  return !el || el === document.body || el === document.documentElement;
}

function fire(
  type: 'focus' | 'blur' | 'focusin' | 'focusout',
  target: Element,
  related: Element | null,
): void {
  const bubbles = type === 'focusin' || type === 'focusout';
  target.dispatchEvent(
    new FocusEvent(type, {
      bubbles,
      composed: true,
      view: window,
      relatedTarget: isBody(related) ? null : related,
    }),
  );
}

/**
 * Announces a focus change that happened silently. With system focus the
 * browser announces every change itself (and a removed element gets no blur
 * there either), so then this only takes note.
 */
function sync(): void {
  const now = deepActiveElement();
  if (now === tracked) return;
  const before = tracked;
  tracked = now;
  if (document.hasFocus()) return;
  if (before && !isBody(before) && before.isConnected) {
    fire('blur', before, now);
    fire('focusout', before, now);
  }
  // An iframe element is the active element while focus is inside its document; that
  // document announces its own focus, the iframe element gets none.
  if (now && !isBody(now) && !(now instanceof HTMLIFrameElement)) {
    fire('focus', now, before);
    fire('focusin', now, before);
  }
}

// The browser's own focus events keep `tracked` current; ours are untrusted and ignored.
for (const type of ['focus', 'blur']) {
  window.addEventListener(type, (e) => e.isTrusted && (tracked = deepActiveElement()), true);
}

/** Runs `fn` (one synchronous step of an action) and fills in focus events it left out, in place. */
export function watchFocus<T>(fn: () => T): T {
  if (depth > 0) return fn();
  depth++;
  sync();
  for (const t of checkpoints) window.addEventListener(t, sync, true);
  try {
    return fn();
  } finally {
    for (const t of checkpoints) window.removeEventListener(t, sync, true);
    sync();
    depth--;
  }
}

/** After an action: catches focus the page moves a little later (a dialog focusing its field). */
export function settleFocus(): void {
  sync();
  for (const ms of [0, 50, 250]) setTimeout(sync, ms);
}

/** Focusable by a click (tabindex -1 counts; https://html.spec.whatwg.org/#focusable-area). */
export function isClickFocusable(el: Element): el is HTMLElement | SVGElement {
  if (!(el instanceof HTMLElement || el instanceof SVGElement)) return false;
  if (isDisabled(el) || el.closest('[inert]')) return false;
  if (el instanceof HTMLElement && el.isContentEditable) {
    const parent = el.parentElement;
    return !(parent instanceof HTMLElement && parent.isContentEditable);
  }
  if (
    (el instanceof HTMLAnchorElement || el instanceof HTMLAreaElement) &&
    !el.hasAttribute('href')
  ) {
    return el.hasAttribute('tabindex');
  }
  return el.hasAttribute('tabindex') || el.tabIndex >= 0;
}

/**
 * mousedown's default action: focus the nearest click-focusable ancestor of the
 * target, or, when there is none, take focus off the focused element.
 */
export function focusForMouseDown(target: Element): Element | null {
  const focusable = elementAncestors(target).find(isClickFocusable) ?? null;
  const current = deepActiveElement();
  if (focusable) {
    if (focusable !== current) focusable.focus({ preventScroll: true });
  } else if (current instanceof HTMLElement || current instanceof SVGElement) {
    if (!isBody(current)) current.blur();
  }
  return focusable;
}
