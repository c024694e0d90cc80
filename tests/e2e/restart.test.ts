/**
 * Chrome may stop the service worker at any moment. Stop it at several points of
 * a run and check that the run carries on by itself, with no action repeated
 * or lost: the page sees exactly one click and the form is submitted once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { extensionWorker, openPage, type Launched } from '../support/browser.ts';
import { openPopup, runTask, waitForEnd } from '../support/extension.ts';
import { type FakeAnthropic, type MessagesRequest } from '../support/fake-anthropic/index.ts';
import type { StaticServer } from '../support/static-server.ts';
import { startE2E, type E2E } from '../support/e2e.ts';
import { fillFormPolicy, turnOf } from './policies.ts';

/** The test build's hooks on the service worker's global (background/main.ts). */
interface TestGlobals {
  tabpilotTest: { holdAt(point: string): void; reached(point: string): boolean };
}

async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  ms = 20_000,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

async function stopWorker(l: Launched): Promise<void> {
  const worker = await extensionWorker(l);
  await worker.close();
}

function lastToolResultText(req: MessagesRequest): string {
  const last = req.messages.at(-1);
  const content = Array.isArray(last?.content) ? last.content : [];
  const result = content[0] as
    { type?: string; content?: { type: string; text?: string }[] } | undefined;
  return result?.type === 'tool_result' ? (result.content?.[0]?.text ?? '') : '';
}

describe('a run survives the service worker being stopped', () => {
  let l: Launched;
  let fake: FakeAnthropic;
  let site: StaticServer;

  let e: E2E;
  before(async () => {
    e = await startE2E({ policy: fillFormPolicy });
    ({ l, fake, site } = e);
  });
  after(() => e.close());

  async function check(stop: (started: number) => Promise<void>): Promise<MessagesRequest[]> {
    const page = await openPage(l.browser, site.url('/fixtures/e2e/task.html'));
    const popup = await openPopup(l);
    const started = fake.requests.length;
    await runTask(popup, 'Press Go, then submit the name "hello tabpilot".');
    await stop(started);
    await popup.close().catch(() => undefined);
    // Carried on by itself (the resume alarm), before anyone opens the popup again.
    await until(
      () =>
        fake.requests
          .slice(started)
          .some((r) => r.status === 200 && turnOf(r.body as MessagesRequest) === 5),
      'the run to reach its last turn',
    );
    const again = await openPopup(l);
    assert.equal(await waitForEnd(again), 'Done: I pressed Go and submitted the name.');
    const state = await page.evaluate(() => (window as unknown as { state: unknown }).state);
    assert.deepEqual(state, { clicks: 1, submitted: 'hello tabpilot', focused: true });
    await again.close();
    await page.close();
    return fake.requests
      .slice(started)
      .filter((r) => r.status === 200)
      .map((r) => r.body as MessagesRequest);
  }

  test('during the model call: the request is sent again, nothing is repeated', async () => {
    let hold = true;
    fake.setPolicy(async (req, ctx) => {
      if (turnOf(req) === 2 && hold) {
        hold = false;
        await new Promise((ok) => setTimeout(ok, 60_000));
      }
      return fillFormPolicy(req, ctx);
    });
    const sent = await check(async (started) => {
      await until(
        () => fake.requests.slice(started).some((r) => turnOf(r.body as MessagesRequest) === 2),
        'turn 2',
      );
      await stopWorker(l);
    });
    assert.deepEqual(
      sent.map((r) => turnOf(r)),
      [1, 2, 3, 4, 5],
    );
  });

  for (const point of ['after-action', 'settled'] as const) {
    test(`at "${point}" (between the click and its screenshot): the click is not repeated and Claude is told`, async () => {
      fake.setPolicy(fillFormPolicy);
      const worker = await extensionWorker(l);
      await worker.evaluate(
        (p) => (globalThis as unknown as TestGlobals).tabpilotTest.holdAt(p),
        point,
      );
      const sent = await check(async () => {
        await until(
          async () =>
            (await extensionWorker(l)).evaluate(
              (p) => (globalThis as unknown as TestGlobals).tabpilotTest.reached(p),
              point,
            ),
          `the run to reach ${point}`,
        );
        await stopWorker(l);
      });
      const second = sent.find((r) => turnOf(r) === 2);
      assert.ok(second);
      assert.match(lastToolResultText(second), /restarted while carrying out this action/);
    });
  }
});
