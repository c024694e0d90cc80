/**
 * What the engine remembers between actions, as the browser would for a real
 * mouse and keyboard: where the pointer is, what it hovers, which buttons and
 * keys are down. One instance per frame.
 */
import type { MouseButton } from '../../extension/actions.ts';
import type { FramePoint } from '../../extension/geometry.ts';
import type { Modifier } from '../../extension/keys-table.ts';

export interface PressedButton {
  readonly button: MouseButton;
  /** Where the mousedown went, for the click target (common ancestor with the mouseup target). */
  readonly target: Element;
  /** The target's flat-tree ancestors at press time: the click goes to the deepest one still shared at release. */
  readonly chain: readonly Element[];
  readonly at: FramePoint;
  /** mousedown's default action ran (not prevented): focus, selection, native drag may follow. */
  readonly defaultAllowed: boolean;
  /** What a native drag would carry if the pointer moves far enough (draggable, link, image). */
  readonly dragSource: Element | null;
}

/** One key as the page sees it, resolved against the modifiers held when it went down. */
export interface KeyInfo {
  /** Key name (a KeyName) or, for characters no key types, the character itself. */
  readonly name: string;
  readonly key: string;
  readonly code: string;
  readonly keyCode: number;
  readonly location: number;
  /** What the key types; undefined for keys that type nothing. */
  readonly text?: string;
  readonly modifier?: Modifier;
}

export const engineState = {
  /** Last pointer position, viewport CSS pixels; null before the first action. */
  pointer: null as FramePoint | null,
  /** Element under the pointer after the last move (for mouseover/out bookkeeping). */
  hovered: null as Element | null,
  pressed: new Map<MouseButton, PressedButton>(),
  /** An HTML5 drag owns the pointer (html-drag.ts): no hover or pointer events meanwhile. */
  nativeDrag: false,
  /** pointerdown was cancelled: compatibility mouse events are withheld until pointerup. */
  suppressMouseCompat: false,
  /** Modifier keys currently down (from a chord or a click's modifiers). */
  modifiers: new Set<Modifier>(),
  /** Every key down now, by name, as it went down (its keyup repeats those fields). */
  keysDown: new Map<string, KeyInfo>(),
  /** Text copied or cut with Ctrl+C / Ctrl+X in this frame, for Ctrl+V. */
  clipboard: null as string | null,
  /**
   * Where sequential focus navigation starts when nothing is focused: the node
   * last clicked (https://html.spec.whatwg.org/#sequential-focus-navigation-starting-point).
   */
  focusStart: null as Node | null,
};

export const buttonCode: Record<MouseButton, number> = { left: 0, middle: 1, right: 2 };
export const buttonBit: Record<MouseButton, number> = { left: 1, right: 2, middle: 4 };

/** MouseEvent.buttons for what is pressed now. */
export function buttonsMask(): number {
  let mask = 0;
  for (const b of engineState.pressed.keys()) mask |= buttonBit[b];
  return mask;
}

export function modifierFlags(): Pick<
  MouseEventInit,
  'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'
> {
  const m = engineState.modifiers;
  return {
    altKey: m.has('Alt'),
    ctrlKey: m.has('Control'),
    metaKey: m.has('Meta'),
    shiftKey: m.has('Shift'),
  };
}
