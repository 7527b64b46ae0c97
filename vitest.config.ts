import { defineConfig } from 'vitest/config';

/**
 * Two suites. "standalone": every test, on data the repository makes (the synthetic fixture) or holds.
 * "real-data" (test/real-data/): checks of the importer, the features, the generator's realism and the
 * shipped model against real Home Credit rows; it exists only when OCTROI_REAL_DATA names a folder of
 * real samples, and scripts/test.sh says "real-data: not run" otherwise.
 */
const REAL_DATA = 'test/real-data/**/*.test.ts';
const realDataSet = Boolean(process.env.OCTROI_REAL_DATA);

export default defineConfig({
  // Renderer component tests are .tsx: React's automatic JSX runtime, as in renderer/vite.config.ts.
  esbuild: { jsx: 'automatic' },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // better-sqlite3 and the worker threads behave best in forked processes.
    pool: 'forks',
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'standalone',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['node_modules/**', REAL_DATA],
        },
      },
      ...(realDataSet ? [{ extends: true as const, test: { name: 'real-data', include: [REAL_DATA] } }] : []),
    ],
  },
});
