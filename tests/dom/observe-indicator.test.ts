import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { PNG } from 'pngjs';
import { observe, openObserved } from '../support/observe-harness.ts';
import { useEnv } from './helpers.ts';

const env = useEnv();

/** Colour of one CSS pixel of a screenshot, as `#rrggbb`. */
async function pixel(page: Page, x: number, y: number): Promise<string> {
  const png = PNG.sync.read(
    Buffer.from(
      await page.screenshot({ clip: { x, y, width: 1, height: 1 }, captureBeyondViewport: false }),
    ),
  );
  return `#${[...png.data.subarray(0, 3)].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** What the page itself can learn about the indicator and about its own layout and focus. */
function pageView(page: Page) {
  return page.evaluate(() => {
    const host = document.querySelector('tabpilot-indicator');
    const wide = document.getElementById('wide')!.getBoundingClientRect();
    return {
      hosts: document.querySelectorAll('tabpilot-indicator').length,
      shadowRoot: host?.shadowRoot ?? null,
      text: host?.textContent ?? null,
      position: host ? getComputedStyle(host).position : null,
      pointerEvents: host ? getComputedStyle(host).pointerEvents : null,
      hit: document.elementFromPoint(1, 50)?.id,
      wide: [wide.top, wide.height],
      focused: document.activeElement?.id,
    };
  });
}

describe('indicator', () => {
  it('is painted when shown and gone from the picture once hiding resolves, without disturbing the page', async () => {
    const page = await openObserved(env, 'indicator.html');
    const before = await pageView(page);
    assert.equal(await pixel(page, 1, 300), '#ffffff');

    await observe(page, 'indicator', { visible: true });
    const mutationsAfterInsert = await page.evaluate(
      () => (window as unknown as { mutations: number }).mutations,
    );
    assert.deepEqual(await pageView(page), {
      ...before,
      hosts: 1,
      shadowRoot: null,
      text: '',
      position: 'fixed',
      pointerEvents: 'none',
    });
    assert.equal(await pixel(page, 1, 300), '#d97757', 'the border is painted');

    await observe(page, 'indicator', { visible: false });
    assert.equal(await pixel(page, 1, 300), '#ffffff', 'the border is gone');
    await observe(page, 'indicator', { visible: true });
    assert.equal(await pixel(page, 1, 300), '#d97757', 'and back');
    await observe(page, 'indicator', { visible: false });
    assert.equal(await pixel(page, 1, 300), '#ffffff');

    assert.equal(
      await page.evaluate(() => (window as unknown as { mutations: number }).mutations),
      mutationsAfterInsert,
      'showing and hiding are invisible to the page’s MutationObserver',
    );
    assert.deepEqual(await pageView(page), {
      ...before,
      hosts: 1,
      shadowRoot: null,
      text: '',
      position: 'fixed',
      pointerEvents: 'none',
    });
    assert.deepEqual(await observe(page, 'journal', {}), [], 'the indicator is not news');
    await page.close();
  });
});
