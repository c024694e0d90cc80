/** FIDELITY.md 16-18: scrolling, on fixtures/fidelity/scroll.html. */
import assert from 'node:assert/strict';
import type { KeyName } from '../../../extension/keys-table.ts';
import type { Behaviour, RunOutput } from '../behaviour.ts';
import { centre } from '../../support/locate.ts';
import { events } from './common.ts';

const fixture = 'scroll.html';

function wheelEvent(r: RunOutput, target: string, dx: number, dy: number): void {
  const wheels = events(r, ['wheel']);
  assert.equal(wheels.length, 1, 'one wheel event');
  const w = wheels[0];
  assert.equal(w?.target, target);
  assert.deepEqual([w?.['deltaX'], w?.['deltaY'], w?.['deltaMode']], [dx, dy, 0]);
}

function pageKey(key: KeyName, check: (y: number) => void): Behaviour {
  return {
    id: `18-${key.toLowerCase()}`,
    title: `${key} on the page body scrolls the page`,
    fixture,
    steps: (d) => d.chord(key),
    until: 'scrollY > 0',
    check: (r) => {
      const y = r.state.scroll['window']?.[1] ?? 0;
      check(y);
      assert.ok(events(r, ['scroll'], 'document').length > 0, 'scroll listeners fire');
    },
  };
}

export const scrollBehaviours: Behaviour[] = [
  {
    id: '16',
    title: 'wheel of 100 px over the page: wheel event (deltaY 100, deltaMode 0), scrollY 100',
    fixture,
    steps: async (d) => d.wheel(...(await centre(d.page, '#open')), 0, 100),
    until: 'scrollY === 100',
    check: (r) => {
      wheelEvent(r, 'open', 0, 100);
      const w = events(r, ['wheel'])[0];
      assert.deepEqual([w?.['x'], w?.['y']], [700, 500], "at the cursor's clientX/Y");
      assert.deepEqual(r.state.scroll, { window: [0, 100] });
      assert.ok(events(r, ['scroll'], 'document').length > 0, 'scroll listeners fire');
    },
  },
  {
    id: '16-prevented',
    title: 'wheel over an element whose handler calls preventDefault: nothing scrolls',
    fixture,
    steps: async (d) => d.wheel(...(await centre(d.page, '#nowheel')), 0, 100),
    check: (r) => {
      wheelEvent(r, 'nowheel-content', 0, 100);
      assert.deepEqual(r.state.scroll, {});
    },
  },
  {
    id: '17-element',
    title: 'wheel over a scrollable div scrolls the div, not the page',
    fixture,
    steps: async (d) => d.wheel(...(await centre(d.page, '#box')), 0, 100),
    until: "document.getElementById('box').scrollTop === 100",
    check: (r) => {
      assert.deepEqual(r.state.scroll, { box: [0, 100] });
      assert.ok(events(r, ['scroll'], 'box').length > 0, 'scroll listeners fire');
    },
  },
  {
    id: '17-chain',
    title: 'wheel over a scrollable div at its end scrolls the page',
    fixture,
    setup: async (page) => {
      await page.$eval('#box', (b) => (b.scrollTop = b.scrollHeight));
    },
    steps: async (d) => d.wheel(...(await centre(d.page, '#box')), 0, 100),
    until: 'scrollY === 100',
    check: (r) => {
      const box = r.state.scroll['box'];
      assert.equal(box?.[1], 1000 - 200 + 2 - 2 * 1, 'the box stays at its end');
      assert.deepEqual(r.state.scroll['window'], [0, 100]);
    },
  },
  {
    id: '17-textarea',
    title: 'wheel over a textarea scrolls the textarea',
    fixture,
    steps: async (d) => d.wheel(...(await centre(d.page, '#ta')), 0, 100),
    until: "document.getElementById('ta').scrollTop === 100",
    check: (r) => assert.deepEqual(r.state.scroll, { ta: [0, 100] }),
  },
  {
    id: '17-horizontal',
    title: 'horizontal wheel scrolls horizontally',
    fixture,
    steps: async (d) => d.wheel(...(await centre(d.page, '#hbox')), 100, 0),
    until: "document.getElementById('hbox').scrollLeft === 100",
    check: (r) => {
      wheelEvent(r, 'hbox', 100, 0);
      assert.deepEqual(r.state.scroll, { hbox: [100, 0] });
    },
  },
  pageKey('PageDown', (y) => assert.ok(y > 500 && y < 768, `a page less a little, got ${y}`)),
  pageKey('Space', (y) => assert.ok(y > 500 && y < 768, `a page less a little, got ${y}`)),
  pageKey('End', (y) => assert.equal(y, 4000 - 768)),
];
