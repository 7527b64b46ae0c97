/** Feature shards for training that scales out: the same lines as the one-file export, split, every shard with the header. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/open-database.js';
import { exportFeatureShards, shardName } from '../../../model/features/export-feature-shards.js';
import { exportFeatures, FEATURES_CSV_HEADER } from '../../../model/features/export-features.js';
import { fixtureDatabase } from '../../support/fixture-db.js';
import { runCli } from '../../support/run-cli.js';
import { tempDir } from '../../support/paths.js';

let dir: string;
let db: Db;
let dbPath: string;

beforeAll(async () => {
  dir = tempDir('octroi-shards-');
  ({ db, path: dbPath } = await fixtureDatabase());
});

afterAll(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('exportFeatureShards', () => {
  it('writes the one-file export split into shards of at most N clients, each with the header', async () => {
    const single = path.join(dir, 'all.csv');
    await exportFeatures(db, single, { clients: 'train' });
    const summary = exportFeatureShards(db, path.join(dir, 'shards'), { shardRows: 400, clients: 'train' });
    const lines = fs.readFileSync(single, 'utf8').trimEnd().split('\n');
    expect(summary.clients).toBe(lines.length - 1);
    expect(summary.shards.map((f) => path.basename(f))).toEqual([0, 1, 2].map(shardName));
    const shardLines = summary.shards.map((file) => fs.readFileSync(file, 'utf8').trimEnd().split('\n'));
    for (const shard of shardLines) {
      expect(shard[0]).toBe(FEATURES_CSV_HEADER);
      expect(shard.length - 1).toBeLessThanOrEqual(400);
    }
    expect(shardLines.flatMap((shard) => shard.slice(1))).toEqual(lines.slice(1));
  });

  it('refuses a folder that already holds shards', () => {
    const out = path.join(dir, 'twice');
    exportFeatureShards(db, out, { shardRows: 5000 });
    expect(() => exportFeatureShards(db, out, { shardRows: 5000 })).toThrow(/already holds feature shards/);
  });
});

describe('octroi features --out-dir', () => {
  it('writes shards, and wants exactly one of --out and --out-dir', () => {
    const out = path.join(dir, 'cli-shards');
    const ok = runCli(['features', '--db', dbPath, '--out-dir', out, '--shard-rows', '500', '--json']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ clients: 999, shards: [path.join(out, shardName(0)), path.join(out, shardName(1))] });
    const both = runCli(['features', '--db', dbPath, '--out', path.join(dir, 'x.csv'), '--out-dir', out]);
    expect(both.status).toBe(1);
    expect(both.stderr).toContain('give either --out FILE or --out-dir DIR');
    const bad = runCli(['features', '--db', dbPath, '--out-dir', out, '--shard-rows', '0']);
    expect(bad.stderr).toContain('--shard-rows must be a whole number ≥ 1');
  });
});
