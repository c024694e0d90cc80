/**
 * The US keyboard layout as data, and the X keysym names Claude uses for its keys
 * (computer-use `key` and `hold_key` take xdotool syntax: `Return`, `Page_Down`, `KP_Enter`).
 * A table so that a wrong or missing key is a one-line fix; the parser that reads keysym
 * combos is background/key-parser.ts. The content script imports only this file's types:
 * the background resolves key names to definitions before it sends an action
 * (extension/engine-action.ts), so the page's bundle carries no table.
 *
 * Specs the values follow:
 * - `key`: https://www.w3.org/TR/uievents-key/
 * - `code`: https://www.w3.org/TR/uievents-code/ (US layout per its "writing system keys" table)
 * - `keyCode`: legacy, the values Chrome reports (https://www.w3.org/TR/uievents/#legacy-key-models);
 *   Firefox differs for a few punctuation keys, which pages sniffing keyCode already cope with.
 * - `location`: https://www.w3.org/TR/uievents/#events-keyboard-key-location
 * - keysym names: X11 `keysymdef.h` without the `XK_` prefix, as xdotool takes them.
 */

/** The modifier keys, by KeyboardEvent.key, in the order actions list them. */
export const modifiers = ['Alt', 'Control', 'Meta', 'Shift'] as const;
export type Modifier = (typeof modifiers)[number];

/** KeyboardEvent.location values. */
export const keyLocations = { standard: 0, left: 1, right: 2, numpad: 3 } as const;
export type KeyLocation = (typeof keyLocations)[keyof typeof keyLocations];

/**
 * One key as a page sees it in KeyboardEvents. The fields are those of Puppeteer's
 * USKeyboardLayout, so the table reads the same, plus `shifted`.
 */
export interface KeyDefinition {
  /** KeyboardEvent.key with no modifier held. */
  readonly key: string;
  /** KeyboardEvent.code: the physical key. */
  readonly code: string;
  /** Legacy KeyboardEvent.keyCode / which. */
  readonly keyCode: number;
  /** KeyboardEvent.key while Shift is held; absent means the same as `key`. */
  readonly shiftKey?: string;
  /**
   * keyCode while Shift is held; absent means the same as `keyCode`. No US-layout key needs it
   * (Numpad keys are modelled with NumLock on, see below), kept so the fields match Puppeteer's.
   */
  readonly shiftKeyCode?: number;
  /**
   * What pressing the key inserts into an editable field (`beforeinput`/`input` data, `keypress`).
   * Absent for keys that insert nothing (Tab, Backspace, arrows, modifiers).
   *
   * Enter (and NumpadEnter) insert '\n', not the '\r' that CDP's Input.dispatchKeyEvent wants: the
   * content script inserts text itself, and a textarea's value holds line breaks as '\n'
   * (https://html.spec.whatwg.org/multipage/form-elements.html#the-textarea-element). Enter's
   * legacy keypress charCode is still 13, from `keyCode`.
   */
  readonly text?: string;
  /** Text while Shift is held; absent means the same as `text`. */
  readonly shiftText?: string;
  /** KeyboardEvent.location; absent means standard (0). */
  readonly location?: KeyLocation;
  /**
   * The name is the Shift-layer character of its key (`A`, `!`, `~`): `key` and `text` already
   * are the shifted ones, and Shift must be down while it is pressed. parseKeyCombo adds Shift
   * for such keys; whoever types characters with keyForCharacter must hold Shift for them.
   */
  readonly shifted?: true;
}

/**
 * The US layout, one entry per name we can press. Names are `code` values (`KeyA`, `Digit1`,
 * `Enter`), the characters they type (`a`, `A`, `!`: every printable ASCII character but space,
 * which is `Space`), and generic modifiers (`Shift` is the left one, as on most keyboards).
 *
 * Numpad keys are as with NumLock on (`Numpad7` types '7'); the NumLock-off layer of the same
 * physical keys has its own names (`NumpadHome` is `code: 'Numpad7', key: 'Home'`), which is
 * what X keysyms such as KP_Home mean.
 */
export const keyDefinitions = {
  // Whitespace and editing.
  Enter: { key: 'Enter', code: 'Enter', keyCode: 13, text: '\n' },
  Tab: { key: 'Tab', code: 'Tab', keyCode: 9 },
  Space: { key: ' ', code: 'Space', keyCode: 32, text: ' ' },
  Backspace: { key: 'Backspace', code: 'Backspace', keyCode: 8 },
  Delete: { key: 'Delete', code: 'Delete', keyCode: 46 },
  Insert: { key: 'Insert', code: 'Insert', keyCode: 45 },
  Escape: { key: 'Escape', code: 'Escape', keyCode: 27 },

  // Navigation.
  ArrowLeft: { key: 'ArrowLeft', code: 'ArrowLeft', keyCode: 37 },
  ArrowUp: { key: 'ArrowUp', code: 'ArrowUp', keyCode: 38 },
  ArrowRight: { key: 'ArrowRight', code: 'ArrowRight', keyCode: 39 },
  ArrowDown: { key: 'ArrowDown', code: 'ArrowDown', keyCode: 40 },
  Home: { key: 'Home', code: 'Home', keyCode: 36 },
  End: { key: 'End', code: 'End', keyCode: 35 },
  PageUp: { key: 'PageUp', code: 'PageUp', keyCode: 33 },
  PageDown: { key: 'PageDown', code: 'PageDown', keyCode: 34 },

  // Function keys.
  F1: { key: 'F1', code: 'F1', keyCode: 112 },
  F2: { key: 'F2', code: 'F2', keyCode: 113 },
  F3: { key: 'F3', code: 'F3', keyCode: 114 },
  F4: { key: 'F4', code: 'F4', keyCode: 115 },
  F5: { key: 'F5', code: 'F5', keyCode: 116 },
  F6: { key: 'F6', code: 'F6', keyCode: 117 },
  F7: { key: 'F7', code: 'F7', keyCode: 118 },
  F8: { key: 'F8', code: 'F8', keyCode: 119 },
  F9: { key: 'F9', code: 'F9', keyCode: 120 },
  F10: { key: 'F10', code: 'F10', keyCode: 121 },
  F11: { key: 'F11', code: 'F11', keyCode: 122 },
  F12: { key: 'F12', code: 'F12', keyCode: 123 },
  F13: { key: 'F13', code: 'F13', keyCode: 124 },
  F14: { key: 'F14', code: 'F14', keyCode: 125 },
  F15: { key: 'F15', code: 'F15', keyCode: 126 },
  F16: { key: 'F16', code: 'F16', keyCode: 127 },
  F17: { key: 'F17', code: 'F17', keyCode: 128 },
  F18: { key: 'F18', code: 'F18', keyCode: 129 },
  F19: { key: 'F19', code: 'F19', keyCode: 130 },
  F20: { key: 'F20', code: 'F20', keyCode: 131 },
  F21: { key: 'F21', code: 'F21', keyCode: 132 },
  F22: { key: 'F22', code: 'F22', keyCode: 133 },
  F23: { key: 'F23', code: 'F23', keyCode: 134 },
  F24: { key: 'F24', code: 'F24', keyCode: 135 },

  // Modifiers. keyCode is the same for both sides; location tells them apart.
  Shift: { key: 'Shift', code: 'ShiftLeft', keyCode: 16, location: 1 },
  ShiftLeft: { key: 'Shift', code: 'ShiftLeft', keyCode: 16, location: 1 },
  ShiftRight: { key: 'Shift', code: 'ShiftRight', keyCode: 16, location: 2 },
  Control: { key: 'Control', code: 'ControlLeft', keyCode: 17, location: 1 },
  ControlLeft: { key: 'Control', code: 'ControlLeft', keyCode: 17, location: 1 },
  ControlRight: { key: 'Control', code: 'ControlRight', keyCode: 17, location: 2 },
  Alt: { key: 'Alt', code: 'AltLeft', keyCode: 18, location: 1 },
  AltLeft: { key: 'Alt', code: 'AltLeft', keyCode: 18, location: 1 },
  AltRight: { key: 'Alt', code: 'AltRight', keyCode: 18, location: 2 },
  // Meta is Windows/Command/Super. Chrome gives the right one keyCode 92 on Windows.
  Meta: { key: 'Meta', code: 'MetaLeft', keyCode: 91, location: 1 },
  MetaLeft: { key: 'Meta', code: 'MetaLeft', keyCode: 91, location: 1 },
  MetaRight: { key: 'Meta', code: 'MetaRight', keyCode: 92, location: 2 },

  // Locks and system keys. NumLock's location is standard, not numpad (UI Events).
  CapsLock: { key: 'CapsLock', code: 'CapsLock', keyCode: 20 },
  NumLock: { key: 'NumLock', code: 'NumLock', keyCode: 144 },
  ScrollLock: { key: 'ScrollLock', code: 'ScrollLock', keyCode: 145 },
  Pause: { key: 'Pause', code: 'Pause', keyCode: 19 },
  PrintScreen: { key: 'PrintScreen', code: 'PrintScreen', keyCode: 44 },
  ContextMenu: { key: 'ContextMenu', code: 'ContextMenu', keyCode: 93 },

  // Numpad with NumLock on.
  Numpad0: { key: '0', code: 'Numpad0', keyCode: 96, text: '0', location: 3 },
  Numpad1: { key: '1', code: 'Numpad1', keyCode: 97, text: '1', location: 3 },
  Numpad2: { key: '2', code: 'Numpad2', keyCode: 98, text: '2', location: 3 },
  Numpad3: { key: '3', code: 'Numpad3', keyCode: 99, text: '3', location: 3 },
  Numpad4: { key: '4', code: 'Numpad4', keyCode: 100, text: '4', location: 3 },
  Numpad5: { key: '5', code: 'Numpad5', keyCode: 101, text: '5', location: 3 },
  Numpad6: { key: '6', code: 'Numpad6', keyCode: 102, text: '6', location: 3 },
  Numpad7: { key: '7', code: 'Numpad7', keyCode: 103, text: '7', location: 3 },
  Numpad8: { key: '8', code: 'Numpad8', keyCode: 104, text: '8', location: 3 },
  Numpad9: { key: '9', code: 'Numpad9', keyCode: 105, text: '9', location: 3 },
  NumpadDecimal: { key: '.', code: 'NumpadDecimal', keyCode: 110, text: '.', location: 3 },
  NumpadAdd: { key: '+', code: 'NumpadAdd', keyCode: 107, text: '+', location: 3 },
  NumpadSubtract: { key: '-', code: 'NumpadSubtract', keyCode: 109, text: '-', location: 3 },
  NumpadMultiply: { key: '*', code: 'NumpadMultiply', keyCode: 106, text: '*', location: 3 },
  NumpadDivide: { key: '/', code: 'NumpadDivide', keyCode: 111, text: '/', location: 3 },
  NumpadEnter: { key: 'Enter', code: 'NumpadEnter', keyCode: 13, text: '\n', location: 3 },
  // Apple keyboards have it; Chrome on macOS reports the main `=` key's keyCode.
  NumpadEqual: { key: '=', code: 'NumpadEqual', keyCode: 187, text: '=', location: 3 },

  // Numpad with NumLock off: the same physical keys, navigation keys' key and keyCode.
  NumpadInsert: { key: 'Insert', code: 'Numpad0', keyCode: 45, location: 3 },
  NumpadEnd: { key: 'End', code: 'Numpad1', keyCode: 35, location: 3 },
  NumpadArrowDown: { key: 'ArrowDown', code: 'Numpad2', keyCode: 40, location: 3 },
  NumpadPageDown: { key: 'PageDown', code: 'Numpad3', keyCode: 34, location: 3 },
  NumpadArrowLeft: { key: 'ArrowLeft', code: 'Numpad4', keyCode: 37, location: 3 },
  NumpadClear: { key: 'Clear', code: 'Numpad5', keyCode: 12, location: 3 },
  NumpadArrowRight: { key: 'ArrowRight', code: 'Numpad6', keyCode: 39, location: 3 },
  NumpadHome: { key: 'Home', code: 'Numpad7', keyCode: 36, location: 3 },
  NumpadArrowUp: { key: 'ArrowUp', code: 'Numpad8', keyCode: 38, location: 3 },
  NumpadPageUp: { key: 'PageUp', code: 'Numpad9', keyCode: 33, location: 3 },
  NumpadDelete: { key: 'Delete', code: 'NumpadDecimal', keyCode: 46, location: 3 },

  // Writing-system keys by code: letters, digit row, punctuation (US ANSI).
  KeyA: { key: 'a', code: 'KeyA', keyCode: 65, shiftKey: 'A', text: 'a', shiftText: 'A' },
  KeyB: { key: 'b', code: 'KeyB', keyCode: 66, shiftKey: 'B', text: 'b', shiftText: 'B' },
  KeyC: { key: 'c', code: 'KeyC', keyCode: 67, shiftKey: 'C', text: 'c', shiftText: 'C' },
  KeyD: { key: 'd', code: 'KeyD', keyCode: 68, shiftKey: 'D', text: 'd', shiftText: 'D' },
  KeyE: { key: 'e', code: 'KeyE', keyCode: 69, shiftKey: 'E', text: 'e', shiftText: 'E' },
  KeyF: { key: 'f', code: 'KeyF', keyCode: 70, shiftKey: 'F', text: 'f', shiftText: 'F' },
  KeyG: { key: 'g', code: 'KeyG', keyCode: 71, shiftKey: 'G', text: 'g', shiftText: 'G' },
  KeyH: { key: 'h', code: 'KeyH', keyCode: 72, shiftKey: 'H', text: 'h', shiftText: 'H' },
  KeyI: { key: 'i', code: 'KeyI', keyCode: 73, shiftKey: 'I', text: 'i', shiftText: 'I' },
  KeyJ: { key: 'j', code: 'KeyJ', keyCode: 74, shiftKey: 'J', text: 'j', shiftText: 'J' },
  KeyK: { key: 'k', code: 'KeyK', keyCode: 75, shiftKey: 'K', text: 'k', shiftText: 'K' },
  KeyL: { key: 'l', code: 'KeyL', keyCode: 76, shiftKey: 'L', text: 'l', shiftText: 'L' },
  KeyM: { key: 'm', code: 'KeyM', keyCode: 77, shiftKey: 'M', text: 'm', shiftText: 'M' },
  KeyN: { key: 'n', code: 'KeyN', keyCode: 78, shiftKey: 'N', text: 'n', shiftText: 'N' },
  KeyO: { key: 'o', code: 'KeyO', keyCode: 79, shiftKey: 'O', text: 'o', shiftText: 'O' },
  KeyP: { key: 'p', code: 'KeyP', keyCode: 80, shiftKey: 'P', text: 'p', shiftText: 'P' },
  KeyQ: { key: 'q', code: 'KeyQ', keyCode: 81, shiftKey: 'Q', text: 'q', shiftText: 'Q' },
  KeyR: { key: 'r', code: 'KeyR', keyCode: 82, shiftKey: 'R', text: 'r', shiftText: 'R' },
  KeyS: { key: 's', code: 'KeyS', keyCode: 83, shiftKey: 'S', text: 's', shiftText: 'S' },
  KeyT: { key: 't', code: 'KeyT', keyCode: 84, shiftKey: 'T', text: 't', shiftText: 'T' },
  KeyU: { key: 'u', code: 'KeyU', keyCode: 85, shiftKey: 'U', text: 'u', shiftText: 'U' },
  KeyV: { key: 'v', code: 'KeyV', keyCode: 86, shiftKey: 'V', text: 'v', shiftText: 'V' },
  KeyW: { key: 'w', code: 'KeyW', keyCode: 87, shiftKey: 'W', text: 'w', shiftText: 'W' },
  KeyX: { key: 'x', code: 'KeyX', keyCode: 88, shiftKey: 'X', text: 'x', shiftText: 'X' },
  KeyY: { key: 'y', code: 'KeyY', keyCode: 89, shiftKey: 'Y', text: 'y', shiftText: 'Y' },
  KeyZ: { key: 'z', code: 'KeyZ', keyCode: 90, shiftKey: 'Z', text: 'z', shiftText: 'Z' },
  Digit0: { key: '0', code: 'Digit0', keyCode: 48, shiftKey: ')', text: '0', shiftText: ')' },
  Digit1: { key: '1', code: 'Digit1', keyCode: 49, shiftKey: '!', text: '1', shiftText: '!' },
  Digit2: { key: '2', code: 'Digit2', keyCode: 50, shiftKey: '@', text: '2', shiftText: '@' },
  Digit3: { key: '3', code: 'Digit3', keyCode: 51, shiftKey: '#', text: '3', shiftText: '#' },
  Digit4: { key: '4', code: 'Digit4', keyCode: 52, shiftKey: '$', text: '4', shiftText: '$' },
  Digit5: { key: '5', code: 'Digit5', keyCode: 53, shiftKey: '%', text: '5', shiftText: '%' },
  Digit6: { key: '6', code: 'Digit6', keyCode: 54, shiftKey: '^', text: '6', shiftText: '^' },
  Digit7: { key: '7', code: 'Digit7', keyCode: 55, shiftKey: '&', text: '7', shiftText: '&' },
  Digit8: { key: '8', code: 'Digit8', keyCode: 56, shiftKey: '*', text: '8', shiftText: '*' },
  Digit9: { key: '9', code: 'Digit9', keyCode: 57, shiftKey: '(', text: '9', shiftText: '(' },
  Backquote: {
    key: '`',
    code: 'Backquote',
    keyCode: 192,
    shiftKey: '~',
    text: '`',
    shiftText: '~',
  },
  Minus: { key: '-', code: 'Minus', keyCode: 189, shiftKey: '_', text: '-', shiftText: '_' },
  Equal: { key: '=', code: 'Equal', keyCode: 187, shiftKey: '+', text: '=', shiftText: '+' },
  BracketLeft: {
    key: '[',
    code: 'BracketLeft',
    keyCode: 219,
    shiftKey: '{',
    text: '[',
    shiftText: '{',
  },
  BracketRight: {
    key: ']',
    code: 'BracketRight',
    keyCode: 221,
    shiftKey: '}',
    text: ']',
    shiftText: '}',
  },
  Backslash: {
    key: '\\',
    code: 'Backslash',
    keyCode: 220,
    shiftKey: '|',
    text: '\\',
    shiftText: '|',
  },
  Semicolon: {
    key: ';',
    code: 'Semicolon',
    keyCode: 186,
    shiftKey: ':',
    text: ';',
    shiftText: ':',
  },
  Quote: { key: "'", code: 'Quote', keyCode: 222, shiftKey: '"', text: "'", shiftText: '"' },
  Comma: { key: ',', code: 'Comma', keyCode: 188, shiftKey: '<', text: ',', shiftText: '<' },
  Period: { key: '.', code: 'Period', keyCode: 190, shiftKey: '>', text: '.', shiftText: '>' },
  Slash: { key: '/', code: 'Slash', keyCode: 191, shiftKey: '?', text: '/', shiftText: '?' },

  // The same keys named by the character they type unshifted.
  a: { key: 'a', code: 'KeyA', keyCode: 65, shiftKey: 'A', text: 'a', shiftText: 'A' },
  b: { key: 'b', code: 'KeyB', keyCode: 66, shiftKey: 'B', text: 'b', shiftText: 'B' },
  c: { key: 'c', code: 'KeyC', keyCode: 67, shiftKey: 'C', text: 'c', shiftText: 'C' },
  d: { key: 'd', code: 'KeyD', keyCode: 68, shiftKey: 'D', text: 'd', shiftText: 'D' },
  e: { key: 'e', code: 'KeyE', keyCode: 69, shiftKey: 'E', text: 'e', shiftText: 'E' },
  f: { key: 'f', code: 'KeyF', keyCode: 70, shiftKey: 'F', text: 'f', shiftText: 'F' },
  g: { key: 'g', code: 'KeyG', keyCode: 71, shiftKey: 'G', text: 'g', shiftText: 'G' },
  h: { key: 'h', code: 'KeyH', keyCode: 72, shiftKey: 'H', text: 'h', shiftText: 'H' },
  i: { key: 'i', code: 'KeyI', keyCode: 73, shiftKey: 'I', text: 'i', shiftText: 'I' },
  j: { key: 'j', code: 'KeyJ', keyCode: 74, shiftKey: 'J', text: 'j', shiftText: 'J' },
  k: { key: 'k', code: 'KeyK', keyCode: 75, shiftKey: 'K', text: 'k', shiftText: 'K' },
  l: { key: 'l', code: 'KeyL', keyCode: 76, shiftKey: 'L', text: 'l', shiftText: 'L' },
  m: { key: 'm', code: 'KeyM', keyCode: 77, shiftKey: 'M', text: 'm', shiftText: 'M' },
  n: { key: 'n', code: 'KeyN', keyCode: 78, shiftKey: 'N', text: 'n', shiftText: 'N' },
  o: { key: 'o', code: 'KeyO', keyCode: 79, shiftKey: 'O', text: 'o', shiftText: 'O' },
  p: { key: 'p', code: 'KeyP', keyCode: 80, shiftKey: 'P', text: 'p', shiftText: 'P' },
  q: { key: 'q', code: 'KeyQ', keyCode: 81, shiftKey: 'Q', text: 'q', shiftText: 'Q' },
  r: { key: 'r', code: 'KeyR', keyCode: 82, shiftKey: 'R', text: 'r', shiftText: 'R' },
  s: { key: 's', code: 'KeyS', keyCode: 83, shiftKey: 'S', text: 's', shiftText: 'S' },
  t: { key: 't', code: 'KeyT', keyCode: 84, shiftKey: 'T', text: 't', shiftText: 'T' },
  u: { key: 'u', code: 'KeyU', keyCode: 85, shiftKey: 'U', text: 'u', shiftText: 'U' },
  v: { key: 'v', code: 'KeyV', keyCode: 86, shiftKey: 'V', text: 'v', shiftText: 'V' },
  w: { key: 'w', code: 'KeyW', keyCode: 87, shiftKey: 'W', text: 'w', shiftText: 'W' },
  x: { key: 'x', code: 'KeyX', keyCode: 88, shiftKey: 'X', text: 'x', shiftText: 'X' },
  y: { key: 'y', code: 'KeyY', keyCode: 89, shiftKey: 'Y', text: 'y', shiftText: 'Y' },
  z: { key: 'z', code: 'KeyZ', keyCode: 90, shiftKey: 'Z', text: 'z', shiftText: 'Z' },
  '0': { key: '0', code: 'Digit0', keyCode: 48, shiftKey: ')', text: '0', shiftText: ')' },
  '1': { key: '1', code: 'Digit1', keyCode: 49, shiftKey: '!', text: '1', shiftText: '!' },
  '2': { key: '2', code: 'Digit2', keyCode: 50, shiftKey: '@', text: '2', shiftText: '@' },
  '3': { key: '3', code: 'Digit3', keyCode: 51, shiftKey: '#', text: '3', shiftText: '#' },
  '4': { key: '4', code: 'Digit4', keyCode: 52, shiftKey: '$', text: '4', shiftText: '$' },
  '5': { key: '5', code: 'Digit5', keyCode: 53, shiftKey: '%', text: '5', shiftText: '%' },
  '6': { key: '6', code: 'Digit6', keyCode: 54, shiftKey: '^', text: '6', shiftText: '^' },
  '7': { key: '7', code: 'Digit7', keyCode: 55, shiftKey: '&', text: '7', shiftText: '&' },
  '8': { key: '8', code: 'Digit8', keyCode: 56, shiftKey: '*', text: '8', shiftText: '*' },
  '9': { key: '9', code: 'Digit9', keyCode: 57, shiftKey: '(', text: '9', shiftText: '(' },
  '`': { key: '`', code: 'Backquote', keyCode: 192, shiftKey: '~', text: '`', shiftText: '~' },
  '-': { key: '-', code: 'Minus', keyCode: 189, shiftKey: '_', text: '-', shiftText: '_' },
  '=': { key: '=', code: 'Equal', keyCode: 187, shiftKey: '+', text: '=', shiftText: '+' },
  '[': { key: '[', code: 'BracketLeft', keyCode: 219, shiftKey: '{', text: '[', shiftText: '{' },
  ']': { key: ']', code: 'BracketRight', keyCode: 221, shiftKey: '}', text: ']', shiftText: '}' },
  '\\': { key: '\\', code: 'Backslash', keyCode: 220, shiftKey: '|', text: '\\', shiftText: '|' },
  ';': { key: ';', code: 'Semicolon', keyCode: 186, shiftKey: ':', text: ';', shiftText: ':' },
  "'": { key: "'", code: 'Quote', keyCode: 222, shiftKey: '"', text: "'", shiftText: '"' },
  ',': { key: ',', code: 'Comma', keyCode: 188, shiftKey: '<', text: ',', shiftText: '<' },
  '.': { key: '.', code: 'Period', keyCode: 190, shiftKey: '>', text: '.', shiftText: '>' },
  '/': { key: '/', code: 'Slash', keyCode: 191, shiftKey: '?', text: '/', shiftText: '?' },

  // Shift-layer characters: `!` is Digit1 with Shift, `~` is Backquote with Shift.
  A: { key: 'A', code: 'KeyA', keyCode: 65, text: 'A', shifted: true },
  B: { key: 'B', code: 'KeyB', keyCode: 66, text: 'B', shifted: true },
  C: { key: 'C', code: 'KeyC', keyCode: 67, text: 'C', shifted: true },
  D: { key: 'D', code: 'KeyD', keyCode: 68, text: 'D', shifted: true },
  E: { key: 'E', code: 'KeyE', keyCode: 69, text: 'E', shifted: true },
  F: { key: 'F', code: 'KeyF', keyCode: 70, text: 'F', shifted: true },
  G: { key: 'G', code: 'KeyG', keyCode: 71, text: 'G', shifted: true },
  H: { key: 'H', code: 'KeyH', keyCode: 72, text: 'H', shifted: true },
  I: { key: 'I', code: 'KeyI', keyCode: 73, text: 'I', shifted: true },
  J: { key: 'J', code: 'KeyJ', keyCode: 74, text: 'J', shifted: true },
  K: { key: 'K', code: 'KeyK', keyCode: 75, text: 'K', shifted: true },
  L: { key: 'L', code: 'KeyL', keyCode: 76, text: 'L', shifted: true },
  M: { key: 'M', code: 'KeyM', keyCode: 77, text: 'M', shifted: true },
  N: { key: 'N', code: 'KeyN', keyCode: 78, text: 'N', shifted: true },
  O: { key: 'O', code: 'KeyO', keyCode: 79, text: 'O', shifted: true },
  P: { key: 'P', code: 'KeyP', keyCode: 80, text: 'P', shifted: true },
  Q: { key: 'Q', code: 'KeyQ', keyCode: 81, text: 'Q', shifted: true },
  R: { key: 'R', code: 'KeyR', keyCode: 82, text: 'R', shifted: true },
  S: { key: 'S', code: 'KeyS', keyCode: 83, text: 'S', shifted: true },
  T: { key: 'T', code: 'KeyT', keyCode: 84, text: 'T', shifted: true },
  U: { key: 'U', code: 'KeyU', keyCode: 85, text: 'U', shifted: true },
  V: { key: 'V', code: 'KeyV', keyCode: 86, text: 'V', shifted: true },
  W: { key: 'W', code: 'KeyW', keyCode: 87, text: 'W', shifted: true },
  X: { key: 'X', code: 'KeyX', keyCode: 88, text: 'X', shifted: true },
  Y: { key: 'Y', code: 'KeyY', keyCode: 89, text: 'Y', shifted: true },
  Z: { key: 'Z', code: 'KeyZ', keyCode: 90, text: 'Z', shifted: true },
  ')': { key: ')', code: 'Digit0', keyCode: 48, text: ')', shifted: true },
  '!': { key: '!', code: 'Digit1', keyCode: 49, text: '!', shifted: true },
  '@': { key: '@', code: 'Digit2', keyCode: 50, text: '@', shifted: true },
  '#': { key: '#', code: 'Digit3', keyCode: 51, text: '#', shifted: true },
  $: { key: '$', code: 'Digit4', keyCode: 52, text: '$', shifted: true },
  '%': { key: '%', code: 'Digit5', keyCode: 53, text: '%', shifted: true },
  '^': { key: '^', code: 'Digit6', keyCode: 54, text: '^', shifted: true },
  '&': { key: '&', code: 'Digit7', keyCode: 55, text: '&', shifted: true },
  '*': { key: '*', code: 'Digit8', keyCode: 56, text: '*', shifted: true },
  '(': { key: '(', code: 'Digit9', keyCode: 57, text: '(', shifted: true },
  '~': { key: '~', code: 'Backquote', keyCode: 192, text: '~', shifted: true },
  _: { key: '_', code: 'Minus', keyCode: 189, text: '_', shifted: true },
  '+': { key: '+', code: 'Equal', keyCode: 187, text: '+', shifted: true },
  '{': { key: '{', code: 'BracketLeft', keyCode: 219, text: '{', shifted: true },
  '}': { key: '}', code: 'BracketRight', keyCode: 221, text: '}', shifted: true },
  '|': { key: '|', code: 'Backslash', keyCode: 220, text: '|', shifted: true },
  ':': { key: ':', code: 'Semicolon', keyCode: 186, text: ':', shifted: true },
  '"': { key: '"', code: 'Quote', keyCode: 222, text: '"', shifted: true },
  '<': { key: '<', code: 'Comma', keyCode: 188, text: '<', shifted: true },
  '>': { key: '>', code: 'Period', keyCode: 190, text: '>', shifted: true },
  '?': { key: '?', code: 'Slash', keyCode: 191, text: '?', shifted: true },

  // Media and browser keys (uievents-code "media keys"); cheap, and keysyms exist for them.
  AudioVolumeMute: { key: 'AudioVolumeMute', code: 'AudioVolumeMute', keyCode: 173 },
  AudioVolumeDown: { key: 'AudioVolumeDown', code: 'AudioVolumeDown', keyCode: 174 },
  AudioVolumeUp: { key: 'AudioVolumeUp', code: 'AudioVolumeUp', keyCode: 175 },
  MediaTrackNext: { key: 'MediaTrackNext', code: 'MediaTrackNext', keyCode: 176 },
  MediaTrackPrevious: { key: 'MediaTrackPrevious', code: 'MediaTrackPrevious', keyCode: 177 },
  MediaStop: { key: 'MediaStop', code: 'MediaStop', keyCode: 178 },
  MediaPlayPause: { key: 'MediaPlayPause', code: 'MediaPlayPause', keyCode: 179 },
  LaunchMail: { key: 'LaunchMail', code: 'LaunchMail', keyCode: 180 },
  BrowserBack: { key: 'BrowserBack', code: 'BrowserBack', keyCode: 166 },
  BrowserForward: { key: 'BrowserForward', code: 'BrowserForward', keyCode: 167 },
  BrowserRefresh: { key: 'BrowserRefresh', code: 'BrowserRefresh', keyCode: 168 },
  BrowserStop: { key: 'BrowserStop', code: 'BrowserStop', keyCode: 169 },
  BrowserSearch: { key: 'BrowserSearch', code: 'BrowserSearch', keyCode: 170 },
  BrowserFavorites: { key: 'BrowserFavorites', code: 'BrowserFavorites', keyCode: 171 },
  BrowserHome: { key: 'BrowserHome', code: 'BrowserHome', keyCode: 172 },
} as const satisfies Record<string, KeyDefinition>;

export type KeyName = keyof typeof keyDefinitions;

/**
 * Names Claude may use that are not KeyNames, mostly X keysyms (keysymdef.h) and the short
 * modifier names xdotool accepts (`ctrl`, `super`), plus a few common spellings (`cmd`, `Esc`).
 * Every KeyName is accepted as well, so DOM names (`Enter`, `ArrowLeft`) need no entry here.
 *
 * A value that is a list is a chord: X's ISO_Left_Tab is Shift+Tab, and xdotool presses Shift
 * to type it.
 */
export const keysymAliases = {
  // Whitespace and editing.
  Return: 'Enter',
  Linefeed: 'Enter',
  ISO_Left_Tab: ['Shift', 'Tab'],
  space: 'Space',
  Spacebar: 'Space',
  BackSpace: 'Backspace',
  Del: 'Delete',
  Esc: 'Escape',

  // Navigation.
  Left: 'ArrowLeft',
  Up: 'ArrowUp',
  Right: 'ArrowRight',
  Down: 'ArrowDown',
  Page_Up: 'PageUp',
  Prior: 'PageUp',
  Page_Down: 'PageDown',
  Next: 'PageDown',

  // Modifiers. xdotool reads ctrl/shift/alt/super/meta as the left keys.
  ctrl: 'Control',
  Control_L: 'ControlLeft',
  Control_R: 'ControlRight',
  Shift_L: 'ShiftLeft',
  Shift_R: 'ShiftRight',
  Alt_L: 'AltLeft',
  Alt_R: 'AltRight',
  option: 'Alt',
  opt: 'Alt',
  Meta_L: 'MetaLeft',
  Meta_R: 'MetaRight',
  super: 'Meta',
  Super_L: 'MetaLeft',
  Super_R: 'MetaRight',
  cmd: 'Meta',
  command: 'Meta',
  win: 'Meta',
  windows: 'Meta',

  // Locks and system keys.
  Caps_Lock: 'CapsLock',
  Num_Lock: 'NumLock',
  Scroll_Lock: 'ScrollLock',
  Print: 'PrintScreen',
  Menu: 'ContextMenu',

  // Numpad.
  KP_0: 'Numpad0',
  KP_1: 'Numpad1',
  KP_2: 'Numpad2',
  KP_3: 'Numpad3',
  KP_4: 'Numpad4',
  KP_5: 'Numpad5',
  KP_6: 'Numpad6',
  KP_7: 'Numpad7',
  KP_8: 'Numpad8',
  KP_9: 'Numpad9',
  KP_Decimal: 'NumpadDecimal',
  KP_Add: 'NumpadAdd',
  KP_Subtract: 'NumpadSubtract',
  KP_Multiply: 'NumpadMultiply',
  KP_Divide: 'NumpadDivide',
  KP_Enter: 'NumpadEnter',
  KP_Equal: 'NumpadEqual',
  KP_Insert: 'NumpadInsert',
  KP_End: 'NumpadEnd',
  KP_Down: 'NumpadArrowDown',
  KP_Next: 'NumpadPageDown',
  KP_Page_Down: 'NumpadPageDown',
  KP_Left: 'NumpadArrowLeft',
  KP_Begin: 'NumpadClear',
  KP_Right: 'NumpadArrowRight',
  KP_Home: 'NumpadHome',
  KP_Up: 'NumpadArrowUp',
  KP_Prior: 'NumpadPageUp',
  KP_Page_Up: 'NumpadPageUp',
  KP_Delete: 'NumpadDelete',

  // Punctuation keysyms (Latin-1 names; quoteleft/quoteright are their old spellings).
  exclam: '!',
  quotedbl: '"',
  numbersign: '#',
  dollar: '$',
  percent: '%',
  ampersand: '&',
  apostrophe: "'",
  quoteright: "'",
  parenleft: '(',
  parenright: ')',
  asterisk: '*',
  plus: '+',
  comma: ',',
  minus: '-',
  period: '.',
  slash: '/',
  colon: ':',
  semicolon: ';',
  less: '<',
  equal: '=',
  greater: '>',
  question: '?',
  at: '@',
  bracketleft: '[',
  backslash: '\\',
  bracketright: ']',
  asciicircum: '^',
  underscore: '_',
  grave: '`',
  quoteleft: '`',
  braceleft: '{',
  bar: '|',
  braceright: '}',
  asciitilde: '~',

  // XFree86 media keysyms (XF86keysym.h).
  XF86AudioMute: 'AudioVolumeMute',
  XF86AudioLowerVolume: 'AudioVolumeDown',
  XF86AudioRaiseVolume: 'AudioVolumeUp',
  XF86AudioNext: 'MediaTrackNext',
  XF86AudioPrev: 'MediaTrackPrevious',
  XF86AudioStop: 'MediaStop',
  XF86AudioPlay: 'MediaPlayPause',
  XF86AudioPause: 'MediaPlayPause',
  XF86Mail: 'LaunchMail',
  XF86Back: 'BrowserBack',
  XF86Forward: 'BrowserForward',
  XF86Refresh: 'BrowserRefresh',
  XF86Stop: 'BrowserStop',
  XF86Search: 'BrowserSearch',
  XF86Favorites: 'BrowserFavorites',
  XF86HomePage: 'BrowserHome',
} as const satisfies Record<string, KeyName | readonly KeyName[]>;
