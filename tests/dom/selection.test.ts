import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { both, useEnv, type Driver } from './helpers.ts';

const env = useEnv();

/** Viewport point at the middle of character `offset` of #para's text. */
function charPoint(
  page: Page,
  offset: number,
  side: 'left' | 'middle' = 'middle',
): Promise<[number, number]> {
  return page.$eval(
    '#para',
    (p, o, s) => {
      const range = document.createRange();
      const text = p.firstChild as Text;
      range.setStart(text, o);
      range.setEnd(text, o + 1);
      const r = range.getBoundingClientRect();
      return [s === 'left' ? r.left + 1 : r.left + r.width / 2, r.top + r.height / 2] as [
        number,
        number,
      ];
    },
    offset,
    side,
  );
}

/** A point inside a text control at character `offset` (monospace font). */
function controlPoint(page: Page, selector: string, offset: number): Promise<[number, number]> {
  return page.$eval(
    selector,
    (el, o) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      const ch = parseFloat(style.fontSize) * 0.6;
      return [
        r.left + parseFloat(style.paddingLeft) + 2 + ch * (o + 0.5),
        r.top + parseFloat(style.paddingTop) + 10,
      ] as [number, number];
    },
    offset,
  );
}

const selected = (d: Driver) => d.page.evaluate(() => getSelection()?.toString() ?? '');
const controlSelection = (d: Driver, selector: string) =>
  d.page.$eval(selector, (e) => {
    const c = e as HTMLInputElement;
    return c.value.slice(c.selectionStart ?? 0, c.selectionEnd ?? 0);
  });

describe('selection (FIDELITY 12)', () => {
  it('a drag across a paragraph selects the text dragged over', async () => {
    const r = await both(env, 'selection.html', async (d) => {
      await d.drag(await charPoint(d.page, 4, 'left'), await charPoint(d.page, 19, 'left'));
      return selected(d);
    });
    assert.equal(r.trusted, 'quick brown fox');
    assert.equal(r.engine, r.trusted);
  });

  it('a double click selects a word, a triple click the paragraph', async () => {
    const r = await both(env, 'selection.html', async (d) => {
      const word = await charPoint(d.page, 12);
      await d.click(...word, { count: 2 });
      const double = await selected(d);
      await d.click(...word, { count: 3 });
      const triple = (await selected(d)).trim();
      return { double, triple };
    });
    assert.deepEqual(r.trusted, {
      double: 'brown',
      triple: 'The quick brown fox jumps over the lazy dog.',
    });
    assert.deepEqual(r.engine, r.trusted);
  });

  it('in an input a double click selects a word; in a textarea a triple click selects all its text', async () => {
    const r = await both(env, 'selection.html', async (d) => {
      await d.click(...(await controlPoint(d.page, '#in', 5)), { count: 2 });
      const word = await controlSelection(d, '#in');
      await d.click(...(await controlPoint(d.page, '#ta', 7)), { count: 3 });
      const all = await controlSelection(d, '#ta');
      return { word, all };
    });
    assert.deepEqual(r.trusted, { word: 'two', all: 'alpha beta gamma' });
    assert.deepEqual(r.engine, r.trusted);
  });
});
