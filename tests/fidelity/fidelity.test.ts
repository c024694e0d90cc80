/**
 * The fidelity suite under `npm test`: every FIDELITY.md behaviour, trusted input
 * vs the engine with the page unfocused. Trusted input must pass every behaviour
 * (else the fixture is wrong). The engine must leave the page in the state
 * trusted input leaves it in and send the same events, except for the gaps
 * listed in expectations.ts, which it must still report to Claude. A behaviour
 * whose events differ is run once more before it fails: on a loaded machine a
 * frame can fall between two of the trusted run's input events and move a
 * scroll or hover event by one place. The table and the agreement score print
 * here (so they show in CI's log) and with `npm run fidelity`.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { BehaviourResult } from './behaviour.ts';
import { expectationFor } from './expectations.ts';
import { behaviours, runSuite } from './suite.ts';
import { isStateDifference, printReport } from './report.ts';

describe('fidelity: trusted input vs the engine (FIDELITY.md)', { timeout: 600_000 }, () => {
  const results = new Map<string, BehaviourResult>();
  const reran = new Set<string>();
  before(async () => {
    const t0 = Date.now();
    const all = await runSuite();
    for (const r of all) results.set(r.behaviour.id, r);
    printReport(all, { seconds: (Date.now() - t0) / 1000 });
    const again = all
      .filter((r) => !expectationFor(r.behaviour.id) && r.differences.length > 0)
      .map((r) => r.behaviour.id);
    if (again.length === 0) return;
    for (const r of await runSuite({ only: again })) {
      if (again.includes(r.behaviour.id)) {
        results.set(r.behaviour.id, r);
        reran.add(r.behaviour.id);
      }
    }
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
      if (reran.has(b.id)) t.diagnostic('events differed in the first run; this is the second');
      assert.deepEqual(
        {
          problems: r.engineProblems,
          report: r.reportProblems,
          state: r.differences.filter(isStateDifference),
        },
        { problems: [], report: [], state: [] },
        'the engine leaves the page as trusted input does',
      );
      assert.deepEqual(r.differences, [], 'the page sees the events trusted input sends');
    });
  }
});
