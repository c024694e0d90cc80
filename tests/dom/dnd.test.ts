import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { both, centre, sequence, useEnv } from './helpers.ts';

const env = useEnv();

const dragTypes = ['dragstart', 'dragenter', 'dragover', 'dragleave', 'drop', 'dragend'];

/** Consecutive duplicates collapsed: trusted drags coalesce dragover events, ours do not. */
function collapse(seq: string[]): string[] {
  return seq.filter((s, i) => s !== seq[i - 1]);
}

describe('drag (FIDELITY 10-11)', () => {
  it('10: a mouse-event drag moves a jQuery UI-style draggable', async () => {
    const r = await both(env, 'dnd.html', async (d) => {
      await d.drag(await centre(d.page, '#knob'), [250, 100]);
      return d.page.$eval('#knob', (k) => [
        (k as HTMLElement).style.left,
        (k as HTMLElement).style.top,
      ]);
    });
    assert.deepEqual(r.trusted, ['220px', '70px']);
    assert.deepEqual(r.engine, r.trusted);
  });

  it('11: HTML5 drag-and-drop fires dragstart, dragenter, dragover, drop, dragend with one DataTransfer', async () => {
    const r = await both(env, 'dnd.html', async (d) => {
      await d.drag(await centre(d.page, '#src'), await centre(d.page, '#dst'));
      const seq = collapse(
        (await sequence(d.page, dragTypes)).filter(
          (s) => !s.endsWith('@body') && !s.endsWith('@html'),
        ),
      );
      const state = await d.page.evaluate(() => [
        (window as unknown as { dropped: string }).dropped,
        document.getElementById('src')?.parentElement?.id,
      ]);
      return { seq: [seq[0], ...seq.slice(-3)], state };
    });
    assert.deepEqual(r.trusted.state, ['payload', 'dst']);
    assert.deepEqual(r.trusted.seq, ['dragstart@src', 'dragover@dst', 'drop@dst', 'dragend@src']);
    assert.deepEqual(r.engine, r.trusted);
  });

  it('11: a target that does not cancel dragover gets no drop, and dragend says none', async () => {
    const r = await both(env, 'dnd.html', async (d) => {
      await d.drag(await centre(d.page, '#src'), await centre(d.page, '#refuse'));
      const log = await sequence(d.page, dragTypes);
      return { dropped: log.includes('drop@refuse'), ended: log.at(-1) };
    });
    assert.deepEqual(r.trusted, { dropped: false, ended: 'dragend@src' });
    assert.deepEqual(r.engine, r.trusted);
  });
});
