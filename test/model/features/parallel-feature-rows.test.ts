/** Batch features in worker threads give exactly what one thread gives, in SK_ID_CURR order. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/open-database.js';
import { scoreAllClients } from '../../../model/scoring/client-scoring.js';
import { computeFeatures } from '../../../model/features/compute-features.js';
import { readClientRecords } from '../../../model/features/read-client-records.js';
import { parallelFeatureRows } from '../../../model/features/parallel-feature-rows.js';
import type { ScoringEngine } from '../../../model/scoring/scoring-engine.js';
import { FIXTURE_CLIENTS } from '../../support/synthetic-fixture.js';
import { openShippedFixture, type ShippedFixture } from '../../support/shipped-engine.js';

let fixture: ShippedFixture;
let db: Db;
let dbPath: string;
let engine: ScoringEngine;

beforeAll(async () => {
  fixture = await openShippedFixture();
  ({ db, dbPath, engine } = fixture);
});
afterAll(() => fixture?.close());

describe('parallelFeatureRows', () => {
  it('yields every client once, in order, with the same model inputs as the single-client path', async () => {
    const width = engine.model.inputIndex.length;
    const expected = new Float32Array(width);
    const seen: number[] = [];
    for await (const slice of parallelFeatureRows(db, dbPath, engine.model.inputIndex, { sliceSize: 97, workers: 2 })) {
      slice.ids.forEach((id, i) => {
        seen.push(id);
        engine.toModelInput(computeFeatures(readClientRecords(db, id)!), expected);
        const row = slice.rows.subarray(i * width, (i + 1) * width);
        for (let j = 0; j < width; j++) expect(Object.is(row[j], expected[j]), `client ${id} input ${j}`).toBe(true);
      });
    }
    const all = db.prepare('SELECT SK_ID_CURR FROM application ORDER BY SK_ID_CURR').pluck().all();
    expect(seen).toEqual(all);
  });

  it('selects train or test clients like the single-thread scan', async () => {
    const ids: number[] = [];
    for await (const slice of parallelFeatureRows(db, dbPath, engine.model.inputIndex, { clients: 'test', sliceSize: 50, workers: 2 })) {
      ids.push(...slice.ids);
    }
    expect(ids).toEqual(db.prepare('SELECT SK_ID_CURR FROM application WHERE TARGET IS NULL ORDER BY SK_ID_CURR').pluck().all());
  });

  it('scores every client the same with worker threads as on one thread', async () => {
    const collect = async (options: Parameters<typeof scoreAllClients>[2]) => {
      const out: Array<[number, number]> = [];
      for await (const chunk of scoreAllClients(db, engine, options)) chunk.ids.forEach((id, i) => out.push([id, chunk.probabilities[i]!]));
      return out;
    };
    const parallel = await collect({ dbPath, chunkSize: 128, workers: 2 });
    const single = await collect({ chunkSize: 128 });
    expect(parallel).toEqual(single);
    expect(parallel.length).toBe(FIXTURE_CLIENTS);
  });
});
