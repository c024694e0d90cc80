/**
 * Every run leaves a record (task, steps, actions, usage, outcome, screenshots)
 * that survives a browser restart; old records are pruned by count and by size,
 * never the run that is going.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { extensionWorker, launch, openPage, type Launched } from '../support/browser.ts';
import { configure, openPopup, runTask, waitForEnd } from '../support/extension.ts';
import { startFakeAnthropic, type FakeAnthropic } from '../support/fake-anthropic/index.ts';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';
import { testExtensionDir } from '../support/e2e.ts';

interface Stored {
  ids: string[];
  records: Record<
    string,
    { task: string; status: string; steps: number; entries: unknown[] } | undefined
  >;
  loops: string[];
}

/** What storage holds: the run index, the records, and which runs have loop state (screenshots). */
async function stored(l: Launched): Promise<Stored> {
  const worker = await extensionWorker(l);
  return worker.evaluate(async () => {
    const all = await chrome.storage.local.get(null);
    const ids = ((all['runs'] as { id: string }[] | undefined) ?? []).map((e) => e.id);
    const records = Object.fromEntries(ids.map((id) => [id, all[`run:${id}`]]));
    const loops = Object.keys(all)
      .filter((k) => k.startsWith('loop:'))
      .map((k) => k.slice(5));
    return { ids, records, loops } as never;
  });
}

async function setLimits(l: Launched, limits: { runs?: number; bytes?: number }): Promise<void> {
  const worker = await extensionWorker(l);
  await worker.evaluate(
    (x) =>
      (
        globalThis as unknown as { tabpilotTest: { setRecordLimits(v: unknown): void } }
      ).tabpilotTest.setRecordLimits(x),
    limits,
  );
}

describe('run records', () => {
  let fake: FakeAnthropic;
  let site: StaticServer;
  let profile: string;
  before(async () => {
    fake = await startFakeAnthropic({
      policy: (req) =>
        req.messages.length === 1
          ? { toolUses: [{ name: 'computer', input: { action: 'screenshot' } }] }
          : { text: 'Looked.' },
    });
    site = await startStaticServer();
    profile = mkdtempSync(join(tmpdir(), 'tabpilot-profile-'));
  });
  after(async () => {
    await Promise.all([fake.close(), site.close()]);
    rmSync(profile, { recursive: true, force: true });
  });

  async function runOnce(l: Launched, task: string): Promise<void> {
    const page = await openPage(l.browser, site.url('/fixtures/e2e/task.html'));
    const popup = await openPopup(l);
    await runTask(popup, task);
    assert.equal(await waitForEnd(popup), 'Done: Looked.');
    await popup.close();
    await page.close();
  }

  test('records are pruned by count and by size, and survive a browser restart', async () => {
    let l = await launch({ extensionDir: testExtensionDir, userDataDir: profile });
    try {
      await configure(l, {
        apiKey: 'sk-ant-test-key',
        baseUrl: fake.url,
        permissionMode: 'Act without asking',
      });
      await setLimits(l, { runs: 2 });
      for (const task of ['first', 'second', 'third']) await runOnce(l, task);
      let s = await stored(l);
      assert.deepEqual(
        s.ids.map((id) => s.records[id]?.task),
        ['second', 'third'],
        'by count: the oldest run went',
      );
      assert.equal(s.loops.length, 2, 'its screenshots went with it');
      // By size: with a budget of one byte only the newest run stays.
      await setLimits(l, { runs: 50, bytes: 1 });
      await runOnce(l, 'fourth');
      s = await stored(l);
      assert.deepEqual(
        s.ids.map((id) => s.records[id]?.task),
        ['fourth'],
      );
      assert.deepEqual(s.loops, s.ids);
    } finally {
      await l.close();
    }
    // A browser restart with the same profile keeps the record, with its steps and outcome.
    l = await launch({ extensionDir: testExtensionDir, userDataDir: profile });
    try {
      const s = await stored(l);
      const record = s.records[s.ids[0] ?? ''];
      assert.equal(record?.task, 'fourth');
      assert.equal(record?.status, 'done');
      assert.equal(record?.steps, 2);
      assert.ok((record?.entries.length ?? 0) >= 3);
      assert.deepEqual(s.loops, s.ids, 'and its screenshots');
    } finally {
      await l.close();
    }
  });
});
