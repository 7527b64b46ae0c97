import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Renderer component tests are .tsx: React's automatic JSX runtime, as in renderer/vite.config.ts.
  esbuild: { jsx: 'automatic' },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // better-sqlite3 and the worker threads behave best in forked processes.
    pool: 'forks',
  },
});
