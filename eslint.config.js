// One linter for the whole tree: type-aware rules where floating promises and
// non-exhaustive switches would hide real bugs.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Fixture pages are test data written as plain browser scripts; scripts/demo likewise.
  { ignores: ['dist/**', 'node_modules/**', 'tests/fixtures/**', 'scripts/demo/**', '.cache/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's describe/test return promises the runner itself awaits.
          allowForKnownSafeCalls: [
            { from: 'package', name: ['describe', 'suite', 'test', 'it'], package: 'node:test' },
          ],
        },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
