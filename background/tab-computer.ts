/**
 * The Computer the agent loop drives: one tab, reached through its page port
 * (page-port.ts), seen through screenshots. Maps Claude's model-image pixels
 * to viewport CSS pixels with the geometry measured at the last screenshot,
 * and says what Claude should hear after each step (what was hit, what the
 * page flashed, a navigation, a new tab).
 */
import browser from 'webextension-polyfill';
import { mapActionPoints, pointerAfter, type PageAction } from '../extension/actions.ts';
import {
  modelToViewport,
  point,
  type ModelPoint,
  type ScreenGeometry,
} from '../extension/geometry.ts';
import type { ModelProfile } from '../extension/models.ts';
import type { CaptureView, PageTextFragment, Settled } from '../extension/protocol.ts';
import type { Computer, ComputerOutcome, ScreenImage } from './agent-loop.ts';
import { StoppedError, TabError } from './errors.ts';
import { PagePort } from './page-port.ts';
import { findRisk, type RiskFinding } from './risk-guard.ts';
import { takeShot, takeZoom, type Shot } from './screenshot.ts';
import { sleep } from './sleep.ts';
import { testPoint } from './test-points.ts';
import type { ToolPlan } from './tool-input.ts';

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
  /** Things seen outside the page (a download started) for the next tool result. */
  readonly #pendingNotes: string[] = [];
  /** Tabs opened from the run's tab (by a click, window.open), not yet followed. */
  readonly #openedTabs: number[] = [];
  /** Every tab the run has worked in, oldest first. */
  #tabs: number[] = [];
  /** The page as the last screenshot was prepared, until an action or a wait may change it. */
  #lastView: CaptureView | undefined;
  readonly port: PagePort;

  constructor(
    tabId: number,
    private readonly profile: ModelProfile,
    private readonly options: TabComputerOptions = { maskSensitiveFields: true },
  ) {
    this.port = new PagePort(tabId);
  }

  /** The tab the run acts in now; it changes when a click opens a new tab. */
  get tabId(): number {
    return this.port.tabId;
  }

  /** Every tab the run has worked in, oldest first. */
  get tabs(): readonly number[] {
    return this.#tabs;
  }

  /** Makes sure tabpilot can act in the tab (a page scripts may run in, content loaded). */
  ready(): Promise<void> {
    return this.port.ready();
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
    this.port.switchTo(fallback);
    this.#lastView = undefined;
    return 'moved';
  }

  /** What the page flashed since the last call (toasts, alerts), for the injection detector. */
  takeJournal(): string[] {
    return this.#recentJournal.splice(0);
  }

  /**
   * The page's text, visible and hidden, for the injection detector: as the
   * last screenshot was prepared when nothing acted since, else read now;
   * empty if it cannot be read.
   */
  async pageText(): Promise<readonly PageTextFragment[]> {
    if (this.#lastView) return this.#lastView.text;
    return this.port.pageText().catch(() => []);
  }

  /**
   * The user had the page (a pause, a question): what was read of it with the
   * last screenshot (its text, for the injection detector) is read afresh.
   */
  pageMayHaveChanged(): void {
    this.#lastView = undefined;
  }

  /** The first risky action among `actions`, judged from the page, or undefined. */
  findRisk(actions: readonly PageAction<'model'>[]): Promise<RiskFinding | undefined> {
    return findRisk(actions, this.#geometry, (probes) => this.port.riskTargets(probes));
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
    return this.#image(await this.#shoot());
  }

  #image(shot: Shot): ScreenImage {
    return { base64: shot.base64, mediaType: shot.mediaType, size: shot.geometry.image };
  }

  /** A screenshot with a model-image point ringed in red, for the user's approval. */
  async markedScreenshot(marker: ModelPoint): Promise<string> {
    return (await this.#shoot(marker)).base64;
  }

  /**
   * Captures the tab as `view` describes it, or as prepared now: the page's
   * metrics, the fields to mask, and our indicator hidden for the capture only
   * (it must never reach Claude).
   */
  async #shoot(marker?: ModelPoint, prepared?: CaptureView): Promise<Shot> {
    const tab = await this.#frontTab();
    const view = prepared ?? (await this.port.prepareCapture(this.#captureOptions()));
    let shot: Shot;
    try {
      shot = await takeShot({
        windowId: tab.windowId ?? browser.windows.WINDOW_ID_CURRENT,
        viewport: view.metrics.viewport,
        profile: this.profile,
        cursor: this.#geometry ? this.cursor : undefined,
        masks: view.masks,
        marker,
      });
    } finally {
      await this.port.indicator(true).catch(() => undefined);
    }
    if (!this.#geometry) {
      // Start the pointer at the centre, as a person's would be somewhere on screen.
      this.cursor = point<'model'>(
        Math.floor(shot.geometry.image.width / 2),
        Math.floor(shot.geometry.image.height / 2),
      );
    }
    this.#geometry = shot.geometry;
    this.#lastView = view;
    return shot;
  }

  #captureOptions(): { masks: boolean } {
    return { masks: this.options.maskSensitiveFields };
  }

  async run(
    plan: ToolPlan,
    signal: AbortSignal,
    options: { screenshot?: boolean } = {},
  ): Promise<ComputerOutcome> {
    switch (plan.kind) {
      case 'screenshot':
        return { image: await this.screenshot() };
      case 'cursor_position':
        return { text: `X=${this.cursor.x},Y=${this.cursor.y}` };
      case 'wait':
        this.#lastView = undefined;
        await sleep(plan.ms, signal);
        return options.screenshot ? { image: await this.screenshot() } : {};
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
        return this.#perform(plan.actions, signal, options.screenshot ?? false);
    }
  }

  /** Carries out a step's actions, lets the page settle, and (when asked) takes the screenshot after. */
  async #perform(
    actions: readonly PageAction<'model'>[],
    signal: AbortSignal,
    screenshot: boolean,
  ): Promise<ComputerOutcome> {
    const geometry = this.#requireGeometry();
    this.#lastView = undefined;
    const notes: string[] = [];
    const urlBefore = await this.currentUrl();
    let where: ComputerOutcome['point'];
    for (const action of actions) {
      if (signal.aborted) throw new StoppedError();
      const css = mapActionPoints(action, (p) => modelToViewport(p, geometry));
      const report = await this.port.act(css, signal).catch((error: unknown) => {
        throw signal.aborted ? new StoppedError() : error;
      });
      const to = pointerAfter(action);
      const cssTo = pointerAfter(css);
      if (to && cssTo) {
        this.cursor = to;
        where = { model: to, css: { x: round2(cssTo.x), y: round2(cssTo.y) } };
      }
      if (report.kind === 'done' && report.target) notes.push(`Target: ${report.target}.`);
      notes.push(...report.notes);
    }
    await testPoint('after-action');
    const settled = await this.#settle(urlBefore, signal, screenshot);
    notes.push(...settled.notes);
    await testPoint('settled');
    const image = settled.capture
      ? await this.#image(await this.#shoot(undefined, settled.capture))
      : undefined;
    return { text: notes.length ? notes.join(' ') : undefined, point: where, image };
  }

  /**
   * Waits for the page to calm down and returns what Claude should hear of what
   * happened meanwhile (the journal, a navigation, a new tab), with the page
   * prepared for a screenshot when `capture` is asked.
   */
  async #settle(
    urlBefore: string | undefined,
    signal: AbortSignal,
    capture: boolean,
  ): Promise<{ notes: string[]; capture?: CaptureView }> {
    if (signal.aborted) throw new StoppedError();
    const notes: string[] = [];
    const captureOptions = capture ? this.#captureOptions() : undefined;
    let settled: Settled | undefined = await this.port
      .settle(settleOptions, captureOptions)
      .catch(async () => {
        // The document went away (a navigation): wait for the new one.
        await this.#waitForLoad(signal);
        return undefined;
      });
    const opened = this.#openedTabs.splice(0).at(-1);
    if (opened !== undefined) {
      // The run follows the new tab, as a person would look at what they just opened.
      this.#follow(opened);
      await this.#waitForLoad(signal);
      notes.push(
        `That opened a new tab (${(await this.currentUrl()) ?? 'loading'}); you are now working in it.`,
      );
    }
    const urlAfter = await this.currentUrl();
    if (opened === undefined && urlAfter !== urlBefore) {
      // A new document has new frames: keys go to its top frame until a click says otherwise.
      this.port.newDocument();
      notes.push(`The page navigated to ${urlAfter ?? 'a new address'}.`);
    }
    const journal = [...(settled?.journal ?? [])];
    if (!settled || opened !== undefined || urlAfter !== urlBefore) {
      // What the page shows now: its journal, and what a screenshot needs, without waiting again.
      settled = await this.port.settle({ quietMs: 0, maxMs: 0 }, captureOptions);
      journal.push(...settled.journal);
    }
    notes.push(...this.#pendingNotes.splice(0));
    if (journal.length) {
      const lines = journal.map((e) => `${e.kind}: ${e.text}`);
      this.#recentJournal.push(...lines);
      notes.push(`Meanwhile the page showed (maybe only briefly): ${lines.join(' | ')}`);
    }
    return settled.capture ? { notes, capture: settled.capture } : { notes };
  }

  async #waitForLoad(signal: AbortSignal): Promise<void> {
    const end = Date.now() + settleOptions.maxMs;
    while (Date.now() < end) {
      if ((await this.port.tab()).status === 'complete') return;
      await sleep(50, signal);
    }
  }

  /** Acts in `tabId` from now on. */
  #follow(tabId: number): void {
    if (!this.#tabs.includes(this.port.tabId)) this.#tabs.push(this.port.tabId);
    this.port.switchTo(tabId);
    if (!this.#tabs.includes(tabId)) this.#tabs.push(tabId);
  }

  /** The address the tab shows now. */
  async currentUrl(): Promise<string | undefined> {
    return (await this.port.tab()).url;
  }

  /** Releases anything the engine holds in the page and hides the indicator; never throws. */
  release(): Promise<void> {
    return this.port.release();
  }

  async #frontTab(): Promise<browser.Tabs.Tab> {
    let tab = await this.port.tab();
    // captureVisibleTab sees only the active tab of a window.
    if (!tab.active) tab = await browser.tabs.update(this.port.tabId, { active: true });
    if (tab.windowId === undefined) throw new TabError('The task’s tab has no window');
    return tab;
  }

  #requireGeometry(): ScreenGeometry {
    if (!this.#geometry) throw new Error('No screenshot taken yet');
    return this.#geometry;
  }
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
