/**
 * Shared pieces of the dom tests: one browser and static server per test file,
 * fixture pages with the engine injected, and two drivers with one interface,
 * the engine (run with the page unfocused, as when the popup is open) and
 * puppeteer's trusted input (page focused), so a test can run the same
 * behaviour through both and compare what the page saw.
 */
import { after, before } from 'node:test';
import type { ElementHandle, KeyInput, Page } from 'puppeteer-core';
import type { Modifier, MouseButton } from '../../extension/actions.ts';
import { point } from '../../extension/geometry.ts';
import type { KeyName } from '../../extension/keys.ts';
import { launch, type Launched } from '../support/browser.ts';
import { injectEngine, perform, unfocusedPage } from '../support/engine-harness.ts';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';

/** One event as tests/fixtures/fidelity/log.js records it (the input fixtures use it too). */
export interface LogEntry {
  readonly type: string;
  readonly target: string | null;
  readonly [field: string]: unknown;
}

export interface Env {
  readonly launched: Launched;
  readonly server: StaticServer;
  /** The visible, unfocused page the engine runs in (focus is with the popup). */
  readonly enginePage: Page;
  close(): Promise<void>;
}

async function startEnv(): Promise<Env> {
  const [launched, server] = await Promise.all([launch(), startStaticServer()]);
  const enginePage = await unfocusedPage(launched.browser);
  return {
    launched,
    server,
    enginePage,
    close: async () => {
      await launched.close();
      await server.close();
    },
  };
}

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

export type DriverKind = 'engine' | 'trusted';

export interface ClickOptions {
  readonly button?: MouseButton;
  readonly count?: 1 | 2 | 3;
  readonly modifiers?: readonly Modifier[];
}

/** The same gestures through the engine or through puppeteer's trusted input. */
export interface Driver {
  readonly kind: DriverKind;
  readonly page: Page;
  /** Closes the trusted driver's page, or blanks the engine's (it is reused). */
  done(): Promise<void>;
  move(x: number, y: number): Promise<void>;
  click(x: number, y: number, options?: ClickOptions): Promise<void>;
  drag(from: [number, number], to: [number, number]): Promise<void>;
  wheel(x: number, y: number, deltaX: number, deltaY: number): Promise<void>;
  /** Presses keys in order and releases them in reverse. */
  chord(...keys: KeyName[]): Promise<void>;
  type(text: string): Promise<void>;
}

function engineDriver(page: Page): Driver {
  const p = (x: number, y: number) => point<'viewport'>(x, y);
  return {
    kind: 'engine',
    page,
    done: async () => void (await page.goto('about:blank')),
    move: async (x, y) => void (await perform(page, { kind: 'move', to: p(x, y) })),
    click: async (x, y, o = {}) =>
      void (await perform(page, {
        kind: 'click',
        at: p(x, y),
        button: o.button ?? 'left',
        count: o.count ?? 1,
        modifiers: o.modifiers ?? [],
      })),
    drag: async (from, to) =>
      void (await perform(page, { kind: 'drag', from: p(...from), to: p(...to), modifiers: [] })),
    wheel: async (x, y, deltaX, deltaY) =>
      void (await perform(page, { kind: 'wheel', at: p(x, y), deltaX, deltaY, modifiers: [] })),
    chord: async (...keys) => void (await perform(page, { kind: 'chord', keys })),
    type: async (text) => void (await perform(page, { kind: 'text', text })),
  };
}

function trustedDriver(page: Page): Driver {
  return {
    kind: 'trusted',
    page,
    done: () => page.close(),
    move: (x, y) => page.mouse.move(x, y),
    click: async (x, y, o = {}) => {
      const mods = o.modifiers ?? [];
      for (const m of mods) await page.keyboard.down(m);
      try {
        await page.mouse.click(x, y, { button: o.button ?? 'left', count: o.count ?? 1 });
      } finally {
        for (const m of [...mods].reverse()) await page.keyboard.up(m);
      }
    },
    drag: async (from, to) => {
      await page.mouse.move(...from);
      await page.mouse.down();
      // Paced like a hand (and like the engine): a native drag needs the renderer's dragover answer before the drop.
      for (let i = 1; i <= 10; i++) {
        await page.mouse.move(
          from[0] + ((to[0] - from[0]) * i) / 10,
          from[1] + ((to[1] - from[1]) * i) / 10,
        );
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      await page.mouse.up();
    },
    wheel: async (x, y, deltaX, deltaY) => {
      await page.mouse.move(x, y);
      await page.mouse.wheel({ deltaX, deltaY });
    },
    chord: async (...keys) => {
      for (const k of keys) await page.keyboard.down(k as KeyInput);
      for (const k of [...keys].reverse()) await page.keyboard.up(k as KeyInput);
    },
    type: (text) => page.keyboard.type(text),
  };
}

/**
 * Opens a fixture: for the engine in the unfocused page with the engine
 * injected, for trusted input in a new focused window.
 */
export async function openFixture(
  env: Env,
  fixture: string,
  kind: DriverKind = 'engine',
  beforeEngine?: (page: Page) => Promise<void>,
): Promise<Driver> {
  const url = env.server.url(`/fixtures/input/${fixture}`);
  if (kind === 'engine') {
    const page = env.enginePage;
    await page.goto(url, { waitUntil: 'load' });
    await beforeEngine?.(page);
    await injectEngine(page);
    const state = await page.evaluate(
      () => `${document.hasFocus() ? 'focused' : 'unfocused'} ${document.visibilityState}`,
    );
    if (state !== 'unfocused visible')
      throw new Error(`the engine page must be unfocused and visible, not ${state}`);
    return engineDriver(page);
  }
  const page = await env.launched.browser.newPage({ type: 'window' });
  await page.goto(url, { waitUntil: 'load' });
  // The new window takes focus a moment after it opens (a focus event at window): let it,
  // then start from an empty log, as the engine's page does.
  await page.waitForFunction(() => document.hasFocus());
  await page.evaluate(
    () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))),
  );
  await clearLog(page);
  return trustedDriver(page);
}

export function log(page: Page): Promise<LogEntry[]> {
  return page.evaluate(() => (window as unknown as { __log: LogEntry[] }).__log);
}

export async function clearLog(page: Page): Promise<void> {
  await page.evaluate(() => void ((window as unknown as { __log: LogEntry[] }).__log.length = 0));
}

/** `type@target` for the entries whose type is in `types` (all when omitted). */
export async function sequence(page: Page, types?: readonly string[]): Promise<string[]> {
  return (await log(page))
    .filter((e) => !types || types.includes(e.type))
    .map((e) => `${e.type}@${e.target}`);
}

/** Centre of an element, viewport CSS px. */
export async function centre(page: Page, selector: string): Promise<[number, number]> {
  const el = (await page.$(selector)) as ElementHandle<Element> | null;
  if (!el) throw new Error(`no ${selector}`);
  const box = await el.evaluate((e) => {
    const r = e.getBoundingClientRect();
    return [r.left + r.width / 2, r.top + r.height / 2] as [number, number];
  });
  return box;
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
  const run = async (kind: DriverKind): Promise<T> => {
    const driver = await openFixture(env, fixture, kind);
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
