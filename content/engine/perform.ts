/**
 * The engine's entry points: perform one action, release everything held, in
 * this frame. Actions run one at a time, in the order they arrive.
 */
import type { ActionReport, Modifier, MouseButton, PageAction } from '../../extension/actions.ts';
import type { ViewportPoint } from '../../extension/geometry.ts';
import { point } from '../../extension/geometry.ts';
import { drag } from './drag.ts';
import { settleFocus } from './focus.ts';
import { hoverNote } from './hover-rules.ts';
import { chord, hold, typeText } from './key-actions.ts';
import { keyDown, keyInfo, keyUp, releaseKeys } from './keyboard.ts';
import { moveTo, press, releaseButton } from './mouse.ts';
import { Report } from './report.ts';
import { clickSelectPopup, closeSelectPopup, isSelectPopupOpen } from './select-popup.ts';
import { engineState } from './state.ts';
import { wheel } from './wheel.ts';

/** Holds the action's modifier keys (keydown) around `fn`, and always releases them. */
async function withModifiers<T>(
  mods: readonly Modifier[],
  report: Report,
  fn: () => T | Promise<T>,
): Promise<T> {
  const pressed: Modifier[] = [];
  try {
    for (const m of mods) {
      if (engineState.modifiers.has(m)) continue;
      pressed.push(m);
      keyDown(keyInfo(m), report);
    }
    return await fn();
  } finally {
    for (const m of pressed.reverse()) keyUp(m, report);
  }
}

function click(at: ViewportPoint, button: MouseButton, count: 1 | 2 | 3, report: Report): void {
  moveTo(at, report);
  for (let detail = 1; detail <= count; detail++) {
    press(button, at, detail, report);
    releaseButton(button, at, detail, report);
  }
}

/** The mouse-up after a press that went to our select list, which the page must not see. */
let swallowUp = false;

async function run(action: PageAction<'viewport'>, report: Report): Promise<void> {
  switch (action.kind) {
    case 'move':
      report.note(hoverNote(moveTo(action.to, report)) ?? '');
      return;
    case 'click':
      if (isSelectPopupOpen()) {
        report.note(clickSelectPopup(action.at));
        return;
      }
      await withModifiers(action.modifiers, report, () =>
        click(action.at, action.button, action.count, report),
      );
      report.note(hoverNote(engineState.hovered) ?? '');
      return;
    case 'down':
      if (isSelectPopupOpen()) {
        report.note(clickSelectPopup(action.at));
        swallowUp = true;
        return;
      }
      await withModifiers(action.modifiers, report, () => {
        moveTo(action.at, report);
        press(action.button, action.at, 1, report);
      });
      return;
    case 'up':
      if (swallowUp) {
        swallowUp = false;
        return;
      }
      await withModifiers(action.modifiers, report, () => {
        moveTo(action.at, report);
        releaseButton(action.button, action.at, 1, report);
      });
      return;
    case 'drag':
      closeSelectPopup();
      await withModifiers(action.modifiers, report, () => drag(action.from, action.to, report));
      return;
    case 'wheel':
      await withModifiers(action.modifiers, report, () =>
        wheel(action.at, action.deltaX, action.deltaY, report),
      );
      return;
    case 'chord':
      chord(action.keys, report);
      return;
    case 'hold':
      await hold(action.keys, action.durationMs, report);
      return;
    case 'text':
      await typeText(action.text, report);
      return;
  }
}

let queue: Promise<unknown> = Promise.resolve();

/** Carries out one action in this frame and says what it hit and what Claude should know. */
export function perform(action: PageAction<'viewport'>): Promise<ActionReport> {
  const next = queue.then(async () => {
    const report = new Report();
    settleFocus();
    try {
      await run(action, report);
    } finally {
      settleFocus();
    }
    return report.done();
  });
  queue = next.catch(() => undefined);
  return next;
}

/** Releases every button and key the engine holds and closes our select list. */
export async function release(): Promise<void> {
  await queue;
  const report = new Report();
  const at = engineState.pointer ?? point<'viewport'>(0, 0);
  try {
    for (const button of [...engineState.pressed.keys()]) releaseButton(button, at, 1, report);
  } finally {
    releaseKeys(report);
    closeSelectPopup();
    swallowUp = false;
  }
}
