/**
 * The fidelity report, shared by `npm run fidelity` and the test under `npm test`
 * (so the table prints in CI's log): what differs, a table, and the score as the
 * last line, `fidelity: N/M behaviours agree (P%)`.
 */
import type { BehaviourResult } from './behaviour.ts';
import { expectationFor } from './expectations.ts';
import { agrees } from './suite.ts';

/** A difference in the page's end state (values, selection, scroll, app records), not in the events on the way. */
export function isStateDifference(d: string): boolean {
  return /^(state|frame state|mark)/.test(d);
}

export function printReport(
  results: readonly BehaviourResult[],
  options: { verbose?: boolean; seconds?: number } = {},
): void {
  const verbose = options.verbose ?? false;
  function engineCell(r: BehaviourResult): string {
    const gap = expectationFor(r.behaviour.id);
    if (r.engineProblems.length === 0 && r.reportProblems.length === 0) return 'pass';
    if (gap) return r.reportProblems.length ? 'gap, not reported' : 'gap (reported)';
    return 'FAIL';
  }

  for (const r of results) {
    if (agrees(r) && r.trustedProblems.length === 0) continue;
    console.log(`\n${r.behaviour.id}: ${r.behaviour.title}`);
    for (const p of r.trustedProblems) console.log(`  trusted: ${p}`);
    for (const p of [...r.engineProblems, ...r.reportProblems]) console.log(`  engine: ${p}`);
    const diffs = verbose ? r.differences : r.differences.slice(0, 3);
    for (const d of diffs)
      console.log(`  differs: ${d.length > 400 && !verbose ? `${d.slice(0, 400)}…` : d}`);
    if (!verbose && r.differences.length > diffs.length)
      console.log(`  (${r.differences.length - diffs.length} more; --verbose shows them)`);
  }

  const rows = results.map((r) => [
    `${r.behaviour.id} ${r.behaviour.title}`,
    r.trustedProblems.length ? 'FAIL' : 'pass',
    engineCell(r),
    agrees(r) ? 'yes' : 'no',
  ]);
  const head = ['behaviour', 'trusted', 'engine', 'agree?'];
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => c.padEnd(width[i] ?? 0)).join(' | ');
  console.log(`\n${line(head)}`);
  console.log(width.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of rows) console.log(line(row));

  const agreeing = results.filter(agrees).length;
  // The page's end state alone (values, selection, scroll, app records), not the events on the way.
  const sameOutcome = results.filter(
    (r) => r.engineProblems.length === 0 && !r.differences.some(isStateDifference),
  ).length;
  const trustedFailing = results.filter((r) => r.trustedProblems.length).length;
  console.log(
    `\n${results.length} behaviours in ${(options.seconds ?? 0).toFixed(1)} s; trusted input failed ${trustedFailing}; ` +
      `same end state (events aside): ${sameOutcome}/${results.length}.`,
  );
  console.log(
    `fidelity: ${agreeing}/${results.length} behaviours agree (${Math.round((100 * agreeing) / Math.max(1, results.length))}%)`,
  );
}
