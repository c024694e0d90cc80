/**
 * Runs the content script's engine in a real page for dom tests: bundles a test
 * entry that puts the engine on `window.__tabpilotEngine` and evaluates it in an
 * isolated world of the page's top frame (puppeteer's utility world), as Chrome
 * runs a content script, so tests need no built extension. The page's own world
 * gets the hook the background injects there (content/page-world/events.ts).
 */
import { build } from 'esbuild';
import type { Browser, CDPSession, Frame, Page, Protocol } from 'puppeteer-core';
import type { ActionReport, PageAction } from '../../extension/actions.ts';
import { toEngineAction } from '../../background/engine-action.ts';
import { installEventHook } from '../../content/page-world/events.ts';
import type { ViewportMetrics } from '../../extension/protocol.ts';
import { repoRoot } from './static-server.ts';

let bundled: Promise<string> | undefined;

/** The engine's bundle (built once per process), as content.js is built: one IIFE. */
function engineBundle(): Promise<string> {
  bundled ??= build({
    entryPoints: [`${repoRoot}/tests/support/engine-entry.ts`],
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    define: { __TEST__: 'true' },
    write: false,
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]?.text ?? '');
  return bundled;
}

interface EngineWorld {
  readonly session: CDPSession;
  readonly contextId: number;
}

/** A page (its top frame) or one of its frames. */
export type EngineHost = Page | Frame;

function frameOf(host: EngineHost): Frame {
  return 'mainFrame' in host ? host.mainFrame() : host;
}

/** The isolated world the engine runs in, per frame: one per document, like a content script's. */
const worlds = new WeakMap<Frame, EngineWorld>();
const pageSessions = new WeakMap<Page, Promise<CDPSession>>();

async function evaluateInWorld<T>(host: EngineHost, expression: string): Promise<T> {
  const world = worlds.get(frameOf(host));
  if (!world) throw new Error('the engine was not injected into this frame');
  const r = await world.session.send('Runtime.evaluate', {
    expression,
    contextId: world.contextId,
    awaitPromise: true,
    returnByValue: true,
  });
  if (r.exceptionDetails) {
    const d = r.exceptionDetails;
    throw new Error(`engine: ${d.exception?.description ?? d.text}`);
  }
  return r.result.value as T;
}

type FrameTree = Protocol.Page.FrameTree;

function frameIdByUrl(tree: FrameTree, url: string): string | undefined {
  if (tree.frame.url === url) return tree.frame.id;
  for (const child of tree.childFrames ?? []) {
    const id = frameIdByUrl(child, url);
    if (id) return id;
  }
  return undefined;
}

/** A new isolated world in `frame`: through the page's session, or an out-of-process frame's own. */
async function createWorld(frame: Frame): Promise<EngineWorld> {
  const page = frame.page();
  let pageSession = pageSessions.get(page);
  if (!pageSession) {
    pageSession = page.createCDPSession();
    pageSessions.set(page, pageSession);
  }
  const sessions = [await pageSession];
  if (frame !== page.mainFrame()) {
    // An out-of-process frame is a target of its own; other pages may show the same URL, so
    // mark the frame's document and take the target that shows the mark.
    const mark = `${Date.now()}-${Math.random()}`;
    await frame.evaluate(
      (m) => ((window as unknown as { __harnessMark: string }).__harnessMark = m),
      mark,
    );
    for (const t of page.browser().targets()) {
      if (t.type() === 'page' || t.url() !== frame.url()) continue;
      const session = await t.createCDPSession();
      const seen = await session.send('Runtime.evaluate', {
        expression: 'window.__harnessMark',
        returnByValue: true,
      });
      if (seen.result.value === mark) sessions.unshift(session);
      else await session.detach();
    }
  }
  for (const session of sessions) {
    const { frameTree } = await session.send('Page.getFrameTree');
    const frameId =
      frame === page.mainFrame() ? frameTree.frame.id : frameIdByUrl(frameTree, frame.url());
    if (!frameId) continue;
    const world = await session
      .send('Page.createIsolatedWorld', { frameId, worldName: 'tabpilot-engine' })
      .catch(() => undefined);
    if (world) return { session, contextId: world.executionContextId };
  }
  throw new Error(`no isolated world could be made in ${frame.url()}`);
}

/** Injects the engine into a page's top frame or into one frame (again after every navigation). */
export async function injectEngine(host: EngineHost): Promise<void> {
  const frame = frameOf(host);
  worlds.set(frame, await createWorld(frame));
  await evaluateInWorld(frame, await engineBundle());
  await frame.evaluate(installEventHook);
}

/** Evaluates the engine's content.js once more in the frame's world, as a repeated injection does. */
export async function injectEngineAgain(host: EngineHost): Promise<void> {
  await evaluateInWorld(host, await engineBundle());
}

export function hasEngine(host: EngineHost): boolean {
  return worlds.has(frameOf(host));
}

const engine = 'window.__tabpilotEngine';

/**
 * Carries out an action in one frame, at that frame's own CSS pixels (a top
 * frame's viewport pixels are its frame pixels, so tests of one page use those).
 */
export function perform(
  host: EngineHost,
  action: PageAction<'frame' | 'viewport'>,
): Promise<ActionReport> {
  const engineAction = toEngineAction(action as PageAction<'frame'>);
  return evaluateInWorld(host, `${engine}.perform(${JSON.stringify(engineAction)})`);
}

export function leave(host: EngineHost, what: { pointer: boolean; focus: boolean }): Promise<void> {
  return evaluateInWorld(host, `${engine}.leave(${JSON.stringify(what)})`);
}

export function release(host: EngineHost): Promise<void> {
  return evaluateInWorld(host, `${engine}.release()`);
}

export function measure(host: EngineHost): Promise<ViewportMetrics> {
  return evaluateInWorld(host, `${engine}.measure()`);
}

/**
 * A page that is visible but lacks system focus, as the task's tab is while the
 * user watches the run in the extension's popup or side panel: rendering and
 * rAF run, but `document.hasFocus()` is false, so `focus()` fires no focus
 * events there. In headless Chromium that is the tab of the window the browser
 * starts with, as long as nothing brings it to the front; pages opened later
 * (in windows of their own) get focus. Reuse it: navigate it for each test.
 */
export async function unfocusedPage(browser: Browser): Promise<Page> {
  const [page] = await browser.pages();
  if (!page) throw new Error('the browser has no initial tab');
  return page;
}
