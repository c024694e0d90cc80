/** The keyboard actions: a chord (`ctrl+shift+Tab`), a held key, and typed text. */
import { keyDefinition, keyForCharacter, type KeyName } from '../../extension/keys.ts';
import { sleep } from './dom.ts';
import { characterKey, keyDown, keyInfo, keyUp } from './keyboard.ts';
import type { Report } from './report.ts';
import { engineState } from './state.ts';

/** Presses keys in order and releases them in reverse, always (`finally`). */
export function chord(keys: readonly KeyName[], report: Report): void {
  const down: KeyName[] = [];
  try {
    for (const name of keys) {
      down.push(name);
      keyDown(keyInfo(name), report);
    }
  } finally {
    for (const name of down.reverse()) keyUp(name, report);
  }
}

/** Typematic delay and rate of a common keyboard setup (500 ms, then about 30 per second). */
const repeatDelayMs = 500;
const repeatIntervalMs = 33;

/** Holds keys for `durationMs`; the last key repeats (keydown with repeat: true), as the OS does. */
export async function hold(
  keys: readonly KeyName[],
  durationMs: number,
  report: Report,
): Promise<void> {
  const down: KeyName[] = [];
  const end = Date.now() + Math.max(0, durationMs);
  try {
    for (const name of keys) {
      down.push(name);
      keyDown(keyInfo(name), report);
    }
    const repeating = keys[keys.length - 1];
    await sleep(Math.min(repeatDelayMs, Math.max(0, end - Date.now())));
    while (repeating !== undefined && Date.now() < end) {
      keyDown(keyInfo(repeating), report, true);
      await sleep(Math.min(repeatIntervalMs, Math.max(0, end - Date.now())));
    }
  } finally {
    for (const name of down.reverse()) keyUp(name, report);
  }
}

/** Lets the page's pending tasks run between keystrokes without setTimeout's 4 ms clamp. */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/**
 * Types `text` one user-perceived character at a time (a flag or a family
 * emoji is one), each with its own key events: US-layout characters with their
 * key (and Shift for shifted ones), others as a key that types just that.
 */
export async function typeText(text: string, report: Report): Promise<void> {
  const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(
    text.replace(/\r\n?/g, '\n'),
  );
  for (const { segment } of graphemes) {
    const name = keyForCharacter(segment);
    if (name === undefined) {
      const k = characterKey(segment);
      try {
        keyDown(k, report);
      } finally {
        keyUp(k.name, report);
      }
    } else {
      const shift = keyDefinition(name).shifted === true && !engineState.modifiers.has('Shift');
      chord(shift ? ['Shift', name] : [name], report);
    }
    await yieldToPage();
  }
}
