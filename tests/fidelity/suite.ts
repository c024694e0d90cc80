/**
 * The fidelity suite: every behaviour of /work/shared/FIDELITY.md (split into
 * its parts), run through trusted input and through the engine, compared.
 * Shared by scripts/fidelity.ts (the table) and fidelity.test.ts (npm test).
 */
import type { Behaviour, BehaviourResult } from './behaviour.ts';
import { hoverBehaviours } from './behaviours/hover.ts';
import { keyboardBehaviours } from './behaviours/keyboard.ts';
import { mouseBehaviours } from './behaviours/mouse.ts';
import { scrollBehaviours } from './behaviours/scrolling.ts';
import { widgetBehaviours } from './behaviours/widgets.ts';
import { expectationFor } from './expectations.ts';
import { runBehaviour } from './run-behaviour.ts';
import { startSession } from './session.ts';

export const behaviours: readonly Behaviour[] = [
  ...mouseBehaviours,
  ...scrollBehaviours,
  ...keyboardBehaviours,
  ...widgetBehaviours,
  ...hoverBehaviours,
];

export interface SuiteOptions {
  /** Only these behaviour ids (or FIDELITY numbers: '12' selects 12-drag, 12-word, …). */
  readonly only?: readonly string[];
  readonly onResult?: (r: BehaviourResult) => void;
}

export function selected(only: readonly string[] | undefined): Behaviour[] {
  if (!only?.length) return [...behaviours];
  return behaviours.filter((b) => only.some((o) => b.id === o || b.id.startsWith(`${o}-`)));
}

/** Runs the behaviours one after another, each on both sides at once, in one browser. */
export async function runSuite(options: SuiteOptions = {}): Promise<BehaviourResult[]> {
  const session = await startSession();
  const results: BehaviourResult[] = [];
  try {
    for (const b of selected(options.only)) {
      const r = await runBehaviour(session, b);
      results.push(r);
      options.onResult?.(r);
    }
  } finally {
    await session.close();
  }
  return results;
}

export type Verdict = 'agree' | 'gap' | 'differ';

/** Whether the engine met its expectation: agreement, or the listed gap (reported as required). */
export function verdict(r: BehaviourResult): Verdict {
  if (r.differences.length === 0 && r.engineProblems.length === 0) return 'agree';
  return expectationFor(r.behaviour.id) ? 'gap' : 'differ';
}

export function agrees(r: BehaviourResult): boolean {
  return (
    r.differences.length === 0 && r.engineProblems.length === 0 && r.reportProblems.length === 0
  );
}
