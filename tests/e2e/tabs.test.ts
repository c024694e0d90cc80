/** A click that opens a new tab: the run follows it, Claude is told, and the tabs stay together. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { extensionWorker, openPage, type Launched } from '../support/browser.ts';
import { openPopup, runTask, transcript, waitForEnd } from '../support/extension.ts';
import type { FakeAnthropic, MessagesRequest } from '../support/fake-anthropic/index.ts';
import type { StaticServer } from '../support/static-server.ts';
import { startE2E, type E2E } from '../support/e2e.ts';
import { clickInTurn, green, magenta, turnOf } from './policies.ts';

describe('tabs', () => {
  let e: E2E;
  let l: Launched;
  let fake: FakeAnthropic;
  let site: StaticServer;
  before(async () => {
    e = await startE2E({ settings: {} });
    ({ l, fake, site } = e);
  });
  after(() => e.close());

  test('the run follows a tab its click opened, and groups the two', async () => {
    fake.setPolicy(clickInTurn([green, magenta], 'Pressed Go in the new tab.'));
    const opener = await openPage(l.browser, site.url('/fixtures/e2e/opener.html'));
    let popup = await openPopup(l);
    const started = fake.requests.length;
    await runTask(popup, 'Open the task and press Go.');
    // The new tab takes focus, which closes the popup, as it does for a person; the run goes on.
    const end = Date.now() + 20_000;
    while (
      !fake.requests
        .slice(started)
        .some((r) => r.status === 200 && turnOf(r.body as MessagesRequest) === 3)
    ) {
      assert.ok(Date.now() < end, 'the run reached its last turn');
      await new Promise((ok) => setTimeout(ok, 50));
    }
    if (!popup.isClosed()) await popup.close();
    // Reopened on the new tab, the popup shows the run that moved there.
    popup = await openPopup(l);
    assert.equal(await waitForEnd(popup), 'Done: Pressed Go in the new tab.');
    const lines = await transcript(popup);
    assert.ok(
      lines.some((t) => t.includes('opened a new tab')),
      lines.join(' | '),
    );
    const pages = await l.browser.pages();
    const task = pages.find((p) => p.url().endsWith('/fixtures/e2e/task.html'));
    assert.ok(task, 'the new tab exists');
    assert.equal(
      await task.evaluate(() => (window as unknown as { state: { clicks: number } }).state.clicks),
      1,
    );
    const worker = await extensionWorker(l);
    const groups = await worker.evaluate(async () => {
      const tabs = await chrome.tabs.query({});
      return tabs.filter((t) => t.url?.includes('/fixtures/e2e/')).map((t) => t.groupId);
    });
    assert.equal(groups.length, 2);
    assert.ok(groups[0] !== -1 && groups[0] === groups[1], `grouped: ${groups.join(',')}`);
    await popup.close();
    await opener.close();
    await task.close();
  });

  test('closing the run’s only tab ends the run with the reason, and the record is kept', async () => {
    fake.setPolicy(async () => {
      await new Promise((ok) => setTimeout(ok, 1500));
      return { toolUses: [{ name: 'computer', input: { action: 'screenshot' } }] };
    });
    const page = await openPage(l.browser, site.url('/fixtures/e2e/task.html'));
    let popup = await openPopup(l);
    await runTask(popup, 'Keep looking.');
    await popup.close();
    await page.close();
    // Reopened on another tab, the popup shows that tab's (no) run; the record is in the worker.
    const worker = await extensionWorker(l);
    const end = Date.now() + 15_000;
    let last: { status: string; reason?: string } | undefined;
    while (Date.now() < end) {
      last = await worker.evaluate(async () => {
        const { runs } = (await chrome.storage.local.get('runs')) as { runs: { id: string }[] };
        const id = runs.at(-1)?.id ?? '';
        const record = (await chrome.storage.local.get(`run:${id}`))[`run:${id}`] as
          { status: string; reason?: string } | undefined;
        return record && { status: record.status, reason: record.reason };
      });
      if (last && last.status !== 'running') break;
      await new Promise((ok) => setTimeout(ok, 100));
    }
    assert.deepEqual(last, { status: 'failed', reason: 'The task’s tab was closed' });
    popup = await openPopup(l);
    await popup.close();
  });

  test('a page no extension may script: a clear message, no run', async () => {
    const page = await l.browser.newPage();
    await page.goto('chrome://version');
    await page.bringToFront();
    const popup = await openPopup(l);
    await popup.locator('::-p-aria(Task)').fill('Read the version.');
    await popup.locator('::-p-aria(Run)').click();
    await popup.waitForSelector('[role=alert]');
    assert.match(
      await popup.$eval('[role=alert]', (e) => e.textContent ?? ''),
      /does not let extensions act on this page \(chrome:\/\/version\/\)/,
    );
    await popup.close();
    await page.close();
  });

  test('a tab that crashes mid-run: the run ends with a clear message', async () => {
    let crash: () => void = () => undefined;
    const crashed = new Promise<void>((ok) => (crash = ok));
    fake.setPolicy(async (req) => {
      if (turnOf(req) === 2) await crashed;
      return { toolUses: [{ name: 'computer', input: { action: 'screenshot' } }] };
    });
    const page = await openPage(l.browser, site.url('/fixtures/e2e/task.html'));
    const popup = await openPopup(l);
    await runTask(popup, 'Keep looking.');
    await popup.waitForFunction(() =>
      document.querySelector('[role=log]')?.textContent?.includes('screenshot'),
    );
    await page.goto('chrome://crash').catch(() => undefined);
    crash();
    const status = await waitForEnd(popup, 20_000);
    assert.match(status, /^Failed: The tab’s page cannot be seen: it crashed/);
    await popup.close();
    await page.close().catch(() => undefined);
  });
});
