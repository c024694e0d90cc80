import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { both, centre, clearLog, sequence, useEnv, type Driver } from './helpers.ts';

const env = useEnv();

async function focusField(d: Driver, selector: string): Promise<void> {
  await d.click(...(await centre(d.page, selector)));
  await clearLog(d.page);
}

/** Date and time fields edit the segment clicked: click the first one. */
async function focusFirstSegment(d: Driver, selector: string): Promise<void> {
  const [x, y] = await d.page.$eval(selector, (e) => {
    const r = e.getBoundingClientRect();
    return [r.left + 8, r.top + r.height / 2] as [number, number];
  });
  await d.click(x, y);
}

const submits = (d: Driver) =>
  d.page.evaluate(() => (window as unknown as { submits: string[] }).submits);
const active = (d: Driver) => d.page.evaluate(() => document.activeElement?.id ?? '');

describe('forms (FIDELITY 27-30)', () => {
  it('27: Enter in a single-line input submits through the submit button; in a textarea it inserts a newline', async () => {
    const r = await both(env, 'forms.html', async (d) => {
      await focusField(d, '#user');
      await d.type('ann');
      await d.chord('Enter');
      const viaButton = {
        submits: await submits(d),
        seq: await sequence(d.page, ['click', 'submit', 'change']),
      };
      await focusField(d, '#notes');
      await d.type('a\nb');
      const notes = await d.page.$eval('#notes', (e) => (e as HTMLTextAreaElement).value);
      await focusField(d, '#q');
      await d.chord('Enter');
      await focusField(d, '#d1');
      await d.chord('Enter');
      return { viaButton, notes, all: await submits(d) };
    });
    assert.deepEqual(r.trusted.viaButton, {
      submits: ['login:go'],
      seq: ['change@user', 'click@go', 'submit@login'],
    });
    assert.equal(r.trusted.notes, 'a\nb');
    assert.deepEqual(r.trusted.all, ['login:go', 'single:']);
    assert.deepEqual(r.engine, r.trusted);
  });

  it('28: Tab and Shift+Tab follow the tab order (tabindex, disabled, radio groups) with focus and blur', async () => {
    const r = await both(env, 'forms.html', async (d) => {
      await d.click(5, 5);
      const order: string[] = [];
      for (let i = 0; i < 7; i++) {
        await d.chord('Tab');
        order.push(await active(d));
      }
      await d.chord('Shift', 'Tab');
      order.push(await active(d));
      const events = (await sequence(d.page, ['focus', 'blur']))
        .filter((e) => !e.endsWith('@window'))
        .slice(0, 6);
      return { order, events };
    });
    assert.deepEqual(r.engine, r.trusted);
    const fromStart = await both(env, 'forms.html', async (d) => {
      const order: string[] = [];
      for (let i = 0; i < 3; i++) {
        await d.chord('Tab');
        order.push(await active(d));
      }
      return order;
    });
    assert.deepEqual(
      fromStart.trusted,
      ['t-b', 't-a', 'user'],
      'positive tabindex first when nothing was clicked',
    );
    assert.deepEqual(fromStart.engine, fromStart.trusted);
  });

  it('29: Space and Enter click a focused button, Space toggles a checkbox, arrows move a radio group and a slider', async () => {
    const r = await both(env, 'forms.html', async (d) => {
      await focusField(d, '#act');
      await d.chord('Space');
      await d.chord('Enter');
      const clicks = await d.page.evaluate(
        () =>
          (window as unknown as { __app: { clicks: Record<string, number> } }).__app.clicks['act'],
      );
      await focusField(d, '#chk');
      await d.chord('Space');
      await focusField(d, '#red');
      await d.chord('ArrowRight');
      await focusField(d, '#slider');
      await d.chord('ArrowRight');
      await d.chord('ArrowRight');
      const slider = await sequence(d.page, ['input', 'change']);
      const state = await d.page.evaluate(() => ({
        chk: (document.getElementById('chk') as HTMLInputElement).checked,
        green: (document.getElementById('green') as HTMLInputElement).checked,
        slider: (document.getElementById('slider') as HTMLInputElement).value,
        active: document.activeElement?.id,
      }));
      return { clicks, state, slider };
    });
    // The click that focused the checkbox checked it; Space unchecked it.
    assert.deepEqual(r.trusted.state, { chk: false, green: true, slider: '52', active: 'slider' });
    assert.equal(r.trusted.clicks, 3, 'the focusing click, Space, Enter');
    assert.deepEqual(r.engine, r.trusted);
  });

  it('30: date and time fields edit segment by segment, as Chromium does', async () => {
    const r = await both(env, 'forms.html', async (d) => {
      await d.page.evaluate(() => {
        const w = window as unknown as { edits: string[] };
        w.edits = [];
        for (const id of ['date', 'time'])
          for (const type of ['input', 'change'])
            document.getElementById(id)?.addEventListener(type, (e) => {
              w.edits.push(`${type}:${(e.target as HTMLInputElement).value}`);
            });
      });
      const steps: string[][] = [];
      const record = async (): Promise<void> => {
        steps.push(
          await d.page.evaluate(() => {
            const w = window as unknown as { edits: string[] };
            const out = w.edits;
            w.edits = [];
            return out;
          }),
        );
      };
      await focusFirstSegment(d, '#date');
      await d.type('1/5/20'); // separators do nothing: month 15 clamps to 12, day 20
      await record();
      await d.type('02292023'); // 0002 is no leap year, 0020 is, 0202 and 2023 are not
      await record();
      await d.chord('ArrowLeft');
      await d.chord('ArrowLeft');
      await d.type('3');
      await record();
      await d.chord('Backspace');
      await record();
      await focusFirstSegment(d, '#time');
      await d.type('135'); // 13 is 1 PM; the minute waits for a second digit
      await record();
      await d.chord('Tab');
      await d.type('a');
      await d.chord('ArrowUp');
      await record();
      return steps;
    });
    assert.deepEqual(
      r.trusted[3],
      ['input:', 'change:'],
      'Backspace empties a segment, and the value',
    );
    assert.deepEqual(r.trusted[4], ['input:13:05', 'change:13:05']);
    assert.deepEqual(r.engine, r.trusted);
  });

  it('30: typing into date, time and number inputs sets their values', async () => {
    const r = await both(env, 'forms.html', async (d) => {
      await focusFirstSegment(d, '#date');
      await d.type('01152024');
      await focusFirstSegment(d, '#time');
      await d.type('0930P');
      await focusField(d, '#num');
      await d.type('42');
      return d.page.evaluate(() =>
        ['date', 'time', 'num'].map(
          (id) => (document.getElementById(id) as HTMLInputElement).value,
        ),
      );
    });
    assert.deepEqual(r.trusted, ['2024-01-15', '21:30', '42']);
    assert.deepEqual(r.engine, r.trusted);
  });
});
