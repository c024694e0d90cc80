/**
 * Runs the content script's engine in a real page for dom tests: bundles a test
 * entry that puts the engine on `window.__tabpilotEngine` and evaluates it in an
 * isolated world of the page's top frame (puppeteer's utility world), as Chrome
 * runs a content script, so tests need no built extension. The page's own world
 * gets the hook the background injects there (extension/main-world-events.ts).
 */
import { build } from 'esbuild';
import type { Browser, CDPSession, Page } from 'puppeteer-core';
import type { ActionReport, PageAction } from '../../extension/actions.ts';
import { installEventHook } from '../../extension/main-world-events.ts';
import type { ViewportMetrics } from '../../extension/protocol.ts';
import { repoRoot } from './static-server.ts';

const entry = `
import { perform, release } from './content/engine/perform.ts';
import { measure } from './content/engine/measure.ts';
window.__tabpilotEngine = { perform, release, measure };
`;

let bundled: Promise<string> | undefined;

/** The engine bundle (built once per process). */
export function engineBundle(): Promise<string> {
  bundled ??= build({
    stdin: {
      contents: entry,
      resolveDir: repoRoot,
      loader: 'ts',
      sourcefile: 'engine-test-entry.ts',
    },
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    write: false,
    define: { __TEST__: 'true' },
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]?.text ?? '');
  return bundled;
}

interface EngineWorld {
  readonly session: CDPSession;
  readonly contextId: number;
}

/** The isolated world the engine runs in, per page: one per document, like a content script's. */
const worlds = new WeakMap<Page, EngineWorld>();

async function evaluateInWorld<T>(page: Page, expression: string): Promise<T> {
  const world = worlds.get(page);
  if (!world) throw new Error('the engine was not injected into this page');
  const r = await world.session.send('Runtime.evaluate', {
    expression,
    contextId: world.contextId,
    awaitPromise: true,
    returnByValue: true,
  });
  if (r.exceptionDetails) {
    const d = r.exceptionDetails;
    throw new Error(`engine: ${d.exception?.description ?? d.text}`);
  }
  return r.result.value as T;
}

/** Injects the engine into the page's top frame (again after every navigation). */
export async function injectEngine(page: Page): Promise<void> {
  const session = worlds.get(page)?.session ?? (await page.createCDPSession());
  const { frameTree } = await session.send('Page.getFrameTree');
  const { executionContextId } = await session.send('Page.createIsolatedWorld', {
    frameId: frameTree.frame.id,
    worldName: 'tabpilot-engine',
  });
  worlds.set(page, { session, contextId: executionContextId });
  await evaluateInWorld(page, await engineBundle());
  await page.evaluate(installEventHook);
}

const engine = 'window.__tabpilotEngine';

export function perform(page: Page, action: PageAction<'viewport'>): Promise<ActionReport> {
  return evaluateInWorld(page, `${engine}.perform(${JSON.stringify(action)})`);
}

export function release(page: Page): Promise<void> {
  return evaluateInWorld(page, `${engine}.release()`);
}

export function measure(page: Page): Promise<ViewportMetrics> {
  return evaluateInWorld(page, `${engine}.measure()`);
}

/**
 * A page that is visible but lacks system focus, as the task's tab is while the
 * user watches the run in the extension's popup or side panel: rendering and
 * rAF run, but `document.hasFocus()` is false, so `focus()` fires no focus
 * events there. In headless Chromium that is the tab of the window the browser
 * starts with, as long as nothing brings it to the front; pages opened later
 * (in windows of their own) get focus. Reuse it: navigate it for each test.
 */
export async function unfocusedPage(browser: Browser): Promise<Page> {
  const [page] = await browser.pages();
  if (!page) throw new Error('the browser has no initial tab');
  return page;
}
