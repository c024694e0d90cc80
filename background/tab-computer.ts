/**
 * The Computer the agent loop drives: one tab, reached through its content
 * script, seen through screenshots. Maps Claude's model-image pixels to viewport
 * CSS pixels with the geometry measured at the last screenshot.
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
import type { Computer, ComputerOutcome, ScreenImage } from './agent-loop.ts';
import { StoppedError, TabError } from './errors.ts';
import { takeShot, takeZoom } from './screenshot.ts';
import type { TabDriver } from './tab-driver.ts';
import type { ToolPlan } from './tool-input.ts';
import { testPoint } from './test-points.ts';

/** Until adaptive settling lands: time given to the page to react before the next screenshot. */
const settleMs = 250;

export class TabComputer implements Computer {
  cursor: ModelPoint = point<'model'>(0, 0);
  #geometry: ScreenGeometry | undefined;

  constructor(
    private readonly driver: TabDriver,
    private readonly profile: ModelProfile,
  ) {}

  get geometry(): ScreenGeometry | undefined {
    return this.#geometry;
  }

  /** Picks up where a stopped service worker left off. */
  restore(cursor: ModelPoint, geometry: ScreenGeometry | undefined): void {
    this.cursor = cursor;
    this.#geometry = geometry;
  }

  async screenshot(): Promise<ScreenImage> {
    const tab = await this.#frontTab();
    const metrics = await this.driver.call('measure', {});
    const shot = await takeShot({
      windowId: tab.windowId ?? browser.windows.WINDOW_ID_CURRENT,
      viewport: metrics.viewport,
      profile: this.profile,
      cursor: this.#geometry ? this.cursor : undefined,
    });
    if (!this.#geometry) {
      // Start the pointer at the centre, as a person's would be somewhere on screen.
      this.cursor = point<'model'>(
        Math.floor(shot.geometry.image.width / 2),
        Math.floor(shot.geometry.image.height / 2),
      );
    }
    this.#geometry = shot.geometry;
    return { base64: shot.base64, mediaType: shot.mediaType, size: shot.geometry.image };
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
    let where: ComputerOutcome['point'];
    for (const action of actions) {
      if (signal.aborted) throw new StoppedError();
      const css = mapActionPoints(action, (p) => modelToViewport(p, geometry));
      const report = await this.driver.call(
        'perform',
        { action: css },
        { timeoutMs: timeoutFor(action) },
      );
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
    await sleep(settleMs, signal);
    await testPoint('settled');
    return { text: notes.length ? notes.join(' ') : undefined, point: where };
  }

  /** The address the tab shows now. */
  async currentUrl(): Promise<string | undefined> {
    return (await this.driver.tab()).url;
  }

  /** Releases anything the engine holds in the page; never throws. */
  async release(): Promise<void> {
    await this.driver.call('release', {}, { timeoutMs: 2000 }).catch(() => undefined);
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

function timeoutFor(action: PageAction<'model'>): number {
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

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new StoppedError());
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new StoppedError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
