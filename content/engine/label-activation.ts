/**
 * A click on a <label> focuses and clicks its control
 * (https://html.spec.whatwg.org/#the-label-element). Chromium does this for a
 * dispatched click too, but in a document without focus the focus moves
 * silently, and watchFocus could only announce it after the forwarded click
 * had been seen. So the engine cancels the browser's label activation at the
 * very end of the click's propagation, once every page listener has seen the
 * event as it would, and performs it itself: focus (announced), then the click.
 */
import { isDisabled } from './dom.ts';

const interactive =
  'a[href], button, input, select, textarea, details, summary, iframe, [tabindex]';

/** The control a click on `target` activates through its label, if any. */
export function labelledControl(target: Element): HTMLElement | null {
  const label = target.closest('label');
  const control = label?.control;
  if (!label || !control || isDisabled(control)) return null;
  if (control === target || control.contains(target)) return null;
  // A click on interactive content inside the label goes to that content, not the control.
  const inner = target.closest(interactive);
  if (inner && label.contains(inner) && inner !== label) return null;
  return control;
}

/**
 * Dispatches the label click with `dispatch`; if no page listener cancelled it,
 * focuses the control and clicks it with `forward`. Returns whether the page
 * let the click through.
 */
export function clickLabel(
  dispatch: () => void,
  focusControl: () => void,
  forward: () => void,
): boolean {
  let pageCancelled = false;
  let reachedEnd = false;
  const atEnd = (e: Event): void => {
    reachedEnd = true;
    pageCancelled = e.defaultPrevented;
    e.preventDefault();
  };
  window.addEventListener('click', atEnd, { once: true });
  try {
    dispatch();
  } finally {
    window.removeEventListener('click', atEnd);
  }
  // stopPropagation kept the click from our listener: the browser ran the activation itself.
  if (!reachedEnd || pageCancelled) return !pageCancelled;
  focusControl();
  forward();
  return true;
}
