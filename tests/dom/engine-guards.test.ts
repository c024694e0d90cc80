/**
 * What the page must not be able to do to the engine, and what must not make
 * it hang: a page that forges the hook's private capture event or carrier
 * changes nothing; a key that scrolls a hidden tab (no animation frames, no
 * scroll events) still comes up; and every pressed button comes up after a
 * Stop, where it went down when the pointer is unknown, with capture ended.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import type { PageAction } from '../../extension/actions.ts';
import type { Modifier } from '../../extension/keys-table.ts';
import { point } from '../../extension/geometry.ts';
import {
  injectEngine,
  injectEngineAgain,
  leave,
  perform,
  release,
} from '../support/engine-harness.ts';
import { useEnv } from './helpers.ts';

const env = useEnv();

const twoBoxes = `<!doctype html><body style="margin:0">
<div id=a style="width:100px;height:100px;background:#ccc"></div>
<div id=b style="width:100px;height:100px;background:#eee"></div>
<script>
  window.__log = [];
  for (const t of ['pointerdown', 'pointermove', 'pointerup', 'gotpointercapture',
    'lostpointercapture', 'mousedown', 'mouseup', 'click'])
    window.addEventListener(t, (e) => window.__log.push(t + '@' + e.target.id), true);
  // What a page would forge: the hook's private answer, at an element, when it likes.
  window.forge = (id) => document.getElementById(id).dispatchEvent(
    new Event('tabpilot-capture-set', { bubbles: false, composed: true }));
</script></body>`;

/**
 * `html` in a new document and window of the engine's page (setContent alone
 * keeps the window, and with it the hook and the carrier it took).
 */
async function freshContent(html: string): Promise<Page> {
  const page = env.enginePage;
  await page.goto('about:blank');
  await page.setContent(html);
  return page;
}

async function engineOn(html: string): Promise<Page> {
  const page = await freshContent(html);
  await injectEngine(page);
  return page;
}

async function pageLog(page: Page): Promise<string[]> {
  const seen = await page.evaluate(() => (window as unknown as { __log: string[] }).__log);
  return seen.filter((e, i, all) => e !== all[i - 1]);
}

describe('the page cannot steer the engine', () => {
  it('a forged tabpilot-capture-set, or setPointerCapture between actions, retargets nothing', async () => {
    const page = await engineOn(twoBoxes);
    try {
      // Forged with no button down.
      await page.evaluate(() => (window as unknown as { forge(id: string): void }).forge('a'));
      await perform(page, { kind: 'move', to: point(50, 50) });
      await perform(page, { kind: 'move', to: point(50, 150) });
      await perform(page, { kind: 'down', at: point(50, 150), button: 'left', modifiers: [] });
      // Forged, and asked for through the hook, while the engine holds the button, outside its dispatch.
      await page.evaluate(() => {
        (window as unknown as { forge(id: string): void }).forge('a');
        try {
          document.getElementById('a')?.setPointerCapture(1);
        } catch {
          // No active pointer 1 here: the browser's own answer.
        }
      });
      const has = await page.evaluate(() => document.getElementById('a')?.hasPointerCapture(1));
      assert.equal(has, false, 'the hook reports no capture it did not grant');
      await perform(page, { kind: 'move', to: point(50, 160) });
      await perform(page, { kind: 'up', at: point(50, 160), button: 'left', modifiers: [] });
      await perform(page, { kind: 'move', to: point(50, 50) });
      assert.deepEqual(await pageLog(page), [
        'pointermove@a',
        'pointermove@b',
        'pointerdown@b',
        'mousedown@b',
        'pointermove@b',
        'pointerup@b',
        'mouseup@b',
        'click@b',
        'pointermove@a',
      ]);
    } finally {
      await release(page);
    }
  });

  it('the hook keeps the first carrier it is introduced to, and ignores a later one', async () => {
    const page = await engineOn(twoBoxes);
    // The engine introduces its carrier on first use (a press).
    await perform(page, {
      kind: 'click',
      at: point(50, 50),
      button: 'left',
      count: 1,
      modifiers: [],
    });
    const answered = await page.evaluate(() => {
      const c = document.createComment('');
      document.appendChild(c);
      c.dispatchEvent(new CustomEvent('tabpilot-carrier', { bubbles: false }));
      c.remove();
      return c.data;
    });
    assert.equal(answered, '', 'a second carrier gets no answer');
    // The engine's own carrier still works: a capture taken in pointerdown is carried out.
    await page.evaluate(() => {
      const a = document.getElementById('a') as HTMLElement;
      a.addEventListener('pointerdown', (e) => a.setPointerCapture(e.pointerId));
      (window as unknown as { __log: string[] }).__log.length = 0;
    });
    await perform(page, { kind: 'down', at: point(50, 50), button: 'left', modifiers: [] });
    await perform(page, { kind: 'move', to: point(50, 150) });
    await perform(page, { kind: 'up', at: point(50, 150), button: 'left', modifiers: [] });
    const seen = await pageLog(page);
    assert.ok(seen.includes('gotpointercapture@a'), seen.join(' '));
    assert.ok(seen.includes('pointerup@a'), seen.join(' '));
  });
});

const tallPage = `<!doctype html><body style="margin:0;height:5000px">
<textarea id=ta style="position:absolute;top:20px;width:80px;height:40px"></textarea>
<script>
  window.__log = [];
  for (const t of ['keydown', 'keyup', 'scroll'])
    window.addEventListener(t, (e) => window.__log.push(t), true);
</script></body>`;

describe('waits for a frame end in a hidden tab', () => {
  it('PageDown and typing that scrolls finish, with their keyups, with no frames', async () => {
    const page = await env.launched.browser.newPage();
    const cover = await env.launched.browser.newPage();
    try {
      await page.setContent(tallPage);
      await cover.bringToFront();
      await injectEngine(page);
      assert.equal(await page.evaluate(() => document.visibilityState), 'hidden');
      const frames = await page.evaluate(
        () =>
          new Promise<string>((ok) => {
            requestAnimationFrame(() => ok('frame'));
            setTimeout(() => ok('no frame'), 300);
          }),
      );
      assert.equal(frames, 'no frame', 'a hidden tab gets no animation frames');
      const t0 = Date.now();
      const done = await Promise.race([
        perform(page, { kind: 'chord', keys: ['PageDown'] }).then(() => 'done'),
        new Promise((ok) => setTimeout(() => ok('stuck'), 5000)),
      ]);
      assert.equal(done, 'done');
      assert.ok(Date.now() - t0 < 3000, 'within the bounded wait');
      assert.ok((await page.evaluate(() => window.scrollY)) > 0, 'the page scrolled');
      const keys = await page.evaluate(() =>
        (window as unknown as { __log: string[] }).__log.filter((e) => e !== 'scroll'),
      );
      assert.deepEqual(keys, ['keydown', 'keyup']);
      // Typing past the bottom of the textarea reveals the caret (a 'reveal' scroll each line).
      await page.evaluate(() => document.getElementById('ta')?.focus());
      const typed = await Promise.race([
        perform(page, { kind: 'text', text: 'a\nb\nc\nd\ne\n' }).then(() => 'done'),
        new Promise((ok) => setTimeout(() => ok('stuck'), 10_000)),
      ]);
      assert.equal(typed, 'done');
      assert.ok(
        await page.$eval('#ta', (el) => el.scrollTop > 0),
        'the caret was revealed in the textarea',
      );
    } finally {
      await cover.close();
      await page.close();
    }
  });
});

const pressPage = `<!doctype html><body style="margin:0">
<div id=a style="width:100px;height:100px;background:#ccc"></div>
<script>
  window.__log = [];
  const a = document.getElementById('a');
  a.addEventListener('pointerdown', (e) => a.setPointerCapture(e.pointerId));
  for (const t of ['pointerdown', 'pointerup', 'mouseup', 'lostpointercapture'])
    window.addEventListener(t, (e) => window.__log.push(t + '@' + e.target.id + '@' + e.clientX + ',' + e.clientY), true);
</script></body>`;

describe('release() after the pointer left the frame', () => {
  it('releases a captured button where it went down when the pointer is unknown, and ends capture', async () => {
    const page = await freshContent(pressPage);
    await injectEngine(page);
    const seen = async (): Promise<string[]> =>
      page.evaluate(() => (window as unknown as { __log: string[] }).__log.splice(0));
    await perform(page, { kind: 'down', at: point(30, 40), button: 'left', modifiers: [] });
    assert.deepEqual(await seen(), ['pointerdown@a@30,40']);
    // The pointer went to another frame: this one no longer knows where it is.
    await leave(page, { pointer: true, focus: false });
    await release(page);
    assert.deepEqual(await seen(), [
      'pointerup@a@30,40',
      'mouseup@a@30,40',
      'lostpointercapture@a@30,40',
    ]);
    assert.equal(
      await page.evaluate(() => document.getElementById('a')?.hasPointerCapture(1)),
      false,
    );
    // Nothing is held: the next press is a first press (pointerdown), with a capture of its own.
    await perform(page, { kind: 'down', at: point(60, 60), button: 'left', modifiers: [] });
    await perform(page, { kind: 'up', at: point(60, 60), button: 'left', modifiers: [] });
    assert.deepEqual(await seen(), [
      'pointerdown@a@60,60',
      'pointerup@a@60,60',
      'mouseup@a@60,60',
      'lostpointercapture@a@60,60',
    ]);
    // Nothing pressed: releasing again sends nothing.
    await release(page);
    assert.deepEqual(await seen(), []);
  });
});

describe('a fresh frame does every action from its first one, with nothing to load', () => {
  const form = `<!doctype html><body style="margin:0">
<input id=t style="position:absolute;left:0;top:0;width:100px;height:30px">
<select id=s style="position:absolute;left:0;top:50px;width:100px;height:30px">
  <option>one</option><option>two</option></select>
<div id=d style="position:absolute;left:0;top:100px;width:100px;height:30px">plain</div>
</body>`;
  const click = (x: number, y: number, modifiers: Modifier[] = []): PageAction<'viewport'> => ({
    kind: 'click',
    at: point<'viewport'>(x, y),
    button: 'left',
    count: 1,
    modifiers,
  });

  it('clicks, moves and wheels, then typing, in a frame that had no action before', async () => {
    const page = await engineOn(form);
    await perform(page, { kind: 'move', to: point(50, 115) });
    await perform(page, click(50, 15));
    await perform(page, {
      kind: 'wheel',
      at: point(50, 115),
      deltaX: 0,
      deltaY: 40,
      modifiers: [],
    });
    await perform(page, { kind: 'text', text: 'hi' });
    assert.equal(await page.$eval('#t', (e) => (e as HTMLInputElement).value), 'hi');
  });

  it('a first click on a select opens the option list', async () => {
    const page = await engineOn(form);
    const report = await perform(page, click(50, 65));
    assert.match(report.notes.join(' '), /option list is open/);
  });

  it('a first click with a modifier held carries the modifier', async () => {
    const page = await engineOn(form);
    await page.evaluate(() => {
      (window as unknown as { __shift: boolean[] }).__shift = [];
      document.addEventListener('click', (e) =>
        (window as unknown as { __shift: boolean[] }).__shift.push(e.shiftKey),
      );
    });
    await perform(page, click(50, 115, ['Shift']));
    assert.deepEqual(
      await page.evaluate(() => (window as unknown as { __shift: boolean[] }).__shift),
      [true],
    );
  });

  it('a press on a draggable element, then a move, starts the drag at once', async () => {
    const page = await engineOn(
      `<!doctype html><body style="margin:0"><div id=src draggable=true style="width:80px;height:40px">drag me</div>
<script>window.__drag = []; document.addEventListener('dragstart', () => window.__drag.push('dragstart'));</script></body>`,
    );
    await perform(page, { kind: 'down', at: point(20, 20), button: 'left', modifiers: [] });
    const report = await perform(page, { kind: 'move', to: point(60, 120) });
    assert.match(report.notes.join(' '), /started a native drag-and-drop/);
    assert.deepEqual(
      await page.evaluate(() => (window as unknown as { __drag: string[] }).__drag),
      ['dragstart'],
    );
    await perform(page, { kind: 'up', at: point(60, 120), button: 'left', modifiers: [] });
  });

  it('after content.js was injected twice into the frame, the first copy stays in charge', async () => {
    const page = await engineOn(form);
    await injectEngineAgain(page);
    await perform(page, click(50, 15));
    await perform(page, { kind: 'text', text: 'ok' });
    assert.equal(await page.$eval('#t', (e) => (e as HTMLInputElement).value), 'ok');
  });

  it('a select the page puts under the pointer as it arrives opens with that click', async () => {
    const page = await engineOn(form);
    await page.evaluate(() => {
      const d = document.getElementById('d') as HTMLElement;
      d.addEventListener('pointermove', () => {
        const s = document.getElementById('s') as HTMLElement;
        s.style.top = '100px';
        d.remove();
      });
    });
    const report = await perform(page, click(50, 115));
    assert.match(report.notes.join(' '), /option list is open/);
  });
});
