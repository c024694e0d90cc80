// Builds the extension with esbuild.
//   node scripts/build.mjs            release builds: dist/chrome and dist/firefox
//   node scripts/build.mjs --test     test build with test hooks: dist/chrome-test
//   node scripts/build.mjs --watch    release builds, rebuilt on every change
//   node scripts/build.mjs --zip      also packs dist/tabpilot-chrome.zip and -firefox.zip
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const args = new Set(process.argv.slice(2));
const test = args.has('--test');
const watch = args.has('--watch');

// Each is one self-contained IIFE bundle. content.js goes into every frame of a
// task's tab; page-world.js into those frames' MAIN world (background/page-port.ts).
const entryPoints = {
  background: join(root, 'background/main.ts'),
  content: join(root, 'content/main.ts'),
  'page-world': join(root, 'content/page-world/main.ts'),
  popup: join(root, 'popup/popup.tsx'),
  options: join(root, 'popup/options.tsx'),
  indicator: join(root, 'popup/indicator.ts'),
};

/** The one manifest we edit is Chrome's; Firefox's is derived from it here. */
function manifestFor(target) {
  const m = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  if (target === 'firefox') {
    m.background = { scripts: ['background.js'] };
    m.browser_specific_settings = {
      gecko: { id: 'tabpilot@tabpilot.dev', strict_min_version: '128.0' },
    };
    m.sidebar_action = { default_panel: 'popup.html', default_title: 'tabpilot' };
    delete m.side_panel;
    delete m.minimum_chrome_version;
    m.permissions = m.permissions.filter((p) => p !== 'sidePanel');
  }
  return m;
}

function copyStatic(outdir, target) {
  mkdirSync(outdir, { recursive: true });
  writeFileSync(join(outdir, 'manifest.json'), JSON.stringify(manifestFor(target), null, 2));
  cpSync(join(root, 'extension/assets/icons'), join(outdir, 'icons'), { recursive: true });
  for (const f of ['popup.html', 'options.html', 'indicator.html', 'popup.css']) {
    cpSync(join(root, 'popup', f), join(outdir, f));
  }
}

function common(target) {
  return {
    target: target === 'firefox' ? ['firefox128'] : ['chrome120'],
    minify: !test,
    sourcemap: test ? 'inline' : false,
    legalComments: 'none',
    // Test hooks exist only in the test build; release builds compile them out.
    define: { __TEST__: test ? 'true' : 'false' },
    logLevel: 'warning',
  };
}

function options(outdir, target) {
  return {
    ...common(target),
    entryPoints,
    outdir,
    bundle: true,
    format: 'iife',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    plugins: [
      {
        name: 'static',
        setup(build) {
          build.onEnd(() => copyStatic(outdir, target));
        },
      },
    ],
  };
}

const targets = test
  ? [['chrome', 'dist/chrome-test']]
  : [
      ['chrome', 'dist/chrome'],
      ['firefox', 'dist/firefox'],
    ];

for (const [target, dir] of targets) {
  const outdir = join(root, dir);
  if (watch) {
    const ctx = await esbuild.context(options(outdir, target));
    await ctx.watch();
    console.log(`watching → ${dir}`);
  } else {
    // Build beside the old output and swap it in, so a browser or test using the
    // old build never sees a half-written folder.
    const fresh = `${outdir}.new-${process.pid}`;
    const stale = `${outdir}.old-${process.pid}`;
    rmSync(fresh, { recursive: true, force: true });
    await esbuild.build(options(fresh, target));
    try {
      renameSync(outdir, stale);
    } catch {
      // No previous build.
    }
    renameSync(fresh, outdir);
    rmSync(stale, { recursive: true, force: true });
    console.log(`built ${dir}`);
    if (args.has('--zip')) {
      execFileSync('zip', ['-qr', join(root, `dist/tabpilot-${target}.zip`), '.'], { cwd: outdir });
      console.log(`packed dist/tabpilot-${target}.zip`);
    }
  }
}
