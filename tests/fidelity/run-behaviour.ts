/** One behaviour on both sides at once (separate pages), checked and compared. */
import type { Behaviour, BehaviourResult, RunOutput } from './behaviour.ts';
import { compareRuns } from './compare.ts';
import { runSide } from './run-side.ts';
import type { Session } from './session.ts';

/** What went wrong in a run (its error, then what `check` threw), one line each. */
function problemsOf(
  r: RunOutput,
  check: ((r: RunOutput) => void) | undefined,
  withError = true,
): string[] {
  const out: string[] = [];
  if (withError && r.error) out.push(`run failed: ${r.error}`);
  if (!check) return out;
  try {
    check(r);
  } catch (e) {
    const text = e instanceof Error ? e.message : String(e);
    out.push(text.replace(/\s*\n\s*/g, ' ').slice(0, 400));
  }
  return out;
}

export async function runBehaviour(session: Session, b: Behaviour): Promise<BehaviourResult> {
  const t0 = Date.now();
  const [trusted, engine] = await Promise.all([
    runSide(session, 'trusted', b),
    runSide(session, 'engine', b),
  ]);
  const trustedProblems = problemsOf(trusted, b.check);
  const engineProblems = problemsOf(engine, b.check);
  const reportProblems = problemsOf(engine, b.engineCheck, false);
  return {
    behaviour: b,
    trusted,
    engine,
    trustedProblems,
    engineProblems,
    reportProblems,
    differences: compareRuns(trusted, engine, b),
    ms: Date.now() - t0,
  };
}
