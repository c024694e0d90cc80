/**
 * background/, content/ and popup/ never import from each other; they meet in
 * extension/, which imports none of them.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../support/static-server.ts';

const layers = ['extension', 'background', 'content', 'popup'] as const;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

test('each layer imports only itself and extension/', () => {
  const problems: string[] = [];
  for (const layer of layers) {
    for (const file of files(join(repoRoot, layer))) {
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(/(?:import|export)[^'"]*from\s+['"](\.[^'"]+)['"]/g)) {
        const target = relative(repoRoot, join(file, '..', m[1] ?? '')).split('/')[0];
        const allowed = layer === 'extension' ? ['extension'] : [layer, 'extension'];
        if (
          target &&
          layers.includes(target as (typeof layers)[number]) &&
          !allowed.includes(target)
        ) {
          problems.push(`${relative(repoRoot, file)} imports ${m[1]}`);
        }
      }
    }
  }
  assert.deepEqual(problems, []);
});
