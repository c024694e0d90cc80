/**
 * A left-button drag from one point to another: press, evenly spaced moves,
 * release. Mouse-event libraries (jQuery UI, Sortable) see mousedown, mousemoves
 * and mouseup; a draggable source gets HTML5 drag-and-drop (see html-drag.ts).
 */
import type { FramePoint } from '../../extension/geometry.ts';
import { point } from '../../extension/geometry.ts';
import { sleep } from './dom.ts';
import { moveTo, press, releaseButton } from './mouse.ts';
import type { Report } from './report.ts';

/** One move per ~20 px, between 5 and 20, so libraries with thresholds see a gesture. */
function stepsFor(from: FramePoint, to: FramePoint): number {
  const distance = Math.hypot(to.x - from.x, to.y - from.y);
  return Math.max(5, Math.min(20, Math.ceil(distance / 20)));
}

/** Time between moves: a frame, so rAF-throttled drag libraries process each one. */
const stepDelayMs = 16;

export async function drag(from: FramePoint, to: FramePoint, report: Report): Promise<void> {
  moveTo(from, report);
  press('left', from, 1, report);
  try {
    const steps = stepsFor(from, to);
    for (let i = 1; i <= steps; i++) {
      await sleep(stepDelayMs);
      moveTo(
        point<'frame'>(
          from.x + ((to.x - from.x) * i) / steps,
          from.y + ((to.y - from.y) * i) / steps,
        ),
        report,
      );
    }
    await sleep(stepDelayMs);
  } finally {
    releaseButton('left', to, 1, report);
  }
}
