import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ActionReport, PageAction } from '../../extension/actions.ts';
import { FrameRouter, routePoint } from '../../extension/frame-routing.ts';
import { point } from '../../extension/geometry.ts';

/**
 * A tab of named frames: `top` holds iframe `a` (content box at 100,50) which
 * holds iframe `b` (at 10,10); `top` also holds `c` at 400,0. A frame forwards
 * a point that falls inside one of its iframes' boxes (200×200).
 */
const children: Record<string, { name: string; x: number; y: number }[]> = {
  top: [
    { name: 'a', x: 100, y: 50 },
    { name: 'c', x: 400, y: 0 },
  ],
  a: [{ name: 'b', x: 10, y: 10 }],
  b: [],
  c: [],
};

function tab() {
  const calls: string[] = [];
  const holding = new Set<string>();
  const router = new FrameRouter<string>('top', {
    perform: (frame, action): Promise<ActionReport> => {
      const at = routePoint(action);
      calls.push(`${frame} ${action.kind}${at ? ` ${at.x},${at.y}` : ''}`);
      // A frame holding a button keeps the pointer, as the engine does.
      const hit =
        at && !holding.has(frame)
          ? children[frame]?.find(
              (c) => at.x >= c.x && at.y >= c.y && at.x < c.x + 200 && at.y < c.y + 200,
            )
          : undefined;
      if (!hit && action.kind === 'down') holding.add(frame);
      if (!hit && action.kind === 'up') holding.delete(frame);
      return Promise.resolve(
        hit
          ? { kind: 'frame', notes: [], frame: { url: hit.name, x: hit.x, y: hit.y, path: [0] } }
          : { kind: 'done', notes: [] },
      );
    },
    frameFor: (hit) => Promise.resolve(hit.url === 'unreachable' ? undefined : hit.url),
    leave: (frame, what) => {
      calls.push(`${frame} leave${what.pointer ? ' pointer' : ''}${what.focus ? ' focus' : ''}`);
      return Promise.resolve();
    },
  });
  return { router, calls };
}

const click = (x: number, y: number): PageAction<'viewport'> => ({
  kind: 'click',
  at: point<'viewport'>(x, y),
  button: 'left',
  count: 1,
  modifiers: [],
});
const move = (x: number, y: number): PageAction<'viewport'> => ({
  kind: 'move',
  to: point<'viewport'>(x, y),
});

describe('FrameRouter', () => {
  it('hands a point down through nested frames at each frame’s own coordinates', async () => {
    const { router, calls } = tab();
    await router.perform(click(130, 70));
    assert.deepEqual(calls, [
      'top click 130,70',
      'a click 30,20',
      'b click 20,10',
      // The press took the focus from the frames that handed it down.
      'top leave focus',
      'a leave focus',
    ]);
  });

  it('sends keys to the frame the last press went to', async () => {
    const { router, calls } = tab();
    await router.perform(click(130, 70));
    calls.length = 0;
    await router.perform({ kind: 'text', text: 'hi' });
    assert.deepEqual(calls, ['b text']);
  });

  it('tells a frame the pointer and the focus left it, when it had no part in the action', async () => {
    const { router, calls } = tab();
    await router.perform(click(130, 70));
    calls.length = 0;
    await router.perform(click(450, 10));
    assert.deepEqual(calls, [
      'top click 450,10',
      'c click 50,10',
      'top leave focus',
      'b leave pointer focus',
    ]);
    calls.length = 0;
    // A move takes the pointer away but not the focus.
    await router.perform(move(10, 10));
    assert.deepEqual(calls, ['top move 10,10', 'c leave pointer']);
  });

  it('says so when the frame cannot be reached', async () => {
    const { router } = tab();
    children['top']?.push({ name: 'unreachable', x: 0, y: 300 });
    const report = await router.perform(click(5, 305));
    assert.match(report.notes.join(' '), /cannot reach/);
  });

  it('keeps a pressed button’s frame for every pointer action until the button is up', async () => {
    const { router, calls } = tab();
    const at = (x: number, y: number) => point<'viewport'>(x, y);
    await router.perform({ kind: 'down', at: at(130, 70), button: 'left', modifiers: [] });
    calls.length = 0;
    // The pointer leaves the frames while the button is down: b still gets it, at its offset.
    await router.perform(move(500, 500));
    await router.perform({ kind: 'up', at: at(500, 500), button: 'left', modifiers: [] });
    assert.deepEqual(calls, ['b move 390,440', 'b up 390,440']);
    calls.length = 0;
    await router.perform(move(500, 500));
    assert.deepEqual(calls.slice(0, 1), ['top move 500,500']);
    assert.ok(router.frames().includes('b'), 'b is released at the end of the run');
  });

  it('sends a drag to the frame it starts in', async () => {
    const { router, calls } = tab();
    await router.perform({
      kind: 'drag',
      from: point<'viewport'>(450, 10),
      to: point<'viewport'>(10, 10),
      modifiers: [],
    });
    assert.deepEqual(calls.slice(0, 2), ['top drag 450,10', 'c drag 50,10']);
  });

  it('stops between frames once the run is stopped', async () => {
    const { router, calls } = tab();
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(router.perform(click(130, 70), controller.signal));
    assert.deepEqual(calls, []);
  });
});
