import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { both, sequence, useEnv } from './helpers.ts';

const env = useEnv();

/** Centre of an element inside (nested) open shadow roots, by a path of ids. */
function shadowCentre(page: Page, ...path: string[]): Promise<[number, number]> {
  return page.evaluate((ids) => {
    let root: Document | ShadowRoot = document;
    let el: Element | null = null;
    for (const id of ids) {
      el = root.getElementById(id);
      if (el?.shadowRoot) root = el.shadowRoot;
    }
    const r = el!.getBoundingClientRect();
    return [r.left + r.width / 2, r.top + r.height / 2] as [number, number];
  }, path);
}

describe('shadow DOM (FIDELITY 14)', () => {
  it('buttons inside open shadow roots (nested too) and slotted ones get the click; typing reaches a shadow input', async () => {
    const r = await both(env, 'shadow.html', async (d) => {
      await d.click(...(await shadowCentre(d.page, 'card', 'inner')));
      await d.click(...(await shadowCentre(d.page, 'slotted')));
      await d.click(...(await shadowCentre(d.page, 'card', 'nested', 'deep')));
      await d.click(...(await shadowCentre(d.page, 'card', 'field')));
      await d.type('hi');
      await d.chord('Tab');
      return {
        hits: await d.page.evaluate(() => (window as unknown as { hits: string[] }).hits),
        seen: await sequence(d.page, ['click', 'focus']),
        active: await d.page.evaluate(
          () => document.activeElement?.shadowRoot?.activeElement?.id ?? document.activeElement?.id,
        ),
      };
    });
    assert.deepEqual(r.trusted.hits, ['inner:1', 'slotted', 'deep', 'field:h', 'field:hi']);
    assert.deepEqual(r.engine, r.trusted);
  });
});
