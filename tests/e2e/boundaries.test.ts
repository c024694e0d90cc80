/**
 * Only the extension's own pages may start, steer, approve or stop a run. A web
 * page cannot reach the background at all; a content script (code running in
 * our isolated world inside a page, which a compromised page could try to
 * abuse) is refused by the sender check.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import { openPage, type Launched } from '../support/browser.ts';
import { openPopup, runTask } from '../support/extension.ts';
import type { FakeAnthropic } from '../support/fake-anthropic/index.ts';
import type { StaticServer } from '../support/static-server.ts';
import { startE2E, type E2E } from '../support/e2e.ts';

/** Evaluates `expression` in the extension's content-script world of the page's top frame. */
async function inContentScriptWorld(
  page: Page,
  extensionId: string,
  expression: string,
): Promise<unknown> {
  const cdp = await page.createCDPSession();
  const contexts: { id: number; origin: string; auxData?: { type?: string; frameId?: string } }[] =
    [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable');
  const world = contexts.find(
    (c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${extensionId}`,
  );
  assert.ok(
    world,
    `the content script's world exists (contexts: ${contexts.map((c) => c.origin).join(', ')})`,
  );
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression,
    contextId: world.id,
    awaitPromise: true,
    returnByValue: true,
  });
  await cdp.detach();
  if (exceptionDetails)
    throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value;
}

describe('boundaries', () => {
  let e: E2E;
  let l: Launched;
  let fake: FakeAnthropic;
  let site: StaticServer;
  before(async () => {
    e = await startE2E({ settings: {}, policy: () => ({ text: 'ok' }) });
    ({ l, fake, site } = e);
  });
  after(() => e.close());

  test('a content script cannot start, stop, steer or approve a run, nor read the settings', async () => {
    const page = await openPage(l.browser, site.url('/fixtures/e2e/task.html'));
    // A run loads the content script into the page.
    fake.setPolicy(async () => {
      await new Promise((ok) => setTimeout(ok, 60_000));
      return { text: 'late' };
    });
    const popup = await openPopup(l);
    await runTask(popup, 'Wait.');
    const runId = await popup.$eval('p[role=status]', (e) => e.getAttribute('data-run-id'));
    assert.ok(runId);
    for (const [method, request] of [
      ['startRun', { tabId: 1, task: 'evil' }],
      ['stopRun', { runId }],
      ['stopRunInThisTab', {}],
      ['pauseRun', { runId }],
      ['resumeRun', { runId }],
      ['takeOver', { runId }],
      ['answer', { runId, questionId: 'x', choice: 'Approve' }],
      ['getSettings', {}],
      ['saveSettings', { permissionMode: 'auto' }],
    ] as const) {
      const reply = await inContentScriptWorld(
        page,
        l.extensionId ?? '',
        `chrome.runtime.sendMessage(${JSON.stringify({ channel: 'tabpilot/1', method, request })})`,
      );
      assert.deepEqual(
        reply,
        {
          ok: false,
          error: { name: 'PermissionError', message: 'Only tabpilot’s own pages may do this' },
        },
        method,
      );
    }
    assert.match(
      await popup.$eval('p[role=status]', (e) => e.textContent ?? ''),
      /^Running/,
      'the run went on untouched',
    );
    await popup.locator('::-p-aria(Stop)').click();
    await popup.close();
    await page.close();
  });

  test('a web page has no way to message the extension', async () => {
    const page = await openPage(l.browser, site.url('/fixtures/e2e/task.html'));
    const reachable = await page.evaluate(
      () =>
        typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime
          ?.sendMessage,
    );
    // Without externally_connectable in the manifest, pages get no runtime.sendMessage.
    assert.equal(reachable, 'undefined');
    await page.close();
  });
});
