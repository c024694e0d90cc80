/**
 * The Driver (driver.ts) through the extension's content-script engine, run in
 * the page by engine-harness.ts. Actions are routed between frames as the
 * background routes them (the same FrameRouter, puppeteer frames for ids), and
 * a frame gets the engine the first time an action reaches it.
 */
import type { Frame, Page } from 'puppeteer-core';
import type { ActionReport, PageAction } from '../../extension/actions.ts';
import { FrameRouter, frameIdentity, samePath } from '../../extension/frame-routing.ts';
import { point, type ViewportPoint } from '../../extension/geometry.ts';
import type { Driver } from './driver.ts';
import { hasEngine, injectEngine, leave, perform, release } from './engine-harness.ts';
import { withTimeout } from './timing.ts';

/**
 * A driver for `page`, whose top frame has the engine already. The notes of
 * every action report (what the engine tells Claude) are added to `notes`.
 */
export function engineDriver(page: Page, notes: string[] = []): Driver {
  let pointer: ViewportPoint | null = null;
  const frames = new FrameRouter<Frame>(page.mainFrame(), {
    perform,
    frameFor: async (hit) => {
      const sameUrl = page.frames().filter((f) => f.url() === hit.url);
      const places = await Promise.all(sameUrl.map((f) => f.evaluate(frameIdentity)));
      const frame = sameUrl[places.findIndex((p) => samePath(p.path, hit.path))] ?? sameUrl[0];
      if (frame && !hasEngine(frame)) await injectEngine(frame);
      return frame;
    },
    leave,
  });
  const run = async (action: PageAction<'viewport'>): Promise<void> => {
    const report: ActionReport = await frames.perform(action);
    notes.push(...report.notes);
  };
  /** Runs a pointer action that leaves the pointer at `p`. */
  const at = async (p: ViewportPoint, action: PageAction<'viewport'>): Promise<void> => {
    await run(action);
    pointer = p;
  };
  const d: Driver = {
    side: 'engine',
    page,
    move: (x, y) => at(point(x, y), { kind: 'move', to: point(x, y) }),
    moveSteps: async (x, y, steps) => {
      const from = pointer ?? point(x, y);
      for (let i = 1; i <= steps; i++)
        await d.move(from.x + ((x - from.x) * i) / steps, from.y + ((y - from.y) * i) / steps);
    },
    click: (x, y, o = {}) =>
      at(point(x, y), {
        kind: 'click',
        at: point(x, y),
        button: o.button ?? 'left',
        count: o.count ?? 1,
        modifiers: o.modifiers ?? [],
      }),
    down: (x, y, button = 'left') =>
      at(point(x, y), { kind: 'down', at: point(x, y), button, modifiers: [] }),
    up: (x, y, button = 'left') =>
      at(point(x, y), { kind: 'up', at: point(x, y), button, modifiers: [] }),
    drag: (from, to) =>
      at(point(...to), { kind: 'drag', from: point(...from), to: point(...to), modifiers: [] }),
    wheel: (x, y, deltaX, deltaY) =>
      at(point(x, y), { kind: 'wheel', at: point(x, y), deltaX, deltaY, modifiers: [] }),
    chord: (...keys) => run({ kind: 'chord', keys }),
    hold: (keys, durationMs) => run({ kind: 'hold', keys, durationMs }),
    type: (text) => run({ kind: 'text', text }),
    releaseAll: () => withTimeout(release(page), 3000, 'release').catch(() => undefined),
  };
  return d;
}
