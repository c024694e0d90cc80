import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { point } from '../../extension/geometry.ts';
import { perform } from '../support/engine-harness.ts';
import { both, centre, clearLog, openFixture, sequence, useEnv } from './helpers.ts';

const env = useEnv();

const click = (x: number, y: number) =>
  ({
    kind: 'click',
    at: point<'viewport'>(x, y),
    button: 'left',
    count: 1,
    modifiers: [],
  }) as const;

describe('native select (FIDELITY 31)', () => {
  it('clicking a select shows its options in the page; clicking one sets the value with input and change', async () => {
    const d = await openFixture(env, 'select.html');
    try {
      const report = await perform(d.page, click(...(await centre(d.page, '#fruit'))));
      assert.match(
        report.notes.join('\n'),
        /option list is open \(4 options: "Apple", "Banana", "Cherry", "Durian"\)/,
      );
      const popup = await d.page.$eval('tabpilot-select-popup', (host) => {
        const r = host.getBoundingClientRect();
        return {
          top: r.top,
          left: r.left,
          height: r.height,
          width: r.width,
          hit: document.elementFromPoint(r.left + 5, r.top + 5) === host,
        };
      });
      assert.ok(
        popup.height > 40 && popup.width > 40 && popup.hit,
        'the list is drawn on top, where a screenshot sees it',
      );
      await clearLog(d.page);
      const row = popup.height / 4;
      const chose = await perform(d.page, click(popup.left + 10, popup.top + row * 2.5));
      assert.match(chose.notes.join('\n'), /chose option "Cherry"/);
      assert.equal(await d.page.$eval('#fruit', (s) => (s as HTMLSelectElement).value), 'cherry');
      // No mousedown reaches the page; Chromium's popup sends the select one click after the choice
      // (InternalPopupMenu::SetValueAndClosePopup), at the select's origin with no button.
      assert.deepEqual(await sequence(d.page, ['input', 'change', 'click', 'mousedown']), [
        'input@fruit',
        'change@fruit',
        'click@fruit',
      ]);
      assert.equal(await d.page.$('tabpilot-select-popup'), null, 'the list is gone');
    } finally {
      await d.done();
    }
  });

  it('a click outside the open list closes it without reaching the page; disabled options stay unchosen', async () => {
    const d = await openFixture(env, 'select.html');
    try {
      await perform(d.page, click(...(await centre(d.page, '#fruit'))));
      const box = await d.page.$eval('tabpilot-select-popup', (h) => {
        const r = h.getBoundingClientRect();
        return [r.left + 10, r.top + (r.height / 4) * 3.5] as const;
      });
      const disabled = await perform(d.page, click(...box));
      assert.match(disabled.notes.join('\n'), /disabled/);
      await clearLog(d.page);
      await perform(d.page, click(600, 500));
      assert.deepEqual(await sequence(d.page, ['mousedown', 'click']), []);
      assert.equal(await d.page.$('tabpilot-select-popup'), null);
      assert.equal(await d.page.$eval('#fruit', (s) => (s as HTMLSelectElement).value), 'apple');
    } finally {
      await d.done();
    }
  });

  it('keys on a focused select change it as they do natively; a list box honours ctrl and shift clicks', async () => {
    const r = await both(env, 'select.html', async (d) => {
      await d.page.focus('#fruit');
      await clearLog(d.page);
      await d.chord('ArrowDown');
      const keyed = [
        await d.page.$eval('#fruit', (s) => (s as HTMLSelectElement).value),
        await sequence(d.page, ['input', 'change']),
      ];
      const optionPoint = (i: number) =>
        d.page.$eval(
          '#multi',
          (s, n) => {
            const r = s.getBoundingClientRect();
            const h = (s as HTMLSelectElement).options[0]?.getBoundingClientRect().height ?? 18;
            return [r.left + 20, r.top + 2 + h * (n + 0.5)] as [number, number];
          },
          i,
        );
      await d.click(...(await optionPoint(0)));
      await d.click(...(await optionPoint(2)), { modifiers: ['Control'] });
      const ctrl = await d.page.$eval('#multi', (s) =>
        Array.from((s as HTMLSelectElement).selectedOptions, (o) => o.value),
      );
      await d.click(...(await optionPoint(4)), { modifiers: ['Shift'] });
      const shift = await d.page.$eval('#multi', (s) =>
        Array.from((s as HTMLSelectElement).selectedOptions, (o) => o.value),
      );
      return { keyed, ctrl, shift };
    });
    assert.deepEqual(r.trusted.ctrl, ['1', '3']);
    assert.deepEqual(r.engine, r.trusted);
  });
});
