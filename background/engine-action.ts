/**
 * Turns a page action into the engine action the content script runs: every key name
 * becomes its definition here, so the page never needs the key table
 * (extension/engine-action.ts says why).
 */
import type { PageAction } from '../extension/actions.ts';
import type { EngineAction, KeyStroke, TypedChar } from '../extension/engine-action.ts';
import type { KeyName } from '../extension/keys-table.ts';
import { keyDefinition, keyForCharacter, modifierOf } from './key-parser.ts';

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

export function toEngineAction(action: PageAction<'frame'>): EngineAction {
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
