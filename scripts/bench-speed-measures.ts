/**
 * The speed bench's measurements, one function each. Each takes what it measures
 * on and how many timed rounds, runs `warmup` untimed rounds first, and returns
 * its figures; scripts/bench-speed.ts runs them in order. Code passed to
 * `worker.evaluate` runs in the service worker and is sent there as source: it
 * may use only its arguments and `tabpilotBench` (scripts/bench-worker.ts).
 */
import type { Browser, Page, WebWorker } from 'puppeteer-core';
import { PNG } from 'pngjs';
import { openPage } from '../tests/support/browser.ts';
import type { StaticServer } from '../tests/support/static-server.ts';
import { median, quantile, round1, type Figures } from './bench-figures.ts';
import { tabIdOf, type BenchGlobal } from './bench-worker.ts';

/** What every measurement may use. */
export interface Bench {
  readonly browser: Browser;
  readonly worker: WebWorker;
  readonly site: StaticServer;
  /** Untimed rounds before the timed ones. */
  readonly warmup: number;
}

/** A page in a tab, and that tab's id. */
export interface BenchPage {
  readonly page: Page;
  readonly tabId: number;
}

/** Centre of #target on tests/fixtures/bench/step.html, viewport CSS pixels. */
const target = { x: 440 + 400 / 2, y: 200 + 120 / 2 } as const;
/** Centre of #go on tests/fixtures/bench/delayed.html, viewport CSS pixels. */
const go = { x: 540 + 200 / 2, y: 340 + 120 / 2 } as const;
/** The colour delayed.html turns the viewport 300 ms after the click. */
const lateColour = [0x1b, 0xe7, 0xa5] as const;
/**
 * Chrome allows captureVisibleTab twice a second, and tabpilot's rate gate waits
 * when asked faster; the gate spaces captures 520 ms. Steps start at least this
 * long after the last capture began, so the gate never waits and the step time is
 * all overhead.
 */
export const captureSpacingMs = 560;
const typedText = 'The quick brown fox jumps over the lazy dog, 0123456789; '
  .repeat(4)
  .slice(0, 200);

/**
 * Growth of the page's JS heap (its whole isolate, content script's isolated
 * world included) from injecting the content script and carrying out one action,
 * after garbage collection either side. KB, one decimal. Run on a page the
 * content script is not in yet.
 */
export async function contentScriptHeap(b: Bench, { page, tabId }: BenchPage): Promise<Figures> {
  const cdp = await page.createCDPSession();
  try {
    const used = async (): Promise<number> => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const before = await used();
    await b.worker.evaluate(async (tabId) => {
      const tab = (globalThis as unknown as BenchGlobal).tabpilotBench.tab(tabId);
      await tab.ready();
      await tab.act({ kind: 'move', to: { x: 10, y: 10 } });
    }, tabId);
    const after = await used();
    return { contentScriptHeapKB: round1((after - before) / 1024) };
  } finally {
    await cdp.detach();
  }
}

/**
 * A tabpilot step as a run takes it, in the worker: a click planned in the last
 * screenshot's model pixels, carried out, settled and captured
 * (`computer.run` with the screenshot after it, as the agent loop asks). Untimed
 * around it, what else a run's step asks the page: the risk check before
 * (`findRisk`) and the page text after (`pageText`), so `messagesPerStep` counts
 * every message of the step. Then the same steps in two halves (run without the
 * screenshot, then `screenshot()`), for the breakdown.
 */
export async function tabpilotStep(b: Bench, on: BenchPage, steps: number): Promise<Figures> {
  const clicksBefore = await clicksOn(on.page);
  const ours = await b.worker.evaluate(
    async (tabId, css, total, spacingMs) => {
      const tab = (globalThis as unknown as BenchGlobal).tabpilotBench.tab(tabId);
      const signal = new AbortController().signal;
      await tab.computer.screenshot();
      const { plan, image } = tab.click(css);
      const actions = plan.kind === 'actions' ? plan.actions : [];
      const out = {
        step: [] as number[],
        messages: [] as number[],
        run: [] as number[],
        shot: [] as number[],
        image,
      };
      let lastShot = performance.now();
      const spaced = async (): Promise<void> => {
        const idle = spacingMs - (performance.now() - lastShot);
        if (idle > 0) await new Promise((ok) => setTimeout(ok, idle));
      };
      for (let i = 0; i < total; i++) {
        await spaced();
        const m0 = tab.messages();
        await tab.computer.findRisk(actions);
        const t0 = performance.now();
        await tab.computer.run(plan, signal, { screenshot: true });
        const t1 = performance.now();
        lastShot = t1;
        await tab.computer.pageText();
        out.messages.push(tab.messages() - m0);
        out.step.push(t1 - t0);
      }
      for (let i = 0; i < total; i++) {
        await spaced();
        const t0 = performance.now();
        await tab.computer.run(plan, signal);
        const t1 = performance.now();
        lastShot = t1;
        await tab.computer.screenshot();
        const t2 = performance.now();
        out.run.push(t1 - t0);
        out.shot.push(t2 - t1);
      }
      return out;
    },
    on.tabId,
    target,
    b.warmup + steps,
    captureSpacingMs,
  );
  const clicks = (await clicksOn(on.page)) - clicksBefore;
  const timed = ours.step.slice(b.warmup);
  return {
    stepOverheadMs: median(timed),
    stepOverheadP90Ms: quantile(timed, 0.9),
    stepActionSettleMs: median(ours.run.slice(b.warmup)),
    stepScreenshotMs: median(ours.shot.slice(b.warmup)),
    messagesPerStep: median(ours.messages.slice(b.warmup)),
    stepIterations: steps,
    stepCaptureSpacingMs: captureSpacingMs,
    stepClicksLanded: clicks === 2 * (b.warmup + steps),
    screenshotWidth: ours.image.width,
    screenshotHeight: ours.image.height,
  };
}

/** The same step the Puppeteer way (CDP click, then page.screenshot()), in the same page. */
export async function puppeteerStep(
  b: Bench,
  { page }: BenchPage,
  steps: number,
): Promise<Figures> {
  const clicksBefore = await clicksOn(page);
  const theirs = { step: [] as number[], click: [] as number[], shot: [] as number[] };
  for (let i = 0; i < b.warmup + steps; i++) {
    const t0 = performance.now();
    await page.mouse.click(target.x, target.y);
    const t1 = performance.now();
    await page.screenshot();
    const t2 = performance.now();
    theirs.step.push(t2 - t0);
    theirs.click.push(t1 - t0);
    theirs.shot.push(t2 - t1);
  }
  const clicks = (await clicksOn(page)) - clicksBefore;
  return {
    puppeteerStepMs: median(theirs.step.slice(b.warmup)),
    puppeteerStepP90Ms: quantile(theirs.step.slice(b.warmup), 0.9),
    puppeteerClickMs: median(theirs.click.slice(b.warmup)),
    puppeteerScreenshotMs: median(theirs.shot.slice(b.warmup)),
    puppeteerClicksLanded: clicks === b.warmup + steps,
  };
}

/**
 * One action's round trip through the page port, worker → content script →
 * worker (a pointer move; five warm-up moves a warm-up round).
 */
export async function actionRoundTrip(b: Bench, on: BenchPage, moves: number): Promise<Figures> {
  const warmup = b.warmup * 5;
  const r = await b.worker.evaluate(
    async (tabId, total) => {
      const tab = (globalThis as unknown as BenchGlobal).tabpilotBench.tab(tabId);
      await tab.ready();
      const times: number[] = [];
      for (let i = 0; i < total; i++) {
        const to = { x: 100 + (i % 2) * 40, y: 100 + (i % 5) * 10 };
        const t0 = performance.now();
        await tab.act({ kind: 'move', to });
        times.push(performance.now() - t0);
      }
      return { times };
    },
    on.tabId,
    warmup + moves,
  );
  return {
    actionRoundTripMs: median(r.times.slice(warmup)),
    actionRoundTripP90Ms: quantile(r.times.slice(warmup), 0.9),
    actionRoundTripIterations: moves,
  };
}

/**
 * Typing 200 characters into a focused textarea through the page port (keys
 * resolved there, then one message), timed in the worker.
 */
export async function typing200Chars(b: Bench, on: BenchPage, typings: number): Promise<Figures> {
  const action = { kind: 'text', text: typedText } as const;
  const times: number[] = [];
  let typedRight = 0;
  for (let i = 0; i < b.warmup + typings; i++) {
    await on.page.evaluate(() => {
      const notes = document.querySelector<HTMLTextAreaElement>('#notes');
      if (!notes) throw new Error('no #notes');
      notes.value = '';
      notes.focus();
    });
    times.push(
      await b.worker.evaluate(
        async (tabId, action) => {
          const tab = (globalThis as unknown as BenchGlobal).tabpilotBench.tab(tabId);
          const t0 = performance.now();
          await tab.act(action);
          return performance.now() - t0;
        },
        on.tabId,
        action,
      ),
    );
    const value = await on.page.$eval('#notes', (el) => (el as HTMLTextAreaElement).value);
    if (value === typedText) typedRight++;
  }
  return {
    type200CharsMs: median(times.slice(b.warmup)),
    type200CharsIterations: typings,
    type200CharsCorrect: typedRight === b.warmup + typings,
  };
}

/**
 * Whether the screenshot after a step shows a page update made 300 ms after the
 * click (tests/fixtures/bench/delayed.html), each trial in a new tab; the
 * screenshot before the click must not show it.
 */
export async function delayedUpdate(b: Bench, trials: number): Promise<Figures> {
  const url = b.site.url('/fixtures/bench/delayed.html');
  let seen = 0;
  let baselineClean = 0;
  for (let i = 0; i < trials; i++) {
    const page = await openPage(b.browser, url);
    const tabId = await tabIdOf(b.worker, url);
    const shots = await b.worker.evaluate(
      async (tabId, css, spacingMs) => {
        const tab = (globalThis as unknown as BenchGlobal).tabpilotBench.tab(tabId);
        const signal = new AbortController().signal;
        const before = await tab.computer.screenshot();
        const t = performance.now();
        const { plan } = tab.click(css);
        const idle = spacingMs - (performance.now() - t);
        if (idle > 0) await new Promise((ok) => setTimeout(ok, idle));
        // The screenshot after the step, as the agent loop asks for it.
        const after = (await tab.computer.run(plan, signal, { screenshot: true })).image;
        if (!after) throw new Error('the step brought no screenshot');
        return { before: before.base64, after: after.base64 };
      },
      tabId,
      go,
      captureSpacingMs,
    );
    if (colourShare(shots.before, lateColour) < 0.01) baselineClean++;
    if (colourShare(shots.after, lateColour) > 0.5) seen++;
    await page.close();
  }
  return {
    delayedUpdateSeen: seen === trials && baselineClean === trials,
    delayedUpdateSeenTrials: seen,
    delayedUpdateTrials: trials,
  };
}

/**
 * Loading tabpilot into a fresh document and its first click, as a run's first
 * action in a new page or iframe: the click finds nobody listening, the port
 * injects content.js and page-world.js and sends it again. Each trial in a new
 * tab on step.html; the click must land every time.
 */
export async function contentInject(b: Bench, trials: number): Promise<Figures> {
  const url = b.site.url('/fixtures/bench/step.html');
  const times: number[] = [];
  let landed = 0;
  for (let i = 0; i < b.warmup + trials; i++) {
    const page = await openPage(b.browser, url);
    const tabId = await tabIdOf(b.worker, url);
    times.push(
      await b.worker.evaluate(
        async (tabId, css) => {
          const tab = (globalThis as unknown as BenchGlobal).tabpilotBench.tab(tabId);
          const t0 = performance.now();
          await tab.act({ kind: 'click', at: css, button: 'left', count: 1, modifiers: [] });
          return performance.now() - t0;
        },
        tabId,
        target,
      ),
    );
    if ((await clicksOn(page)) === 1) landed++;
    await page.close();
  }
  return {
    contentInjectMs: median(times.slice(b.warmup)),
    contentInjectIterations: trials,
    contentInjectClicksLanded: landed === b.warmup + trials,
  };
}

/** Clicks step.html has counted. */
async function clicksOn(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { state: { clicks: number } }).state.clicks);
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
