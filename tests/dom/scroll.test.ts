import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { measure } from '../support/engine-harness.ts';
import { both, centre, log, openFixture, useEnv, type Driver } from './helpers.ts';

const env = useEnv();

/** Scroll offsets once they stop changing (trusted wheel scrolling is animated). */
async function settledScroll(d: Driver, selector?: string): Promise<[number, number]> {
  let last: [number, number] = [-1, -1];
  for (let i = 0; i < 60; i++) {
    const now = await d.page.evaluate((sel) => {
      const el = sel ? document.querySelector(sel) : null;
      return (el ? [el.scrollLeft, el.scrollTop] : [window.scrollX, window.scrollY]) as [
        number,
        number,
      ];
    }, selector);
    if (now[0] === last[0] && now[1] === last[1] && i > 1) return now;
    last = now;
    await new Promise((r) => setTimeout(r, 40));
  }
  return last;
}

describe('scrolling (FIDELITY 16-18)', () => {
  it('16: a 100 px wheel over the page fires wheel (deltaY 100, deltaMode 0, clientX/Y) and scrolls the page 100 px', async () => {
    const r = await both(env, 'scroll.html', async (d) => {
      const [x, y] = await centre(d.page, '#plain');
      await d.wheel(x, y, 0, 100);
      const scroll = await settledScroll(d);
      const wheel = (await log(d.page)).find((e) => e.type === 'wheel');
      const scrolled = await d.page.evaluate(
        () => (window as unknown as { scrolls: number }).scrolls,
      );
      return {
        scroll,
        wheel: [wheel?.deltaY, wheel?.deltaMode, wheel?.x, wheel?.y],
        target: wheel?.target,
        scrolled: scrolled > 0,
      };
    });
    // The target is left out of the comparison: a trusted wheel right after the first move in a
    // fresh window sometimes goes to <body> (stale hover node); the element under the pointer is right.
    assert.deepEqual({ ...r.engine, target: '' }, { ...r.trusted, target: '' });
    assert.equal(r.engine.target, 'plain');
    assert.deepEqual(r.engine.scroll, [0, 100]);
  });

  it('16: a wheel the page cancels scrolls nothing', async () => {
    const r = await both(env, 'scroll.html', async (d) => {
      await d.wheel(...(await centre(d.page, '#nowheel')), 0, 100);
      return settledScroll(d);
    });
    assert.deepEqual(r.trusted, [0, 0]);
    assert.deepEqual(r.engine, [0, 0]);
  });

  it('17: wheel over a scrollable box or textarea scrolls it first, the page only at its end; horizontal too', async () => {
    const r = await both(env, 'scroll.html', async (d) => {
      const box = await centre(d.page, '#box');
      await d.wheel(...box, 0, 150);
      const first = [await settledScroll(d, '#box'), await settledScroll(d)];
      await d.wheel(...box, 120, 0);
      const horizontal = await settledScroll(d, '#box');
      await d.wheel(...(await centre(d.page, '#area')), 0, 60);
      const area = await settledScroll(d, '#area');
      await d.page.$eval('#box', (b) => (b.scrollTop = b.scrollHeight));
      await d.wheel(...box, 0, 100);
      const atEnd = await settledScroll(d);
      return { first, horizontal, area, atEnd };
    });
    assert.deepEqual(r.engine, r.trusted);
    assert.deepEqual(r.engine.first, [
      [0, 150],
      [0, 0],
    ]);
    assert.deepEqual(r.engine.atEnd, [0, 100]);
  });

  it('18: PageDown, Space and End on the page scroll it', async () => {
    const r = await both(env, 'scroll.html', async (d) => {
      await d.click(...(await centre(d.page, '#plain')));
      await d.chord('PageDown');
      const afterPageDown = (await settledScroll(d))[1];
      await d.chord('Space');
      const afterSpace = (await settledScroll(d))[1];
      await d.chord('End');
      const afterEnd = (await settledScroll(d))[1];
      return { afterPageDown, afterSpace, afterEnd };
    });
    assert.ok(r.trusted.afterPageDown > 0 && r.trusted.afterSpace > r.trusted.afterPageDown);
    assert.deepEqual(r.engine, r.trusted);
  });

  it('measure reports viewport, device pixel ratio, scroll, url and title', async () => {
    const d = await openFixture(env, 'scroll.html');
    try {
      await d.page.evaluate(() => window.scrollTo(0, 42));
      const m = await measure(d.page);
      assert.deepEqual(m.viewport, { width: 1024, height: 768 });
      assert.equal(m.devicePixelRatio, 1);
      assert.deepEqual(m.scroll, { x: 0, y: 42 });
      assert.match(m.url, /\/fixtures\/input\/scroll\.html$/);
      assert.equal(m.title, 'Scroll fixture');
    } finally {
      await d.done();
    }
  });
});
