/**
 * `npm run fidelity`: runs every FIDELITY.md behaviour through puppeteer's trusted
 * input and through the extension's engine (page unfocused, as with the popup
 * open), prints what differs, a table, and the score as its last line:
 *
 *   fidelity: N/M behaviours agree (P%)
 *
 * Options: `--only 12,26-cut-paste` runs a subset; `--verbose` prints every difference.
 */
import { printReport } from '../tests/fidelity/report.ts';
import { runSuite } from '../tests/fidelity/suite.ts';

const args = process.argv.slice(2);
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? (args[onlyAt + 1] ?? '').split(',').filter(Boolean) : undefined;
const verbose = args.includes('--verbose');

const t0 = Date.now();
process.stderr.write('fidelity: running');
const results = await runSuite({
  ...(only ? { only } : {}),
  onResult: () => process.stderr.write('.'),
});
process.stderr.write('\n');

printReport(results, { verbose, seconds: (Date.now() - t0) / 1000 });
