/**
 * Keys that scroll the page when nothing editable has focus: arrows by 40 px,
 * PageUp/PageDown and Space/Shift+Space by a page, Home/End to the ends
 * (Chromium's KeyboardEventManager::DefaultKeyboardEventHandler). A dispatched
 * key event scrolls nothing.
 */
import type { Modifier } from '../../extension/keys-table.ts';
import { deepActiveElement } from './dom.ts';
import { describeScroller, pageStep, scrollerFor, scrollNow } from './scrolling.ts';
import { engineState } from './state.ts';

/** Chromium's arrow-key scroll step, CSS px. */
const lineStep = 40;

export function scrollKey(key: string, mods: ReadonlySet<Modifier>): string | undefined {
  const active = deepActiveElement();
  const focusStart = engineState.focusStart;
  const from =
    active && active !== document.body
      ? active
      : focusStart instanceof Element
        ? focusStart
        : (focusStart?.parentElement ?? document.body);
  const vertical = (dy: number): [number, number] => [0, dy];
  const huge = 1e9;
  let delta: [number, number];
  switch (key) {
    case 'ArrowDown':
      delta = vertical(lineStep);
      break;
    case 'ArrowUp':
      delta = vertical(-lineStep);
      break;
    case 'ArrowRight':
      delta = [lineStep, 0];
      break;
    case 'ArrowLeft':
      delta = [-lineStep, 0];
      break;
    case 'PageDown':
    case ' ':
      delta = vertical(key === ' ' && mods.has('Shift') ? -1 : 1);
      break;
    case 'PageUp':
      delta = vertical(-1);
      break;
    case 'End':
      delta = vertical(huge);
      break;
    case 'Home':
      delta = vertical(-huge);
      break;
    default:
      return undefined;
  }
  const scroller = scrollerFor(from, delta[0], delta[1]);
  if (!scroller) return 'nothing here can scroll further that way';
  const paged = key === 'PageDown' || key === 'PageUp' || key === ' ';
  const dy = paged ? delta[1] * pageStep(scroller) : delta[1];
  scrollNow(scroller, delta[0], dy);
  return scroller === window ? undefined : `scrolled ${describeScroller(scroller)}`;
}
