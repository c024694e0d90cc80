/** The README's first command keeps working: `npm start` builds, finds Chromium and loads tabpilot with the demo page. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { repoRoot } from '../support/static-server.ts';

test('npm start (smoke mode) loads the extension and the demo page', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--smoke'], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /tabpilot \w+ loaded in /);
  assert.match(r.stdout, /^start: ok$/m);
});
