/**
 * Launches Chromium for tests: the system browser through puppeteer-core, with
 * the flags this machine needs, optionally with the built extension loaded.
 */
import { findChrome } from '../../scripts/browser-path.ts';
import puppeteer, { type Browser, type Page, type Target, type WebWorker } from 'puppeteer-core';

export const chromeFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
  '--no-default-browser-check',
];

/** Headless Chromium draws a bar of this height above the viewport. */
export const headlessChromeBar = 87;

export function chromePath(): string {
  const found = findChrome();
  if (!found)
    throw new Error(
      'No Chromium found: set CHROME_PATH or install chromium (apt-get install chromium)',
    );
  return found;
}

export interface LaunchOptions {
  /** Built extension folder to load (dist/chrome-test). */
  readonly extensionDir?: string;
  /** Viewport size in CSS pixels. */
  readonly width?: number;
  readonly height?: number;
  readonly deviceScaleFactor?: number;
  /** A profile folder to keep between launches (a browser restart). */
  readonly userDataDir?: string;
  /** Chromium --host-resolver-rules, e.g. `MAP *.test 127.0.0.1` to serve fixtures under other names. */
  readonly hostResolverRules?: string;
  /** More Chromium flags. */
  readonly extraArgs?: readonly string[];
}

export interface Launched {
  readonly browser: Browser;
  /** The extension's id, when one was loaded. */
  readonly extensionId?: string;
  /** The extension's service worker target. */
  readonly workerTarget?: Target;
  close(): Promise<void>;
}

export async function launch(options: LaunchOptions = {}): Promise<Launched> {
  const width = options.width ?? 1024;
  const height = options.height ?? 768;
  const args = [...chromeFlags, `--window-size=${width},${height + headlessChromeBar}`];
  if (options.deviceScaleFactor)
    args.push(`--force-device-scale-factor=${options.deviceScaleFactor}`);
  if (options.hostResolverRules) args.push(`--host-resolver-rules=${options.hostResolverRules}`);
  if (options.extraArgs) args.push(...options.extraArgs);
  const browser = await puppeteer.launch({
    executablePath: chromePath(),
    headless: true,
    pipe: true,
    enableExtensions: !!options.extensionDir,
    defaultViewport: null,
    args,
    ...(options.userDataDir ? { userDataDir: options.userDataDir } : {}),
  });
  const close = async (): Promise<void> => {
    await browser.close().catch(() => undefined);
  };
  if (!options.extensionDir) return { browser, close };
  try {
    const extensionId = await browser.installExtension(options.extensionDir);
    const workerTarget = await browser.waitForTarget(
      (t) =>
        t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${extensionId}/`),
      { timeout: 15000 },
    );
    return { browser, extensionId, workerTarget, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The extension's service worker, waiting for a new one if Chrome stopped it. */
export async function extensionWorker(l: Launched): Promise<WebWorker> {
  const target = await l.browser.waitForTarget(
    (t) =>
      t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${l.extensionId}/`),
    { timeout: 15000 },
  );
  const worker = await target.worker();
  if (!worker) throw new Error('extension service worker has no worker handle');
  return worker;
}

/** Opens a URL in a new tab and brings it to the front. */
export async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.bringToFront();
  return page;
}
