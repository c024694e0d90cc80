/**
 * Clicks inside iframes reach the frame's own document at frame-local
 * coordinates (same-origin and cross-origin), and typing goes to the frame that
 * was clicked.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import { openPage } from '../support/browser.ts';
import { openPopup, runTask, waitForEnd } from '../support/extension.ts';
import type { Policy } from '../support/fake-anthropic/index.ts';
import { lastUserImage } from '../support/fake-anthropic/index.ts';
import { startE2E, type E2E } from '../support/e2e.ts';
import { clickInTurn, clickOn, cyan, green, magenta, turnOf } from './policies.ts';

/** Waits until both frame-inner.html frames of a twin page have run their script. */
async function waitForInnerFrames(page: Page): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const inner = page.frames().filter((f) => f.url().endsWith('/frame-inner.html'));
    const ready = await Promise.all(
      inner.map((f) => f.evaluate(() => 'state' in window).catch(() => false)),
    );
    if (ready.length === 2 && ready.every(Boolean)) return;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error('the two inner frames did not load');
}

describe('frames', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E({ launch: { hostResolverRules: 'MAP *.test 127.0.0.1' } });
  });
  after(() => e.close());

  test('a click in a same-origin frame and typing into a cross-origin frame land in those frames', async () => {
    const policy: Policy = (req) => {
      switch (turnOf(req)) {
        case 1:
          return { toolUses: [clickOn(req, magenta)] };
        case 2:
          return { toolUses: [clickOn(req, cyan)] };
        case 3:
          return { toolUses: [{ name: 'computer', input: { action: 'type', text: 'framed\n' } }] };
        default:
          return { text: 'Done in frames.' };
      }
    };
    e.fake.setPolicy(policy);
    const page = await openPage(e.l.browser, e.site.url('/fixtures/e2e/frames.html'));
    await page.waitForFunction(() => document.querySelectorAll('iframe').length === 2);
    const popup = await openPopup(e.l);
    await runTask(popup, 'Press Go in the first frame, then submit "framed" in the second.');
    assert.equal(await waitForEnd(popup), 'Done: Done in frames.');
    const state = async (ending: string): Promise<unknown> => {
      const frame = page.frames().find((f) => f.url().endsWith(ending));
      assert.ok(frame, `frame ${ending}`);
      return frame.evaluate(() => (window as unknown as { state: unknown }).state);
    };
    assert.deepEqual(await state('/frame-inner.html'), { clicks: 1, submitted: null });
    assert.deepEqual(await state('/frame-inner.html?field'), { clicks: 0, submitted: 'framed' });
    await popup.close();
    await page.close();
  });

  test('a click lands in an iframe added after the run began', async () => {
    e.fake.setPolicy(clickInTurn([green, magenta], 'Pressed Go in the new frame.'));
    const page = await openPage(e.l.browser, e.site.url('/fixtures/e2e/late-frame.html'));
    const popup = await openPopup(e.l);
    await runTask(popup, 'Add a frame, then press Go in it.');
    assert.equal(await waitForEnd(popup), 'Done: Pressed Go in the new frame.');
    const frame = page.frames().find((f) => f.url().endsWith('/frame-inner.html?late'));
    assert.ok(frame, 'the frame was added');
    assert.deepEqual(await frame.evaluate(() => (window as unknown as { state: unknown }).state), {
      clicks: 1,
      submitted: null,
    });
    await popup.close();
    await page.close();
  });

  for (const [fixture, where] of [
    ['twin-frames.html', 'in one parent'],
    ['twin-frames.html?nested', 'at the same index in two parents'],
  ] as const) {
    test(`of two frames showing the same URL ${where}, the click goes to the one under the point`, async () => {
      e.fake.setPolicy((req) => {
        if (turnOf(req) > 1) return { text: 'Pressed the lower Go.' };
        const image = lastUserImage(req);
        assert.ok(image);
        // The lower of the two magenta buttons: the magenta pixels in the image's lower half.
        let sumX = 0;
        let sumY = 0;
        let n = 0;
        for (let y = Math.floor(image.height / 2.5); y < image.height; y++) {
          for (let x = 0; x < image.width; x++) {
            const i = (y * image.width + x) * 4;
            if (image.data[i] === 255 && image.data[i + 1] === 0 && image.data[i + 2] === 255) {
              sumX += x;
              sumY += y;
              n++;
            }
          }
        }
        assert.ok(n > 0, 'the lower button is in the screenshot');
        const coordinate = [Math.round(sumX / n), Math.round(sumY / n)];
        return { toolUses: [{ name: 'computer', input: { action: 'left_click', coordinate } }] };
      });
      const page = await openPage(e.l.browser, e.site.url(`/fixtures/e2e/${fixture}`));
      await page.waitForFunction(() => document.querySelectorAll('iframe').length === 2);
      await waitForInnerFrames(page);
      const popup = await openPopup(e.l);
      await runTask(popup, 'Press the lower Go.');
      assert.equal(await waitForEnd(popup), 'Done: Pressed the lower Go.');
      const clicks = await Promise.all(
        page
          .frames()
          .filter((f) => f.url().endsWith('/frame-inner.html'))
          .map((f) =>
            f.evaluate(() => (window as unknown as { state: { clicks: number } }).state.clicks),
          ),
      );
      assert.deepEqual(clicks, [0, 1], 'the second frame took the click');
      await popup.close();
      await page.close();
    });
  }
});
