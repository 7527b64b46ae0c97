// Lint: the import boundaries of ARCHITECTURE.md, enforced rather than remembered.
import tseslint from 'typescript-eslint';
import { layersPlugin } from './scripts/lint-layers.mjs';

const electronImports = {
  paths: [{ name: 'electron', message: 'model/ and db/ run in plain Node: never import Electron here.' }],
  patterns: [{ group: ['electron/*', '**/electron/**'], message: 'model/ and db/ never depend on the desktop shell.' }],
};

/** Code that runs in the renderer: no Electron, no Node, no model/ or db/ (only types from the contract). */
const browserOnlyImports = (who) => ({
  paths: [{ name: 'electron', message: `${who}: no Electron API.` }],
  patterns: [
    {
      group: ['better-sqlite3', 'onnxruntime-node', 'node:*', '**/electron/main/**', '**/electron/preload/**'],
      message: `${who}: it never imports Node modules, main or the preload.`,
    },
  ],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'model/training/**', 'test-results/**', 'renderer/dist/**', 'dist-electron/**', 'release/**', '.cache/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Which folder may import which: the one-way flow, resolved import by import.
    plugins: { layers: layersPlugin },
    rules: { 'layers/boundaries': 'error' },
  },
  {
    files: ['model/**/*.ts', 'db/**/*.ts', 'demo/**/*.ts', 'hq/**/*.ts', 'common/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', electronImports] },
  },
  {
    // The contract is imported by the renderer and the preload: plain data and zod only.
    files: ['electron/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', browserOnlyImports('The IPC contract is shared with the renderer')] },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', browserOnlyImports('The renderer talks to main only through the contract')] },
  },
);
