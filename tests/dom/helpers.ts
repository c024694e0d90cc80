/**
 * Shared pieces of the dom tests: one browser and static server per test file,
 * and fixture pages under tests/fixtures/input opened for one of the two
 * drivers of tests/support/driver.ts, the engine (page unfocused, as when the
 * popup is open) or puppeteer's trusted input (page focused), so a test can run
 * the same behaviour through both and compare what the page saw.
 */
import { after, before } from 'node:test';
import type { Page } from 'puppeteer-core';
import type { Driver, Side } from '../support/driver.ts';
import { engineDriver } from '../support/engine-driver.ts';
import { injectEngine } from '../support/engine-harness.ts';
import { startEnv, type Env } from '../support/env.ts';
import { clearLog, readLog, seq, type LogEntry } from '../support/page-log.ts';
import { twoFrames } from '../support/timing.ts';
import { trustedDriver } from '../support/trusted-driver.ts';

export type { Driver, Env, LogEntry };
export { centre } from '../support/locate.ts';
export { clearLog };

/**
 * The test file's env: started before its tests and closed after them. The
 * returned object reads the live env, so tests use it as if it were one.
 */
export function useEnv(): Env {
  let env: Env | undefined;
  before(async () => {
    env = await startEnv();
  });
  after(async () => {
    await env?.close();
  });
  const current = (): Env => {
    if (!env) throw new Error('the dom test env is not started (used outside a test?)');
    return env;
  };
  return {
    get launched() {
      return current().launched;
    },
    get server() {
      return current().server;
    },
    get enginePage() {
      return current().enginePage;
    },
    close: () => current().close(),
  };
}

/** A driver on a fixture page, and the way to put the page away. */
export interface OpenFixture extends Driver {
  /** Closes the trusted driver's page, or blanks the engine's (it is reused). */
  done(): Promise<void>;
}

/**
 * Opens a fixture: for the engine in the unfocused page with the engine
 * injected, for trusted input in a new focused window.
 */
export async function openFixture(
  env: Env,
  fixture: string,
  side: Side = 'engine',
  beforeEngine?: (page: Page) => Promise<void>,
): Promise<OpenFixture> {
  const url = env.server.url(`/fixtures/input/${fixture}`);
  if (side === 'engine') {
    const page = env.enginePage;
    await page.goto(url, { waitUntil: 'load' });
    await beforeEngine?.(page);
    await injectEngine(page);
    const state = await page.evaluate(
      () => `${document.hasFocus() ? 'focused' : 'unfocused'} ${document.visibilityState}`,
    );
    if (state !== 'unfocused visible')
      throw new Error(`the engine page must be unfocused and visible, not ${state}`);
    return { ...engineDriver(page), done: async () => void (await page.goto('about:blank')) };
  }
  const page = await env.launched.browser.newPage({ type: 'window' });
  await page.goto(url, { waitUntil: 'load' });
  // The new window takes focus a moment after it opens (a focus event at window): let it,
  // then start from an empty log, as the engine's page does.
  await page.waitForFunction(() => document.hasFocus());
  await twoFrames(page);
  await clearLog(page);
  const driver = trustedDriver(page, await page.createCDPSession());
  return { ...driver, done: () => page.close() };
}

export function log(page: Page): Promise<LogEntry[]> {
  return readLog(page);
}

/** `type@target` for the page's log entries whose type is in `types` (all when omitted). */
export async function sequence(page: Page, types?: readonly string[]): Promise<string[]> {
  return seq(await readLog(page), types);
}

/**
 * Runs `scenario` once with each driver on a fresh copy of the fixture, both at
 * once (they use different pages, and only the trusted one needs focus).
 */
export async function both<T>(
  env: Env,
  fixture: string,
  scenario: (d: Driver) => Promise<T>,
): Promise<{ engine: T; trusted: T }> {
  const run = async (side: Side): Promise<T> => {
    const driver = await openFixture(env, fixture, side);
    try {
      return await scenario(driver);
    } finally {
      await driver.done();
    }
  };
  const [trusted, engine] = await Promise.all([run('trusted'), run('engine')]);
  return { engine, trusted };
}

export function hasFocus(page: Page): Promise<boolean> {
  return page.evaluate(() => document.hasFocus());
}
