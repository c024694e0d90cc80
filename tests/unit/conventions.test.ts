/**
 * House conventions that a linter does not check (STYLE.md, "Files, names, comments").
 * Layering and import cycles are checked by dependency-cruiser in `npm run lint`.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sourceFolders = ['background', 'content', 'popup', 'extension', 'scripts'];
const maxLines = 400;

/** Source files under the given folders, as paths relative to the repository root. */
function sourceFiles(folders: readonly string[]): string[] {
  return folders.flatMap((folder) =>
    readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
      .filter((name) => /\.([cm]?[jt]s|tsx)$/.test(name))
      .map((name) => join(folder, name)),
  );
}

function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

test(`no source file is over ${maxLines} lines, data tables (*-table.ts) aside`, () => {
  const tooLong = sourceFiles(sourceFolders)
    .filter((file) => !file.endsWith('-table.ts'))
    .map((file) => ({ file, lines: lineCount(readFileSync(join(root, file), 'utf8')) }))
    .filter(({ lines }) => lines > maxLines)
    .map(({ file, lines }) => `${file}: ${lines} lines`)
    .sort();
  assert.deepEqual(tooLong, [], `split these files by reason to change:\n${tooLong.join('\n')}`);
});
