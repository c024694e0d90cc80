/**
 * Actions as the content script receives them. The key table (extension/keys-table.ts)
 * is a large data table that the page does not need: the background resolves every key
 * name to its definition before sending (background/engine-action.ts), so only
 * definitions travel and the content script's bundle carries no table. Pointer actions'
 * modifier keys and typed text's characters are resolved the same way.
 */
import type { PageAction } from './actions.ts';
import type { KeyDefinition, Modifier } from './keys-table.ts';

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
  | WithStrokes<Exclude<PageAction<'frame'>, { kind: 'chord' | 'hold' | 'text' }>>
  | { readonly kind: 'chord'; readonly keys: readonly KeyStroke[] }
  | { readonly kind: 'hold'; readonly keys: readonly KeyStroke[]; readonly durationMs: number }
  | {
      readonly kind: 'text';
      readonly chars: readonly TypedChar[];
      /** Shift, for the characters of its layer (`A`, `!`). */
      readonly shift: KeyStroke;
    };
