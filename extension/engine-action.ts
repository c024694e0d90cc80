/**
 * Actions as the content script receives them. The key table (extension/keys.ts)
 * is a large data table that the page does not need: the background resolves
 * every key name to its definition before sending, so only definitions travel
 * and the content script's bundle carries no table. Pointer actions' modifier
 * keys and typed text's characters are resolved the same way.
 */
import type { Modifier, PageAction } from './actions.ts';
import {
  keyDefinition,
  keyForCharacter,
  modifierOf,
  type KeyDefinition,
  type KeyName,
} from './keys.ts';

/** One key, resolved: its definition, its name, and the modifier it sets while down. */
export interface KeyStroke extends KeyDefinition {
  readonly name: string;
  readonly modifier?: Modifier;
}

/** One character of typed text, and the US key that types it, if any. */
export interface TypedChar {
  readonly ch: string;
  readonly key?: KeyStroke;
}

type WithStrokes<A> = A extends { readonly modifiers: readonly Modifier[] }
  ? Omit<A, 'modifiers'> & { readonly modifiers: readonly KeyStroke[] }
  : A;

export type EngineAction =
  | WithStrokes<Exclude<PageAction<'viewport'>, { kind: 'chord' | 'hold' | 'text' }>>
  | { readonly kind: 'chord'; readonly keys: readonly KeyStroke[] }
  | { readonly kind: 'hold'; readonly keys: readonly KeyStroke[]; readonly durationMs: number }
  | {
      readonly kind: 'text';
      readonly chars: readonly TypedChar[];
      /** Shift, for the characters of its layer (`A`, `!`). */
      readonly shift: KeyStroke;
    };

export function keyStroke(name: KeyName): KeyStroke {
  const modifier = modifierOf(name);
  return { ...keyDefinition(name), name, ...(modifier ? { modifier } : {}) };
}

/**
 * Typed text one code point at a time, as a keyboard driver types a string
 * (Puppeteer's Keyboard.type, xdotool type): a flag or a family emoji is
 * several characters. `\r\n` and `\r` are line breaks.
 */
function typedChars(text: string): TypedChar[] {
  return Array.from(text.replace(/\r\n?/g, '\n'), (ch) => {
    const name = keyForCharacter(ch);
    return name === undefined ? { ch } : { ch, key: keyStroke(name) };
  });
}

export function toEngineAction(action: PageAction<'viewport'>): EngineAction {
  switch (action.kind) {
    case 'chord':
    case 'hold':
      return { ...action, keys: action.keys.map(keyStroke) };
    case 'text':
      return { kind: 'text', chars: typedChars(action.text), shift: keyStroke('Shift') };
    case 'move':
      return action;
    default:
      return { ...action, modifiers: action.modifiers.map(keyStroke) };
  }
}
