/**
 * The `textInput` event typing fires between beforeinput and the edit: a
 * TextEvent, bubbling, cancelable and composed
 * (https://w3c.github.io/uievents/#legacy-textevent-events). Cancelling it
 * cancels the insertion. `composed` can only be set through the page-world hook
 * in content/page-world/events.ts; without the hook the event is still a
 * TextEvent with the right data. The carrier also takes the engine's other
 * messages to the hook (pointer-capture.ts).
 */
import { carrierEvent, carrierReady } from '../page-world/events.ts';

let carrier: Comment | undefined;
/** Introductions tried without an answer: the hook may come a little after the content script. */
let unanswered = 0;

/** The hook's carrier node, introduced on first use; null when the hook is not there. */
export function hookCarrier(): Comment | null {
  if (carrier) return carrier;
  if (unanswered >= 3) return null;
  const node = document.createComment('');
  try {
    document.appendChild(node);
    // Not bubbling: capture listeners (the hook's, on the document) see it, bubble listeners do not.
    node.dispatchEvent(new CustomEvent(carrierEvent, { bubbles: false }));
  } finally {
    node.remove();
  }
  if (node.data !== carrierReady) {
    unanswered++;
    return null;
  }
  carrier = node;
  return carrier;
}

/** Fires textInput with `text` at `el`; false if the page cancelled it. */
export function fireTextInput(el: Element, text: string): boolean {
  const event = document.createEvent('TextEvent');
  event.initTextEvent('textInput', true, true, window, text);
  hookCarrier()?.dispatchEvent(event);
  return el.dispatchEvent(event);
}
