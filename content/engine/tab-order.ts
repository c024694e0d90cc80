/**
 * Sequential focus navigation (Tab / Shift+Tab), which a dispatched Tab keydown
 * does not do (https://html.spec.whatwg.org/#sequential-focus-navigation):
 * positive tabindex first in ascending order, then tabindex 0 and natively
 * focusable elements in flat-tree order (shadow trees at their host, slotted
 * content at its slot); one radio button per group.
 */
import {
  deepActiveElement,
  hasSelectionApi,
  isDisabled,
  isRendered,
  isTextControl,
} from './dom.ts';
import { engineState } from './state.ts';

function isTabbable(el: Element): el is HTMLElement | SVGElement {
  if (!(el instanceof HTMLElement || el instanceof SVGElement) || el.tabIndex < 0) return false;
  if (isDisabled(el) || el.closest('[inert]')) return false;
  if (
    (el instanceof HTMLAnchorElement || el instanceof HTMLAreaElement) &&
    !el.hasAttribute('href') &&
    !el.hasAttribute('tabindex')
  )
    return false;
  if (el instanceof HTMLInputElement && el.type === 'hidden') return false;
  if (el instanceof HTMLInputElement && el.type === 'radio' && el.name && !el.checked) {
    // Only the checked radio of a group is in the tab order, or the first if none is checked.
    const scope = el.form ?? (el.getRootNode() as Document | ShadowRoot);
    const group = Array.from(scope.querySelectorAll<HTMLInputElement>('input[type=radio]')).filter(
      (r) => r.name === el.name,
    );
    if (group.some((r) => r.checked) || group[0] !== el) return false;
  }
  return isRendered(el);
}

function childrenInFlatTree(el: Element | ShadowRoot): Element[] {
  if (el instanceof Element && el.shadowRoot) return Array.from(el.shadowRoot.children);
  if (el instanceof HTMLSlotElement) {
    const assigned = el.assignedElements();
    if (assigned.length > 0) return assigned;
  }
  return Array.from(el.children);
}

function collect(el: Element | ShadowRoot, out: Element[]): void {
  for (const child of childrenInFlatTree(el)) {
    out.push(child);
    collect(child, out);
  }
}

/** Every element in flat-tree order. */
function flatOrder(): Element[] {
  const out: Element[] = [];
  if (document.documentElement) {
    out.push(document.documentElement);
    collect(document.documentElement, out);
  }
  return out;
}

export function tabOrder(): (HTMLElement | SVGElement)[] {
  const all = flatOrder().filter(isTabbable);
  const positive = all.filter((el) => el.tabIndex > 0).sort((a, b) => a.tabIndex - b.tabIndex);
  return [...positive, ...all.filter((el) => el.tabIndex === 0)];
}

/** Moves focus one step forward (1) or back (-1); returns a note if focus wrapped. */
export function moveFocus(direction: 1 | -1): string | undefined {
  const order = tabOrder();
  if (order.length === 0) return 'nothing on the page can take focus with Tab';
  const current = deepActiveElement();
  let index = current ? order.indexOf(current as HTMLElement) : -1;
  if (index === -1 && engineState.focusStart?.isConnected) {
    // Start from the last clicked point as if it were a tabindex=0 element there (Chromium's
    // FocusController): the next or previous tabindex=0 element in tree order.
    const all = flatOrder();
    const start =
      engineState.focusStart instanceof Element
        ? engineState.focusStart
        : engineState.focusStart.parentElement;
    const at = start ? all.indexOf(start) : -1;
    if (at !== -1) {
      const firstZero = order.findIndex((el) => el.tabIndex === 0);
      const zeros = firstZero === -1 ? order.length : firstZero;
      const after = order.findIndex((el, i) => i >= zeros && all.indexOf(el) > at);
      index =
        direction === 1
          ? after === -1
            ? order.length - 1
            : after - 1
          : after === -1
            ? order.length
            : after;
    }
  }
  let next = index + direction;
  let note: string | undefined;
  if (next < 0 || next >= order.length) {
    next = (next + order.length) % order.length;
    if (index !== -1)
      note = 'focus wrapped around the page (a real browser would visit its own toolbar first)';
  }
  const el = order[next];
  if (!el) return note;
  engineState.focusStart = null;
  el.focus();
  // Keyboard focus selects a text field's whole value.
  if (isTextControl(el) && el instanceof HTMLInputElement && hasSelectionApi(el)) el.select();
  return note;
}
