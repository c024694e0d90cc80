/** The keyboard actions: a chord (`ctrl+shift+Tab`), a held key, and typed text. */
import type { KeyStroke, TypedChar } from '../../extension/engine-action.ts';
import { refreshHover } from './hover.ts';
import { interrupted, interruptibleSleep } from './interrupt.ts';
import { nextTask, scrollSeen, takeScrolled } from './scroll-mark.ts';
import { characterKey, keyDown, keyInfo, keyUp } from './keyboard.ts';
import type { Report } from './report.ts';
import { engineState } from './state.ts';

/**
 * A person's key stays down across a frame, so what a frame delivers comes
 * before keyup: the hover update after the key changed the DOM under the
 * pointer, and the scroll events of a scroll it made.
 */
async function heldAcrossAFrame(): Promise<void> {
  refreshHover();
  const scrolled = takeScrolled();
  if (scrolled) await scrollSeen(scrolled);
}

/** Presses keys in order and releases them in reverse, always (`finally`). */
export async function chord(keys: readonly KeyStroke[], report: Report): Promise<void> {
  const down: string[] = [];
  takeScrolled();
  try {
    for (const key of keys) {
      down.push(key.name);
      keyDown(keyInfo(key), report);
    }
    await heldAcrossAFrame();
  } finally {
    for (const name of down.reverse()) keyUp(name, report);
  }
}

/** Typematic delay and rate of a common keyboard setup (500 ms, then about 30 per second). */
const repeatDelayMs = 500;
const repeatIntervalMs = 33;

/** Holds keys for `durationMs`; the last key repeats (keydown with repeat: true), as the OS does. */
export async function hold(
  keys: readonly KeyStroke[],
  durationMs: number,
  report: Report,
): Promise<void> {
  const down: string[] = [];
  const end = Date.now() + Math.max(0, durationMs);
  try {
    for (const key of keys) {
      down.push(key.name);
      keyDown(keyInfo(key), report);
    }
    const repeating = keys[keys.length - 1];
    await interruptibleSleep(Math.min(repeatDelayMs, Math.max(0, end - Date.now())));
    while (repeating !== undefined && Date.now() < end && !interrupted()) {
      keyDown(keyInfo(repeating), report, true);
      await interruptibleSleep(Math.min(repeatIntervalMs, Math.max(0, end - Date.now())));
    }
  } finally {
    for (const name of down.reverse()) keyUp(name, report);
  }
}

/**
 * Types characters one at a time, each with its own key events: US-layout
 * characters with their key (and Shift for shifted ones), others as a key that
 * types just that character.
 */
export async function typeText(
  chars: readonly TypedChar[],
  shift: KeyStroke,
  report: Report,
): Promise<void> {
  for (const { ch, key } of chars) {
    if (interrupted()) {
      report.note('typing was stopped before the end of the text');
      return;
    }
    if (key === undefined) {
      const k = characterKey(ch);
      takeScrolled();
      try {
        keyDown(k, report);
        await heldAcrossAFrame();
      } finally {
        keyUp(k.name, report);
      }
    } else {
      const needsShift = key.shifted === true && !engineState.modifiers.has('Shift');
      await chord(needsShift ? [shift, key] : [key], report);
    }
    // The page's pending tasks run between keystrokes (no setTimeout clamp).
    await new Promise<void>((resolve) => nextTask(resolve));
  }
}
