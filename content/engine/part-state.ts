/**
 * What the on-demand parts (on-demand.ts) hold, as content.js asks it: a frame
 * that never loaded a part has no select list open and no native drag going.
 */
import { onDemand } from './on-demand.ts';

/** Whether our native-select option list (the keyboard part) is open. */
export function selectListOpen(): boolean {
  return onDemand('keyboard')?.isSelectPopupOpen() ?? false;
}

/** Whether an HTML5 drag (the drag part) is going on. */
export function nativeDragging(): boolean {
  return onDemand('drag')?.isDragging() ?? false;
}
