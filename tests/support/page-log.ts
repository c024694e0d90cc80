/**
 * What the fixture logger (tests/fixtures/log.js) records in a page, and how
 * tests read it: `window.__log`, every event the page received, and
 * `window.__state()`, what the page holds now. The dom and fidelity fixtures
 * all load it.
 */
import type { Frame, Page } from 'puppeteer-core';

/** One event as log.js records it. */
export interface LogEntry {
  readonly type: string;
  /** The element's id, else its tag name; `window`, `document`, `#text:<parent>`. */
  readonly target: string | null;
  readonly [field: string]: unknown;
}

/** What log.js's `__state()` returns. */
export interface PageState {
  readonly fields: Record<
    string,
    { value?: string; checked?: boolean; sel?: number[]; text?: string }
  >;
  /** Scroll offsets (CSS px) of the window and of every scrolled element, by id. */
  readonly scroll: Record<string, [number, number]>;
  readonly active: string | null;
  readonly selection: string;
  /** The selection's first range's text, whitespace collapsed. */
  readonly range: string;
  readonly hash: string;
  // Fixture-defined records, JSON.
  readonly app: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly extra?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export const emptyState: PageState = {
  fields: {},
  scroll: {},
  active: null,
  selection: '',
  range: '',
  hash: '',
  app: {},
};

type Logged = { __log: LogEntry[]; __state(): PageState };

/** The page's (or frame's) log so far. */
export function readLog(page: Page | Frame): Promise<LogEntry[]> {
  return page.evaluate(() => (window as unknown as Logged).__log.slice());
}

export async function clearLog(page: Page | Frame): Promise<void> {
  await page.evaluate(() => void ((window as unknown as Logged).__log.length = 0));
}

export function readState(page: Page | Frame): Promise<PageState> {
  return page.evaluate(() => (window as unknown as Logged).__state());
}

/** `type@target` for the entries whose type is in `types` (all when omitted). */
export function seq(log: readonly LogEntry[], types?: readonly string[]): string[] {
  return log.filter((e) => !types || types.includes(e.type)).map((e) => `${e.type}@${e.target}`);
}
