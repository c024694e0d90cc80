/**
 * Runs the content script's engine in a real page for dom tests: bundles a test
 * entry that puts the engine on `window.__tabpilotEngine` and injects it with
 * page.addScriptTag, so tests need no built extension. The engine then runs in
 * the page's main world rather than an isolated one, which changes nothing it
 * does: it only dispatches events and edits the DOM.
 */
import { build } from 'esbuild';
import type { Browser, Page } from 'puppeteer-core';
import type { ActionReport, PageAction } from '../../extension/actions.ts';
import type { ViewportMetrics } from '../../extension/protocol.ts';
import { repoRoot } from './static-server.ts';

interface EngineGlobal {
  __tabpilotEngine: {
    perform(action: PageAction<'viewport'>): Promise<ActionReport>;
    release(): Promise<void>;
    measure(): ViewportMetrics;
  };
}

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

/** Injects the engine into the page's top frame (again after every navigation). */
export async function injectEngine(page: Page): Promise<void> {
  await page.addScriptTag({ content: await engineBundle() });
}

export function perform(page: Page, action: PageAction<'viewport'>): Promise<ActionReport> {
  return page.evaluate(
    (a) => (window as unknown as EngineGlobal).__tabpilotEngine.perform(a),
    action,
  );
}

export function release(page: Page): Promise<void> {
  return page.evaluate(() => (window as unknown as EngineGlobal).__tabpilotEngine.release());
}

export function measure(page: Page): Promise<ViewportMetrics> {
  return page.evaluate(() => (window as unknown as EngineGlobal).__tabpilotEngine.measure());
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
