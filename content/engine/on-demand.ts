/**
 * Parts of the content script that not every frame gets. content.js, which
 * every frame of the task's tab gets, holds the pointer engine and the
 * observers; the keyboard engine (with the widgets keys drive: the native
 * select list and date fields) comes in content-keyboard.js the first time an
 * action in this frame needs it, HTML5 drag-and-drop in content-drag.js the
 * same way; the top frame's own observers (indicator, page
 * text, risk targets) come in content-top.js, which the background loads into
 * the top frame right after content.js. A part runs in the same isolated world
 * and shares content.js's modules (scripts/content-bundles.mjs), so it
 * registers itself here.
 *
 * perform() asks for what an action needs before touching the page
 * (`ActionReport.needs`); the background loads it and sends the action again.
 */
import type { OnDemandName } from '../../extension/on-demand.ts';
import type { DragModule } from '../drag-module.ts';
import type { KeyboardModule } from '../keyboard-module.ts';
import type { TopModule } from '../top-module.ts';

export interface OnDemandModules {
  readonly drag: DragModule;
  readonly keyboard: KeyboardModule;
  readonly top: TopModule;
}

const loaded: { -readonly [K in OnDemandName]?: OnDemandModules[K] } = {};

/** Called once by each on-demand script; a second copy of a script changes nothing. */
export function provide<K extends OnDemandName>(name: K, module: OnDemandModules[K]): void {
  loaded[name] ??= module as never;
}

/** The module if this frame has it. */
export function onDemand<K extends OnDemandName>(name: K): OnDemandModules[K] | undefined {
  return loaded[name] as OnDemandModules[K] | undefined;
}

/** Which modules this frame has, for the background's ping. */
export function loadedModules(): OnDemandName[] {
  return Object.keys(loaded) as OnDemandName[];
}

/** The module, which perform() made sure of before the action began. */
export function required<K extends OnDemandName>(name: K): OnDemandModules[K] {
  const module = loaded[name];
  if (!module) throw new Error(`tabpilot's ${name} module is not loaded in this frame`);
  return module as OnDemandModules[K];
}
