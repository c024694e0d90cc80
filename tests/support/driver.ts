/**
 * One interface for the same gestures made two ways, so a test can run a
 * behaviour through both and compare what the page saw: puppeteer's trusted
 * input (CDP Input.dispatch*, the browser's own input pipeline, in a focused
 * window; trusted-driver.ts) and the extension's content-script engine (in a
 * visible page without focus, as while the user watches from the popup;
 * engine-driver.ts). The dom and fidelity tiers both drive pages through it.
 *
 * Points are viewport CSS px of the page's top frame, as `x, y` (locate.ts
 * reads them from the page as `[x, y]`, to spread into a call).
 */
import type { Page } from 'puppeteer-core';
import type { MouseButton } from '../../extension/actions.ts';
import type { KeyName, Modifier } from '../../extension/keys-table.ts';

/** Which way the input goes in: trusted (puppeteer) or through the engine. */
export type Side = 'trusted' | 'engine';

/** A point in the top frame's viewport, CSS px. */
export type ViewportXY = readonly [x: number, y: number];

export interface ClickOptions {
  readonly button?: MouseButton;
  readonly count?: 1 | 2 | 3;
  readonly modifiers?: readonly Modifier[];
}

export interface Driver {
  readonly side: Side;
  readonly page: Page;
  move(x: number, y: number): Promise<void>;
  /** From the current pointer position to `x, y` in `steps` evenly spaced moves. */
  moveSteps(x: number, y: number, steps: number): Promise<void>;
  click(x: number, y: number, options?: ClickOptions): Promise<void>;
  down(x: number, y: number, button?: MouseButton): Promise<void>;
  up(x: number, y: number, button?: MouseButton): Promise<void>;
  /** Left button down at `from`, moves paced like a hand, up at `to`. */
  drag(from: ViewportXY, to: ViewportXY): Promise<void>;
  wheel(x: number, y: number, deltaX: number, deltaY: number): Promise<void>;
  /** Presses keys in order and releases them in reverse (ctrl+shift+Tab). */
  chord(...keys: KeyName[]): Promise<void>;
  /** Holds keys for `ms`, the last one repeating as the OS repeats a held key. */
  hold(keys: readonly KeyName[], ms: number): Promise<void>;
  /** Types text key by key, Shift held for shifted characters, as a person (or xdotool) types. */
  type(text: string): Promise<void>;
  /** Lets go of every key and button still held (a step failed half-way). */
  releaseAll(): Promise<void>;
}
