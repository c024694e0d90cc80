/**
 * The Computer the agent loop drives: one tab, reached through its content
 * script, seen through screenshots. Maps Claude's model-image pixels to viewport
 * CSS pixels with the geometry measured at the last screenshot.
 */
import browser from 'webextension-polyfill';
import { mapActionPoints, pointerAfter, type PageAction } from '../extension/actions.ts';
import { toEngineAction } from './engine-action.ts';
import { FrameRouter } from '../extension/frame-routing.ts';
import { performLoading } from '../extension/on-demand.ts';
import {
  modelToViewport,
  point,
  type ModelPoint,
  type ScreenGeometry,
} from '../extension/geometry.ts';
import type { ModelProfile } from '../extension/models.ts';
import type { Computer, ComputerOutcome, ScreenImage } from './agent-loop.ts';
import { StoppedError, TabError } from './errors.ts';
import { takeShot, takeZoom, type Shot } from './screenshot.ts';
import { TabDriver } from './tab-driver.ts';
import { findRisk, type RiskFinding } from './risk-guard.ts';
import type { PageTextFragment } from '../extension/protocol.ts';
import type { ToolPlan } from './tool-input.ts';
import { testPoint } from './test-points.ts';
import { sleep } from './sleep.ts';

/**
 * After an action the page settles: no DOM mutation, request or animation for
 * `quietMs`, at most `maxMs` (the reference demo sleeps 2 s after every action).
 */
export const settleOptions = { quietMs: 80, maxMs: 3000 } as const;

export interface TabComputerOptions {
  /** Paint password and payment fields over in screenshots. */
  readonly maskSensitiveFields: boolean;
}

export class TabComputer implements Computer {
  cursor: ModelPoint = point<'model'>(0, 0);
  #geometry: ScreenGeometry | undefined;

  /** Text of the page's journal since the last screenshot, for the injection detector. */
  readonly #recentJournal: string[] = [];
  /** Which frame each action goes to (extension/frame-routing.ts). */
  readonly #frames = new FrameRouter<number>(0, {
    perform: async (frameId, action) => {
      const send = () =>
        performLoading(
          () =>
            this.driver.call(
              'perform',
              { action: toEngineAction(action) },
              { timeoutMs: timeoutFor(action), frameId },
            ),
          (names) => this.driver.load(frameId, names),
        );
      try {
        return await send();
      } catch (error) {
        // An iframe added or navigated since tabpilot came in has no content script yet.
        if (frameId === 0 || !isNotListening(error)) throw error;
        await this.driver.ensureFrame(frameId);
        return send();
      }
    },
    frameFor: (hit) => this.driver.frameIdFor(hit),
    leave: (frameId, what) => this.driver.call('leave', what, { frameId, timeoutMs: 2000 }),
  });
  /** Things seen outside the page (a download started) for the next tool result. */
  readonly #pendingNotes: string[] = [];
  /** Tabs opened from the run's tab (by a click, window.open), not yet followed. */
  readonly #openedTabs: number[] = [];
  /** Every tab the run has worked in, oldest first. */
  #tabs: number[] = [];
  readonly driver: TabDriver;

  constructor(
    tabId: number,
    private readonly profile: ModelProfile,
    private readonly options: TabComputerOptions = { maskSensitiveFields: true },
  ) {
    this.driver = new TabDriver(tabId);
  }

  /** The tab the run acts in now; it changes when a click opens a new tab. */
  get tabId(): number {
    return this.driver.tabId;
  }

  /** Every tab the run has worked in, oldest first. */
  get tabs(): readonly number[] {
    return this.#tabs;
  }

  /** Makes sure tabpilot can act in the tab (a page scripts may run in, content loaded). */
  async ready(): Promise<void> {
    await this.driver.ensureContent();
  }

  /** A tab was opened; one opened from the run's tab is followed after the current action. */
  tabOpened(tabId: number, openerTabId: number | undefined): void {
    if (openerTabId !== undefined && openerTabId === this.tabId) this.#openedTabs.push(tabId);
  }

  /** A download started: Claude hears of it with the next tool result. */
  downloadStarted(name: string): void {
    this.#pendingNotes.push(`A download started: ${name}.`);
  }

  /**
   * A tab closed. If the run was working in it, it goes on in the last other
   * tab it worked in (`moved`), or has none left (`lost`).
   */
  tabClosed(tabId: number): 'unaffected' | 'moved' | 'lost' {
    this.#tabs = this.#tabs.filter((t) => t !== tabId);
    if (this.tabId !== tabId) return 'unaffected';
    const fallback = this.#tabs.at(-1);
    if (fallback === undefined) return 'lost';
    this.driver.switchTo(fallback);
    return 'moved';
  }

  /** What the page flashed since the last call (toasts, alerts), for the injection detector. */
  takeJournal(): string[] {
    return this.#recentJournal.splice(0);
  }

  /** The page's text, visible and hidden, for the injection detector; empty if it cannot be read. */
  async pageText(): Promise<readonly PageTextFragment[]> {
    return this.driver.call('pageText', {}).catch(() => []);
  }

  /** The first risky action among `actions`, judged from the page, or undefined. */
  findRisk(actions: readonly PageAction<'model'>[]): Promise<RiskFinding | undefined> {
    return findRisk(actions, this.#geometry, (m, r) => this.driver.call(m, r));
  }

  get geometry(): ScreenGeometry | undefined {
    return this.#geometry;
  }

  /** Picks up where a stopped service worker left off. */
  restore(cursor: ModelPoint, geometry: ScreenGeometry | undefined): void {
    this.cursor = cursor;
    this.#geometry = geometry;
  }

  async screenshot(): Promise<ScreenImage> {
    const shot = await this.#shoot();
    return { base64: shot.base64, mediaType: shot.mediaType, size: shot.geometry.image };
  }

  /** A screenshot with a model-image point ringed in red, for the user's approval. */
  async markedScreenshot(marker: ModelPoint): Promise<string> {
    return (await this.#shoot(marker)).base64;
  }

  async #shoot(marker?: ModelPoint): Promise<Shot> {
    const tab = await this.#frontTab();
    // The page may have changed (navigated, crashed) since #frontTab found it answering.
    const metrics = await this.driver.call('measure', {}).catch(async (error: unknown) => {
      if (!isNotListening(error)) throw error;
      await this.driver.ensureContent();
      return this.driver.call('measure', {});
    });
    const masks = this.options.maskSensitiveFields
      ? await this.driver.call('sensitiveRects', {}).catch(() => [])
      : [];
    // Our in-page indicator must never reach Claude: hidden for the capture only.
    await this.driver
      .call('indicator', { visible: false }, { timeoutMs: 2000 })
      .catch(() => undefined);
    let shot: Shot;
    try {
      shot = await takeShot({
        windowId: tab.windowId ?? browser.windows.WINDOW_ID_CURRENT,
        viewport: metrics.viewport,
        profile: this.profile,
        cursor: this.#geometry ? this.cursor : undefined,
        masks,
        marker,
      });
    } finally {
      await this.driver
        .call('indicator', { visible: true }, { timeoutMs: 2000 })
        .catch(() => undefined);
    }
    if (!this.#geometry) {
      // Start the pointer at the centre, as a person's would be somewhere on screen.
      this.cursor = point<'model'>(
        Math.floor(shot.geometry.image.width / 2),
        Math.floor(shot.geometry.image.height / 2),
      );
    }
    this.#geometry = shot.geometry;
    return shot;
  }

  async run(plan: ToolPlan, signal: AbortSignal): Promise<ComputerOutcome> {
    switch (plan.kind) {
      case 'screenshot':
        return { image: await this.screenshot() };
      case 'cursor_position':
        return { text: `X=${this.cursor.x},Y=${this.cursor.y}` };
      case 'wait':
        await sleep(plan.ms, signal);
        return {};
      case 'zoom': {
        const tab = await this.#frontTab();
        const image = await takeZoom({
          windowId: tab.windowId ?? browser.windows.WINDOW_ID_CURRENT,
          geometry: this.#requireGeometry(),
          region: plan.region,
          profile: this.profile,
        });
        return { image };
      }
      case 'actions':
        return this.#perform(plan.actions, signal);
    }
  }

  async #perform(
    actions: readonly PageAction<'model'>[],
    signal: AbortSignal,
  ): Promise<ComputerOutcome> {
    await this.driver.ensureContent();
    const geometry = this.#requireGeometry();
    const notes: string[] = [];
    const urlBefore = await this.currentUrl();
    let where: ComputerOutcome['point'];
    for (const action of actions) {
      if (signal.aborted) throw new StoppedError();
      const css = mapActionPoints(action, (p) => modelToViewport(p, geometry));
      const report = await this.#frames.perform(css, signal).catch((error: unknown) => {
        throw signal.aborted ? new StoppedError() : error;
      });
      const to = pointerAfter(action);
      const cssTo = pointerAfter(css);
      if (to && cssTo) {
        this.cursor = to;
        where = { model: to, css: { x: round2(cssTo.x), y: round2(cssTo.y) } };
      }
      if (report.target) notes.push(`Target: ${report.target}.`);
      notes.push(...report.notes);
    }
    await testPoint('after-action');
    notes.push(...(await this.#settle(urlBefore, signal)));
    await testPoint('settled');
    return { text: notes.length ? notes.join(' ') : undefined, point: where };
  }

  /**
   * Waits for the page to calm down and returns what Claude should hear of what
   * happened meanwhile (the journal, a navigation).
   */
  async #settle(urlBefore: string | undefined, signal: AbortSignal): Promise<string[]> {
    if (signal.aborted) throw new StoppedError();
    const notes: string[] = [];
    try {
      await this.driver.call('settle', settleOptions, { timeoutMs: settleOptions.maxMs + 2000 });
    } catch {
      // The document went away (a navigation): wait for the new one, then load tabpilot into it.
      await this.#waitForLoad(signal);
    }
    const opened = this.#openedTabs.splice(0).at(-1);
    if (opened !== undefined) {
      // The run follows the new tab, as a person would look at what they just opened.
      this.follow(opened);
      await this.#waitForLoad(signal);
      notes.push(
        `That opened a new tab (${(await this.currentUrl()) ?? 'loading'}); you are now working in it.`,
      );
    }
    const urlAfter = await this.currentUrl();
    // A new document has new frames: keys go to its top frame until a click says otherwise.
    if (opened !== undefined || urlAfter !== urlBefore) this.#frames.reset();
    if (opened === undefined && urlAfter !== urlBefore) {
      notes.push(`The page navigated to ${urlAfter ?? 'a new address'}.`);
    }
    await this.driver.ensureContent();
    notes.push(...this.#pendingNotes.splice(0));
    const journal = await this.driver.call('journal', {}).catch(() => []);
    if (journal.length) {
      const lines = journal.map((e) => `${e.kind}: ${e.text}`);
      this.#recentJournal.push(...lines);
      notes.push(`Meanwhile the page showed (maybe only briefly): ${lines.join(' | ')}`);
    }
    return notes;
  }

  async #waitForLoad(signal: AbortSignal): Promise<void> {
    const end = Date.now() + settleOptions.maxMs;
    while (Date.now() < end) {
      if ((await this.driver.tab()).status === 'complete') return;
      await sleep(50, signal);
    }
  }

  /** Acts in `tabId` from now on. */
  follow(tabId: number): void {
    if (!this.#tabs.includes(this.driver.tabId)) this.#tabs.push(this.driver.tabId);
    this.driver.switchTo(tabId);
    if (!this.#tabs.includes(tabId)) this.#tabs.push(tabId);
  }

  /** The address the tab shows now. */
  async currentUrl(): Promise<string | undefined> {
    return (await this.driver.tab()).url;
  }

  /** Releases anything the engine holds in the page and hides the indicator; never throws. */
  async release(): Promise<void> {
    await Promise.all([
      ...this.#frames
        .frames()
        .map((frameId) =>
          this.driver.call('release', {}, { timeoutMs: 2000, frameId }).catch(() => undefined),
        ),
      this.driver.call('indicator', { visible: false }, { timeoutMs: 2000 }).catch(() => undefined),
    ]);
  }

  async #frontTab(): Promise<browser.Tabs.Tab> {
    await this.driver.ensureContent();
    let tab = await this.driver.tab();
    // captureVisibleTab sees only the active tab of a window.
    if (!tab.active) tab = await browser.tabs.update(this.driver.tabId, { active: true });
    if (tab.windowId === undefined) throw new TabError('The task’s tab has no window');
    return tab;
  }

  #requireGeometry(): ScreenGeometry {
    if (!this.#geometry) throw new Error('No screenshot taken yet');
    return this.#geometry;
  }
}

function timeoutFor(action: PageAction<'viewport'>): number {
  switch (action.kind) {
    case 'hold':
      return action.durationMs + 10_000;
    case 'text':
      return 10_000 + action.text.length * 50;
    default:
      return 10_000;
  }
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** The frame has no content script listening (never injected, or its document changed). */
function isNotListening(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /Receiving end does not exist|Could not establish connection/i.test(message);
}
