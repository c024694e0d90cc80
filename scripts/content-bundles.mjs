/**
 * Bundles the content script in parts (content/engine/on-demand.ts): content.js,
 * which every frame of the task's tab gets, and parts a frame loads later into
 * the same isolated world. A later part must share content.js's modules, not
 * carry copies with state of their own (the held keys, the hover, the
 * registry it joins), so its imports of files content.js already holds become
 * reads of a table that content.js leaves on the world's global, by path.
 *
 * Three esbuild passes: content.js alone (which files it holds), each part
 * (which of those it uses), then content.js again with the table of those.
 */
import * as esbuild from 'esbuild';
import { join, relative, resolve, sep } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const table = '__tabpilotCore';
/** The one file of content.js a part may import from its entry: the registry it joins. */
const registry = 'content/engine/on-demand.ts';

const rel = (path) => relative(root, path).split(sep).join('/');

/** The entry of content.js: `core`, then the table of the modules parts share. */
function coreEntry(core, shared) {
  const lines = [`import ${JSON.stringify(`./${core}`)};`];
  shared.forEach((file, i) => lines.push(`import * as m${i} from ${JSON.stringify(`./${file}`)};`));
  if (shared.length) {
    const entries = shared.map((file, i) => `${JSON.stringify(file)}: m${i}`).join(', ');
    lines.push(`globalThis.${table} = { ${entries} };`);
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

function fromCore(coreFiles, shared, entry) {
  const entryPath = join(root, entry);
  return {
    name: 'content-from-core',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.pluginData === 'resolving') return undefined;
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
        shared.add(file);
        return { path: file, namespace: 'content-core' };
      });
      build.onLoad({ filter: /.*/, namespace: 'content-core' }, (args) => ({
        contents: `module.exports = globalThis.${table}[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
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
  const common = {
    ...options,
    bundle: true,
    format: 'iife',
    write: false,
    absWorkingDir: root,
  };
  const alone = await esbuild.build({ ...common, ...coreEntry(core, []), metafile: true });
  const coreFiles = new Set(Object.keys(alone.metafile.inputs));
  const shared = new Set();
  const built = {};
  for (const [name, entry] of Object.entries(parts)) {
    const r = await esbuild.build({
      ...common,
      entryPoints: [join(root, entry)],
      plugins: [fromCore(coreFiles, shared, entry)],
    });
    built[name] = r.outputFiles[0].text;
  }
  const list = [...shared].sort();
  const final = await esbuild.build({ ...common, ...coreEntry(core, list) });
  return { core: final.outputFiles[0].text, parts: built, shared: list };
}
