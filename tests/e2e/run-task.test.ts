/**
 * The whole product, as a user meets it: settings page, popup, Run, and a
 * scripted model that sees only the screenshots (it finds its targets by their
 * colour in the decoded image), against the strict fake Messages API.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openPage } from '../support/browser.ts';
import {
  configure,
  openPopup,
  runTask,
  setZoom,
  tabIdOf,
  transcript,
  waitForEnd,
} from '../support/extension.ts';
import type { FakeAnthropic, MessagesRequest } from '../support/fake-anthropic/index.ts';
import { fillFormPolicy, turnOf } from './policies.ts';

import { startE2E, type E2E } from '../support/e2e.ts';

/** The button's centre on the fixture page, viewport CSS pixels. */
const goCentre = { x: 413 + 97 / 2, y: 151 + 41 / 2 };

type Setup = E2E;

function setUp(options: { deviceScaleFactor?: number } = {}): Promise<Setup> {
  return startE2E({ launch: { width: 1024, height: 768, ...options }, policy: fillFormPolicy });
}

async function tearDown(s: Setup | undefined): Promise<void> {
  await s?.close();
}

for (const variant of [
  { name: 'device scale factor 1', deviceScaleFactor: 1, zoom: 1 },
  { name: 'device scale factor 2', deviceScaleFactor: 2, zoom: 1 },
  { name: '150% page zoom', deviceScaleFactor: 1, zoom: 1.5 },
]) {
  describe(`a task from the popup, ${variant.name}`, () => {
    let s: Setup | undefined;
    before(async () => {
      s = await setUp({ deviceScaleFactor: variant.deviceScaleFactor });
    });
    after(() => tearDown(s));

    test('Claude finds the button by colour, clicks, types, presses Return and answers', async () => {
      assert.ok(s);
      const url = s.site.url('/fixtures/e2e/task.html');
      const page = await openPage(s.l.browser, url);
      if (variant.zoom !== 1) {
        await setZoom(s.l, await tabIdOf(s.l, url), variant.zoom);
        await page.waitForFunction(
          (w) => Math.abs(window.innerWidth - w) <= 1,
          {},
          Math.round(1024 / variant.zoom),
        );
      }
      const popup = await openPopup(s.l);
      await runTask(popup, 'Press Go, then submit the name "hello tabpilot".');
      const status = await waitForEnd(popup);
      assert.equal(status, 'Done: I pressed Go and submitted the name.');

      const state = await page.evaluate(() => (window as unknown as { state: unknown }).state);
      assert.deepEqual(state, { clicks: 1, submitted: 'hello tabpilot', focused: true });

      const lines = await transcript(popup);
      assert.match(lines[0] ?? '', /Press Go/);
      assert.ok(
        lines.some((l) => l.includes('I see a magenta button')),
        'Claude’s words are shown',
      );
      const click = lines.find((l) => l.startsWith('▸ left_click'));
      assert.ok(click, `a click in ${lines.join(' | ')}`);
      // The click landed within a pixel of the button's centre, in page CSS pixels.
      const m = /page \(([\d.]+), ([\d.]+)\)/.exec(click);
      assert.ok(m, click);
      const tolerance =
        1 + 1024 / variant.zoom / (s.fake.requests.length ? imageWidth(s.fake) : 1024);
      assert.ok(Math.abs(Number(m[1]) - goCentre.x) <= tolerance, `x ${m[1]} vs ${goCentre.x}`);
      assert.ok(Math.abs(Number(m[2]) - goCentre.y) <= tolerance, `y ${m[2]} vs ${goCentre.y}`);
      assert.ok(lines.some((l) => l.includes('type "hello tabpilot"')));
      assert.ok(lines.some((l) => l.includes('key "Return"')));
      assert.equal(s.fake.requests.filter((r) => r.status === 200).length, 5);
      // Tokens and estimated cost so far, from the API's usage reports.
      assert.match(
        await popup.$eval('p.usage', (e) => e.textContent ?? ''),
        /^5 steps · [1-9]\d* input tokens \(\d+ from cache\) · [1-9]\d* output tokens · about \$\d/,
      );
      await popup.close();
      await page.close();
    });
  });
}

/** Width of the screenshots the extension sent, model pixels (from the computer tool's definition). */
function imageWidth(fake: FakeAnthropic): number {
  const body = fake.requests[0]?.body as { tools?: { display_width_px?: number }[] } | undefined;
  return body?.tools?.[0]?.display_width_px ?? 1024;
}

describe('run control and failures', () => {
  let s: Setup | undefined;
  let url = '';
  before(async () => {
    s = await setUp();
    url = s.site.url('/fixtures/e2e/task.html');
  });
  after(() => tearDown(s));

  test('closing and reopening the popup mid-run shows the run still going with its steps', async () => {
    assert.ok(s);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((ok) => (release = ok));
    s.fake.setPolicy(async (req) => {
      if (turnOf(req) === 2) await gate;
      return fillFormPolicy(req, { turn: 0, requests: [] });
    });
    const page = await openPage(s.l.browser, url);
    let popup = await openPopup(s.l);
    await runTask(popup, 'Press Go and submit the name.');
    await popup.waitForFunction(() =>
      document.querySelector('[role=log]')?.textContent?.includes('left_click'),
    );
    await popup.close();
    popup = await openPopup(s.l);
    await popup.waitForFunction(() =>
      document.querySelector('[role=log]')?.textContent?.includes('left_click'),
    );
    assert.match(await popup.$eval('p[role=status]', (e) => e.textContent ?? ''), /^Running/);
    release();
    assert.equal(await waitForEnd(popup), 'Done: I pressed Go and submitted the name.');
    await popup.close();
    await page.close();
  });

  test('Stop ends the run at once and keeps its record', async () => {
    assert.ok(s);
    s.fake.setPolicy(async (req) => {
      if (turnOf(req) === 2) await new Promise((ok) => setTimeout(ok, 60_000));
      return fillFormPolicy(req, { turn: 0, requests: [] });
    });
    const page = await openPage(s.l.browser, url);
    let popup = await openPopup(s.l);
    const before = s.fake.requests.length;
    await runTask(popup, 'Press Go and wait.');
    await popup.waitForFunction(() =>
      document.querySelector('[role=log]')?.textContent?.includes('left_click'),
    );
    await popup.locator('::-p-aria(Stop)').click();
    assert.equal(await waitForEnd(popup, 5000), 'Stopped: Stopped by the user');
    // Stopped before the held second turn: no model turn after the first was answered.
    assert.ok(
      !s.fake.requests
        .slice(before)
        .some((r) => r.status === 200 && turnOf(r.body as MessagesRequest) >= 2),
    );
    await popup.close();
    popup = await openPopup(s.l);
    await popup.waitForFunction(
      () => document.querySelector('p[role=status]')?.getAttribute('data-status') === 'stopped',
    );
    const lines = await transcript(popup);
    assert.ok(
      lines.some((l) => l.startsWith('▸ left_click')),
      'the steps before Stop are kept',
    );
    await popup.close();
    await page.close();
  });

  test('malformed tool input goes back to Claude as an is_error result and the run goes on', async () => {
    assert.ok(s);
    s.fake.setPolicy((req) => {
      const turn = turnOf(req);
      if (turn === 1)
        return {
          toolUses: [{ name: 'computer', input: { action: 'left_click', coordinate: [99999, 5] } }],
        };
      if (turn === 2)
        return { toolUses: [{ name: 'computer', input: { action: 'key', text: 'ctrl+Bogus' } }] };
      if (turn === 3) return { toolUses: [{ name: 'computer', input: { action: 'fly' } }] };
      if (turn === 4) return { toolUses: [{ name: 'computer', input: { action: 'screenshot' } }] };
      return { text: 'Recovered.' };
    });
    const page = await openPage(s.l.browser, url);
    const popup = await openPopup(s.l);
    const before = s.fake.requests.length;
    await runTask(popup, 'Try things.');
    assert.equal(await waitForEnd(popup), 'Done: Recovered.');
    const results = s.fake.requests.slice(before).map((r) => {
      const body = r.body as { messages: { content: unknown }[] };
      const last = body.messages.at(-1)?.content;
      return Array.isArray(last)
        ? (last[0] as { is_error?: boolean; content?: { text?: string }[] })
        : undefined;
    });
    assert.equal(results[1]?.is_error, true);
    assert.match(results[1]?.content?.[0]?.text ?? '', /99999/);
    assert.equal(results[2]?.is_error, true);
    assert.match(results[2]?.content?.[0]?.text ?? '', /Bogus/);
    assert.equal(results[3]?.is_error, true);
    assert.match(results[3]?.content?.[0]?.text ?? '', /fly/);
    assert.equal(results[4]?.is_error, undefined);
    const lines = await transcript(popup);
    assert.equal(lines.filter((l) => l.startsWith('▸ left_click (99999, 5)')).length, 1);
    await popup.close();
    await page.close();
  });

  test('a rejected API key (401) is explained in the popup', async () => {
    assert.ok(s);
    await configure(s.l, { apiKey: 'sk-ant-wrong' });
    const page = await openPage(s.l.browser, url);
    const popup = await openPopup(s.l);
    await runTask(popup, 'Anything.');
    const status = await waitForEnd(popup);
    assert.match(status, /^Failed: The API key was rejected \(401 authentication_error\)/);
    await popup.close();
    await page.close();
    await configure(s.l, { apiKey: 'sk-ant-test-key' });
  });

  test('an API that keeps failing (500) is explained in the popup', async () => {
    assert.ok(s);
    s.fake.setPolicy(() => ({
      error: { status: 500, type: 'api_error', message: 'Internal server error' },
      retryAfter: 0,
    }));
    const page = await openPage(s.l.browser, url);
    const popup = await openPopup(s.l);
    await runTask(popup, 'Anything.');
    const status = await waitForEnd(popup, 30_000);
    assert.match(status, /^Failed: The API kept failing \(500 api_error\): Internal server error/);
    await popup.close();
    await page.close();
  });

  test('an unreachable API is explained in the popup', async () => {
    assert.ok(s);
    await configure(s.l, { baseUrl: 'http://127.0.0.1:9' });
    const page = await openPage(s.l.browser, url);
    const popup = await openPopup(s.l);
    await runTask(popup, 'Anything.');
    assert.match(
      await waitForEnd(popup, 30_000),
      /^Failed: Could not reach the API at http:\/\/127\.0\.0\.1:9/,
    );
    await popup.close();
    await page.close();
    await configure(s.l, { baseUrl: s.fake.url });
  });
});
