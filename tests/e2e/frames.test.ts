/**
 * Clicks inside iframes reach the frame's own document at frame-local
 * coordinates (same-origin and cross-origin), and typing goes to the frame that
 * was clicked.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openPage } from '../support/browser.ts';
import { openPopup, runTask, waitForEnd } from '../support/extension.ts';
import type { Policy } from '../support/fake-anthropic/index.ts';
import { startE2E, type E2E } from '../support/e2e.ts';
import { clickInTurn, clickOn, cyan, green, magenta, turnOf } from './policies.ts';

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
});
