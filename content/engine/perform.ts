/**
 * The engine's entry points: perform one action, release everything held, in
 * this frame. Actions run one at a time, in the order they arrive.
 */
import type { ActionReport, FrameHit, MouseButton } from '../../extension/actions.ts';
import type { EngineAction, KeyStroke } from '../../extension/engine-action.ts';
import { routePoint } from '../../extension/frame-routing.ts';
import type { FramePoint } from '../../extension/geometry.ts';
import { pauseDomWatch, resumeDomWatch } from './dom-changes.ts';
import { drag } from './drag.ts';
import { settleFocus } from './focus.ts';
import { frameAt, hitTest } from './hit-test.ts';
import { resetHover, updateHover } from './hover.ts';
import { hoverNote } from './hover-rules.ts';
import { click, moveTo, press, releaseAllButtons, releaseButton } from './mouse.ts';
import { interrupt, resume } from './interrupt.ts';
import { chord, hold, typeText } from './key-actions.ts';
import { keyDown, keyInfo, keyUp, releaseKeys } from './keyboard.ts';
import { Report } from './report.ts';
import { clickSelectPopup, closeSelectPopup, isSelectPopupOpen } from './select-popup.ts';
import { engineState } from './state.ts';
import { wheel } from './wheel.ts';
import { leaveWindowFocus } from './window-focus.ts';

/** Holds the action's modifier keys (keydown) around `fn`, and always releases them. */
async function withModifiers<T>(
  mods: readonly KeyStroke[],
  report: Report,
  fn: () => T | Promise<T>,
): Promise<T> {
  if (!mods.length) return fn();
  const pressed: string[] = [];
  try {
    for (const m of mods) {
      if (m.modifier && engineState.modifiers.has(m.modifier)) continue;
      pressed.push(m.name);
      keyDown(keyInfo(m), report);
    }
    return await fn();
  } finally {
    for (const name of pressed.reverse()) keyUp(name, report);
  }
}

function clickAt(at: FramePoint, button: MouseButton, count: 1 | 2 | 3, report: Report): void {
  moveTo(at, report);
  click(button, at, count, report);
}

/** The mouse-up after a press that went to our select list, which the page must not see. */
let swallowUp = false;

async function run(action: EngineAction, report: Report): Promise<void> {
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
        clickAt(action.at, action.button, action.count, report),
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
      await chord(action.keys, report);
      return;
    case 'hold':
      await hold(action.keys, action.durationMs, report);
      return;
    case 'text':
      await typeText(action.chars, action.shift, report);
      return;
  }
}

/**
 * An action whose point falls inside an iframe belongs to that frame's own
 * engine; the background sends it there. This frame sees what a real pointer
 * going into the iframe gives it: boundary events (no moves). A press there
 * takes the focus from this window; the background says so once the frame has
 * the press (`leave`), so that a blur the browser sends itself comes first.
 */
function forwardToFrame(action: EngineAction): FrameHit | null {
  const at = routePoint(action);
  // With a button down here, this frame keeps the pointer until it is up (as a browser does).
  if (!at || isSelectPopupOpen() || engineState.pressed.size > 0) return null;
  const hit = frameAt(at);
  if (!hit) return null;
  // Chromium hit-tests a same-process iframe in this document, so the iframe element
  // becomes hovered; input over a cross-site iframe goes straight to that frame's
  // process, and this document only sees the pointer leave what it hovered.
  const el = hitTest(at);
  const sameOrigin = el instanceof HTMLIFrameElement && el.contentDocument !== null;
  updateHover(sameOrigin ? el : null, at);
  engineState.pointer = at;
  return hit;
}

let queue: Promise<unknown> = Promise.resolve();

/** Runs `fn` after every action already queued in this frame. */
function queued<T>(fn: () => T | Promise<T>): Promise<T> {
  const next = queue.then(fn);
  queue = next.catch(() => undefined);
  return next;
}

/** Carries out one action in this frame and says what it hit and what Claude should know. */
export function perform(action: EngineAction): Promise<ActionReport> {
  return queued(async () => {
    const report = new Report();
    resumeDomWatch();
    settleFocus();
    try {
      const frame = forwardToFrame(action);
      if (frame) return { kind: 'frame', frame, notes: report.done().notes };
      await run(action, report);
    } finally {
      settleFocus();
    }
    return report.done();
  });
}

/** The pointer or the focus went to another frame: what this frame sees of that. */
export function leave(what: { pointer: boolean; focus: boolean }): Promise<void> {
  return queued(() => {
    if (what.pointer && engineState.pointer) {
      updateHover(null, engineState.pointer);
      engineState.pointer = null;
    }
    if (what.focus) leaveWindowFocus();
  });
}

/** Releases every button and key the engine holds and closes our select list. */
export async function release(): Promise<void> {
  interrupt();
  await queue;
  resume();
  const report = new Report();
  try {
    releaseAllButtons(engineState.pointer, report);
  } finally {
    releaseKeys(report);
    closeSelectPopup();
    swallowUp = false;
    // The pointer is the user's again: the engine stops following the page under it, so
    // the page's later scrolls and changes bring no hover events from us.
    engineState.pointer = null;
    resetHover();
    pauseDomWatch();
  }
}
