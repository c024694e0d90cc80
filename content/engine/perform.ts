/**
 * The engine's entry points: perform one action, release everything held, in
 * this frame. Actions run one at a time, in the order they arrive.
 */
import type { ActionReport, FrameHit, MouseButton } from '../../extension/actions.ts';
import type { EngineAction, KeyStroke } from '../../extension/engine-action.ts';
import type { OnDemandName } from '../../extension/on-demand.ts';
import { routePoint } from '../../extension/frame-routing.ts';
import type { ViewportPoint } from '../../extension/geometry.ts';
import { pauseDomWatch, resumeDomWatch } from './dom-changes.ts';
import { drag } from './drag.ts';
import { settleFocus } from './focus.ts';
import { frameAt, hitTest } from './hit-test.ts';
import { resetHover, updateHover } from './hover.ts';
import { hoverNote } from './hover-rules.ts';
import { click, moveTo, press, releaseAllButtons, releaseButton } from './mouse.ts';
import { interrupt, resume } from './interrupt.ts';
import { onDemand, required } from './on-demand.ts';
import { Report } from './report.ts';
import { isListbox } from './select-listbox.ts';
import { selectListOpen } from './part-state.ts';
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
  const keys = required('keyboard');
  const pressed: string[] = [];
  try {
    for (const m of mods) {
      if (m.modifier && engineState.modifiers.has(m.modifier)) continue;
      pressed.push(m.name);
      keys.keyDown(keys.keyInfo(m), report);
    }
    return await fn();
  } finally {
    for (const name of pressed.reverse()) keys.keyUp(name, report);
  }
}

function clickAt(at: ViewportPoint, button: MouseButton, count: 1 | 2 | 3, report: Report): void {
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
      if (selectListOpen()) {
        report.note(required('keyboard').clickSelectPopup(action.at));
        return;
      }
      await withModifiers(action.modifiers, report, () =>
        clickAt(action.at, action.button, action.count, report),
      );
      report.note(hoverNote(engineState.hovered) ?? '');
      return;
    case 'down':
      if (selectListOpen()) {
        report.note(required('keyboard').clickSelectPopup(action.at));
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
      onDemand('keyboard')?.closeSelectPopup();
      await withModifiers(action.modifiers, report, () => drag(action.from, action.to, report));
      return;
    case 'wheel':
      await withModifiers(action.modifiers, report, () =>
        wheel(action.at, action.deltaX, action.deltaY, report),
      );
      return;
    case 'chord':
      await required('keyboard').chord(action.keys, report);
      return;
    case 'hold':
      await required('keyboard').hold(action.keys, action.durationMs, report);
      return;
    case 'text':
      await required('keyboard').typeText(action.chars, action.shift, report);
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
  if (!at || selectListOpen() || engineState.pressed.size > 0) return null;
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

/**
 * The on-demand parts (on-demand.ts) this action needs and this frame lacks:
 * the keyboard engine for keys, for modifiers held around a pointer action, and
 * for a press on a select (its option list lives there); the drag part for an
 * action that may start an HTML5 drag.
 */
function missingFor(action: EngineAction): OnDemandName[] {
  const missing: OnDemandName[] = [];
  if (!onDemand('keyboard') && needsKeyboard(action)) missing.push('keyboard');
  if (!onDemand('drag') && mayDragNatively(action)) missing.push('drag');
  return missing;
}

function needsKeyboard(action: EngineAction): boolean {
  if (action.kind === 'chord' || action.kind === 'hold' || action.kind === 'text') return true;
  if ('modifiers' in action && action.modifiers.length > 0) return true;
  const press = action.kind === 'click' || action.kind === 'down' || action.kind === 'drag';
  const at = press ? routePoint(action) : undefined;
  const select = at && hitTest(at)?.closest('select');
  return !!select && !isListbox(select);
}

/**
 * A drag (pages such as SortableJS make the pressed element draggable in their
 * own pointerdown, so what is draggable before the press does not tell), or
 * any pointer action while the left button holds a draggable element.
 */
function mayDragNatively(action: EngineAction): boolean {
  if (action.kind === 'drag') return true;
  const keys = action.kind === 'chord' || action.kind === 'hold' || action.kind === 'text';
  return !keys && !!engineState.pressed.get('left')?.dragSource;
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
      if (frame) return { ...report.done(), frame };
      const needs = missingFor(action);
      if (needs.length) return { ...report.done(), needs };
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
    onDemand('keyboard')?.releaseKeys(report);
    onDemand('keyboard')?.closeSelectPopup();
    swallowUp = false;
    // The pointer is the user's again: the engine stops following the page under it, so
    // the page's later scrolls and changes bring no hover events from us.
    engineState.pointer = null;
    resetHover();
    pauseDomWatch();
  }
}
