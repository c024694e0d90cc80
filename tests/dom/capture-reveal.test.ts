/**
 * Pointer capture taken in a pointerdown handler (answered by the page-world
 * hook, carried out by the engine) and the caret reveal after typing, each
 * compared with trusted input.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'puppeteer-core';
import { point } from '../../extension/geometry.ts';
import { injectEngine, perform, release } from '../support/engine-harness.ts';
import { useEnv } from './helpers.ts';

const env = useEnv();

const capturePage = `<!doctype html><body style="margin:0">
<div id=cap style="width:100px;height:100px;background:#ccc"></div>
<div id=other style="width:100px;height:100px;background:#eee"></div>
<script>
  window.__log = [];
  const cap = document.getElementById('cap');
  cap.addEventListener('pointerdown', (e) => {
    cap.setPointerCapture(e.pointerId);
    window.__log.push('has:' + cap.hasPointerCapture(e.pointerId));
  });
  for (const t of ['pointerdown', 'pointermove', 'pointerup', 'gotpointercapture', 'lostpointercapture',
    'pointerover', 'pointerout', 'mouseup', 'click'])
    window.addEventListener(t, (e) => window.__log.push(t + '@' + e.target.id), true);
</script></body>`;

const typingPage = `<!doctype html><body style="margin:30px">
<textarea id=ta wrap=off style="width:50px;height:40px;font:14px monospace;padding:2px"></textarea>
<div id=wrap style="overflow:hidden;position:relative;width:3px;height:0">
  <textarea id=hidden wrap=off style="position:absolute;bottom:-1em;padding:0;width:1000px;height:1em;font:14px monospace"></textarea>
</div></body>`;

async function open(kind: 'engine' | 'trusted', html: string): Promise<Page> {
  const page =
    kind === 'engine' ? env.enginePage : await env.launched.browser.newPage({ type: 'window' });
  await page.setContent(html);
  if (kind === 'engine') await injectEngine(page);
  return page;
}

async function captureRun(kind: 'engine' | 'trusted'): Promise<string[]> {
  const page = await open(kind, capturePage);
  try {
    if (kind === 'engine') {
      await perform(page, { kind: 'move', to: point(50, 50) });
      await perform(page, { kind: 'down', at: point(50, 50), button: 'left', modifiers: [] });
      await perform(page, { kind: 'move', to: point(50, 150) });
      await perform(page, { kind: 'up', at: point(50, 150), button: 'left', modifiers: [] });
    } else {
      await page.mouse.move(50, 50);
      await page.mouse.down();
      await page.mouse.move(50, 150);
      await page.mouse.up();
    }
    const seen = await page.evaluate(() => (window as unknown as { __log: string[] }).__log);
    const after = await page.evaluate(() => {
      const cap = document.getElementById('cap') as Element;
      return `after:${cap.hasPointerCapture(1)}`;
    });
    // The engine's down/up actions move to their point first: repeated moves are pacing.
    return [...seen, after].filter((e, i, all) => e !== 'pointermove@cap' || all[i - 1] !== e);
  } finally {
    if (kind === 'trusted') await page.close();
    else await release(page);
  }
}

describe('pointer capture and caret reveal', () => {
  it('setPointerCapture in pointerdown: got/lostpointercapture and retargeted events, as trusted', async () => {
    const [engine, trusted] = await Promise.all([captureRun('engine'), captureRun('trusted')]);
    assert.deepEqual(engine, trusted);
    assert.ok(engine.includes('gotpointercapture@cap'));
    assert.ok(engine.includes('pointerup@cap'));
    assert.equal(engine[engine.length - 1], 'after:false');
  });

  it("the hook's capture methods still look native", async () => {
    const page = await open('engine', capturePage);
    const src = await page.evaluate(() => [
      Element.prototype.setPointerCapture.toString(),
      Element.prototype.setPointerCapture.name,
      Element.prototype.hasPointerCapture.length,
    ]);
    assert.deepEqual(src, [
      'function setPointerCapture() { [native code] }',
      'setPointerCapture',
      1,
    ]);
  });

  it('typing scrolls a narrow textarea and a hidden textarea’s overflow: hidden wrapper as trusted typing does', async () => {
    const run = async (kind: 'engine' | 'trusted'): Promise<string[]> => {
      const page = await open(kind, typingPage);
      const out: string[] = [];
      try {
        for (const id of ['ta', 'hidden']) {
          await page.evaluate((i) => document.getElementById(i)?.focus(), id);
          if (kind === 'engine') await perform(page, { kind: 'text', text: 'abcdefghij' });
          else await page.keyboard.type('abcdefghij');
          out.push(
            await page.evaluate((i) => {
              const el = document.getElementById(i) as HTMLElement;
              const p = el.parentElement as HTMLElement;
              return `${i} ${el.scrollLeft},${el.scrollTop} ${p.scrollLeft},${p.scrollTop}`;
            }, id),
          );
        }
      } finally {
        if (kind === 'trusted') await page.close();
      }
      return out;
    };
    const [engine, trusted] = await Promise.all([run('engine'), run('trusted')]);
    assert.deepEqual(engine, trusted);
    assert.notEqual(engine[0], 'ta 0,0 0,0');
  });
});
