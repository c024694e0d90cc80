import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import type { PageTextFragment } from '../../extension/protocol.ts';
import { detectInjection } from '../../background/injection-detector.ts';
import { observe, openObserved } from '../support/observe-harness.ts';
import { useEnv } from './helpers.ts';

const env = useEnv();

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** What the fixture expects: each marked element's text (or label) and how it is hidden. */
function expectations(page: Page, attribute: string) {
  return page.$$eval(
    `[${attribute}]`,
    (els, attribute) =>
      els.map((el) => ({
        text:
          el.getAttribute('aria-description') ??
          el.getAttribute('alt') ??
          (el.tagName === 'BUTTON' ? el.getAttribute('aria-label') : null) ??
          el.textContent ??
          '',
        hidden: el.getAttribute(attribute),
      })),
    attribute,
  );
}

function fragmentWith(
  fragments: readonly PageTextFragment[],
  text: string,
): PageTextFragment | undefined {
  return fragments.find((f) => f.text.includes(text));
}

describe('pageText', () => {
  it('reports each way of hiding text, and plain text as visible', async () => {
    const page = await openObserved(env, 'hidden-text.html');
    const fragments = await observe(page, 'pageText', {});
    for (const { text, hidden } of await expectations(page, 'data-hidden')) {
      const want = squash(text.replace(/First option.*/s, 'First option'));
      const found = fragmentWith(fragments, want);
      assert.ok(found, `no fragment with “${want}”`);
      assert.equal(found.hidden ?? 'visible', hidden, `how “${want}” is hidden`);
    }
    assert.equal(fragmentWith(fragments, 'User draft'), undefined, 'form values are the user’s');
    assert.deepEqual(fragmentWith(fragments, 'Plain paragraph'), {
      text: 'Plain paragraph with bold words.',
      hidden: null,
      source: 'p',
    });
    await page.close();
  });

  it('finds the injection attempts of the shop page with their hiding, for the detector', async () => {
    const page = await openObserved(env, 'safety/injection.html');
    const fragments = await observe(page, 'pageText', {});
    for (const { text, hidden } of await expectations(page, 'data-injection')) {
      const want = squash(text).slice(0, 40);
      const found = fragmentWith(fragments, want);
      assert.ok(found, `no fragment with “${want}”`);
      assert.equal(found.hidden ?? 'visible', hidden, `how “${want}” is hidden`);
    }
    assert.equal(fragmentWith(fragments, 'Speckled stoneware vase')?.hidden, null);
    assert.equal(fragmentWith(fragments, 'Price: €48.00')?.hidden, null);
    const result = detectInjection(fragments);
    assert.equal(result.found, true);
    await page.close();
  });

  it('leaves out the indicator', async () => {
    const page = await openObserved(env, 'hidden-text.html');
    await observe(page, 'indicator', { visible: true });
    const fragments = await observe(page, 'pageText', {});
    assert.equal(fragmentWith(fragments, 'tabpilot'), undefined);
    await page.close();
  });
});
