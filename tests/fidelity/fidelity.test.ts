/**
 * The fidelity suite under `npm test`: every FIDELITY.md behaviour, trusted input
 * vs the engine with the page unfocused. Trusted input must pass every behaviour
 * (else the fixture is wrong). The engine must leave the page in the state
 * trusted input leaves it in, except for the gaps listed in expectations.ts,
 * which it must still report to Claude. Exact agreement of the event logs is the
 * fidelity score: printed here (so it shows in CI's log) and by `npm run
 * fidelity`, with each behaviour's differences as a test diagnostic; the 95 %
 * goal is a measured figure, like the benchmark's.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { BehaviourResult } from '../support/trusted-vs-engine.ts';
import { expectationFor } from './expectations.ts';
import { behaviours, runSuite } from './suite.ts';
import { isStateDifference, printReport } from './report.ts';

describe('fidelity: trusted input vs the engine (FIDELITY.md)', { timeout: 600_000 }, () => {
  const results = new Map<string, BehaviourResult>();
  before(async () => {
    const t0 = Date.now();
    const all = await runSuite();
    for (const r of all) results.set(r.behaviour.id, r);
    printReport(all, { seconds: (Date.now() - t0) / 1000 });
  });

  for (const b of behaviours) {
    test(`${b.id}: ${b.title}`, (t) => {
      const r = results.get(b.id);
      assert.ok(r, 'the behaviour ran');
      assert.deepEqual(r.trustedProblems, [], 'trusted input does what FIDELITY.md says');
      assert.equal(r.engine.focused, false, "the engine's page had no focus");
      const gap = expectationFor(b.id);
      if (gap) {
        assert.ok(
          r.differences.length > 0 || r.engineProblems.length > 0,
          `listed as a known gap but the engine now agrees: remove it from expectations.ts`,
        );
        assert.deepEqual(r.reportProblems, [], 'the engine reports the gap to Claude');
        return;
      }
      assert.deepEqual(
        {
          problems: r.engineProblems,
          report: r.reportProblems,
          state: r.differences.filter(isStateDifference),
        },
        { problems: [], report: [], state: [] },
        'the engine leaves the page as trusted input does',
      );
      for (const d of r.differences) t.diagnostic(`event log differs: ${d.slice(0, 300)}`);
    });
  }
});
