/**
 * Which frame of a tab an action belongs to. Each frame's content script acts
 * in its own document at its own CSS pixels; the background routes between
 * them. A pointer action starts in the top frame; a frame whose iframe is under
 * the point hands it down (its report names the iframe and where its content
 * box starts), nested frames too. Keys and text go to the frame the last press
 * went to, where the focus is. A frame the pointer or the focus left without
 * taking part is told, so its page sees the pointer and the focus go.
 *
 * Generic in how a frame is named, so the background (frame ids) and the
 * engine tests (puppeteer frames) route with this same code.
 */
import {
  mapActionPoints,
  pointerAfter,
  type ActionReport,
  type FrameHit,
  type PageAction,
} from './actions.ts';
import { point, type Point, type Space } from './geometry.ts';

export interface FrameIo<F> {
  /** Carries out `action`, in `frame`'s own CSS pixels, in that frame. */
  perform(frame: F, action: PageAction<'frame'>): Promise<ActionReport>;
  /** The frame showing `hit.url` at `hit.path` in the tab, if it can be reached. */
  frameFor(hit: FrameHit): Promise<F | undefined>;
  leave(frame: F, what: { pointer: boolean; focus: boolean }): Promise<void>;
}

/**
 * A frame's URL and its path in the tab: its index among its parent's child
 * frames at each level from the top down (empty for the top frame), which
 * tells same-URL frames apart wherever they are. Cross-origin windows let
 * `parent` and `frames` be read, so it works across origins. Runs inside each
 * frame (executeScript serializes it), so it uses nothing from outside.
 */
export function frameIdentity(): { url: string; path: number[] } {
  const path: number[] = [];
  for (let w: Window = window; w.parent !== w; w = w.parent) {
    let index = -1;
    for (let i = 0; i < w.parent.frames.length; i++) if (w.parent.frames[i] === w) index = i;
    path.unshift(index);
  }
  return { url: location.href, path };
}

/** Whether two frame paths (frameIdentity) name the same frame. */
export function samePath(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Nesting deeper than this is not followed. */
const maxDepth = 5;

/** Where a pointer action starts: a drag belongs to the frame it starts in. */
export function routePoint<S extends Space>(action: {
  readonly kind: PageAction['kind'];
  readonly at?: Point<S>;
  readonly to?: Point<S>;
  readonly from?: Point<S>;
}): Point<S> | undefined {
  return action.kind === 'drag' ? action.from : pointerAfter(action);
}

export class FrameRouter<F> {
  #keyFrame: F;
  #pointerFrame: F;
  /**
   * The frame a mouse button went down in, and its offset: like a browser, it
   * gets every pointer action until the button is up, wherever the pointer goes.
   */
  #pressed: { frame: F; dx: number; dy: number } | undefined;
  /** Frames that may hold a button or key, whatever happened since: all are released at the end. */
  readonly #mayHold = new Set<F>();

  constructor(
    private readonly top: F,
    private readonly io: FrameIo<F>,
  ) {
    this.#keyFrame = top;
    this.#pointerFrame = top;
  }

  /** The frames to release at the end of a run. */
  frames(): F[] {
    return [...new Set([this.top, this.#keyFrame, this.#pointerFrame, ...this.#mayHold])];
  }

  /** A new document: keys go to its top frame until a press says otherwise. */
  reset(): void {
    this.#keyFrame = this.top;
    this.#pointerFrame = this.top;
    this.#pressed = undefined;
  }

  /** Carries out `action` in the frame it belongs to; `signal` stops it between frames. */
  async perform(action: PageAction<'viewport'>, signal?: AbortSignal): Promise<ActionReport> {
    const pointerAction = pointerAfter(action) !== undefined;
    const press = action.kind === 'click' || action.kind === 'down' || action.kind === 'drag';
    const held = pointerAction ? this.#pressed : undefined;
    let frame = held?.frame ?? (pointerAction ? this.top : this.#keyFrame);
    let dx = held?.dx ?? 0;
    let dy = held?.dy ?? 0;
    // The top frame's viewport is the tab's: its frame pixels are viewport pixels.
    let local = mapActionPoints(action, (p) => point<'frame'>(p.x - dx, p.y - dy));
    const path: F[] = [];
    let report: ActionReport;
    for (let depth = 0; ; depth++) {
      signal?.throwIfAborted();
      path.push(frame);
      if (action.kind === 'down' || action.kind === 'hold') this.#mayHold.add(frame);
      report = await this.io.perform(frame, local);
      if (report.kind !== 'frame') break;
      const hit = report.frame;
      const child = depth + 1 < maxDepth ? await this.io.frameFor(hit) : undefined;
      if (child === undefined) {
        report = {
          kind: 'done',
          notes: [
            ...report.notes,
            `the point is inside an iframe (${hit.url}) that tabpilot cannot reach; nothing was done there`,
          ],
        };
        break;
      }
      frame = child;
      dx += hit.x;
      dy += hit.y;
      local = mapActionPoints(local, (p) => point<'frame'>(p.x - hit.x, p.y - hit.y));
    }
    if (action.kind === 'down') this.#pressed ??= { frame, dx, dy };
    if (action.kind === 'up') {
      this.#pressed = undefined;
      this.#mayHold.delete(frame);
    }
    if (pointerAction) await this.#moved(frame, press, path);
    return report;
  }

  async #moved(frame: F, press: boolean, path: readonly F[]): Promise<void> {
    const before = { pointer: this.#pointerFrame, key: this.#keyFrame };
    this.#pointerFrame = frame;
    if (press) this.#keyFrame = frame;
    const leaves = new Map<F, { pointer: boolean; focus: boolean }>();
    // The frames that handed a press down lose the focus to the frame that took it
    // (each frame's engine knows whether its window still had it).
    if (press) for (const f of path.slice(0, -1)) leaves.set(f, { pointer: false, focus: true });
    for (const old of [before.pointer, before.key]) {
      // Frames on the path saw the pointer go into their iframe themselves.
      if (path.includes(old)) continue;
      const what = leaves.get(old) ?? { pointer: false, focus: false };
      if (old === before.pointer) what.pointer = true;
      if (press && old === before.key) what.focus = true;
      leaves.set(old, what);
    }
    for (const [f, what] of leaves) {
      if (what.pointer || what.focus) await this.io.leave(f, what).catch(() => undefined);
    }
  }
}
