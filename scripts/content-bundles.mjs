/**
 * Bundles the content script in parts (content/engine/on-demand.ts): content.js,
 * which every frame of the task's tab gets, and parts a frame loads later into
 * the same isolated world. A later part must share content.js's modules, not
 * carry copies with state of their own (the held keys, the hover, the
 * registry it joins). So content.js leaves a table on the world's global of
 * the exports parts use, and a part's imports of files content.js holds become
 * reads from that table, by number. The table's name carries a hash of its
 * layout: a part from another build finds no table and fails, rather than
 * reading the wrong slots.
 *
 * Passes: content.js alone (which files it holds), what those files export,
 * each part once to learn which of those exports it uses and once more reading
 * them by number, then content.js again with the table.
 */
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');
/** The one file of content.js a part may import from its entry: the registry it joins. */
const registry = 'content/engine/on-demand.ts';

/** The virtual module parts read the table through. */
const readTable = './content-core-table';

const rel = (path) => relative(root, path).split(sep).join('/');

/** The global that holds the table of `shared` exports (`file#name`, in slot order). */
function tableName(shared) {
  const hash = createHash('sha256').update(shared.join('\n')).digest('hex').slice(0, 12);
  return `__tabpilotCore_${hash}`;
}

/** The entry of content.js: `core`, then the table of the exports parts read. */
function coreEntry(core, shared) {
  const lines = [`import ${JSON.stringify(`./${core}`)};`];
  shared.forEach((key, i) => {
    const [file, name] = key.split('#');
    lines.push(`import { ${name} as s${i} } from ${JSON.stringify(`./${file}`)};`);
  });
  // A second copy of content.js in the same world (injected again after a ping timed out)
  // stays idle (content/main.ts): parts must keep reading the first copy's modules.
  if (shared.length) {
    lines.push(`globalThis.${tableName(shared)} ??= [${shared.map((_, i) => `s${i}`)}];`);
  }
  return {
    stdin: {
      contents: lines.join('\n'),
      resolveDir: root,
      sourcefile: 'content-entry.js',
      loader: 'js',
    },
  };
}

/** The value exports of each file (types are gone by then). */
async function exportsOf(files) {
  const r = await esbuild.build({
    entryPoints: files.map((f) => join(root, f)),
    absWorkingDir: root,
    outdir: 'exports-of',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const names = new Map();
  for (const out of Object.values(r.metafile.outputs)) {
    if (out.entryPoint) names.set(out.entryPoint, out.exports);
  }
  return names;
}

/**
 * A part's imports of content.js's files become reads of the table `table`:
 * `names(file)` are the exports a file offers the part, `key(file, name)` what
 * is read, a string while probing and a slot number after.
 */
function fromCore({ entry, coreFiles, table, names, key }) {
  const entryPath = join(root, entry);
  return {
    name: 'content-from-core',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.pluginData === 'resolving') return undefined;
        if (args.path === readTable) return { path: readTable, namespace: 'content-core' };
        const r = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: 'resolving',
        });
        if (r.errors.length) return { errors: r.errors };
        const file = rel(r.path);
        if (!coreFiles.has(file)) return { path: r.path };
        if (args.importer === entryPath && file !== registry) {
          return {
            errors: [{ text: `${file} is in content.js already, so ${entry} would not carry it` }],
          };
        }
        return { path: file, namespace: 'content-core' };
      });
      build.onLoad({ filter: /.*/, namespace: 'content-core' }, (args) => {
        if (args.path === readTable) {
          return {
            contents: `export const read = (key) => globalThis.${table}[key];`,
            loader: 'js',
          };
        }
        // Read once when the part loads: shared modules export no `let`, so values never change.
        const lines = names(args.path).map(
          (name) =>
            `export const ${name} = /* @__PURE__ */ read(${JSON.stringify(key(args.path, name))});`,
        );
        lines.unshift(`import { read } from ${JSON.stringify(readTable)};`);
        return { contents: lines.join('\n'), loader: 'js' };
      });
    },
  };
}

/**
 * @param {{ core: string, parts: Record<string, string>, options: import('esbuild').BuildOptions }} spec
 *   `core` and each part are entry files relative to the repository root; `options` are
 *   esbuild's (target, minify, define...); bundling, output and paths are set here.
 * @returns {Promise<{ core: string, parts: Record<string, string>, shared: string[] }>}
 */
export async function bundleContent({ core, parts, options }) {
  const common = { ...options, bundle: true, format: 'iife', write: false, absWorkingDir: root };
  const alone = await esbuild.build({ ...common, ...coreEntry(core, []), metafile: true });
  const coreFiles = new Set(Object.keys(alone.metafile.inputs).filter((f) => /\.tsx?$/.test(f)));
  const exports = await exportsOf([...coreFiles]);

  // Which exports the parts read, numbered in the order first seen.
  const shared = [];
  for (const entry of Object.values(parts)) {
    const probe = await esbuild.build({
      ...common,
      minify: false,
      sourcemap: false,
      entryPoints: [join(root, entry)],
      plugins: [
        fromCore({
          entry,
          coreFiles,
          table: 'probe',
          names: (file) => exports.get(file) ?? [],
          key: (f, n) => `core:${f}#${n}`,
        }),
      ],
    });
    for (const [, key] of probe.outputFiles[0].text.matchAll(/"core:([^"#]+#[\w$]+)"/g)) {
      if (!shared.includes(key)) shared.push(key);
    }
  }
  for (const file of new Set(shared.map((k) => k.split('#')[0]))) {
    if (/^export\s+(let|var)\b/m.test(readFileSync(join(root, file), 'utf8'))) {
      throw new Error(`${file} exports a variable, which parts would read once and not follow`);
    }
  }

  // The parts, offered only the exports in the table (any other would be a build error).
  const built = {};
  const carriedBy = new Map();
  for (const [name, entry] of Object.entries(parts)) {
    const r = await esbuild.build({
      ...common,
      metafile: true,
      entryPoints: [join(root, entry)],
      plugins: [
        fromCore({
          entry,
          coreFiles,
          table: tableName(shared),
          names: (file) =>
            shared.filter((k) => k.startsWith(`${file}#`)).map((k) => k.split('#')[1]),
          key: (f, n) => shared.indexOf(`${f}#${n}`),
        }),
      ],
    });
    built[name] = r.outputFiles[0].text;
    // A module two parts both carry would have two states in one frame.
    for (const file of Object.keys(r.metafile.inputs)) {
      if (file.startsWith('content-core:')) continue;
      const other = carriedBy.get(file);
      if (other) throw new Error(`${file} is in both ${other} and ${name}; move it to content.js`);
      carriedBy.set(file, name);
    }
  }
  const final = await esbuild.build({ ...common, ...coreEntry(core, shared) });
  return { core: final.outputFiles[0].text, parts: built, shared };
}
