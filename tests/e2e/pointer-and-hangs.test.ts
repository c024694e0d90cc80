/**
 * The pointer Claude moved is drawn into the screenshot it gets (composited in
 * the background, nothing in the page), and a page that stops answering ends
 * the run with a clear reason instead of hanging it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openPage } from '../support/browser.ts';
import { openPopup, runTask, waitForEnd } from '../support/extension.ts';
import { lastUserImage, type DecodedImage } from '../support/fake-anthropic/index.ts';
import { startE2E, type E2E } from '../support/e2e.ts';
import { clickOn, magenta, turnOf } from './policies.ts';

function pixel(img: DecodedImage, x: number, y: number): [number, number, number] {
  const i = (y * img.width + x) * 4;
  return [img.data[i] ?? -1, img.data[i + 1] ?? -1, img.data[i + 2] ?? -1];
}

describe('the pointer in screenshots, and pages that hang', () => {
  let e: E2E;
  before(async () => {
    e = await startE2E({ settings: {} });
  });
  after(() => e.close());

  test('the screenshot after a mouse_move shows the pointer there, and the page has no cursor element', async () => {
    let shot: DecodedImage | null = null;
    e.fake.setPolicy((req) => {
      if (turnOf(req) === 1) {
        return {
          toolUses: [{ name: 'computer', input: { action: 'mouse_move', coordinate: [400, 300] } }],
        };
      }
      shot = lastUserImage(req);
      return { text: 'Moved.' };
    });
    const page = await openPage(e.l.browser, e.site.url('/fixtures/e2e/frozen.html'));
    const popup = await openPopup(e.l);
    await runTask(popup, 'Move the mouse.');
    assert.equal(await waitForEnd(popup), 'Done: Moved.');
    const img = shot as DecodedImage | null;
    assert.ok(img, 'a screenshot came after the move');
    // The arrow's tip is at the point: white inside, black outline, the page green around it.
    assert.deepEqual(pixel(img, 402, 308), [255, 255, 255], 'inside the arrow');
    assert.deepEqual(pixel(img, 400, 305), [0, 0, 0], 'the outline on its left edge');
    assert.deepEqual(pixel(img, 430, 330), [0, 255, 0], 'the page beside it');
    const extra = await page.evaluate(
      () =>
        document.querySelectorAll('body *:not(#freeze):not(script):not(tabpilot-indicator)').length,
    );
    assert.equal(extra, 0, 'nothing was added to the page to draw it');
    await popup.close();
    await page.close();
  });

  test('a page frozen by its own script ends the run with a clear reason', async () => {
    e.fake.setPolicy((req) => ({ toolUses: [clickOn(req, magenta)] }));
    const page = await openPage(e.l.browser, e.site.url('/fixtures/e2e/frozen.html'));
    const popup = await openPopup(e.l);
    await runTask(popup, 'Press the button.');
    const status = await waitForEnd(popup, 40_000);
    assert.match(
      status,
      /did not answer .* within \d+ s \(is a dialog open or the page frozen\?\)/,
    );
    await popup.close();
    await page.close();
  });
});
