/**
 * The work of one batch-features worker thread: a slice of clients (SK_ID_CURR from..to) read from its
 * own read-only connection and turned into model input rows by the one feature definition.
 */
import { openDatabase, type Db } from '../../db/open-database.js';
import { computeFeaturesInto } from './compute-features.js';
import { FEATURE_COUNT } from './feature-registry.js';
import { iterateClientRecords, type ClientSelection } from './iterate-client-records.js';

/** What a worker is started with. */
export interface FeatureJobSetup {
  dbPath: string;
  /** The database's key (a Uint8Array once it crossed to the worker), or null for a clear database. */
  key: Uint8Array | null;
  clients: ClientSelection;
  /** For each model input j, the registry index of its feature (LoadedModel.inputIndex). */
  inputIndex: Int32Array;
}

/** One slice's output: the client ids and their model input rows (float32, row-major). */
export interface FeatureSlice {
  ids: Float64Array;
  rows: Float32Array;
}

/** Opens the database once; `run` computes one slice. */
export function createFeatureJob(setup: FeatureJobSetup): { run(from: number, to: number, expected: number): FeatureSlice; close(): void } {
  const db: Db = openDatabase(setup.dbPath, { key: setup.key ? Buffer.from(setup.key) : null, readonly: true });
  const width = setup.inputIndex.length;
  const vector = new Float64Array(FEATURE_COUNT);
  return {
    run(from, to, expected) {
      const ids = new Float64Array(expected);
      const rows = new Float32Array(expected * width);
      let n = 0;
      for (const records of iterateClientRecords(db, { clients: setup.clients, ids: { from, to } })) {
        if (n === expected) throw new Error(`More clients than expected between ${from} and ${to}: the database changed during the batch.`);
        computeFeaturesInto(records, vector);
        ids[n] = records.application.SK_ID_CURR as number;
        for (let j = 0; j < width; j++) rows[n * width + j] = vector[setup.inputIndex[j]!]!;
        n++;
      }
      if (n !== expected) throw new Error(`Fewer clients than expected between ${from} and ${to}: the database changed during the batch.`);
      return { ids, rows };
    },
    close: () => db.close(),
  };
}
