/**
 * Speed benchmark, in a real Chromium with the test build (dist/chrome-test) loaded:
 *
 * - one tabpilot step outside the model (action, settle, capture, scale, encode),
 *   timed inside the service worker, and the same step done the Puppeteer way
 *   (CDP click, then page.screenshot()) in the same run;
 * - one action's round trip, background → content script → background;
 * - typing 200 characters into a focused textarea;
 * - whether the screenshot after a step shows a page update made 300 ms after the click;
 * - the page heap the content script costs once injected.
 *
 *   node --import tsx scripts/bench-speed.ts      prints a table (build --test first)
 *
 * Chrome allows captureVisibleTab twice a second, and tabpilot's rate gate waits
 * when asked faster. Steps here start at least `captureSpacingMs` after the last
 * capture began, so the gate never waits and the step time is all overhead.
 */
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type { Page, WebWorker } from 'puppeteer-core';
import type { TabComputer } from '../background/tab-computer.ts';
import type { TabDriver } from '../background/tab-driver.ts';
import type { ToolPlan } from '../background/tool-input.ts';
import type { PageAction } from '../extension/actions.ts';
import { toEngineAction } from '../extension/engine-action.ts';
import { extensionWorker, launch, openPage, type Launched } from '../tests/support/browser.ts';
import { repoRoot, startStaticServer } from '../tests/support/static-server.ts';

/** The test build's hooks in the service worker (background/main.ts). */
interface TestHooks {
  makeComputer(tabId: number, model?: string): { driver: TabDriver; computer: TabComputer };
}

export type Figures = Record<string, number | boolean | null>;

export interface SpeedOptions {
  /** Built test extension; dist/chrome-test by default. */
  readonly extensionDir?: string;
  /** Timed steps (tabpilot and Puppeteer each), after `warmup` untimed ones. */
  readonly steps?: number;
  readonly moves?: number;
  readonly typings?: number;
  readonly delayedTrials?: number;
  readonly warmup?: number;
}

/** Viewport, CSS pixels. */
const viewport = { width: 1280, height: 800 } as const;
/** Centre of #target on tests/fixtures/bench/step.html, viewport CSS pixels. */
const target = { x: 440 + 400 / 2, y: 200 + 120 / 2 } as const;
/** Centre of #go on tests/fixtures/bench/delayed.html, viewport CSS pixels. */
const go = { x: 540 + 200 / 2, y: 340 + 120 / 2 } as const;
/** The colour delayed.html turns the viewport 300 ms after the click. */
const lateColour = [0x1b, 0xe7, 0xa5] as const;
/** Chrome's quota is 2 captures/s and the gate spaces them 520 ms; keep a margin over that. */
export const captureSpacingMs = 560;
const typedText = 'The quick brown fox jumps over the lazy dog, 0123456789; '
  .repeat(4)
  .slice(0, 200);

export async function benchSpeed(options: SpeedOptions = {}): Promise<Figures> {
  const steps = options.steps ?? 30;
  const moves = options.moves ?? 200;
  const typings = options.typings ?? 10;
  const delayedTrials = options.delayedTrials ?? 3;
  const warmup = options.warmup ?? 3;
  const extensionDir = options.extensionDir ?? join(repoRoot, 'dist/chrome-test');

  const site = await startStaticServer();
  const l = await launch({ extensionDir, ...viewport });
  try {
    const worker = await readyWorker(l);
    // tsx compiles with keepNames, which calls a `__name` helper inside functions
    // that Puppeteer then sends to the worker as source; give the worker one.
    await worker.evaluate('globalThis.__name ??= (f) => f');

    const stepUrl = site.url('/fixtures/bench/step.html');
    const page = await openPage(l.browser, stepUrl);
    const tabId = await tabIdOf(worker, stepUrl);
    const heapKB = await contentScriptHeapKB(page, worker, tabId);

    // One tabpilot step, timed in the worker.
    const ours = await worker.evaluate(
      async (tabId, css, total, spacingMs) => {
        const hooks = (globalThis as unknown as { tabpilotTest: TestHooks }).tabpilotTest;
        const { computer } = hooks.makeComputer(tabId);
        const signal = new AbortController().signal;
        await computer.screenshot();
        const g = computer.geometry;
        if (!g) throw new Error('no geometry after the first screenshot');
        const at = {
          x: Math.floor((css.x * g.image.width) / g.viewport.width),
          y: Math.floor((css.y * g.image.height) / g.viewport.height),
        };
        const action: PageAction<'model'> = {
          kind: 'click',
          at,
          button: 'left',
          count: 1,
          modifiers: [],
        };
        const plan: ToolPlan = { kind: 'actions', actions: [action] };
        const out = {
          step: [] as number[],
          run: [] as number[],
          shot: [] as number[],
          image: g.image,
        };
        let lastShot = performance.now();
        for (let i = 0; i < total; i++) {
          const idle = spacingMs - (performance.now() - lastShot);
          if (idle > 0) await new Promise((ok) => setTimeout(ok, idle));
          const t0 = performance.now();
          await computer.run(plan, signal);
          const t1 = performance.now();
          lastShot = t1;
          await computer.screenshot();
          const t2 = performance.now();
          out.step.push(t2 - t0);
          out.run.push(t1 - t0);
          out.shot.push(t2 - t1);
        }
        return out;
      },
      tabId,
      target,
      warmup + steps,
      captureSpacingMs,
    );
    const ourClicks = await clicksOn(page);

    // The same step the Puppeteer way, in the same browser and page.
    const theirs = { step: [] as number[], click: [] as number[], shot: [] as number[] };
    for (let i = 0; i < warmup + steps; i++) {
      const t0 = performance.now();
      await page.mouse.click(target.x, target.y);
      const t1 = performance.now();
      await page.screenshot();
      const t2 = performance.now();
      theirs.step.push(t2 - t0);
      theirs.click.push(t1 - t0);
      theirs.shot.push(t2 - t1);
    }
    const allClicks = await clicksOn(page);

    // One action's round trip to the content script.
    const roundTrips = await worker.evaluate(
      async (tabId, total) => {
        const hooks = (globalThis as unknown as { tabpilotTest: TestHooks }).tabpilotTest;
        const { driver } = hooks.makeComputer(tabId);
        await driver.ensureContent();
        const times: number[] = [];
        for (let i = 0; i < total; i++) {
          const to = { x: 100 + (i % 2) * 40, y: 100 + (i % 5) * 10 };
          const t0 = performance.now();
          await driver.call('perform', { action: { kind: 'move', to } });
          times.push(performance.now() - t0);
        }
        // What a frame's first key action adds: loading the keyboard part (typing below has it).
        const t0 = performance.now();
        await driver.load(0, ['keyboard']);
        return { times, keyboardLoadMs: performance.now() - t0 };
      },
      tabId,
      warmup * 5 + moves,
    );

    // Typing 200 characters into a focused textarea.
    const typeTimes: number[] = [];
    let typedRight = 0;
    for (let i = 0; i < warmup + typings; i++) {
      await page.evaluate(() => {
        const notes = document.querySelector<HTMLTextAreaElement>('#notes');
        if (!notes) throw new Error('no #notes');
        notes.value = '';
        notes.focus();
      });
      typeTimes.push(
        await worker.evaluate(
          async (tabId, action) => {
            const hooks = (globalThis as unknown as { tabpilotTest: TestHooks }).tabpilotTest;
            const { driver } = hooks.makeComputer(tabId);
            const t0 = performance.now();
            await driver.call('perform', { action }, { timeoutMs: 30_000 });
            return performance.now() - t0;
          },
          tabId,
          // Resolved to key definitions as the background resolves it (microseconds; not timed).
          toEngineAction({ kind: 'text', text: typedText }),
        ),
      );
      const value = await page.$eval('#notes', (el) => (el as HTMLTextAreaElement).value);
      if (value === typedText) typedRight++;
    }
    await page.close();

    // A page that changes 300 ms after the click: does the step's screenshot show it?
    const delayedUrl = site.url('/fixtures/bench/delayed.html');
    let seen = 0;
    let baselineClean = 0;
    for (let i = 0; i < delayedTrials; i++) {
      const late = await openPage(l.browser, delayedUrl);
      const lateTab = await tabIdOf(worker, delayedUrl);
      const shots = await worker.evaluate(
        async (tabId, css, spacingMs) => {
          const hooks = (globalThis as unknown as { tabpilotTest: TestHooks }).tabpilotTest;
          const { computer } = hooks.makeComputer(tabId);
          const signal = new AbortController().signal;
          const before = await computer.screenshot();
          const t = performance.now();
          const g = computer.geometry;
          if (!g) throw new Error('no geometry after the first screenshot');
          const at = {
            x: Math.floor((css.x * g.image.width) / g.viewport.width),
            y: Math.floor((css.y * g.image.height) / g.viewport.height),
          };
          const action: PageAction<'model'> = {
            kind: 'click',
            at,
            button: 'left',
            count: 1,
            modifiers: [],
          };
          const idle = spacingMs - (performance.now() - t);
          if (idle > 0) await new Promise((ok) => setTimeout(ok, idle));
          await computer.run({ kind: 'actions', actions: [action] }, signal);
          const after = await computer.screenshot();
          return { before: before.base64, after: after.base64 };
        },
        lateTab,
        go,
        captureSpacingMs,
      );
      if (colourShare(shots.before, lateColour) < 0.01) baselineClean++;
      if (colourShare(shots.after, lateColour) > 0.5) seen++;
      await late.close();
    }

    const ourSteps = ours.step.slice(warmup);
    return {
      stepOverheadMs: median(ourSteps),
      stepOverheadP90Ms: quantile(ourSteps, 0.9),
      stepActionSettleMs: median(ours.run.slice(warmup)),
      stepScreenshotMs: median(ours.shot.slice(warmup)),
      stepIterations: steps,
      stepCaptureSpacingMs: captureSpacingMs,
      stepClicksLanded: ourClicks === warmup + steps,
      screenshotWidth: ours.image.width,
      screenshotHeight: ours.image.height,
      puppeteerStepMs: median(theirs.step.slice(warmup)),
      puppeteerStepP90Ms: quantile(theirs.step.slice(warmup), 0.9),
      puppeteerClickMs: median(theirs.click.slice(warmup)),
      puppeteerScreenshotMs: median(theirs.shot.slice(warmup)),
      puppeteerClicksLanded: allClicks - ourClicks === warmup + steps,
      actionRoundTripMs: median(roundTrips.times.slice(warmup * 5)),
      actionRoundTripP90Ms: quantile(roundTrips.times.slice(warmup * 5), 0.9),
      keyboardPartLoadMs: round1(roundTrips.keyboardLoadMs),
      actionRoundTripIterations: moves,
      type200CharsMs: median(typeTimes.slice(warmup)),
      type200CharsIterations: typings,
      type200CharsCorrect: typedRight === warmup + typings,
      delayedUpdateSeen: seen === delayedTrials && baselineClean === delayedTrials,
      delayedUpdateSeenTrials: seen,
      delayedUpdateTrials: delayedTrials,
      contentScriptHeapKB: heapKB,
    };
  } finally {
    await l.close();
    await site.close();
  }
}

/**
 * The service worker once its script has run: right after launch, Puppeteer can
 * reach the worker before it has (no `chrome`, no test hooks yet).
 */
async function readyWorker(l: Launched, timeoutMs = 15_000): Promise<WebWorker> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const worker = await extensionWorker(l);
    const kind = await Promise.race([
      worker.evaluate('typeof globalThis.tabpilotTest').catch(() => 'error'),
      new Promise<string>((ok) => setTimeout(() => ok('timeout'), 2000)),
    ]);
    if (kind === 'object') return worker;
    if (Date.now() > deadline)
      throw new Error(
        `the extension's service worker has no test hooks (${String(kind)}): build with --test`,
      );
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

async function tabIdOf(worker: WebWorker, url: string): Promise<number> {
  const id = await worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]?.id, url);
  if (id === undefined) throw new Error(`no tab shows ${url}`);
  return id;
}

async function clicksOn(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { state: { clicks: number } }).state.clicks);
}

/**
 * Growth of the page's JS heap (its whole isolate, content script's isolated
 * world included) from injecting the content script and carrying out one action,
 * after garbage collection either side. KB, one decimal.
 */
async function contentScriptHeapKB(page: Page, worker: WebWorker, tabId: number): Promise<number> {
  const cdp = await page.createCDPSession();
  try {
    const used = async (): Promise<number> => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const before = await used();
    await worker.evaluate(async (tabId) => {
      const hooks = (globalThis as unknown as { tabpilotTest: TestHooks }).tabpilotTest;
      const { driver } = hooks.makeComputer(tabId);
      await driver.ensureContent();
      await driver.call('perform', { action: { kind: 'move', to: { x: 10, y: 10 } } });
    }, tabId);
    const after = await used();
    return round1((after - before) / 1024);
  } finally {
    await cdp.detach();
  }
}

/** Share of the PNG's pixels within 3 of `rgb` in every channel. */
export function colourShare(base64: string, rgb: readonly [number, number, number]): number {
  const png = PNG.sync.read(Buffer.from(base64, 'base64'));
  const { data } = png;
  let hits = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (
      Math.abs((data[i] ?? 0) - rgb[0]) <= 3 &&
      Math.abs((data[i + 1] ?? 0) - rgb[1]) <= 3 &&
      Math.abs((data[i + 2] ?? 0) - rgb[2]) <= 3
    )
      hits++;
  }
  return hits / (png.width * png.height);
}

export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return round1(a + (b - a) * (pos - lo));
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export function round1(v: number): number {
  return Math.round(v * 10) / 10;
}

/** The speed figures as a readable table. */
export function speedTable(r: Figures): string {
  const ms = (k: string): string => {
    const v = r[k];
    return typeof v === 'number' ? `${v.toFixed(1)} ms` : '—';
  };
  const yes = (k: string): string => (r[k] === true ? 'yes' : 'NO');
  const rows: [string, string, string][] = [
    ['figure', 'median', 'notes'],
    [
      'tabpilot step (stepOverheadMs)',
      ms('stepOverheadMs'),
      `p90 ${ms('stepOverheadP90Ms')}; ${r['stepIterations']} steps, click + settle + capture/scale/encode`,
    ],
    ['  action + settle', ms('stepActionSettleMs'), 'computer.run({kind: actions, [click]})'],
    [
      '  screenshot',
      ms('stepScreenshotMs'),
      `computer.screenshot(), ${r['screenshotWidth']}×${r['screenshotHeight']} PNG`,
    ],
    [
      '',
      '',
      `steps start ≥ ${r['stepCaptureSpacingMs']} ms after the last capture: the 2/s rate gate never waited`,
    ],
    [
      'Puppeteer step (puppeteerStepMs)',
      ms('puppeteerStepMs'),
      `p90 ${ms('puppeteerStepP90Ms')}; page.mouse.click + page.screenshot(), full-size PNG`,
    ],
    ['  click', ms('puppeteerClickMs'), ''],
    ['  screenshot', ms('puppeteerScreenshotMs'), ''],
    [
      'action round trip',
      ms('actionRoundTripMs'),
      `p90 ${ms('actionRoundTripP90Ms')}; ${r['actionRoundTripIterations']} moves, worker → content → worker`,
    ],
    [
      'type 200 characters',
      ms('type200CharsMs'),
      `${r['type200CharsIterations']} times into a focused textarea`,
    ],
    [
      'load the keyboard part',
      ms('keyboardPartLoadMs'),
      'once per frame, before its first key action (content-keyboard.js)',
    ],
    [
      'content script heap',
      typeof r['contentScriptHeapKB'] === 'number' ? `${r['contentScriptHeapKB']} KB` : '—',
      'page JS heap growth after injection + one action, GC either side',
    ],
  ];
  const w0 = Math.max(...rows.map((x) => x[0].length));
  const w1 = Math.max(...rows.map((x) => x[1].length));
  const lines = rows.map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`.trimEnd());
  lines.push(
    '',
    `clicks landed: tabpilot ${yes('stepClicksLanded')}, Puppeteer ${yes('puppeteerClicksLanded')}; ` +
      `typed text correct: ${yes('type200CharsCorrect')}`,
    `update 300 ms after a click shown in the step's screenshot: ${yes('delayedUpdateSeen')} ` +
      `(${r['delayedUpdateSeenTrials']} of ${r['delayedUpdateTrials']} trials)`,
  );
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const result = await benchSpeed();
  console.log(`Step speed, ${viewport.width}×${viewport.height} viewport, test build\n`);
  console.log(speedTable(result));
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
