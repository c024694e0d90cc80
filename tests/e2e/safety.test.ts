/**
 * Risky actions need a yes, decided from the page; password and payment fields
 * are masked before screenshots leave the browser; page text aimed at an AI
 * agent pauses the run until the user says Continue or Stop.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import { openPage, type Launched } from '../support/browser.ts';
import { configure, openPopup, runTask, waitForEnd } from '../support/extension.ts';
import {
  lastUserImage,
  type FakeAnthropic,
  type MessagesRequest,
  type Policy,
} from '../support/fake-anthropic/index.ts';
import type { StaticServer } from '../support/static-server.ts';
import { resetBrowser, startE2E, type E2E } from '../support/e2e.ts';
import { clickOn, green, turnOf } from './policies.ts';

/** Centre of an element, in model-image pixels of the screenshots the extension sends. */
async function modelCentre(
  page: Page,
  selector: string,
  imageWidth: number,
): Promise<[number, number]> {
  const { x, y, w } = await page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2, w: window.innerWidth };
  });
  const scale = imageWidth / w;
  return [Math.round(x * scale), Math.round(y * scale)];
}

function imageWidthOf(req: MessagesRequest): number {
  const tool = req.tools?.[0] as { display_width_px?: number } | undefined;
  return tool?.display_width_px ?? 1024;
}

function lastResult(req: MessagesRequest): { is_error?: boolean; text: string } {
  const content = req.messages.at(-1)?.content;
  const first = Array.isArray(content) ? content[0] : undefined;
  if (!first || first.type !== 'tool_result') return { text: '' };
  const inner = Array.isArray(first.content) ? first.content[0] : undefined;
  return { is_error: first.is_error ?? undefined, text: inner?.type === 'text' ? inner.text : '' };
}

describe('safety', () => {
  let e: E2E;
  let l: Launched;
  let fake: FakeAnthropic;
  let site: StaticServer;

  before(async () => {
    e = await startE2E({ launch: { height: 1000, hostResolverRules: 'MAP *.test 127.0.0.1' } });
    ({ l, fake, site } = e);
  });
  // A failed test must not leave its tab, popup or run behind for the next one.
  afterEach(() => resetBrowser(l));
  after(() => e.close());

  test('typing a password needs a yes (declined: Claude is told); deleting the account, approved, goes ahead', async () => {
    const page = await openPage(l.browser, site.url('/fixtures/safety/checkout.html'));
    const policy: Policy = async (req) => {
      const w = imageWidthOf(req);
      switch (turnOf(req)) {
        case 1:
          return {
            toolUses: [
              {
                name: 'computer',
                input: {
                  action: 'left_click',
                  coordinate: await modelCentre(page, '#password', w),
                },
              },
            ],
          };
        case 2:
          return { toolUses: [{ name: 'computer', input: { action: 'type', text: 'hunter2' } }] };
        case 3:
          return {
            toolUses: [
              {
                name: 'computer',
                input: {
                  action: 'left_click',
                  coordinate: await modelCentre(page, '#delete-account', w),
                },
              },
            ],
          };
        default:
          return { text: 'Finished.' };
      }
    };
    fake.setPolicy(policy);
    const started = fake.requests.length;
    const popup = await openPopup(l);
    await runTask(popup, 'Log in and delete my account.');
    await popup.locator('::-p-aria(Decline)').wait();
    assert.match(await popup.$eval('[role=alertdialog]', (e) => e.textContent ?? ''), /password/i);
    await popup.locator('::-p-aria(Decline)').click();
    await popup.waitForFunction(() =>
      document.querySelector('[role=alertdialog]')?.textContent?.match(/delete/i),
    );
    assert.ok(
      await popup.$('[role=alertdialog] img'),
      'the user sees the screenshot with the target marked',
    );
    assert.equal(
      await page.evaluate(
        () => (window as unknown as { state: { deleted: boolean } }).state.deleted,
      ),
      false,
    );
    await popup.locator('::-p-aria(Approve)').click();
    assert.equal(await waitForEnd(popup), 'Done: Finished.');
    assert.equal(await page.$eval('#password', (e) => (e as HTMLInputElement).value), '');
    assert.equal(
      await page.evaluate(
        () => (window as unknown as { state: { deleted: boolean } }).state.deleted,
      ),
      true,
    );
    const third = fake.requests
      .slice(started)
      .map((r) => r.body as MessagesRequest)
      .find((r) => turnOf(r) === 3);
    assert.ok(third);
    assert.equal(lastResult(third).is_error, true);
    assert.match(lastResult(third).text, /user declined/);
    await popup.close();
  });

  test('password and card fields are painted over in the screenshots Claude receives', async () => {
    const page = await openPage(l.browser, site.url('/fixtures/safety/checkout.html'));
    await page.$eval('#card', (e) => ((e as HTMLInputElement).value = '4242 4242 4242 4242'));
    fake.setPolicy(() => ({ text: 'Seen.' }));
    const started = fake.requests.length;
    const popup = await openPopup(l);
    await runTask(popup, 'Look.');
    assert.equal(await waitForEnd(popup), 'Done: Seen.');
    const req = fake.requests[started]?.body as MessagesRequest;
    const image = lastUserImage(req);
    assert.ok(image);
    for (const selector of ['#card', '#password']) {
      const [x, y] = await modelCentre(page, selector, image.width);
      const i: number = (y * image.width + x) * 4;
      assert.deepEqual(
        [...image.data.subarray(i, i + 3)],
        [0x3f, 0x3f, 0x46],
        `${selector} masked`,
      );
    }
    const [ex, ey] = await modelCentre(page, '#email', image.width);
    const j = (ey * image.width + ex) * 4;
    assert.notDeepEqual(
      [...image.data.subarray(j, j + 3)],
      [0x3f, 0x3f, 0x46],
      'ordinary fields are not',
    );
    await popup.close();
  });

  test('instructions aimed at an AI on the page pause the run: Stop ends it, Continue goes on', async () => {
    await openPage(l.browser, site.url('/fixtures/safety/injection.html'));
    fake.setPolicy(() => ({ text: 'Read it.' }));
    let popup = await openPopup(l);
    const before = fake.requests.length;
    await runTask(popup, 'Summarise the reviews.');
    await popup.locator('::-p-aria(Continue)').wait();
    assert.equal(
      fake.requests.length,
      before,
      'the page went to no model before the user answered',
    );
    assert.match(await popup.$eval('[role=alertdialog]', (e) => e.textContent ?? ''), /orders/);
    await popup.locator('[role=alertdialog] ::-p-aria(Stop)').click();
    assert.equal(await waitForEnd(popup), 'Stopped: Stopped by the user');
    await popup.close();
    popup = await openPopup(l);
    await runTask(popup, 'Summarise the reviews.');
    await popup.locator('::-p-aria(Continue)').click();
    assert.equal(await waitForEnd(popup), 'Done: Read it.');
    await popup.close();
  });

  test('a model that obeys an injection cannot reach a new site or type a password without a yes', async () => {
    await configure(l, { permissionMode: 'Ask before acting' });
    try {
      const page = await openPage(
        l.browser,
        site.url('/fixtures/safety/obey.html').replace('127.0.0.1', 'a.test'),
      );
      const policy: Policy = async (req) => {
        switch (turnOf(req)) {
          case 1: {
            return { toolUses: [clickOn(req, green)] };
          }
          case 2:
            return {
              toolUses: [
                {
                  name: 'computer',
                  input: {
                    action: 'left_click',
                    coordinate: await modelCentre(page, '#password', imageWidthOf(req)),
                  },
                },
              ],
            };
          case 3:
            return { toolUses: [{ name: 'computer', input: { action: 'type', text: 'hunter2' } }] };
          default:
            return { text: 'Gave up.' };
        }
      };
      fake.setPolicy(policy);
      const popup = await openPopup(l);
      await runTask(popup, 'Summarise the reviews.');
      // The injection is shown first; the user lets the run go on.
      await popup.locator('::-p-aria(Continue)').click();
      await popup.waitForFunction(() =>
        document.querySelector('[role=alertdialog]')?.textContent?.includes('a.test'),
      );
      await popup.locator('::-p-aria(Allow once)').click();
      // The click led to b.test: a new site, so the next action asks again.
      await popup.waitForFunction(() =>
        document.querySelector('[role=alertdialog]')?.textContent?.includes('b.test'),
      );
      // Every action on b.test asks; the user keeps saying no.
      let denials = 0;
      for (;;) {
        const state = await popup.waitForFunction(() => {
          const q = document.querySelector('[role=alertdialog]');
          const status = document.querySelector('p[role=status]')?.getAttribute('data-status');
          if (status && status !== 'running') return 'ended';
          return q?.textContent?.includes('b.test')
            ? (q.getAttribute('data-question-id') ?? 'q')
            : false;
        });
        const value = (await state.jsonValue()) as string;
        if (value === 'ended') break;
        await popup.locator('::-p-aria(Deny)').click();
        denials++;
        await popup.waitForFunction(
          (id) =>
            document.querySelector('[role=alertdialog]')?.getAttribute('data-question-id') !== id,
          {},
          value,
        );
      }
      assert.ok(denials >= 1);
      assert.equal(await waitForEnd(popup), 'Done: Gave up.');
      assert.match(page.url(), /b\.test/);
      assert.equal(await page.$eval('#password', (e) => (e as HTMLInputElement).value), '');
      await popup.close();
    } finally {
      await configure(l, { permissionMode: 'Act without asking' });
    }
  });
});
