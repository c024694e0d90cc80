/**
 * The Driver (driver.ts) through puppeteer's trusted input: CDP Input.dispatch*
 * events, which go through the browser's own input pipeline. The page must
 * have focus, as a person's window has: the first trusted event gives an
 * unfocused page focus (the page sees `focus` on window), as a click would.
 *
 * Keys go through puppeteer's own US layout, which is independent of ours, so
 * a wrong entry in extension/keys-table.ts shows up as a difference; keys it
 * lacks, and characters no key types, go to CDP directly.
 */
import type { CDPSession, KeyInput, Page } from 'puppeteer-core';
import { keyDefinition, keyForCharacter } from '../../background/key-parser.ts';
import type { KeyName, Modifier } from '../../extension/keys-table.ts';
import type { Driver } from './driver.ts';
import { sleep, twoFrames } from './timing.ts';

/** Puppeteer models the numpad with NumLock off (its Numpad1 is End); ours has NumLock on. */
const ownTable = (name: string): boolean => name.startsWith('Numpad');

/** Puppeteer's `+ - * /` are the numpad's keys, where a typist (and xdotool) uses the main rows'. */
const mainRow: Readonly<Record<string, KeyInput>> = {
  '+': 'Equal',
  '*': 'Digit8',
  '-': 'Minus',
  '/': 'Slash',
};

/**
 * Puppeteer's lower-case letter entries carry no Shift layer (its `z` stays "z"
 * under Shift, where Chromium on Linux and Windows reports "Z"); its `KeyZ`
 * entries have one.
 */
const puppeteerName = (name: string): KeyInput =>
  mainRow[name] ?? ((/^[a-z]$/.test(name) ? `Key${name.toUpperCase()}` : name) as KeyInput);

/** The CDP key event of one of our keys, for the keys puppeteer lacks. */
function cdpKeyEvent(name: string, type: 'down' | 'up') {
  const def = keyDefinition(name as KeyName);
  const text = def.text && type === 'down' ? def.text : undefined;
  return {
    type:
      type === 'up' ? ('keyUp' as const) : text ? ('keyDown' as const) : ('rawKeyDown' as const),
    key: def.key,
    code: def.code,
    windowsVirtualKeyCode: def.keyCode,
    location: def.location ?? 0,
    isKeypad: def.location === 3,
    ...(text ? { text: text === '\n' ? '\r' : text, unmodifiedText: text } : {}),
  };
}

/** A trusted driver for `page` (in a focused window); `cdp` is a session of the page. */
export function trustedDriver(page: Page, cdp: CDPSession): Driver {
  const kb = page.keyboard;
  const held = new Set<string>();
  const press = async (name: string, type: 'down' | 'up'): Promise<void> => {
    if (type === 'down') held.add(name);
    else held.delete(name);
    try {
      if (ownTable(name)) throw new Error('Unknown key');
      await (type === 'down' ? kb.down(puppeteerName(name)) : kb.up(puppeteerName(name)));
    } catch (error) {
      if (!String(error).includes('Unknown key')) throw error;
      await cdp.send('Input.dispatchKeyEvent', cdpKeyEvent(name, type));
    }
  };
  /** Presses `keys` in order, runs `during`, releases them in reverse, whatever happened. */
  const holding = async (keys: readonly string[], during: () => Promise<unknown>) => {
    const down: string[] = [];
    try {
      for (const k of keys) {
        down.push(k);
        await press(k, 'down');
      }
      await during();
    } finally {
      for (const k of down.reverse()) await press(k, 'up');
    }
  };
  const withModifiers = (mods: readonly Modifier[], fn: () => Promise<void>): Promise<void> =>
    holding(mods, fn);
  const d: Driver = {
    side: 'trusted',
    page,
    move: (x, y) => page.mouse.move(x, y),
    moveSteps: (x, y, steps) => page.mouse.move(x, y, { steps }),
    click: (x, y, o = {}) =>
      withModifiers(o.modifiers ?? [], () =>
        page.mouse.click(x, y, { button: o.button ?? 'left', count: o.count ?? 1 }),
      ),
    down: async (x, y, button = 'left') => {
      await page.mouse.move(x, y);
      await page.mouse.down({ button });
    },
    up: async (x, y, button = 'left') => {
      await page.mouse.move(x, y);
      await page.mouse.up({ button });
    },
    drag: async ([fromX, fromY], [toX, toY]) => {
      await page.mouse.move(fromX, fromY);
      await page.mouse.down();
      // The engine's path (one move per ~20 px, 5 to 20 of them), so the two runs differ in
      // the events they make, not in where the pointer went; paced like a hand, since a native
      // drag needs the renderer's answer to one dragover before the next.
      const steps = Math.max(5, Math.min(20, Math.ceil(Math.hypot(toX - fromX, toY - fromY) / 20)));
      for (let i = 1; i <= steps; i++) {
        await sleep(30);
        await page.mouse.move(
          fromX + ((toX - fromX) * i) / steps,
          fromY + ((toY - fromY) * i) / steps,
        );
      }
      await sleep(100);
      await page.mouse.up();
    },
    wheel: async (x, y, deltaX, deltaY) => {
      await page.mouse.move(x, y);
      await page.mouse.wheel({ deltaX, deltaY });
    },
    // A key is down for a while (tens of ms), so the page renders a frame before its keyup;
    // without a pause that would depend on the machine's load.
    chord: (...keys) => holding(keys, () => twoFrames(page)),
    hold: (keys, ms) => {
      const end = Date.now() + ms;
      return holding(keys, async () => {
        // The OS's typematic delay and rate (500 ms, then ~30/s).
        await sleep(Math.min(500, ms));
        const last = keys[keys.length - 1];
        while (last !== undefined && Date.now() < end) {
          await press(last, 'down');
          await sleep(33);
        }
      });
    },
    type: async (text) => {
      const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text);
      for (const { segment } of graphemes) {
        const name = segment === '\n' ? 'Enter' : keyForCharacter(segment);
        if (name === undefined) {
          // A character no US key types (嗨, an emoji): a key event that types just it. A key
          // event carries at most 3 UTF-16 units of text, so a flag (two regional indicators)
          // takes one per code point, as xdotool types it.
          const parts = segment.length <= 3 ? [segment] : [...segment];
          for (const part of parts) {
            await cdp.send('Input.dispatchKeyEvent', {
              type: 'keyDown',
              key: part,
              text: part,
              unmodifiedText: part,
            });
            await twoFrames(page);
            await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: part });
          }
        } else if (name === 'Enter') {
          await d.chord('Enter');
        } else if (keyDefinition(name).shifted) {
          // A person holds Shift for '!' or 'A'.
          await d.chord('Shift', segment as KeyName);
        } else {
          await d.chord(segment === ' ' ? 'Space' : (segment as KeyName));
        }
      }
    },
    releaseAll: async () => {
      for (const k of [...held].reverse()) await press(k, 'up').catch(() => undefined);
      await page.mouse.reset().catch(() => undefined);
    },
  };
  return d;
}
