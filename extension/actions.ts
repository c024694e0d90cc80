import type { Point, Space } from './geometry.ts';
import type { KeyName, Modifier } from './keys-table.ts';

/**
 * Input actions the content script carries out, in one coordinate space. The
 * background builds them in `model` space from Claude's tool input, maps them to
 * `viewport` space with measured geometry, and the content script runs them.
 */
export const mouseButtons = ['left', 'middle', 'right'] as const;
export type MouseButton = (typeof mouseButtons)[number];

export type PageAction<S extends Space = 'viewport'> =
  | { readonly kind: 'move'; readonly to: Point<S> }
  | {
      readonly kind: 'click';
      readonly at: Point<S>;
      readonly button: MouseButton;
      /** 1 single, 2 double, 3 triple click. */
      readonly count: 1 | 2 | 3;
      readonly modifiers: readonly Modifier[];
    }
  | {
      readonly kind: 'down' | 'up';
      readonly at: Point<S>;
      readonly button: MouseButton;
      readonly modifiers: readonly Modifier[];
    }
  | {
      readonly kind: 'drag';
      readonly from: Point<S>;
      readonly to: Point<S>;
      readonly modifiers: readonly Modifier[];
    }
  | {
      readonly kind: 'wheel';
      readonly at: Point<S>;
      /** Scroll distance, CSS pixels (deltaMode 0). */
      readonly deltaX: number;
      readonly deltaY: number;
      readonly modifiers: readonly Modifier[];
    }
  /** Keys pressed in order and released in reverse (`ctrl+shift+Tab`). */
  | { readonly kind: 'chord'; readonly keys: readonly KeyName[] }
  /** Keys held down for a time, with keydown repeats, then released. */
  | { readonly kind: 'hold'; readonly keys: readonly KeyName[]; readonly durationMs: number }
  | { readonly kind: 'text'; readonly text: string };

/** Rewrites every point of an action with `f` (used to change coordinate space). */
export function mapActionPoints<A extends Space, B extends Space>(
  action: PageAction<A>,
  f: (p: Point<A>) => Point<B>,
): PageAction<B> {
  switch (action.kind) {
    case 'move':
      return { ...action, to: f(action.to) };
    case 'click':
    case 'down':
    case 'up':
    case 'wheel':
      return { ...action, at: f(action.at) };
    case 'drag':
      return { ...action, from: f(action.from), to: f(action.to) };
    case 'chord':
    case 'hold':
    case 'text':
      return action;
  }
}

/** The pointer's final position after an action, if it moves the pointer. */
export function pointerAfter<S extends Space>(action: {
  readonly kind: PageAction['kind'];
  readonly at?: Point<S>;
  readonly to?: Point<S>;
}): Point<S> | undefined {
  // A drag ends at `to`, a move goes to it; clicks, presses and wheels happen `at`.
  return action.kind === 'move' || action.kind === 'drag' ? action.to : action.at;
}

/** What a frame's content script reports back after an action. */
export type ActionReport =
  | {
      /** The action was carried out in this frame. */
      readonly kind: 'done';
      /** Short description of what was hit, for the transcript (`button "Send"`). */
      readonly target?: string;
      /** Things Claude should know that a screenshot will not show. */
      readonly notes: readonly string[];
    }
  | {
      /**
       * The action's point is inside this iframe: it was not carried out here and
       * goes to that frame's content script, at coordinates relative to `frame.x`,
       * `frame.y` (where the iframe's content box starts, in this frame's CSS pixels).
       */
      readonly kind: 'frame';
      readonly frame: FrameHit;
      readonly notes: readonly string[];
    };

/** An iframe of a frame: its document's URL, where its content box starts, and which it is. */
export interface FrameHit {
  readonly url: string;
  readonly x: number;
  readonly y: number;
  /**
   * Where it sits in the tab: its index among its parent's child frames
   * (`window.frames`) at each level from the top frame down, which tells
   * same-URL frames apart wherever they are (frame-routing.ts frameIdentity).
   */
  readonly path: readonly number[];
}
