import assert from 'node:assert/strict';
import { mouseTypes as fidelityMouseTypes } from '../fidelity/behaviours/common.ts';
import { describe, it } from 'node:test';
import { point } from '../../extension/geometry.ts';
import { perform } from '../support/engine-harness.ts';
import { both, centre, clearLog, hasFocus, log, openFixture, sequence, useEnv } from './helpers.ts';

const env = useEnv();

const mouseTypes = [...fidelityMouseTypes, 'input', 'change', 'focus', 'blur'];

describe('mouse (FIDELITY 1-9, 13, 15, 33)', () => {
  it('1: clicking a button runs its click handler once', async () => {
    const r = await both(env, 'mouse.html', async (d) => {
      await d.click(...(await centre(d.page, '#btn')));
      return d.page.evaluate(
        () =>
          (window as unknown as { __app: { clicks: Record<string, number> } }).__app.clicks['btn'],
      );
    });
    assert.equal(r.trusted, 1);
    assert.equal(r.engine, 1);
  });

  it('2: clicking a checkbox: exact event sequence, checked, focused; a second click unchecks', async () => {
    const r = await both(env, 'mouse.html', async (d) => {
      const at = await centre(d.page, '#cb');
      await d.click(...at);
      const seq = (await sequence(d.page, mouseTypes)).filter((s) => s.endsWith('@cb'));
      const state = await d.page.evaluate(() => [
        (document.getElementById('cb') as HTMLInputElement).checked,
        document.activeElement?.id,
      ]);
      await d.click(...at);
      const after = await d.page.evaluate(
        () => (document.getElementById('cb') as HTMLInputElement).checked,
      );
      return { seq, state, after, focused: await hasFocus(d.page) };
    });
    assert.deepEqual(r.engine.seq, r.trusted.seq);
    assert.deepEqual(r.trusted.seq, [
      'pointerover@cb',
      'pointerenter@cb',
      'mouseover@cb',
      'mouseenter@cb',
      'pointermove@cb',
      'mousemove@cb',
      'pointerdown@cb',
      'mousedown@cb',
      'focus@cb',
      'pointerup@cb',
      'mouseup@cb',
      'click@cb',
      'input@cb',
      'change@cb',
    ]);
    assert.deepEqual(r.engine.state, [true, 'cb']);
    assert.equal(r.engine.after, false);
    assert.equal(r.engine.focused, false, 'engine ran with the page unfocused (popup open)');
  });

  it('3: clicking the label toggles its checkbox with click, input, change', async () => {
    const r = await both(env, 'mouse.html', async (d) => {
      await d.click(...(await centre(d.page, '#cb-label')));
      return {
        seq: await sequence(d.page, ['click', 'input', 'change', 'focus']),
        checked: await d.page.$eval('#cb', (e) => (e as HTMLInputElement).checked),
      };
    });
    assert.deepEqual(r.engine, r.trusted);
    assert.deepEqual(r.engine.seq, [
      'click@cb-label',
      'focus@cb',
      'click@cb',
      'input@cb',
      'change@cb',
    ]);
    assert.equal(r.engine.checked, true);
  });

  it('4: a link that wraps across lines in a rotated box is followed', async () => {
    const r = await both(env, 'mouse.html', async (d) => {
      const at = await d.page.$eval('#wrapped-link', (a) => {
        const box = a.getClientRects()[1] ?? a.getBoundingClientRect();
        return [box.left + box.width / 2, box.top + box.height / 2] as [number, number];
      });
      await d.click(...at);
      return d.page.evaluate(() => location.hash);
    });
    assert.equal(r.trusted, '#followed');
    assert.equal(r.engine, '#followed');
  });

  it('5: a rotated button and one partly outside the viewport take the click on their visible part', async () => {
    const r = await both(env, 'mouse.html', async (d) => {
      await d.click(...(await centre(d.page, '#rot-btn')));
      const y = (await centre(d.page, '#edge-btn'))[1];
      const x = await d.page.evaluate(() => window.innerWidth - 30);
      await d.click(x, y);
      return d.page.evaluate(
        () => (window as unknown as { __app: { clicks: Record<string, number> } }).__app.clicks,
      );
    });
    assert.deepEqual(r.trusted, { 'rot-btn': 1, 'edge-btn': 1 });
    assert.deepEqual(r.engine, r.trusted);
  });

  it('6: double click: detail 1 then 2, then dblclick with detail 2, all at the same point', async () => {
    const types = ['mousedown', 'mouseup', 'click', 'dblclick'];
    const r = await both(env, 'mouse.html', async (d) => {
      await d.click(...(await centre(d.page, '#btn')), { count: 2 });
      return (await log(d.page))
        .filter((e) => types.includes(e.type))
        .map((e) => [e.type, e.detail, e.x, e.y]);
    });
    assert.deepEqual(r.engine, r.trusted);
    assert.deepEqual(
      r.engine.map(([t, detail]) => `${String(t)}:${String(detail)}`),
      ['mousedown:1', 'mouseup:1', 'click:1', 'mousedown:2', 'mouseup:2', 'click:2', 'dblclick:2'],
    );
  });

  it('7: right click fires contextmenu; middle click fires auxclick with button 1', async () => {
    const types = ['mousedown', 'mouseup', 'click', 'auxclick', 'contextmenu'];
    const r = await both(env, 'mouse.html', async (d) => {
      const at = await centre(d.page, '#menu-area');
      await d.click(...at, { button: 'right' });
      await d.click(...at, { button: 'middle' });
      return (await log(d.page))
        .filter((e) => types.includes(e.type))
        .map((e) => `${e.type}:${String(e.button)}`);
    });
    assert.deepEqual(r.engine, r.trusted);
    assert.ok(r.engine.includes('contextmenu:2') && r.engine.includes('auxclick:1'));
  });

  it('8: modifiers held for a click are on mousedown and click, and off afterwards', async () => {
    const types = ['mousedown', 'click', 'keydown', 'keyup'];
    const r = await both(env, 'mouse.html', async (d) => {
      const at = await centre(d.page, '#btn');
      await d.click(...at, { modifiers: ['Shift', 'Control'] });
      await d.click(...at);
      return (await log(d.page))
        .filter((e) => types.includes(e.type))
        .map(
          (e) =>
            `${e.type}:${e.type.startsWith('key') ? String(e.key) : ''}:${e.shift ? 'S' : ''}${e.ctrl ? 'C' : ''}`,
        );
    });
    assert.deepEqual(r.engine, r.trusted);
    assert.deepEqual(r.engine.slice(-2), ['mousedown::', 'click::']);
    assert.ok(r.engine.includes('click::SC'));
  });

  it('9: moving from A to B fires out/leave on A and over/enter on B; a stepped drag moves evenly', async () => {
    const types = [
      'mouseover',
      'mouseout',
      'mouseenter',
      'mouseleave',
      'pointerover',
      'pointerout',
      'pointerenter',
      'pointerleave',
    ];
    const r = await both(env, 'mouse.html', async (d) => {
      await d.move(...(await centre(d.page, '#a')));
      await clearLog(d.page);
      await d.move(...(await centre(d.page, '#b')));
      return sequence(d.page, types);
    });
    assert.deepEqual(r.engine, r.trusted);
    assert.deepEqual(r.engine, [
      'pointerout@a',
      'pointerleave@a',
      'pointerover@b',
      'pointerenter@b',
      'mouseout@a',
      'mouseleave@a',
      'mouseover@b',
      'mouseenter@b',
    ]);
    const d = await openFixture(env, 'mouse.html');
    try {
      await d.drag([20, 400], [220, 400]);
      const xs = (await log(d.page)).filter((e) => e.type === 'mousemove').map((e) => Number(e.x));
      const steps = xs.slice(1).map((x, i) => x - (xs[i] ?? 0));
      assert.ok(steps.length >= 5);
      for (const s of steps)
        assert.ok(Math.abs(s - (steps[0] ?? 0)) < 0.01, `even steps: ${steps.join(',')}`);
    } finally {
      await d.done();
    }
  });

  it('13: a point inside an iframe is reported for the background to route', async () => {
    const d = await openFixture(env, 'mouse.html');
    try {
      const [x, y] = await centre(d.page, '#frame');
      const report = await perform(d.page, {
        kind: 'click',
        at: point(x, y),
        button: 'left',
        count: 1,
        modifiers: [],
      });
      assert.match(report.notes.join('\n'), /point is inside an iframe \(same-origin/);
    } finally {
      await d.done();
    }
  });

  it('15: a click under a fixed header goes to the header drawn on top', async () => {
    const r = await both(env, 'mouse.html', async (d) => {
      const [x, y] = await centre(d.page, '#under');
      await d.click(x, y);
      return sequence(d.page, ['click']);
    });
    assert.deepEqual(r.engine, r.trusted);
    assert.ok(r.engine.length === 1 && !r.engine[0]?.endsWith('@under'), r.engine.join());
  });

  it('focus moves on click with one focus/blur pair each, also without document focus', async () => {
    const types = ['focus', 'blur', 'focusin', 'focusout'];
    const r = await both(env, 'mouse.html', async (d) => {
      await d.click(...(await centre(d.page, '#name')));
      await d.click(...(await centre(d.page, '#btn')));
      await d.click(...(await centre(d.page, '#plain')));
      return {
        seq: (await sequence(d.page, types)).filter((s) => !s.endsWith('@window')),
        active: await d.page.evaluate(() => document.activeElement?.localName),
      };
    });
    assert.deepEqual(r.engine, r.trusted);
    assert.deepEqual(r.engine.seq, [
      'focus@name',
      'focusin@name',
      'blur@name',
      'focusout@name',
      'focus@btn',
      'focusin@btn',
      'blur@btn',
      'focusout@btn',
    ]);
    assert.equal(r.engine.active, 'body');
  });

  it('33: :hover-only content is reported; the report names the target', async () => {
    const d = await openFixture(env, 'mouse.html');
    try {
      const [x, y] = await centre(d.page, '#row');
      const hover = await perform(d.page, { kind: 'move', to: point(x, y) });
      assert.match(hover.notes.join('\n'), /:hover/);
      const [bx, by] = await centre(d.page, '#btn');
      const click = await perform(d.page, {
        kind: 'click',
        at: point(bx, by),
        button: 'left',
        count: 1,
        modifiers: [],
      });
      assert.deepEqual(click, { kind: 'done', target: 'button "Send"', notes: [] });
    } finally {
      await d.done();
    }
  });
});
