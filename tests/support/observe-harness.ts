/**
 * Runs the content script's page observers in a real page for dom tests: bundles
 * an entry that starts them and puts their handlers on `window.__tabpilotObserve`,
 * and injects it with page.addScriptTag, so tests need no built extension. The
 * observers then run in the page's main world rather than an isolated one; what
 * they read (DOM, styles, performance entries, events on document) is the same.
 */
import { build } from 'esbuild';
import type { Page } from 'puppeteer-core';
import type { ContentObserveApi } from '../../content/observe/handlers.ts';
import type { ApiRequest, ApiResponse } from '../../extension/messaging.ts';
import { installDialogHook } from '../../content/page-world/dialogs.ts';
import type { Env } from './env.ts';
import { repoRoot } from './static-server.ts';

type ObserveGlobal = {
  __tabpilotObserve: {
    [M in keyof ContentObserveApi]: (r: ApiRequest<ContentObserveApi, M>) => unknown;
  };
};

const entry = `
import { observeHandlers, startObserving } from './content/observe/handlers.ts';
startObserving();
window.__tabpilotObserve = observeHandlers;
`;

let bundled: Promise<string> | undefined;

/** The observers' bundle (built once per process). */
export function observeBundle(): Promise<string> {
  bundled ??= build({
    stdin: {
      contents: entry,
      resolveDir: repoRoot,
      loader: 'ts',
      sourcefile: 'observe-test-entry.ts',
    },
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]?.text ?? '');
  return bundled;
}

/** Injects the observers into the page's top frame (again after every navigation). */
export async function injectObservers(page: Page): Promise<void> {
  await page.addScriptTag({ content: await observeBundle() });
}

/** Installs the dialog hook the way the background does: the function's own source, run in the main world. */
export async function injectDialogHook(page: Page): Promise<void> {
  await page.evaluate(`(${installDialogHook.toString()})()`);
}

/** Calls one observer handler in the page. */
export function observe<M extends keyof ContentObserveApi & string>(
  page: Page,
  method: M,
  request: ApiRequest<ContentObserveApi, M>,
): Promise<ApiResponse<ContentObserveApi, M>> {
  return page.evaluate(
    (m, r) =>
      (window as unknown as ObserveGlobal).__tabpilotObserve[m as keyof ContentObserveApi](
        r as never,
      ),
    method,
    request as never,
  ) as Promise<ApiResponse<ContentObserveApi, M>>;
}

/**
 * Opens a fixture in a new page of the env's browser, with the observers
 * injected: `path` under tests/fixtures/observe, or under tests/fixtures when it
 * names a folder.
 */
export async function openObserved(env: Env, path: string): Promise<Page> {
  const page = await env.launched.browser.newPage();
  await page.goto(env.server.url(`/fixtures/${path.includes('/') ? path : `observe/${path}`}`), {
    waitUntil: 'load',
  });
  await injectObservers(page);
  return page;
}

/** Calls observer handlers in one world of a page. */
export type Observer = <M extends keyof ContentObserveApi & string>(
  method: M,
  request: ApiRequest<ContentObserveApi, M>,
) => Promise<ApiResponse<ContentObserveApi, M>>;

/**
 * Injects the observers into a fresh isolated world of the page's top frame, the
 * kind of world a content script runs in (same DOM, separate globals), and
 * returns a caller for them. For what only an isolated world can get wrong:
 * seeing the page's requests and hearing the main-world dialog hook.
 */
export async function isolatedObserver(page: Page): Promise<Observer> {
  const cdp = await page.createCDPSession();
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const { executionContextId: contextId } = await cdp.send('Page.createIsolatedWorld', {
    frameId: frameTree.frame.id,
    worldName: 'tabpilot-observe-test',
  });
  const evaluate = async (expression: string): Promise<unknown> => {
    const r = await cdp.send('Runtime.evaluate', {
      expression,
      contextId,
      awaitPromise: true,
      returnByValue: true,
    });
    if (r.exceptionDetails)
      throw new Error(r.exceptionDetails.exception?.description ?? r.exceptionDetails.text);
    return r.result.value;
  };
  await evaluate(await observeBundle());
  return (method, request) =>
    evaluate(`window.__tabpilotObserve.${method}(${JSON.stringify(request)})`) as Promise<
      ApiResponse<ContentObserveApi, typeof method>
    >;
}
