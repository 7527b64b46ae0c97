// Lint: the import boundaries of ARCHITECTURE.md, enforced rather than remembered.
import tseslint from 'typescript-eslint';

const electronImports = {
  paths: [{ name: 'electron', message: 'model/ and db/ run in plain Node: never import Electron here.' }],
  patterns: [{ group: ['electron/*', '**/electron/**'], message: 'model/ and db/ never depend on the desktop shell.' }],
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'model/training/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['model/**/*.ts', 'db/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', electronImports] },
  },
  {
    // The contract is imported by the renderer and the preload: plain data and zod only.
    files: ['electron/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The contract is shared with the renderer: no Electron API here.' }],
          patterns: [
            {
              group: ['**/model/**', '**/db/**', 'better-sqlite3', 'onnxruntime-node', 'node:*'],
              message: 'The contract is shared with the renderer: it never imports model/, db/ or Node modules.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main only through the contract.' }],
          patterns: [
            {
              group: ['**/model/**', '**/db/**', 'better-sqlite3', 'onnxruntime-node', 'node:*'],
              message: 'The renderer never imports model/ or db/: only types from electron/shared (the contract).',
            },
          ],
        },
      ],
    },
  },
);
