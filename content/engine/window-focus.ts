/**
 * Which window of the tab has focus, as a person's clicks would move it between
 * the top document and its iframes. A press inside an iframe blurs the window
 * that had focus and focuses the iframe's window, and the page sees `blur` and
 * `focus` at those windows (https://html.spec.whatwg.org/#focus-update-steps).
 * While the user watches the run from our popup the tab has no system focus,
 * so the browser fires none of these; each frame's engine fires its own
 * window's, and the background tells a frame when focus went elsewhere.
 * With system focus the browser fires them itself when focus() crosses frames.
 */

/** The top window holds the tab's focus to begin with, as when the user hands the tab over. */
let focused = window === window.top;

// What the browser does itself counts: it blurs the window of the frame it last focused
// when focus moves into another frame, even in a tab without system focus.
for (const type of ['focus', 'blur'] as const) {
  window.addEventListener(type, (e) => {
    if (e.isTrusted && e.target === window) focused = type === 'focus';
  });
}

function fire(type: 'focus' | 'blur'): void {
  if (document.hasFocus()) return;
  // Chromium fires a plain Event at the window, not a FocusEvent.
  window.dispatchEvent(new Event(type));
}

/** A press in this frame's document: its window takes focus. */
export function enterWindowFocus(): void {
  if (focused) return;
  focused = true;
  fire('focus');
}

/** A press went into another frame: this window loses focus, unless the browser already said so. */
export function leaveWindowFocus(): void {
  if (!focused) return;
  focused = false;
  fire('blur');
}
