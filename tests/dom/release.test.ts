/**
 * Stop in the middle of an action leaves nothing pressed: release() interrupts
 * a held key at once (not when its hold_key duration ends) and lets go of every
 * key and button, and the page sees the keyup and mouseup.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { point } from '../../extension/geometry.ts';
import { keyStroke } from '../../background/engine-action.ts';
import { perform, release } from '../support/engine-harness.ts';
import { centre, clearLog, openFixture, sequence, useEnv } from './helpers.ts';

const env = useEnv();

describe('release() in the middle of an action', () => {
  it('ends a 30 s hold_key now, with its keyup', async () => {
    const d = await openFixture(env, 'keyboard.html');
    await d.click(...(await centre(d.page, '#area')));
    await clearLog(d.page);
    const holding = perform(d.page, { kind: 'hold', keys: ['Shift', 'a'], durationMs: 30_000 });
    // Let the key repeat a few times, then stop.
    await new Promise((ok) => setTimeout(ok, 800));
    await release(d.page);
    const outcome = await Promise.race([
      holding.then(() => 'ended'),
      new Promise((ok) => setTimeout(() => ok('still holding'), 5000)),
    ]);
    assert.equal(outcome, 'ended');
    const keys = await sequence(d.page, ['keydown', 'keyup']);
    assert.ok(keys.filter((k) => k === 'keydown@area').length > 2, 'the key repeated');
    assert.deepEqual(keys.slice(-2), ['keyup@area', 'keyup@area'], 'both keys came up, last');
    // Nothing stays held: a plain a afterwards types "a", not "A".
    await d.type('a');
    const value = await d.page.$eval('#area', (el) => (el as HTMLTextAreaElement).value);
    assert.match(value, /^A+a$/, 'Shift was up for the last a');
    await d.done();
  });

  it('lets go of a pressed mouse button and a held modifier', async () => {
    const d = await openFixture(env, 'keyboard.html');
    const [x, y] = await centre(d.page, '#area');
    await perform(d.page, {
      kind: 'down',
      at: point<'viewport'>(x, y),
      button: 'left',
      modifiers: [],
    });
    await perform(d.page, { kind: 'hold', keys: ['Control'], durationMs: 0 });
    await clearLog(d.page);
    await release(d.page);
    assert.deepEqual(await sequence(d.page, ['mouseup', 'keyup']), ['mouseup@area']);
    assert.equal(keyStroke('Control').modifier, 'Control');
    await d.done();
  });
});

describe('after release() (the run is over)', () => {
  it('the page’s own changes under the last pointer position bring no hover events from the engine', async () => {
    const d = await openFixture(env, 'keyboard.html');
    const [x, y] = await centre(d.page, '#area');
    await perform(d.page, { kind: 'move', to: point<'viewport'>(x, y) });
    await release(d.page);
    await clearLog(d.page);
    // The page replaces what was under the pointer, then scrolls.
    await d.page.evaluate(() => {
      document.getElementById('area')?.remove();
      window.scrollBy(0, 50);
    });
    await d.page.evaluate(
      () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))),
    );
    assert.deepEqual(await sequence(d.page, ['pointerover', 'mouseover', 'pointerout']), []);
    await d.done();
  });
});
