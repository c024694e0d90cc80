/**
 * `npm run bench`: builds the extension (release and test builds), measures
 * speed in a real Chromium (scripts/bench-speed.ts), size of the release
 * content script, and cost per step against the fake Messages API
 * (scripts/bench-cost.ts). Prints readable tables, then one line of JSON
 * holding every figure, always last: outside checks read that line.
 *
 *   npm run bench
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatUsd } from '../extension/cost.ts';
import { defaultModelId, modelProfile } from '../extension/models.ts';
import { benchCost } from './bench-cost.ts';
import { benchSpeed, round1, speedTable, type Figures } from './bench-speed.ts';

const root = resolve(import.meta.dirname, '..');

function build(...args: string[]): void {
  const r = spawnSync(process.execPath, ['scripts/build.mjs', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`node scripts/build.mjs ${args.join(' ')} failed`);
  }
}

/**
 * Builds into dist/ and copies the result aside: other checkouts' test runs
 * rebuild dist/ (deleting it first) while the bench has it loaded.
 */
function buildAside(into: string, ...args: string[]): void {
  const dist = join(root, args.includes('--test') ? 'dist/chrome-test' : 'dist/chrome');
  const needed = ['manifest.json', 'background.js', 'content.js'];
  for (let attempt = 1; ; attempt++) {
    build(...args);
    rmSync(into, { recursive: true, force: true });
    try {
      cpSync(dist, into, { recursive: true });
    } catch {
      // Deleted under us; build again.
    }
    if (needed.every((f) => existsSync(join(into, f)))) return;
    if (attempt === 3) throw new Error(`${dist} kept disappearing while being copied`);
  }
}

function costTable(r: Figures): string {
  const usd = (v: Figures[string] | undefined): string =>
    typeof v === 'number' ? formatUsd(v) : 'rejected';
  const tok = (v: Figures[string] | undefined): string =>
    typeof v === 'number' ? v.toLocaleString('en-US') : 'rejected';
  const rows = [
    'step   tabpilot tokens   reference tokens   tabpilot $/step   reference $/step',
    ...[10, 50, 200].map((k) =>
      [
        String(k).padEnd(6),
        tok(r[`inputTokensPerStepAt${k}`]).padStart(15),
        tok(r[`referenceInputTokensPerStepAt${k}`]).padStart(18),
        usd(r[`costPerStepUsdAt${k}`]).padStart(17),
        usd(r[`referenceCostPerStepUsdAt${k}`]).padStart(18),
      ].join(' '),
    ),
    `whole run: tabpilot ${usd(r['runCostUsd'])}, reference ${usd(r['referenceRunCostUsd'])}`,
  ];
  return rows.join('\n');
}

const started = Date.now();
const scratch = mkdtempSync(join(tmpdir(), 'tabpilot-bench-'));
let speed: Figures;
let sizes: Figures;
try {
  buildAside(join(scratch, 'chrome'));
  const kb = (file: string) => round1(statSync(join(scratch, 'chrome', file)).size / 1024);
  sizes = {
    // All the content code a frame holds, whatever it is asked to do.
    contentScriptKB: kb('content.js'),
    pageWorldKB: kb('page-world.js'),
  };
  buildAside(join(scratch, 'chrome-test'), '--test');
  // The page runs what users get: the release content scripts (minified, no source
  // maps, and no test hooks in either build), beside the test build's worker and its hooks.
  for (const file of ['content.js', 'page-world.js']) {
    cpSync(join(scratch, 'chrome', file), join(scratch, 'chrome-test', file));
  }
  speed = await benchSpeed({ extensionDir: join(scratch, 'chrome-test') });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
const cost = await benchCost();
const figures: Figures = { ...speed, ...sizes, ...cost };

console.log('tabpilot benchmark\n');
console.log(
  'Speed: 1280×800 viewport, test build (dist/chrome-test, copied aside) with the release content scripts, headless Chromium\n',
);
console.log(speedTable(figures));
console.log(
  [
    '\nSize (release, minified):',
    `  content.js, all the content code, in every frame of the task's tab: ${figures['contentScriptKB']} KB`,
    `  page-world.js, the page-world hooks, in the same frames' MAIN world: ${figures['pageWorldKB']} KB`,
  ].join('\n'),
);
console.log(
  `\nCost per step: 200-step scripted run, fake Messages API, ${modelProfile(defaultModelId).label}; ` +
    'reference = the computer-use demo’s context policy\n',
);
console.log(costTable(figures));
console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`);
console.log(JSON.stringify(figures));
