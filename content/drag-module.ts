/**
 * Entry of content-drag.js (content/engine/on-demand.ts): HTML5 drag-and-drop.
 * A frame loads it with a pointer action that may start a native drag: a drag
 * from a draggable element, or any pointer action while the left button is
 * held on one.
 */
import { provide } from './engine/on-demand.ts';
import {
  cancelPointerForDrag,
  dragTo,
  endDrag,
  isDragging,
  startDrag,
} from './engine/html-drag.ts';

const drag = { isDragging, startDrag, dragTo, endDrag, cancelPointerForDrag };

export type DragModule = typeof drag;

provide('drag', drag);
