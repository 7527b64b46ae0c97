/** `npm run train -- --engine dask`: the options that go together, refused in one line before anything runs. */
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/paths.js';
import { runCliAsync as runCli } from '../support/run-cli.js';

describe('octroi train --engine', () => {
  it('wants a scheduler with dask, dask with a scheduler or shards, and a database or shards', async () => {
    const out = tempDir();
    const noScheduler = await runCli(['train', '--db', 'x.db', '--out', out, '--engine', 'dask']);
    expect(noScheduler.status).toBe(1);
    expect(noScheduler.stderr).toContain('--engine dask needs --scheduler ADDRESS');
    const local = await runCli(['train', '--db', 'x.db', '--out', out, '--scheduler', 'local:2']);
    expect(local.stderr).toContain('--scheduler and --features-dir go with --engine dask.');
    const nothing = await runCli(['train', '--out', out, '--engine', 'dask', '--scheduler', 'local:2']);
    expect(nothing.stderr).toContain('give --db FILE (or, with --engine dask, --features-dir DIR of feature shards).');
    const engine = await runCli(['train', '--db', 'x.db', '--out', out, '--engine', 'spark']);
    expect(engine.stderr).toContain("argument 'spark' is invalid. Allowed choices are local, dask.");
    for (const r of [noScheduler, local, nothing]) expect(r.stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
