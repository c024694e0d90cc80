/**
 * Runs one gesture twice on fresh loads of a fixture page and records what the
 * page saw: once through puppeteer's trusted input (CDP Input.dispatch*, the
 * browser's own input pipeline) in a focused window, once through the
 * extension's content-script engine in a page whose document lacks focus, as
 * while the user watches the run in the popup. Both records (event log, page
 * state, child frames' logs) are normalised the same way, so a test or the
 * fidelity script can compare them.
 *
 * Trusted input runs focused because it cannot run otherwise: the first
 * trusted event gives an unfocused page focus (the page sees `focus` on
 * window), as a person's click would.
 */
import { deepStrictEqual } from 'node:assert/strict';
import type { Browser, CDPSession, Dialog, Frame, KeyInput, Page } from 'puppeteer-core';
import type { ActionReport, Modifier, MouseButton, PageAction } from '../../extension/actions.ts';
import { point, type ViewportPoint } from '../../extension/geometry.ts';
import { keyDefinition, keyForCharacter, type KeyName } from '../../extension/keys.ts';
import { dialogEvent, installDialogHook } from '../../extension/main-world-dialogs.ts';
import { launch, type Launched } from './browser.ts';
import {
  hasEngine,
  injectEngine,
  leave,
  perform,
  release,
  unfocusedPage,
} from './engine-harness.ts';
import { FrameRouter, frameIdentity, samePath } from '../../extension/frame-routing.ts';
import { startStaticServer, type StaticServer } from './static-server.ts';

export type Side = 'trusted' | 'engine';

/** One event as a fidelity fixture's log.js records it. */
export interface LogEntry {
  readonly type: string;
  readonly target: string | null;
  readonly [field: string]: unknown;
}

/** What log.js's `__state()` returns. */
export interface PageState {
  readonly fields: Record<
    string,
    { value?: string; checked?: boolean; sel?: number[]; text?: string }
  >;
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

export interface DialogRecord {
  readonly type: string;
  readonly message: string;
  /** How it was closed: answered at once (trusted), or by the watchdog after the page stayed blocked. */
  readonly closedBy: 'answer' | 'watchdog';
}

/** Everything one run observed. */
export interface RunOutput {
  readonly side: Side;
  /** Main frame's log, normalised. */
  readonly log: LogEntry[];
  /** Child frames' logs (by the iframe's name), normalised. */
  readonly frames: Record<string, LogEntry[]>;
  readonly frameStates: Record<string, PageState>;
  readonly state: PageState;
  /** Snapshots of the state the steps asked for, in order. */
  readonly marks: { label: string; state: PageState }[];
  /** Notes of the engine's action reports (none for trusted input). */
  readonly notes: string[];
  readonly dialogs: DialogRecord[];
  /** document.hasFocus() when the steps started. */
  readonly focused: boolean;
  /** The raw log, before normalisation, for diagnostics. */
  readonly rawLog: LogEntry[];
  /** A step or the settling failed. */
  readonly error?: string;
}

export interface ClickOptions {
  readonly button?: MouseButton;
  readonly count?: 1 | 2 | 3;
  readonly modifiers?: readonly Modifier[];
}

/** The same high-level gestures, trusted or through the engine. Points are viewport CSS px. */
export interface Driver {
  readonly side: Side;
  readonly page: Page;
  move(p: ViewportPoint): Promise<void>;
  /** From the current pointer position to `p` in `steps` evenly spaced moves. */
  moveSteps(p: ViewportPoint, steps: number): Promise<void>;
  click(p: ViewportPoint, options?: ClickOptions): Promise<void>;
  down(p: ViewportPoint, button?: MouseButton): Promise<void>;
  up(p: ViewportPoint, button?: MouseButton): Promise<void>;
  drag(from: ViewportPoint, to: ViewportPoint): Promise<void>;
  wheel(p: ViewportPoint, deltaX: number, deltaY: number): Promise<void>;
  /** Presses keys in order and releases them in reverse (`key` action: ctrl+shift+Tab). */
  key(...keys: KeyName[]): Promise<void>;
  /** Holds keys for `ms`, the last one repeating as the OS repeats a held key. */
  hold(keys: readonly KeyName[], ms: number): Promise<void>;
  type(text: string): Promise<void>;
  /** Records the page state now, under `label`. */
  mark(label: string): Promise<void>;
}

/** A behaviour of FIDELITY.md (or one part of one), run the same way on both sides. */
export interface Behaviour {
  /** '2', '8-shift': the FIDELITY.md number, and a suffix for its parts. */
  readonly id: string;
  readonly title: string;
  /** Page under tests/fixtures/fidelity, with any query. */
  readonly fixture: string;
  /** Runs in the page before the log is cleared (focus a field, put a caret). */
  readonly setup?: (page: Page) => Promise<void>;
  readonly steps: (d: Driver) => Promise<void>;
  /** A page predicate the result must reach before it is read (async effects: smooth scroll, drop). */
  readonly until?: string;
  /** Keep every move-like event with its coordinates (default: runs of them are collapsed). */
  readonly keepMoves?: boolean;
  /** Log entries to leave out of the comparison on both sides. */
  readonly ignore?: (e: LogEntry) => boolean;
  /** Rewrites the normalised log of both sides (for pacing-dependent repeats). */
  readonly mapLog?: (log: LogEntry[]) => LogEntry[];
  /** Rewrites the state of both sides before comparison (not before the check). */
  readonly mapState?: (state: PageState) => PageState;
  /** What FIDELITY.md says must happen; throws (node:assert) when it did not. Both sides. */
  readonly check: (r: RunOutput) => void;
  /** What the engine must also do (tell Claude about a hover gap or a dialog); engine side only. */
  readonly engineCheck?: (r: RunOutput) => void;
}

export interface BehaviourResult {
  readonly behaviour: Behaviour;
  readonly trusted: RunOutput;
  readonly engine: RunOutput;
  /** Problems of the trusted run against the behaviour's check (empty: passed). */
  readonly trustedProblems: string[];
  readonly engineProblems: string[];
  /** Problems of the engine run against `engineCheck` (what it must tell Claude). */
  readonly reportProblems: string[];
  /** Where the normalised records differ (empty: they agree). */
  readonly differences: string[];
  readonly ms: number;
}

export interface Session {
  readonly launched: Launched;
  readonly browser: Browser;
  readonly server: StaticServer;
  /** A second origin (localhost) for cross-origin frames. */
  readonly crossServer: StaticServer;
  readonly enginePage: Page;
  readonly trustedPage: Page;
  close(): Promise<void>;
}

export async function startSession(): Promise<Session> {
  const [launched, server, crossServer] = await Promise.all([
    // A key's smooth scroll spreads its scroll events over ~150 ms, so where keyup falls among
    // them depends on the machine's load; the engine scrolls at once. Instant scrolling keeps
    // the trusted runs repeatable (the scroll positions are the same either way).
    launch({ width: 1024, height: 768, extraArgs: ['--disable-smooth-scrolling'] }),
    startStaticServer('127.0.0.1'),
    startStaticServer('localhost'),
  ]);
  const enginePage = await unfocusedPage(launched.browser);
  const trustedPage = await launched.browser.newPage({ type: 'window' });
  return {
    launched,
    browser: launched.browser,
    server,
    crossServer,
    enginePage,
    trustedPage,
    close: async () => {
      await launched.close();
      await Promise.all([server.close(), crossServer.close()]);
    },
  };
}

// ---------------------------------------------------------------------------
// Drivers

const sleep = (ms: number): Promise<void> => new Promise((ok) => setTimeout(ok, ms));

function engineDriver(page: Page, notes: string[], mark: (l: string) => Promise<void>): Driver {
  let pointer: ViewportPoint | null = null;
  // Frames are routed as the background routes them: the same code, puppeteer frames for ids.
  const frames = new FrameRouter<Frame>(page.mainFrame(), {
    perform,
    frameFor: async (hit) => {
      const sameUrl = page.frames().filter((f) => f.url() === hit.url);
      const places = await Promise.all(sameUrl.map((f) => f.evaluate(frameIdentity)));
      const frame = sameUrl[places.findIndex((p) => samePath(p.path, hit.path))] ?? sameUrl[0];
      if (frame && !hasEngine(frame)) await injectEngine(frame);
      return frame;
    },
    leave,
  });
  const run = async (action: PageAction<'viewport'>): Promise<void> => {
    const report: ActionReport = await frames.perform(action);
    notes.push(...report.notes);
  };
  const d: Driver = {
    side: 'engine',
    page,
    move: async (p) => {
      await run({ kind: 'move', to: p });
      pointer = p;
    },
    moveSteps: async (p, steps) => {
      const from = pointer ?? p;
      for (let i = 1; i <= steps; i++) {
        await d.move(
          point(from.x + ((p.x - from.x) * i) / steps, from.y + ((p.y - from.y) * i) / steps),
        );
      }
    },
    click: async (p, o = {}) => {
      await run({
        kind: 'click',
        at: p,
        button: o.button ?? 'left',
        count: o.count ?? 1,
        modifiers: o.modifiers ?? [],
      });
      pointer = p;
    },
    down: async (p, button = 'left') => {
      await run({ kind: 'down', at: p, button, modifiers: [] });
      pointer = p;
    },
    up: async (p, button = 'left') => {
      await run({ kind: 'up', at: p, button, modifiers: [] });
      pointer = p;
    },
    drag: async (from, to) => {
      await run({ kind: 'drag', from, to, modifiers: [] });
      pointer = to;
    },
    wheel: async (p, deltaX, deltaY) => {
      await run({ kind: 'wheel', at: p, deltaX, deltaY, modifiers: [] });
      pointer = p;
    },
    key: (...keys) => run({ kind: 'chord', keys }),
    hold: (keys, durationMs) => run({ kind: 'hold', keys, durationMs }),
    type: (text) => run({ kind: 'text', text }),
    mark,
  };
  return d;
}

/**
 * Trusted keys go through puppeteer's own US layout (independent of ours, so a
 * wrong entry in extension/keys.ts shows up as a difference); keys it lacks,
 * and characters no key types, go to CDP directly.
 */
function trustedDriver(page: Page, cdp: CDPSession, mark: (l: string) => Promise<void>): Driver {
  const kb = page.keyboard;
  const held = new Set<string>();
  // Puppeteer models the numpad with NumLock off (its Numpad1 is End); ours has NumLock on.
  const ownTable = (name: string): boolean => name.startsWith('Numpad');
  // Puppeteer's lower-case letter entries carry no Shift layer (its `z` stays "z" under Shift,
  // where Chromium on Linux and Windows reports "Z"); its `KeyZ` entries have one. And its
  // `+ - * /` are the numpad's keys, where a typist (and xdotool) uses the main rows'.
  const mainRow: Readonly<Record<string, KeyInput>> = {
    '+': 'Equal',
    '*': 'Digit8',
    '-': 'Minus',
    '/': 'Slash',
  };
  const puppeteerName = (name: string): KeyInput =>
    mainRow[name] ?? ((/^[a-z]$/.test(name) ? `Key${name.toUpperCase()}` : name) as KeyInput);
  const keyDown = async (name: string): Promise<void> => {
    held.add(name);
    try {
      if (ownTable(name)) throw new Error('Unknown key');
      await kb.down(puppeteerName(name));
    } catch (error) {
      if (!String(error).includes('Unknown key')) throw error;
      const def = keyDefinition(name as KeyName);
      await cdp.send('Input.dispatchKeyEvent', {
        type: def.text ? 'keyDown' : 'rawKeyDown',
        key: def.key,
        code: def.code,
        windowsVirtualKeyCode: def.keyCode,
        location: def.location ?? 0,
        isKeypad: def.location === 3,
        ...(def.text
          ? { text: def.text === '\n' ? '\r' : def.text, unmodifiedText: def.text }
          : {}),
      });
    }
  };
  const keyUp = async (name: string): Promise<void> => {
    held.delete(name);
    try {
      if (ownTable(name)) throw new Error('Unknown key');
      await kb.up(puppeteerName(name));
    } catch (error) {
      if (!String(error).includes('Unknown key')) throw error;
      const def = keyDefinition(name as KeyName);
      await cdp.send('Input.dispatchKeyEvent', {
        type: 'keyUp',
        key: def.key,
        code: def.code,
        windowsVirtualKeyCode: def.keyCode,
        location: def.location ?? 0,
        isKeypad: def.location === 3,
      });
    }
  };
  const withModifiers = async (
    mods: readonly Modifier[],
    fn: () => Promise<void>,
  ): Promise<void> => {
    const down: Modifier[] = [];
    try {
      for (const m of mods) {
        down.push(m);
        await keyDown(m);
      }
      await fn();
    } finally {
      for (const m of down.reverse()) await keyUp(m);
    }
  };
  // A key is down for a while (tens of ms), so the page renders a frame before its keyup;
  // without a pause that depends on the machine's load.
  const heldAcrossAFrame = (): Promise<unknown> =>
    page.evaluate(
      () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))),
    );
  const d: Driver = {
    side: 'trusted',
    page,
    move: (p) => page.mouse.move(p.x, p.y),
    moveSteps: (p, steps) => page.mouse.move(p.x, p.y, { steps }),
    click: (p, o = {}) =>
      withModifiers(o.modifiers ?? [], () =>
        page.mouse.click(p.x, p.y, { button: o.button ?? 'left', count: o.count ?? 1 }),
      ),
    down: async (p, button = 'left') => {
      await page.mouse.move(p.x, p.y);
      await page.mouse.down({ button });
    },
    up: async (p, button = 'left') => {
      await page.mouse.move(p.x, p.y);
      await page.mouse.up({ button });
    },
    drag: async (from, to) => {
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      // The engine's path (one move per ~20 px, 5 to 20 of them), so the two runs differ in
      // the events they make, not in where the pointer went; paced like a hand, since a native
      // drag needs the renderer's answer to one dragover before the next.
      const steps = Math.max(
        5,
        Math.min(20, Math.ceil(Math.hypot(to.x - from.x, to.y - from.y) / 20)),
      );
      for (let i = 1; i <= steps; i++) {
        await sleep(30);
        await page.mouse.move(
          from.x + ((to.x - from.x) * i) / steps,
          from.y + ((to.y - from.y) * i) / steps,
        );
      }
      await sleep(100);
      await page.mouse.up();
    },
    wheel: async (p, deltaX, deltaY) => {
      await page.mouse.move(p.x, p.y);
      await page.mouse.wheel({ deltaX, deltaY });
    },
    key: async (...keys) => {
      const down: string[] = [];
      try {
        for (const k of keys) {
          down.push(k);
          await keyDown(k);
        }
        await heldAcrossAFrame();
      } finally {
        for (const k of down.reverse()) await keyUp(k);
      }
    },
    hold: async (keys, ms) => {
      const end = Date.now() + ms;
      const down: string[] = [];
      try {
        for (const k of keys) {
          down.push(k);
          await keyDown(k);
        }
        // The OS's typematic delay and rate (500 ms, then ~30/s).
        await sleep(Math.min(500, ms));
        const last = keys[keys.length - 1];
        while (last !== undefined && Date.now() < end) {
          await keyDown(last);
          await sleep(33);
        }
      } finally {
        for (const k of down.reverse()) await keyUp(k);
      }
    },
    type: async (text) => {
      const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text);
      for (const { segment } of graphemes) {
        const name = segment === '\n' ? 'Enter' : keyForCharacter(segment);
        if (name === undefined) {
          // A character no US key types (嗨, an emoji): a key event that types just it. A key
          // event carries at most 3 UTF-16 units of text, so a flag (two regional indicators)
          // takes one per code point, as xdotool types it.
          const parts = segment.length <= 3 ? [segment] : [...segment];
          for (const part of parts) {
            await cdp.send('Input.dispatchKeyEvent', {
              type: 'keyDown',
              key: part,
              text: part,
              unmodifiedText: part,
            });
            await heldAcrossAFrame();
            await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: part });
          }
        } else if (name === 'Enter') {
          await d.key('Enter');
        } else if (keyDefinition(name).shifted) {
          // A person holds Shift for '!' or 'A'.
          await d.key('Shift', segment as KeyName);
        } else {
          await d.key(segment === ' ' ? 'Space' : (segment as KeyName));
        }
      }
    },
    mark,
  };
  return Object.assign(d, {
    releaseAll: async () => {
      for (const k of [...held].reverse()) await keyUp(k).catch(() => undefined);
      await page.mouse.reset().catch(() => undefined);
    },
  });
}

// ---------------------------------------------------------------------------
// Running

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

export function fixtureUrl(session: Session, fixture: string): string {
  const sep = fixture.includes('?') ? '&' : '?';
  return session.server.url(
    `/fixtures/fidelity/${fixture}${sep}xo=${encodeURIComponent(session.crossServer.origin)}`,
  );
}

function childFrames(page: Page): Frame[] {
  const main = page.mainFrame();
  return page.frames().filter((f) => f.parentFrame() === main);
}

async function readState(page: Page): Promise<PageState> {
  return page.evaluate(() => (window as unknown as { __state(): PageState }).__state());
}

async function readLog(frame: Page | Frame): Promise<LogEntry[]> {
  return frame.evaluate(() => (window as unknown as { __log: LogEntry[] }).__log.slice());
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

export async function runSide(session: Session, side: Side, b: Behaviour): Promise<RunOutput> {
  const page = side === 'engine' ? session.enginePage : session.trustedPage;
  const notes: string[] = [];
  const marks: { label: string; state: PageState }[] = [];
  const dialogs: DialogRecord[] = [];
  const onDialog = (dialog: Dialog): void => {
    const record = (closedBy: DialogRecord['closedBy']): void => {
      dialogs.push({ type: dialog.type(), message: dialog.message(), closedBy });
    };
    if (side === 'trusted') {
      // The trusted run answers through CDP as a person clicking OK would: a prompt keeps its default text.
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
  const mark = async (label: string): Promise<void> => {
    marks.push({ label, state: await readState(page) });
  };
  let driver: Driver | undefined;
  let error: string | undefined;
  let focused = false;
  try {
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
      await page.evaluate(
        () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))),
      );
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
    focused = await page.evaluate(() => document.hasFocus());
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
    driver =
      side === 'engine'
        ? engineDriver(page, notes, mark)
        : trustedDriver(page, await cdpFor(page), mark);
    await withTimeout(b.steps(driver), 30_000, 'steps');
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
      frameStates[name] = await f.evaluate(() =>
        (window as unknown as { __state(): PageState }).__state(),
      );
    }
  } catch (e) {
    error ??= `reading the page failed: ${e instanceof Error ? e.message : String(e)}`;
  }
  // Only now (the record is read): let go of anything a failed step left held.
  if (side === 'engine') await withTimeout(release(page), 3000, 'release').catch(() => undefined);
  else await (driver as { releaseAll?(): Promise<void> } | undefined)?.releaseAll?.();
  page.off('dialog', onDialog);
  return {
    side,
    log: normaliseLog(rawLog, b),
    rawLog,
    frames,
    frameStates,
    state,
    marks,
    notes,
    dialogs,
    focused,
    ...(error === undefined ? {} : { error }),
  };
}

const emptyState: PageState = {
  fields: {},
  scroll: {},
  active: null,
  selection: '',
  range: '',
  hash: '',
  app: {},
};

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------------------
// Normalising and comparing

/** Events that come in bursts whose length depends on pacing, not on what happened. */
const moveLike = new Set([
  'pointermove',
  'mousemove',
  'drag',
  'dragover',
  'scroll',
  'pointerrawupdate',
]);

/**
 * Runs of move-like events (a drag's mousemoves, a smooth scroll's scroll
 * events) become one entry per type and target, in order of first appearance,
 * carrying the last one's coordinates: how many moves a gesture took is pacing;
 * where it went, and what else happened in between, is behaviour.
 */
export function normaliseLog(
  log: readonly LogEntry[],
  b: Pick<Behaviour, 'keepMoves' | 'ignore' | 'mapLog'>,
): LogEntry[] {
  const kept = b.ignore ? log.filter((e) => !b.ignore?.(e)) : [...log];
  const collapsed = b.keepMoves ? kept : collapseMoves(kept);
  return b.mapLog ? b.mapLog(collapsed) : collapsed;
}

function collapseMoves(kept: readonly LogEntry[]): LogEntry[] {
  const out: LogEntry[] = [];
  let run = new Map<string, number>();
  for (const e of kept) {
    if (!moveLike.has(e.type)) {
      run = new Map();
      out.push(e);
      continue;
    }
    const key = `${e.type}@${e.target}`;
    const at = run.get(key);
    if (at === undefined) {
      run.set(key, out.length);
      out.push(e);
    } else {
      out[at] = e;
    }
  }
  return out;
}

function show(e: LogEntry | undefined, withClass = false): string {
  if (!e) return '(nothing)';
  const { type, target, button, buttons, detail, ...fixed } = e;
  const rest: Record<string, unknown> = { ...fixed };
  if (!withClass) delete rest['cls'];
  // Mouse fields only where they say something.
  if (buttons) rest['buttons'] = buttons;
  if (detail) rest['detail'] = detail;
  if (typeof button === 'number' && button > 0) rest['button'] = button;
  const fields = Object.entries(rest)
    .filter(([, v]) => v !== undefined && v !== null && v !== false && v !== '')
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(' ');
  return `${type}@${target}${fields ? ` ${fields}` : ''}`;
}

/**
 * The differing stretches of two logs (a longest-common-subsequence diff of
 * whole entries), each as `where: trusted … | engine …`, at most `limit`.
 */
function diffLogs(
  where: string,
  a: readonly LogEntry[],
  b: readonly LogEntry[],
  limit = 6,
): string[] {
  const ka = a.map((e) => JSON.stringify(e));
  const kb = b.map((e) => JSON.stringify(e));
  // lcs[i][j]: length of the LCS of ka[i..] and kb[j..].
  const lcs: number[][] = Array.from({ length: ka.length + 1 }, () =>
    new Array<number>(kb.length + 1).fill(0),
  );
  for (let i = ka.length - 1; i >= 0; i--) {
    for (let j = kb.length - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] =
        ka[i] === kb[j]
          ? (lcs[i + 1]?.[j + 1] ?? 0) + 1
          : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const hunks: string[] = [];
  let i = 0;
  let j = 0;
  while (i < ka.length || j < kb.length) {
    if (i < ka.length && j < kb.length && ka[i] === kb[j]) {
      i++;
      j++;
      continue;
    }
    const from = [i, j];
    while (
      (i < ka.length || j < kb.length) &&
      !(i < ka.length && j < kb.length && ka[i] === kb[j])
    ) {
      if (j >= kb.length || (i < ka.length && (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0)))
        i++;
      else j++;
    }
    let ta = a.slice(from[0], i).map((e) => show(e));
    let tb = b.slice(from[1], j).map((e) => show(e));
    // Entries that read the same differ in their event class: say which.
    if (ta.join() === tb.join()) {
      ta = a.slice(from[0], i).map((e) => show(e, true));
      tb = b.slice(from[1], j).map((e) => show(e, true));
    }
    hunks.push(
      `${where} at event ${(from[0] ?? 0) + 1}: trusted [${ta.join('; ') || 'nothing'}] | engine [${tb.join('; ') || 'nothing'}]`,
    );
  }
  if (hunks.length > limit)
    return [...hunks.slice(0, limit), `${where}: ${hunks.length - limit} more differences`];
  return hunks;
}

function diffValues(where: string, a: unknown, b: unknown): string[] {
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => diffValues(`${where}.${k}`, a[k], b[k]));
  }
  try {
    deepStrictEqual(a, b);
    return [];
  } catch {
    return [`${where}: trusted ${JSON.stringify(a)} | engine ${JSON.stringify(b)}`];
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Where two runs' records differ; empty when they agree. */
export function compareRuns(t: RunOutput, e: RunOutput, b?: Pick<Behaviour, 'mapState'>): string[] {
  const out: string[] = [];
  const map = (s: PageState | undefined): PageState | undefined =>
    s && b?.mapState ? b.mapState(s) : s;
  out.push(...diffLogs('log', t.log, e.log));
  const frameNames = [...new Set([...Object.keys(t.frames), ...Object.keys(e.frames)])];
  for (const f of frameNames)
    out.push(...diffLogs(`frame ${f} log`, t.frames[f] ?? [], e.frames[f] ?? []));
  out.push(...diffValues('state', map(t.state), map(e.state)));
  out.push(...diffValues('frame state', t.frameStates, e.frameStates));
  const marks = Math.max(t.marks.length, e.marks.length);
  for (let i = 0; i < marks; i++) {
    const label = t.marks[i]?.label ?? e.marks[i]?.label ?? String(i);
    out.push(...diffValues(`mark ${label}`, map(t.marks[i]?.state), map(e.marks[i]?.state)));
  }
  return out;
}

function problemsOf(
  r: RunOutput,
  check: ((r: RunOutput) => void) | undefined,
  withError = true,
): string[] {
  const out: string[] = [];
  if (withError && r.error) out.push(`run failed: ${r.error}`);
  if (!check) return out;
  try {
    check(r);
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    out.push(text.replace(/\s*\n\s*/g, ' ').slice(0, 400));
  }
  return out;
}

/** Runs a behaviour on both sides (at once: separate pages) and compares them. */
export async function runBehaviour(session: Session, b: Behaviour): Promise<BehaviourResult> {
  const t0 = Date.now();
  const [trusted, engine] = await Promise.all([
    runSide(session, 'trusted', b),
    runSide(session, 'engine', b),
  ]);
  const trustedProblems = problemsOf(trusted, b.check);
  const engineProblems = problemsOf(engine, b.check);
  const reportProblems = problemsOf(engine, b.engineCheck, false);
  return {
    behaviour: b,
    trusted,
    engine,
    trustedProblems,
    engineProblems,
    reportProblems,
    differences: compareRuns(trusted, engine, b),
    ms: Date.now() - t0,
  };
}
