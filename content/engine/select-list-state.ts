/**
 * Whether our native-select option list is open: it lives in the keyboard
 * module (on-demand.ts), so a frame that never loaded it has none open.
 */
import { onDemand } from './on-demand.ts';

export function selectListOpen(): boolean {
  return onDemand('keyboard')?.isSelectPopupOpen() ?? false;
}
