/**
 * The one way from the background to the page of a run's tab. It owns:
 * - messaging: every message to a frame goes through `#send`, addressed to one
 *   frame, with a time limit (and is counted, for the bench's messagesPerStep);
 * - injection: content.js and page-world.js go into a document when a message
 *   finds nobody listening there, so a step injects at most once, and only
 *   into a page that needs it (a new document, a new iframe);
 * - frame routing (extension/frame-routing.ts) and the conversion of actions
 *   to what the engine takes (background/engine-action.ts).
 *
 * Every frame answers FrameApi; the top frame also TopFrameApi.
 */
import browser from 'webextension-polyfill';
import type { ActionReport, FrameHit, PageAction } from '../extension/actions.ts';
import { FrameRouter, frameIdentity, samePath } from '../extension/frame-routing.ts';
import { envelope, unwrap, type ApiRequest, type ApiResponse } from '../extension/messaging.ts';
import type {
  CaptureOptions,
  CaptureView,
  PageTextFragment,
  RiskProbe,
  SettleOptions,
  Settled,
  TopFrameApi,
} from '../extension/protocol.ts';
import type { TargetInfo } from '../extension/risk.ts';
import { toEngineAction } from './engine-action.ts';
import { TabError, TabTimeoutError } from './errors.ts';

/** Pages no extension may script. */
const unscriptable = [
  /^chrome:/,
  /^chrome-extension:/,
  /^chrome-untrusted:/,
  /^devtools:/,
  /^edge:/,
  /^about:/,
  /^view-source:/,
  /^moz-extension:/,
  /^https:\/\/chromewebstore\.google\.com\//,
  /^https:\/\/chrome\.google\.com\/webstore/,
  /^https:\/\/addons\.mozilla\.org\//,
];

function isScriptableUrl(url: string | undefined): boolean {
  if (!url) return false;
  if (/\.pdf($|[?#])/i.test(url) && !/^https?:/.test(url)) return false;
  return !unscriptable.some((r) => r.test(url));
}

const defaultMessageTimeoutMs = 10_000;

/** The tab shows no page tabpilot can see or act on: it crashed, failed to load, or is minimized. */
export function pageUnavailable(): TabError {
  return new TabError(
    'The tab’s page cannot be seen: it crashed, failed to load, or its window is minimized. Reload or restore it and run the task again.',
  );
}

/** Messages sent to pages by every port of this worker (read by the bench through the test hooks). */
let messagesSent = 0;

export function pageMessagesSent(): number {
  return messagesSent;
}

interface SendOptions {
  readonly timeoutMs?: number;
  /** Load tabpilot into the frame when nobody listens there, then send again (default true). */
  readonly inject?: boolean;
  /**
   * Also when the document went away while it was answering (a navigation, a
   * crash): only for what may be asked twice, never for an action.
   */
  readonly again?: boolean;
}

export class PagePort {
  #tabId: number;
  /** Which frame each action goes to. */
  readonly #frames = new FrameRouter<number>(0, {
    perform: (frameId, action) =>
      this.#call(
        frameId,
        'act',
        { action: toEngineAction(action) },
        { timeoutMs: timeoutFor(action) },
      ),
    frameFor: (hit) => this.#frameIdFor(hit),
    leave: (frameId, what) =>
      this.#call(frameId, 'leave', what, { timeoutMs: 2000, inject: false }),
  });

  constructor(tabId: number) {
    this.#tabId = tabId;
  }

  /** The tab the run acts in now; it changes when a click opens a new tab. */
  get tabId(): number {
    return this.#tabId;
  }

  /** Acts in another tab from now on; its frames start afresh. */
  switchTo(tabId: number): void {
    this.#tabId = tabId;
    this.#frames.reset();
  }

  /** A new document in the tab: keys go to its top frame until a press says otherwise. */
  newDocument(): void {
    this.#frames.reset();
  }

  async tab(): Promise<browser.Tabs.Tab> {
    try {
      return await browser.tabs.get(this.#tabId);
    } catch {
      throw new TabError('The task’s tab was closed');
    }
  }

  /** Loads tabpilot into the tab if needed and shows the in-page indicator. */
  async ready(): Promise<void> {
    await this.#call(0, 'indicator', { visible: true }, { timeoutMs: 2000, again: true });
  }

  /** Carries out one action (viewport CSS pixels) in the frame it belongs to. */
  act(action: PageAction<'viewport'>, signal?: AbortSignal): Promise<ActionReport> {
    return this.#frames.perform(action, signal);
  }

  /** Waits for the page to settle and reads its journal; with `capture`, prepares a screenshot too. */
  settle(options: SettleOptions, capture?: CaptureOptions): Promise<Settled> {
    return this.#call(
      0,
      'settle',
      { ...options, ...(capture ? { capture } : {}) },
      { timeoutMs: options.maxMs + 2000 },
    );
  }

  /** What is under each probe in the top frame, for risk checks. */
  riskTargets(probes: readonly RiskProbe[]): Promise<readonly (TargetInfo | null)[]> {
    return this.#call(0, 'riskTargets', { probes }, { again: true });
  }

  /** Metrics, masks and text for a screenshot; the indicator stays hidden until `indicator(true)`. */
  prepareCapture(options: CaptureOptions): Promise<CaptureView> {
    return this.#call(0, 'prepareCapture', options, { again: true });
  }

  pageText(): Promise<readonly PageTextFragment[]> {
    return this.#call(0, 'pageText', {}, { again: true });
  }

  /** Shows or hides the indicator of a page tabpilot is in (never loads tabpilot for it). */
  indicator(visible: boolean): Promise<void> {
    return this.#call(0, 'indicator', { visible }, { timeoutMs: 2000, inject: false });
  }

  /** Releases what the engine holds in every frame that may hold something, and hides the indicator; never throws. */
  async release(): Promise<void> {
    await Promise.all([
      ...this.#frames
        .frames()
        .map((frameId) =>
          this.#call(frameId, 'release', {}, { timeoutMs: 2000, inject: false }).catch(
            () => undefined,
          ),
        ),
      this.indicator(false).catch(() => undefined),
    ]);
  }

  /**
   * Calls one frame (the top frame answers TopFrameApi too). When nobody
   * listens there (never loaded, or a new document), loads tabpilot into it
   * and asks once more.
   */
  async #call<M extends keyof TopFrameApi & string>(
    frameId: number,
    method: M,
    request: ApiRequest<TopFrameApi, M>,
    options: SendOptions = {},
  ): Promise<ApiResponse<TopFrameApi, M>> {
    try {
      return await this.#send(frameId, method, request, options.timeoutMs);
    } catch (error) {
      const gone = options.again === true && isGone(error);
      if (options.inject === false || !(isNotListening(error) || gone)) throw error;
    }
    await this.#inject(frameId);
    try {
      return await this.#send(frameId, method, request, options.timeoutMs);
    } catch (error) {
      if (frameId === 0 && isNotListening(error))
        throw new TabError('The page did not answer after tabpilot was loaded');
      throw error;
    }
  }

  async #send<M extends keyof TopFrameApi & string>(
    frameId: number,
    method: M,
    request: ApiRequest<TopFrameApi, M>,
    timeoutMs = defaultMessageTimeoutMs,
  ): Promise<ApiResponse<TopFrameApi, M>> {
    messagesSent++;
    const reply = await within(
      timeoutMs,
      `The page did not answer “${method}” within ${timeoutMs / 1000} s (is a dialog open or the page frozen?)`,
      browser.tabs.sendMessage(this.#tabId, envelope(method, request), { frameId }),
    );
    return unwrap<ApiResponse<TopFrameApi, M>>(reply, method);
  }

  /**
   * Loads content.js into a document, and the page-world hooks (page-world.js)
   * into its MAIN world: the top frame's load covers every frame of the tab,
   * an iframe's covers just that frame (one added or navigated since).
   */
  async #inject(frameId: number): Promise<void> {
    if (frameId === 0) {
      const tab = await this.tab();
      if (!isScriptableUrl(tab.url)) {
        throw new TabError(
          `The browser does not let extensions act on this page (${tab.url ?? 'unknown'})`,
        );
      }
    }
    const target: chrome.scripting.InjectionTarget =
      frameId === 0
        ? { tabId: this.#tabId, allFrames: true }
        : { tabId: this.#tabId, frameIds: [frameId] };
    const content = within(
      defaultMessageTimeoutMs,
      `The page did not take tabpilot within ${defaultMessageTimeoutMs / 1000} s (is the page frozen?)`,
      browser.scripting.executeScript({ target, files: ['content.js'] }),
    );
    // Sent right after content.js, without waiting for it: the renderer runs them in
    // that order, so the hooks' first report (a dialog) has a listener. A frame that
    // refuses the hooks (a sandboxed one) still works without their help.
    const hooks = chrome.scripting
      .executeScript({ target, world: 'MAIN', files: ['page-world.js'] })
      .catch(() => undefined);
    try {
      await content;
    } catch (error) {
      if (error instanceof TabError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      // A crashed tab ("Aw, Snap!") or a failed load shows an error page with no frame to script.
      if (/not ready|error page/i.test(message)) throw pageUnavailable();
      throw new TabError(`Could not load tabpilot into the page: ${message}`);
    }
    await hooks;
  }

  /** The id of the child frame `hit` names (its URL and place in the tab), or undefined. */
  async #frameIdFor(hit: FrameHit): Promise<number | undefined> {
    const results = await chrome.scripting
      .executeScript({
        target: { tabId: this.#tabId, allFrames: true },
        func: frameIdentity,
      })
      .catch(() => []);
    const sameUrl = results.filter((r) => r.frameId !== 0 && r.result?.url === hit.url);
    // Same-URL frames (repeated widgets) are told apart by their place in the tab.
    const placed = sameUrl.find((r) => r.result && samePath(r.result.path, hit.path));
    return (placed ?? sameUrl[0])?.frameId;
  }
}

/** `work`, or a TabTimeoutError saying `message` after `ms`. */
async function within<T>(ms: number, message: string, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TabTimeoutError(message)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function timeoutFor(action: PageAction<'frame'>): number {
  switch (action.kind) {
    case 'hold':
      return action.durationMs + 10_000;
    case 'text':
      return 10_000 + action.text.length * 50;
    default:
      return 10_000;
  }
}

/**
 * The document went away while its content script was answering (it navigated
 * or crashed); a new one, if any, has no content script yet.
 */
function isGone(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /message channel closed|message port closed/i.test(message);
}

/** The frame has no content script listening (never injected, or its document changed). */
function isNotListening(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /Receiving end does not exist|Could not establish connection/i.test(message);
}
