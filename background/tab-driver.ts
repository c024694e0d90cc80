/**
 * Talks to the content script in one tab: injects it on demand (into this tab
 * only, all frames), addresses frames explicitly, and never waits forever.
 */
import browser from 'webextension-polyfill';
import type { ContentApi } from '../extension/protocol.ts';
import { envelope, unwrap, type Request, type Response } from '../extension/messaging.ts';
import { TabError, TabTimeoutError } from './errors.ts';
import { installDialogHook } from '../extension/main-world-dialogs.ts';
import { installEventHook } from '../extension/main-world-events.ts';
import type { FrameHit } from '../extension/actions.ts';
import { frameIdentity, samePath } from '../extension/frame-routing.ts';
import { partFile, type OnDemandName } from '../extension/on-demand.ts';
import { installTimerHook } from '../extension/main-world-timers.ts';

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

export function isScriptableUrl(url: string | undefined): boolean {
  if (!url) return false;
  if (/\.pdf($|[?#])/i.test(url) && !/^https?:/.test(url)) return false;
  return !unscriptable.some((r) => r.test(url));
}

export const defaultMessageTimeoutMs = 10_000;

/** The tab shows no page tabpilot can see or act on: it crashed, failed to load, or is minimized. */
export function pageUnavailable(): TabError {
  return new TabError(
    'The tab’s page cannot be seen: it crashed, failed to load, or its window is minimized. Reload or restore it and run the task again.',
  );
}

export class TabDriver {
  constructor(private currentTabId: number) {}

  /** The tab the run acts in now; it changes when a click opens a new tab. */
  get tabId(): number {
    return this.currentTabId;
  }

  switchTo(tabId: number): void {
    this.currentTabId = tabId;
  }

  async tab(): Promise<browser.Tabs.Tab> {
    try {
      return await browser.tabs.get(this.tabId);
    } catch {
      throw new TabError('The task’s tab was closed');
    }
  }

  /**
   * Makes sure the content script answers in the top frame, injecting it if
   * needed: content.js into every frame, and the top frame's own part.
   */
  async ensureContent(): Promise<void> {
    const tab = await this.tab();
    if (!isScriptableUrl(tab.url)) {
      throw new TabError(
        `The browser does not let extensions act on this page (${tab.url ?? 'unknown'})`,
      );
    }
    const before = await this.ping();
    if (before?.modules.includes('top')) return;
    await this.#loading(async () => {
      if (!before) {
        await browser.scripting.executeScript({
          target: { tabId: this.tabId, allFrames: true },
          files: ['content.js'],
        });
      }
      await this.load(0, ['top']);
    });
    const after = await this.ping();
    if (!after) throw new TabError('The page did not answer after tabpilot was loaded');
    // Chrome does not report a script that threw while loading; the risk checks and the
    // masking of sensitive fields need the top frame's part, so its absence is an error.
    if (!after.modules.includes('top'))
      throw new TabError('tabpilot’s top-frame part did not load into the page');
    if (!before) await this.#installHooks({ tabId: this.tabId, allFrames: true });
  }

  /** Runs an injection, turning a tab that cannot take scripts into a clear TabError. */
  async #loading(inject: () => Promise<void>): Promise<void> {
    try {
      await inject();
    } catch (error) {
      if (error instanceof TabError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      // A crashed tab ("Aw, Snap!") or a failed load shows an error page with no frame to script.
      if (/not ready|error page/i.test(message)) throw pageUnavailable();
      throw new TabError(`Could not load tabpilot into the page: ${message}`);
    }
  }

  /**
   * Loads parts of the content script (extension/on-demand.ts) into one frame
   * that has content.js: at once, since that frame's document is ready, and
   * within the time a message gets.
   */
  async load(frameId: number, names: readonly OnDemandName[]): Promise<void> {
    await this.#within(
      defaultMessageTimeoutMs,
      `The page did not take tabpilot’s ${names.join(' and ')} part within ${defaultMessageTimeoutMs / 1000} s (is the page frozen?)`,
      browser.scripting.executeScript({
        target: { tabId: this.tabId, frameIds: [frameId] },
        files: names.map(partFile),
        injectImmediately: true,
      }),
    );
  }

  /** `work`, or a TabTimeoutError saying `message` after `ms`. */
  async #within<T>(ms: number, message: string, work: Promise<T>): Promise<T> {
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

  /**
   * The page-world hooks: alert/confirm/prompt live in the page's own world, so
   * they are answered there (the page is never left blocked) and reported to the
   * content script's journal; setTimeout, so settling can wait for a page that
   * answers a little later; and events only the page's world can shape
   * (composed textInput, pointer capture).
   */
  async #installHooks(target: chrome.scripting.InjectionTarget): Promise<void> {
    for (const func of [installDialogHook, installTimerHook, installEventHook]) {
      await chrome.scripting.executeScript({ target, world: 'MAIN', func }).catch(() => undefined);
    }
  }

  /** Loads tabpilot into one frame of the tab (an iframe that appeared after the run began). */
  async ensureFrame(frameId: number): Promise<void> {
    const target = { tabId: this.tabId, frameIds: [frameId] };
    await browser.scripting.executeScript({ target, files: ['content.js'] });
    await this.#installHooks(target);
  }

  private async ping(): Promise<Response<ContentApi, 'ping'> | undefined> {
    try {
      return await this.call('ping', {}, { timeoutMs: 2000 });
    } catch {
      return undefined;
    }
  }

  /** The id of a child frame showing `url` (the first such frame), or undefined. */
  async frameIdFor(hit: FrameHit): Promise<number | undefined> {
    const results = await chrome.scripting
      .executeScript({
        target: { tabId: this.tabId, allFrames: true },
        func: frameIdentity,
      })
      .catch(() => []);
    const sameUrl = results.filter((r) => r.frameId !== 0 && r.result?.url === hit.url);
    // Same-URL frames (repeated widgets) are told apart by their place in the tab.
    const placed = sameUrl.find((r) => r.result && samePath(r.result.path, hit.path));
    return (placed ?? sameUrl[0])?.frameId;
  }

  /** Calls the content script in one frame (the top frame unless said). */
  async call<M extends keyof ContentApi & string>(
    method: M,
    request: Request<ContentApi, M>,
    options: { frameId?: number; timeoutMs?: number } = {},
  ): Promise<Response<ContentApi, M>> {
    const timeoutMs = options.timeoutMs ?? defaultMessageTimeoutMs;
    const reply = await this.#within(
      timeoutMs,
      `The page did not answer “${method}” within ${timeoutMs / 1000} s (is a dialog open or the page frozen?)`,
      browser.tabs.sendMessage(this.tabId, envelope(method, request), {
        frameId: options.frameId ?? 0,
      }),
    );
    return unwrap<Response<ContentApi, M>>(reply, method);
  }
}
