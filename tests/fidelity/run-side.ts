/**
 * One side of a behaviour: a fresh load of its fixture, its steps through one
 * driver (trusted input in the focused window, or the engine in the unfocused
 * page), then what the page saw: its log, its state, its frames', the dialogs
 * it opened and, for the engine, what the engine told Claude.
 */
import type { CDPSession, Dialog, Frame, Page } from 'puppeteer-core';
import { dialogEvent, installDialogHook } from '../../content/page-world/dialogs.ts';
import type { Driver, Side } from '../support/driver.ts';
import { engineDriver } from '../support/engine-driver.ts';
import { injectEngine } from '../support/engine-harness.ts';
import {
  emptyState,
  readLog,
  readState,
  type LogEntry,
  type PageState,
} from '../support/page-log.ts';
import { twoFrames, withTimeout } from '../support/timing.ts';
import { trustedDriver } from '../support/trusted-driver.ts';
import type { Behaviour, DialogRecord, RunOutput } from './behaviour.ts';
import { normaliseLog } from './compare.ts';
import { fixtureUrl, type Session } from './session.ts';

/** Longest the engine's page may stay blocked by a dialog before the run closes it. */
const dialogWatchdogMs = 1500;

const cdpSessions = new WeakMap<Page, CDPSession>();

async function cdpFor(page: Page): Promise<CDPSession> {
  let s = cdpSessions.get(page);
  if (!s) {
    s = await page.createCDPSession();
    cdpSessions.set(page, s);
  }
  return s;
}

function childFrames(page: Page): Frame[] {
  const main = page.mainFrame();
  return page.frames().filter((f) => f.parentFrame() === main);
}

/** Waits until the page's log and state stop changing (async scrolls, drops, frames). */
async function settle(page: Page, until: string | undefined): Promise<string | undefined> {
  let problem: string | undefined;
  if (until) {
    await page
      .waitForFunction(until, { timeout: 5000, polling: 'raf' })
      .catch(() => (problem = `the page never reached ${until}`));
  }
  await page.evaluate(async () => {
    const w = window as unknown as { __log: unknown[]; __state(): unknown };
    // (No named inner functions: tsx would wrap them in a __name() the page lacks.)
    const deadline = Date.now() + 3000;
    let last = '';
    let calm = 0;
    while (calm < 3 && Date.now() < deadline) {
      await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
      const now = `${w.__log.length} ${JSON.stringify(w.__state())}`;
      calm = now === last ? calm + 1 : 0;
      last = now;
    }
  });
  return problem;
}

/**
 * Answers the page's dialogs as each side's user would: trusted input's at once
 * through CDP, as a person clicking OK; the engine's only if the page stayed
 * blocked (the extension answers them in the page's world, without a dialog).
 */
function watchDialogs(page: Page, side: Side): { dialogs: DialogRecord[]; stop(): void } {
  const dialogs: DialogRecord[] = [];
  const onDialog = (dialog: Dialog): void => {
    const record = (closedBy: DialogRecord['closedBy']): void => {
      dialogs.push({ type: dialog.type(), message: dialog.message(), closedBy });
    };
    if (side === 'trusted') {
      // A prompt keeps its default text.
      record('answer');
      void dialog.accept(dialog.defaultValue()).catch(() => undefined);
    } else {
      setTimeout(() => {
        record('watchdog');
        void dialog.dismiss().catch(() => undefined);
      }, dialogWatchdogMs);
    }
  };
  page.on('dialog', onDialog);
  return { dialogs, stop: () => void page.off('dialog', onDialog) };
}

/** Loads the fixture, runs the setup and brings the engine in; returns the page's focus. */
async function prepare(page: Page, session: Session, side: Side, b: Behaviour): Promise<boolean> {
  if (side === 'trusted') await page.bringToFront();
  await page.goto(fixtureUrl(session, b.fixture), { waitUntil: 'load', timeout: 20_000 });
  await page.waitForFunction('window.__ready === true', { timeout: 20_000 });
  // The top window holds the focus at the start, whatever the page before left focused
  // (a new document in a reused tab may start with no focused frame).
  if (side === 'trusted') await page.evaluate(() => window.focus());
  // Setup first, then the engine: it comes in as a content script does, into a page that
  // already is in some state (and so does not announce the setup's silent focus() later).
  if (b.setup) {
    await b.setup(page);
    // What the setup started (a scroll's events) lands before the log is cleared.
    await twoFrames(page);
  }
  if (side === 'engine') {
    await injectEngine(page);
    // As the background does for every frame of the task's tab: answer dialogs in the page's
    // own world. What the hook reports (the content script journals it for Claude) is kept
    // with the run's notes.
    await page.evaluate(installDialogHook);
    await page.evaluate((type) => {
      const w = window as unknown as { __dialogReports: string[] };
      w.__dialogReports = [];
      document.addEventListener(type, (e) =>
        w.__dialogReports.push(String((e as CustomEvent).detail)),
      );
    }, dialogEvent);
  }
  const focused = await page.evaluate(() => document.hasFocus());
  const visible = await page.evaluate(() => document.visibilityState);
  if (side === 'engine' && (focused || visible !== 'visible'))
    throw new Error(
      `the engine's page must be visible and unfocused, not ${visible}/${focused ? 'focused' : 'unfocused'}`,
    );
  if (side === 'trusted' && !focused) throw new Error("the trusted run's page must have focus");
  for (const frame of [page.mainFrame(), ...childFrames(page)]) {
    await frame.evaluate(() => {
      const w = window as unknown as { __watchTree?(): void; __log?: unknown[] };
      w.__watchTree?.();
      if (w.__log) w.__log.length = 0;
    });
  }
  return focused;
}

export async function runSide(session: Session, side: Side, b: Behaviour): Promise<RunOutput> {
  const page = side === 'engine' ? session.enginePage : session.trustedPage;
  const notes: string[] = [];
  const marks: { label: string; state: PageState }[] = [];
  const dialogs = watchDialogs(page, side);
  const mark = async (label: string): Promise<void> => {
    marks.push({ label, state: await readState(page) });
  };
  let driver: Driver | undefined;
  let error: string | undefined;
  let focused = false;
  try {
    driver =
      side === 'engine' ? engineDriver(page, notes) : trustedDriver(page, await cdpFor(page));
    focused = await prepare(page, session, side, b);
    await withTimeout(b.steps(driver, mark), 30_000, 'steps');
    error = await settle(page, b.until);
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  let rawLog: LogEntry[] = [];
  let state = emptyState;
  const frames: Record<string, LogEntry[]> = {};
  const frameStates: Record<string, PageState> = {};
  try {
    if (side === 'engine') {
      const reports = await page.evaluate(
        () => (window as unknown as { __dialogReports?: string[] }).__dialogReports ?? [],
      );
      notes.push(...reports.map((r) => `dialog: ${r}`));
    }
    rawLog = await readLog(page);
    state = await readState(page);
    for (const f of childFrames(page)) {
      const name = f.name() || f.url();
      const hasLog = await f.evaluate(() => '__log' in window).catch(() => false);
      if (!hasLog) continue;
      frames[name] = normaliseLog(await readLog(f), b);
      frameStates[name] = await readState(f);
    }
  } catch (e) {
    error ??= `reading the page failed: ${e instanceof Error ? e.message : String(e)}`;
  }
  // Only now (the record is read): let go of anything a failed step left held.
  await driver?.releaseAll();
  dialogs.stop();
  return {
    side,
    log: normaliseLog(rawLog, b),
    rawLog,
    frames,
    frameStates,
    state,
    marks,
    notes,
    dialogs: dialogs.dialogs,
    focused,
    ...(error === undefined ? {} : { error }),
  };
}
