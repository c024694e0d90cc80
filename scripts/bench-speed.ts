/**
 * Speed benchmark, in a real Chromium with the test build (dist/chrome-test) loaded:
 *
 * - the page heap the content script costs once injected;
 * - one tabpilot step outside the model (action, settle, capture, scale, encode),
 *   timed inside the service worker, and the same step done the Puppeteer way
 *   (CDP click, then page.screenshot()) in the same run;
 * - one action's round trip, background → content script → background, and how
 *   long loading tabpilot into a fresh page and its first click take;
 * - the messages one step sends to the page;
 * - typing 200 characters into a focused textarea;
 * - whether the screenshot after a step shows a page update made 300 ms after the click.
 *
 *   node --import tsx scripts/bench-speed.ts      prints a table (build --test first)
 *
 * Each measurement is a function in scripts/bench-speed-measures.ts; benchSpeed
 * runs them in order and merges their figures. Adding one: write its function,
 * call it here, give it a row in scripts/bench-speed-report.ts.
 */
import { join } from 'node:path';
import { launch, openPage } from '../tests/support/browser.ts';
import { repoRoot, startStaticServer } from '../tests/support/static-server.ts';
import type { Figures } from './bench-figures.ts';
import {
  actionRoundTrip,
  contentInject,
  contentScriptHeap,
  delayedUpdate,
  puppeteerStep,
  tabpilotStep,
  typing200Chars,
  type Bench,
  type BenchPage,
} from './bench-speed-measures.ts';
import { speedTable } from './bench-speed-report.ts';
import { readyWorker, tabIdOf } from './bench-worker.ts';

// What scripts/bench.ts takes from here.
export { round1, type Figures } from './bench-figures.ts';
export { speedTable } from './bench-speed-report.ts';

export interface SpeedOptions {
  /** Built test extension; dist/chrome-test by default. */
  readonly extensionDir?: string;
  /** Timed steps (tabpilot and Puppeteer each), after `warmup` untimed ones. */
  readonly steps?: number;
  readonly moves?: number;
  readonly typings?: number;
  readonly delayedTrials?: number;
  readonly injectTrials?: number;
  readonly warmup?: number;
}

/** Viewport, CSS pixels. */
const viewport = { width: 1280, height: 800 } as const;

export async function benchSpeed(options: SpeedOptions = {}): Promise<Figures> {
  const steps = options.steps ?? 30;
  const moves = options.moves ?? 200;
  const typings = options.typings ?? 10;
  const delayedTrials = options.delayedTrials ?? 3;
  const injectTrials = options.injectTrials ?? 10;
  const warmup = options.warmup ?? 3;
  const extensionDir = options.extensionDir ?? join(repoRoot, 'dist/chrome-test');

  const site = await startStaticServer();
  const l = await launch({ extensionDir, ...viewport });
  try {
    const b: Bench = { browser: l.browser, worker: await readyWorker(l), site, warmup };
    const url = site.url('/fixtures/bench/step.html');
    const page = await openPage(l.browser, url);
    const step: BenchPage = { page, tabId: await tabIdOf(b.worker, url) };

    // In this order: the heap first, on a page without the content script.
    const heap = await contentScriptHeap(b, step);
    const ours = await tabpilotStep(b, step, steps);
    const puppeteer = await puppeteerStep(b, step, steps);
    const roundTrip = await actionRoundTrip(b, step, moves);
    const typed = await typing200Chars(b, step, typings);
    await page.close();
    // Each in tabs of their own, with step.html open nowhere else.
    const delayed = await delayedUpdate(b, delayedTrials);
    const inject = await contentInject(b, injectTrials);

    return { ...ours, ...puppeteer, ...roundTrip, ...typed, ...delayed, ...inject, ...heap };
  } finally {
    await l.close();
    await site.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = Date.now();
  const result = await benchSpeed();
  console.log(`Step speed, ${viewport.width}×${viewport.height} viewport, test build\n`);
  console.log(speedTable(result));
  console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
