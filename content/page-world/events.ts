/**
 * Runs in the page's MAIN world (page-world.js, which the background injects
 * with `chrome.scripting.executeScript({world: 'MAIN', files: ['page-world.js']})`).
 *
 * Typing makes Chromium fire a `textInput` event, a TextEvent with bubbles,
 * cancelable and composed set (React's onBeforeInput, among others, listens for
 * it). Script can build a TextEvent only with document.createEvent, which
 * leaves `composed` false, and the page reads `composed` through its own
 * world's wrapper of the event. So the content script lends each TextEvent to
 * this hook first: it dispatches the event at a private carrier node, a
 * detached comment that only this hook listens on, and the hook gives the
 * page-world wrapper `composed: true`, which is what the page reads of a typed
 * one. The content script then dispatches the same event at the field. Only
 * the property changes: the event still stops at a shadow root, so listeners
 * outside a shadow tree do not see the textInput of a field inside it.
 *
 * Pointer capture: a page's pointerdown handler may call
 * `el.setPointerCapture(1)` (Monaco, sliders, drawing apps). With no real
 * button down, Chromium ignores it and `hasPointerCapture` stays false
 * (https://w3c.github.io/pointerevents/#setting-pointer-capture: only for a
 * pointer in the active buttons state). While the content script dispatches a
 * pointer or mouse event with a button of its mouse down (it says so around
 * each one with `tabpilot-dispatch-start` / `-end` at the carrier), the hook
 * answers set/releasePointerCapture for the mouse (pointerId 1) itself and
 * tells the content script the pending capture target with a private composed
 * event at that element (`tabpilot-capture-set` / `-release`), which the
 * content script takes at window only during that dispatch. Between its
 * dispatches, from its first press (`tabpilot-pointer-down`) to its last
 * release (`tabpilot-pointer-up`), the hook answers hasPointerCapture for it
 * too, except in the handlers of the user's own (trusted) input, which keeps
 * the browser's capture, as does everything else.
 * The replacements are Proxies of the functions they replace, and
 * Function.prototype.toString shows the replaced function's source for them,
 * so they still read as native code.
 *
 * The carrier is introduced once per document: the content script puts a
 * comment on the document and dispatches `tabpilot-carrier` from it (not
 * bubbling: the hook's capture listener on the document still sees it); the
 * hook keeps the first one, marks it by setting its text, ignores any later
 * one, and the content script takes it out.
 *
 * Self-contained on purpose: the tests inject the function's own source.
 */
export const carrierEvent = 'tabpilot-carrier';
/** The carrier's text once the hook has taken it. */
export const carrierReady = 'tabpilot-carrier-ready';
/** Content script to hook, at the carrier: a button went down / the last one came up. */
export const pointerDownEvent = 'tabpilot-pointer-down';
export const pointerUpEvent = 'tabpilot-pointer-up';
/** Content script to hook, at the carrier: around each of its pointer and mouse events with a button down. */
export const dispatchStartEvent = 'tabpilot-dispatch-start';
export const dispatchEndEvent = 'tabpilot-dispatch-end';
/** Hook to content script, at the element: it set or released the mouse's pending capture. */
export const captureSetEvent = 'tabpilot-capture-set';
export const captureReleaseEvent = 'tabpilot-capture-release';

export function installEventHook(): void {
  const w = window as unknown as Record<symbol, unknown>;
  const flag = Symbol.for('tabpilot.eventHook');
  if (w[flag]) return;
  Object.defineProperty(w, flag, { value: true });
  const define = Object.defineProperty;
  // The page's own functions as they are now: it may replace them later.
  const dispatch = EventTarget.prototype.dispatchEvent;
  const EventCtor = Event;

  /** The element whose pending capture the content script's pressed mouse has; null: none. */
  let pending: Element | null = null;
  /** The content script's mouse has a button down (from its first press to its last release). */
  let engineDown = false;
  /** The content script is dispatching a pointer or mouse event with a button down, now. */
  let engineDispatching = false;
  let carrierTaken = false;
  const mouseId = 1;
  // window.event's getter as it is now ([Replaceable]: the page may shadow it later).
  const eventGetter = (
    Object.getOwnPropertyDescriptor(window, 'event') ??
    Object.getOwnPropertyDescriptor(Window.prototype, 'event')
  )?.get;

  /** Whether the event being handled now is the user's own input (trusted); never throws. */
  const userEventNow = [
    (): boolean => {
      try {
        const current: unknown = eventGetter ? Reflect.apply(eventGetter, window, []) : undefined;
        return current instanceof EventCtor && current.isTrusted;
      } catch {
        return false;
      }
    },
  ][0] as () => boolean;

  // The private answer at the element (tsx names inner functions with a helper the page lacks,
  // so the helpers here are anonymous).
  const tell = [
    (el: Element, type: string): void => {
      try {
        dispatch.call(
          el,
          new EventCtor(type, { bubbles: false, cancelable: false, composed: true }),
        );
      } catch {
        // A page that broke event dispatch gets no capture; nothing else changes.
      }
    },
  ][0] as (el: Element, type: string) => void;

  /**
   * Each of Element.prototype's capture methods becomes a Proxy of the one there
   * now, so that it keeps its name, length and `[native code]` source and,
   * outside the engine's presses, does what it did (also when the page had
   * replaced it); left alone where it cannot be replaced.
   */
  const answers: [string, (el: Element) => unknown][] = [
    [
      'setPointerCapture',
      (el) => {
        // https://w3c.github.io/pointerevents/#setting-pointer-capture, step 2.
        if (!el.isConnected)
          throw new DOMException(
            "Failed to execute 'setPointerCapture' on 'Element': InvalidStateError",
            'InvalidStateError',
          );
        pending = el;
        tell(el, 'tabpilot-capture-set');
        return undefined;
      },
    ],
    [
      'releasePointerCapture',
      (el) => {
        if (pending !== el) return undefined;
        pending = null;
        tell(el, 'tabpilot-capture-release');
        return undefined;
      },
    ],
    // True while the element has the pending capture, as Chromium answers.
    ['hasPointerCapture', (el) => pending === el],
  ];
  const proto = Element.prototype as unknown as Record<string, unknown>;
  // What Function.prototype.toString shows for each replacement: the replaced function.
  const shownAs = new WeakMap<object, unknown>();
  const fnProto = Function.prototype as unknown as Record<string, unknown>;
  const toString = fnProto['toString'];
  if (typeof toString === 'function') {
    const handler: ProxyHandler<(...a: unknown[]) => unknown> = {};
    handler.apply = (target, self: unknown, args: unknown[]) =>
      Reflect.apply(
        target,
        typeof self === 'function' && shownAs.has(self) ? shownAs.get(self) : self,
        args,
      );
    const proxy = new Proxy(toString as (...a: unknown[]) => unknown, handler);
    shownAs.set(proxy, toString);
    try {
      define(fnProto, 'toString', { value: proxy, writable: true, configurable: true });
    } catch {
      // Left as it is: the replacements then read as anonymous native functions.
    }
  }
  answers.forEach(([name, mine]) => {
    const original = proto[name];
    if (typeof original !== 'function') return;
    const handler: ProxyHandler<(...a: unknown[]) => unknown> = {};
    // Set and release only inside the engine's own dispatch; hasPointerCapture
    // while its button is down, except for the user's own input.
    handler.apply = (target, self: unknown, args: unknown[]) =>
      (name === 'hasPointerCapture' ? engineDown && !userEventNow() : engineDispatching) &&
      self instanceof Element &&
      Number(args[0]) === mouseId
        ? mine(self)
        : Reflect.apply(target, self, args);
    const proxy = new Proxy(original as (...a: unknown[]) => unknown, handler);
    shownAs.set(proxy, original);
    try {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      define(proto, name, {
        value: proxy,
        writable: d?.writable ?? true,
        enumerable: d?.enumerable ?? true,
        configurable: true,
      });
    } catch {
      // Frozen or non-configurable: capture stays the browser's.
    }
  });

  document.addEventListener(
    'tabpilot-carrier',
    (e) => {
      const carrier = e.target;
      if (carrierTaken || !(carrier instanceof Comment) || carrier.parentNode !== document) return;
      carrierTaken = true;
      e.stopImmediatePropagation();
      carrier.addEventListener('textInput', (t) => {
        define(t, 'composed', { value: true, configurable: true });
      });
      carrier.addEventListener('tabpilot-pointer-down', () => {
        engineDown = true;
      });
      carrier.addEventListener('tabpilot-pointer-up', () => {
        engineDown = false;
        engineDispatching = false;
        pending = null;
      });
      carrier.addEventListener('tabpilot-dispatch-start', () => {
        engineDispatching = true;
      });
      carrier.addEventListener('tabpilot-dispatch-end', () => {
        engineDispatching = false;
      });
      carrier.data = 'tabpilot-carrier-ready';
    },
    true,
  );
}
