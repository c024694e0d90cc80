// `npm test`: every check and every test tier, in the order that fails fastest.
//   npm test                    type-check, lint, format, dependency rules, build, then unit + dom + e2e tests
//   npm test -- tests/unit      only the test files under the given paths
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);

function run(title, cmd, args) {
  console.log(`\n== ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n${title} failed`);
    process.exit(r.status ?? 1);
  }
}

function testFiles(dir) {
  let out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(testFiles(p));
    else if (/\.test\.tsx?$/.test(name)) out.push(relative(root, p));
  }
  return out.sort();
}

const npx = (bin) => join(root, 'node_modules/.bin', bin);

if (only.length === 0) {
  run('type-check', npx('tsc'), ['--noEmit', '-p', '.']);
  run('lint', npx('eslint'), ['.']);
  run('format', npx('prettier'), ['--check', '.']);
  run('dependencies', npx('depcruise'), [
    ...['background', 'content', 'popup', 'extension', 'scripts'],
    ...['--config', '.dependency-cruiser.cjs', '--output-type', 'err-long'],
  ]);
}
run('build (release)', process.execPath, ['scripts/build.mjs']);
run('build (test)', process.execPath, ['scripts/build.mjs', '--test']);

// Release builds must not carry test hooks.
const bundles = ['background.js', 'content.js', 'page-world.js'];
for (const f of [...bundles, 'popup.js', 'options.js', 'indicator.js']) {
  if (readFileSync(join(root, 'dist/chrome', f), 'utf8').includes('tabpilotTest')) {
    console.error(`release build dist/chrome/${f} contains a test hook`);
    process.exit(1);
  }
}

const tiers = only.length ? only : ['tests/unit', 'tests/dom', 'tests/fidelity', 'tests/e2e'];
const files = tiers.flatMap((t) =>
  statSync(join(root, t)).isDirectory() ? testFiles(join(root, t)) : [t],
);
// The fidelity tier compares event sequences with trusted input, and some pages' sequences
// depend on timing (an editor that re-renders in its own frame): it runs on its own, after the
// rest, so that the other tiers' load does not change what it compares.
const alone = files.filter((f) => f.startsWith('tests/fidelity/'));
const together = files.filter((f) => !alone.includes(f));

function runTests(title, list, concurrency) {
  if (!list.length) return 0;
  console.log(`\n== ${title} (${list.length} files)`);
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      `--test-concurrency=${concurrency}`,
      '--test-reporter=spec',
      ...list,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } },
  );
  return r.status ?? 1;
}

const status = [runTests('tests', together, 2), runTests('fidelity tests, alone', alone, 1)];
process.exit(status.find((s) => s !== 0) ?? 0);
