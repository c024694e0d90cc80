// dependency-cruiser: the layering and no-cycle rules of STYLE.md, checked on the
// import graph (static imports, `import type`, re-exports and dynamic `import()`).
// Run by `npm run lint`; `npx depcruise <folders> -c .dependency-cruiser.cjs` on its own.

/** The source folders: the three contexts, what they share, and the tooling. */
const source = '^(background|content|popup|extension|scripts)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'context-imports-context',
      comment:
        'background/, content/ and popup/ run in different realms: each imports only its own ' +
        'folder, extension/ and packages (no Node built-ins: this is browser code). Move what ' +
        'two of them share into extension/.',
      severity: 'error',
      from: { path: '^(background|content|popup)/' },
      to: {
        pathNot: ['^$1/', '^extension/', '(^|/)node_modules/'],
        couldNotResolve: false,
      },
    },
    {
      name: 'extension-imports-context',
      comment:
        'extension/ is what the contexts agree on: it imports only itself and packages, ' +
        'never background/, content/, popup/, scripts/ or tests/.',
      severity: 'error',
      from: { path: '^extension/' },
      to: {
        pathNot: ['^extension/', '(^|/)node_modules/'],
        couldNotResolve: false,
      },
    },
    {
      name: 'no-cycle',
      comment:
        'A cycle, even through `import type`, means no file in it can be read or changed ' +
        'alone: move the shared part down into a module both import.',
      severity: 'error',
      from: { path: source },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment:
        'An import that does not resolve to a file is a typo, or a rule above sees less than ' +
        'the build does.',
      severity: 'error',
      from: { path: source },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: '^(dist|scripts/demo|tests/fixtures)/' },
    // `import type` edges count: a type-only cycle still ties the files together.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.d.ts', '.json'],
    },
  },
};
