/**
 * Reads the key names Claude writes (xdotool syntax: `ctrl+shift+Tab`, `Page_Down`,
 * `ctrl+a BackSpace`) into key names of the table in extension/keys-table.ts, and looks keys
 * up by character for typing. Only the background parses keys; the content script receives
 * definitions already resolved (background/engine-action.ts).
 */
import {
  keyDefinitions,
  keysymAliases,
  modifiers,
  type KeyDefinition,
  type KeyName,
  type Modifier,
} from '../extension/keys-table.ts';

/** A key name in a combo that is neither a KeyName nor an alias, or a missing one (`ctrl+`). */
export class UnknownKeyError extends Error {
  override readonly name = 'UnknownKeyError';
  /** The offending part as written; '' when a key is missing. */
  readonly key: string;
  /** The whole combo it came from. */
  readonly combo: string;

  constructor(key: string, combo: string) {
    super(key === '' ? `Missing key in "${combo}"` : `Unknown key "${key}" in "${combo}"`);
    this.key = key;
    this.combo = combo;
  }
}

export function isKeyName(name: string): name is KeyName {
  return Object.hasOwn(keyDefinitions, name);
}

export function keyDefinition(name: KeyName): KeyDefinition {
  return keyDefinitions[name];
}

/** Which modifier flag (`shiftKey`, `ctrlKey`...) a key sets while down. */
export function modifierOf(name: KeyName): Modifier | undefined {
  const { key } = keyDefinition(name);
  return modifiers.find((m) => m === key);
}

export function isModifierKey(name: KeyName): boolean {
  return modifierOf(name) !== undefined;
}

/**
 * The key that types `ch` on a US keyboard, for typing text key by key. Shift-layer characters
 * give their own names (`A`, `!`, whose definitions say `shifted`), so the caller knows to hold
 * Shift. '\n' and '\r' give Enter (normalize '\r\n' first), '\t' Tab, ' ' Space. Anything else,
 * including all non-ASCII, gives undefined: insert it as text without a key.
 */
export function keyForCharacter(ch: string): KeyName | undefined {
  const special = characterKeys[ch];
  if (special !== undefined) return special;
  if (ch.length === 1 && ch > ' ' && ch <= '~' && isKeyName(ch)) return ch;
  return undefined;
}

const characterKeys: Readonly<Record<string, KeyName>> = {
  '\n': 'Enter',
  '\r': 'Enter',
  '\t': 'Tab',
  ' ': 'Space',
};

/**
 * Parses one xdotool-style combo, `ctrl+shift+Tab`, into the keys to press in order and release
 * in reverse: the modifiers in the order given, then the other keys. A Shift-layer key (`A`, `!`,
 * `plus`) brings Shift with it, as it does in xdotool, unless the combo already has a Shift.
 *
 * Spaces around `+` are allowed, and `+` itself is a key where a key is expected: `ctrl++`,
 * `ctrl + +`, `+`. Names match exactly first, then ignoring case, spaces and underscores
 * (`RETURN`, `page_down`, `pagedown`); one-character names only match exactly, so `a` and `A`
 * stay different keys.
 */
export function parseKeyCombo(combo: string): KeyName[] {
  const mods: KeyName[] = [];
  const others: KeyName[] = [];
  const codes = new Set<string>();
  let wantsShift = false;
  for (const part of splitCombo(combo)) {
    const names = lookUp(part);
    if (names === undefined) throw new UnknownKeyError(part, combo);
    for (const name of names) {
      const def = keyDefinition(name);
      // One physical key can only go down once (`shift+ISO_Left_Tab`, `Shift+Shift_L`).
      if (codes.has(def.code)) continue;
      codes.add(def.code);
      if (isModifierKey(name)) {
        mods.push(name);
      } else {
        others.push(name);
        if (def.shifted) wantsShift = true;
      }
    }
  }
  if (wantsShift && !mods.some((m) => modifierOf(m) === 'Shift')) mods.push('Shift');
  return [...mods, ...others];
}

/**
 * Parses several combos separated by whitespace, as xdotool's `key` takes them
 * (`ctrl+a BackSpace`). Spaces next to a `+` join combos (`ctrl + a` is one combo); a lone `+`
 * at the end is the plus key.
 */
export function parseKeySequence(sequence: string): KeyName[][] {
  const tokens = sequence
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '');
  if (tokens.length === 0) throw new UnknownKeyError('', sequence);
  const combos: string[] = [];
  let current = tokens[0] ?? '';
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const isLast = i === tokens.length - 1;
    const joins =
      endsWithSeparator(current) || (token.startsWith('+') && !(token === '+' && isLast));
    if (joins) {
      current += token;
    } else {
      combos.push(current);
      current = token;
    }
  }
  combos.push(current);
  return combos.map(parseKeyCombo);
}

/** `ctrl+` still needs a key; `+` and `ctrl++` end in the plus key. */
function endsWithSeparator(combo: string): boolean {
  return combo.endsWith('+') && combo !== '+' && !combo.endsWith('++');
}

/** Splits on `+` separators, reading `+` as a key where a key is expected. */
function splitCombo(combo: string): string[] {
  const parts: string[] = [];
  let i = skipSpaces(combo, 0);
  for (;;) {
    if (i >= combo.length) throw new UnknownKeyError('', combo);
    if (combo[i] === '+') {
      // A `+` where a key should be is the plus key, if a separator or the end follows.
      const next = skipSpaces(combo, i + 1);
      if (next < combo.length && combo[next] !== '+') throw new UnknownKeyError('', combo);
      parts.push('+');
      i = next;
    } else {
      const end = combo.indexOf('+', i);
      const stop = end === -1 ? combo.length : end;
      parts.push(combo.slice(i, stop).trim());
      i = stop;
    }
    if (i >= combo.length) return parts;
    // combo[i] is a separator `+`.
    i = skipSpaces(combo, i + 1);
  }
}

function skipSpaces(s: string, from: number): number {
  let i = from;
  while (i < s.length && /\s/.test(s[i] ?? '')) i++;
  return i;
}

function lookUp(name: string): readonly KeyName[] | undefined {
  return exactNames.get(name) ?? (name.length > 1 ? foldedNames.get(fold(name)) : undefined);
}

function fold(name: string): string {
  return name.toLowerCase().replace(/[\s_]/g, '');
}

const exactNames = new Map<string, readonly KeyName[]>([
  ...Object.keys(keyDefinitions).map((n): [string, readonly KeyName[]] => [n, [n as KeyName]]),
  ...Object.entries(keysymAliases).map(([alias, target]): [string, readonly KeyName[]] => [
    alias,
    typeof target === 'string' ? [target] : target,
  ]),
]);

/**
 * Case-folded names. Two names may fold together only if they press the same thing (`Equal` and
 * the keysym `equal` both mean the `=` key); anything else would make `EQUAL` ambiguous, so it
 * fails at load, which the unit tests catch.
 */
const foldedNames = new Map<string, readonly KeyName[]>();
for (const [name, keys] of exactNames) {
  if (name.length <= 1) continue;
  const folded = fold(name);
  const existing = foldedNames.get(folded);
  if (existing === undefined) foldedNames.set(folded, keys);
  else if (!samePress(existing, keys)) {
    throw new Error(`keys-table.ts: "${name}" folds to "${folded}", already another key`);
  }
}

function samePress(a: readonly KeyName[], b: readonly KeyName[]): boolean {
  return (
    a.length === b.length &&
    a.every((n, i) => {
      const m = b[i];
      return (
        m !== undefined && JSON.stringify(keyDefinitions[n]) === JSON.stringify(keyDefinitions[m])
      );
    })
  );
}
