/**
 * The speed bench's way into the extension's service worker (test build): waiting
 * for it, finding a tab's id, and `tabpilotBench.tab(tabId)`, what the bench's
 * code running in the worker acts on a tab with. That helper is the one place the
 * bench calls the test hooks' makeComputer (background/main.ts) and uses what it
 * returns, so a change there is made here.
 */
import type { WebWorker } from 'puppeteer-core';
import type { PagePort } from '../background/page-port.ts';
import type { TabComputer } from '../background/tab-computer.ts';
import type { ToolPlan } from '../background/tool-input.ts';
import type { PageAction } from '../extension/actions.ts';
import type { Size } from '../extension/geometry.ts';
import { extensionWorker, type Launched } from '../tests/support/browser.ts';

/** The test build's hooks in the service worker (background/main.ts). */
interface TestHooks {
  makeComputer(tabId: number, model?: string): { port: PagePort; computer: TabComputer };
  pageMessagesSent(): number;
}

/** One tab, as a run would see it, for code evaluated in the worker. */
export interface BenchTab {
  readonly computer: TabComputer;
  /** Loads tabpilot into the tab if it is not there yet (and shows the indicator). */
  ready(): Promise<void>;
  /** Carries out one action, viewport CSS pixels, through the page port (one message in a frame that has tabpilot). */
  act(action: PageAction<'viewport'>): Promise<unknown>;
  /** Messages the worker has sent to pages so far, counted where they are sent (page-port.ts). */
  messages(): number;
  /**
   * A left click at a viewport CSS point, as a plan in the model-image pixels of
   * the last screenshot, and that screenshot's size. Throws before any screenshot.
   */
  click(css: { readonly x: number; readonly y: number }): { plan: ToolPlan; image: Size };
}

/** What installBenchHooks adds to the worker's global scope. */
export interface BenchGlobal {
  readonly tabpilotBench: { tab(tabId: number): BenchTab };
}

/**
 * The service worker once its script has run, with `tabpilotBench` installed:
 * right after launch, Puppeteer can reach the worker before it has run (no
 * `chrome`, no test hooks yet).
 */
export async function readyWorker(l: Launched, timeoutMs = 15_000): Promise<WebWorker> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const worker = await extensionWorker(l);
    const kind = await Promise.race([
      worker.evaluate('typeof globalThis.tabpilotTest').catch(() => 'error'),
      new Promise<string>((ok) => setTimeout(() => ok('timeout'), 2000)),
    ]);
    if (kind === 'object') {
      await installBenchHooks(worker);
      return worker;
    }
    if (Date.now() > deadline)
      throw new Error(
        `the extension's service worker has no test hooks (${String(kind)}): build with --test`,
      );
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

async function installBenchHooks(worker: WebWorker): Promise<void> {
  // tsx compiles with keepNames, which calls a `__name` helper inside functions
  // that Puppeteer then sends to the worker as source; give the worker one.
  await worker.evaluate('globalThis.__name ??= (f) => f');
  await worker.evaluate(() => {
    const hooks = (globalThis as unknown as { tabpilotTest: TestHooks }).tabpilotTest;
    const tab = (tabId: number): BenchTab => {
      const { port, computer } = hooks.makeComputer(tabId);
      return {
        computer,
        ready: () => port.ready(),
        act: (action) => port.act(action),
        messages: () => hooks.pageMessagesSent(),
        click: (css) => {
          const g = computer.geometry;
          if (!g) throw new Error('no geometry after the first screenshot');
          const at = {
            x: Math.floor((css.x * g.image.width) / g.viewport.width),
            y: Math.floor((css.y * g.image.height) / g.viewport.height),
          };
          const plan: ToolPlan = {
            kind: 'actions',
            actions: [{ kind: 'click', at, button: 'left', count: 1, modifiers: [] }],
          };
          return { plan, image: g.image };
        },
      };
    };
    (globalThis as unknown as { tabpilotBench: BenchGlobal['tabpilotBench'] }).tabpilotBench = {
      tab,
    };
  });
}

export async function tabIdOf(worker: WebWorker, url: string): Promise<number> {
  const id = await worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, url);
  if (id === undefined) throw new Error(`no tab shows ${url}`);
  return id;
}
