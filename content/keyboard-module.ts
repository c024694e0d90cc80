/**
 * Entry of content-keyboard.js (content/engine/on-demand.ts): the keyboard
 * engine, and the widgets it drives that a click can open too (the native
 * select's option list; date fields). A frame loads it with its first action
 * that presses a key, holds a modifier, or points at a select.
 */
import { provide } from './engine/on-demand.ts';
import { chord, hold, typeText } from './engine/key-actions.ts';
import { keyDown, keyInfo, keyUp, releaseKeys } from './engine/keyboard.ts';
import {
  clickSelectPopup,
  closeSelectPopup,
  isSelectPopupOpen,
  openSelectPopup,
  wheelSelectPopup,
} from './engine/select-popup.ts';

const keyboard = {
  chord,
  hold,
  typeText,
  keyDown,
  keyInfo,
  keyUp,
  releaseKeys,
  isSelectPopupOpen,
  openSelectPopup,
  clickSelectPopup,
  closeSelectPopup,
  wheelSelectPopup,
};

export type KeyboardModule = typeof keyboard;

provide('keyboard', keyboard);
