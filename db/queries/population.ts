/**
 * The SQL of the stored population (migration 4): chunks of clients, feature columns, score columns and
 * what is complete. Typed arrays go in and out as little-endian blobs.
 */
import type { Db } from '../open-database.js';

/** Clients per chunk: a feature's chunk is 4 KiB; a saved application rewrites one chunk per feature. */
export const POPULATION_CHUNK = 1024;

/** A typed array as a blob (no copy). */
export const blobOf = (values: Float32Array | Float64Array): Buffer => Buffer.from(values.buffer, values.byteOffset, values.byteLength);

/** A blob as float32 values (copied: a Buffer's offset need not be aligned). */
export const float32Of = (blob: Buffer): Float32Array => new Float32Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));
/** A blob as float64 values (copied). */
export const float64Of = (blob: Buffer): Float64Array => new Float64Array(blob.buffer.slice(blob.byteOffset, blob.byteOffset + blob.byteLength));

/**
 * What a stored version was computed from: the clients' last id (a saved client gets one above every
 * other) and the imports (each import or replacement adds an import_file row). Index lookups only: a
 * count of the application table would read every page of it (seconds on a full-size database).
 */
export function clientsFingerprint(db: Db): string {
  const row = db
    .prepare(`SELECT (SELECT max("SK_ID_CURR") FROM "application") AS last, (SELECT max("file_id") FROM "import_file") AS lastImport`)
    .get() as { last: number | null; lastImport: number | null };
  return `${row.last ?? 0}:${row.lastImport ?? 0}`;
}

/** A completed materialisation. */
export interface Completion {
  clients: number;
  source: string;
}

/** A client's columns read beside its features: its outcome and its protected attributes. */
export interface ClientColumns {
  id: number;
  target: number | null;
  gender: unknown;
  daysBirth: unknown;
  family: unknown;
}

/** Statements prepared once per connection. */
export function populationQueries(db: Db) {
  const completion = db.prepare<[string, string, string], Completion>(
    `SELECT "clients", "source" FROM "materialised" WHERE "kind" = ? AND "version" = ? AND "feature_set" = ?`,
  );
  const complete = db.prepare(
    `INSERT INTO "materialised" ("kind", "version", "feature_set", "clients", "source", "completed_at") VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT ("kind", "version", "feature_set") DO UPDATE SET "clients" = excluded."clients", "source" = excluded."source", "completed_at" = excluded."completed_at"`,
  );
  const chunkRow = db.prepare(`INSERT OR REPLACE INTO "population_chunk" ("feature_set", "chunk", "client_ids", "targets") VALUES (?, ?, ?, ?)`);
  const featureRow = db.prepare(`INSERT OR REPLACE INTO "feature_column" ("feature_set", "feature", "chunk", "vals") VALUES (?, ?, ?, ?)`);
  const scoreRow = db.prepare(`INSERT OR REPLACE INTO "score_column" ("model_sha256", "feature_set", "chunk", "probabilities") VALUES (?, ?, ?, ?)`);
  const chunks = db.prepare<[string], { chunk: number; client_ids: Buffer; targets: Buffer }>(
    `SELECT "chunk", "client_ids", "targets" FROM "population_chunk" WHERE "feature_set" = ? ORDER BY "chunk"`,
  );
  const lastChunk = db.prepare<[string], { chunk: number; client_ids: Buffer; targets: Buffer }>(
    `SELECT "chunk", "client_ids", "targets" FROM "population_chunk" WHERE "feature_set" = ? ORDER BY "chunk" DESC LIMIT 1`,
  );
  const featureColumn = db.prepare<[string, number], Buffer>(`SELECT "vals" FROM "feature_column" WHERE "feature_set" = ? AND "feature" = ? ORDER BY "chunk"`).pluck();
  // A point lookup on the whole primary key: by chunk alone SQLite would scan every feature's rows.
  const featureChunk = db.prepare<[string, number, number], Buffer>(`SELECT "vals" FROM "feature_column" WHERE "feature_set" = ? AND "feature" = ? AND "chunk" = ?`).pluck();
  const scoreColumn = db.prepare<[string, string], Buffer>(
    `SELECT "probabilities" FROM "score_column" WHERE "model_sha256" = ? AND "feature_set" = ? ORDER BY "chunk"`,
  ).pluck();
  const scoreChunk = db.prepare<[string, string, number], Buffer>(
    `SELECT "probabilities" FROM "score_column" WHERE "model_sha256" = ? AND "feature_set" = ? AND "chunk" = ?`,
  ).pluck();

  const clientColumns = db.prepare<[number, number], ClientColumns>(
    `SELECT "SK_ID_CURR" AS id, "TARGET" AS target, "CODE_GENDER" AS gender, "DAYS_BIRTH" AS daysBirth, "NAME_FAMILY_STATUS" AS family
     FROM "application" WHERE "SK_ID_CURR" BETWEEN ? AND ? ORDER BY "SK_ID_CURR"`,
  );

  return {
    completion: (kind: 'features' | 'scores', version: string, featureSet: string) => completion.get(kind, version, featureSet),
    markComplete(kind: 'features' | 'scores', version: string, featureSet: string, done: Completion): void {
      complete.run(kind, version, featureSet, done.clients, done.source, new Date().toISOString());
    },
    /** Forgets a feature set's stored population (features and every model's scores of it). */
    clearFeatures(featureSet: string): void {
      db.prepare(`DELETE FROM "materialised" WHERE "feature_set" = ?`).run(featureSet);
      db.prepare(`DELETE FROM "score_column" WHERE "feature_set" = ?`).run(featureSet);
      db.prepare(`DELETE FROM "feature_column" WHERE "feature_set" = ?`).run(featureSet);
      db.prepare(`DELETE FROM "population_chunk" WHERE "feature_set" = ?`).run(featureSet);
    },
    /** Forgets one model's stored scores (before they are computed again). */
    clearScores(modelSha256: string, featureSet: string): void {
      db.prepare(`DELETE FROM "materialised" WHERE "kind" = 'scores' AND "version" = ? AND "feature_set" = ?`).run(modelSha256, featureSet);
      db.prepare(`DELETE FROM "score_column" WHERE "model_sha256" = ? AND "feature_set" = ?`).run(modelSha256, featureSet);
    },
    /** Scores of other models than `keep` for this feature set: no longer complete once the clients changed. */
    dropOtherScores(keep: string, featureSet: string): void {
      db.prepare(`DELETE FROM "materialised" WHERE "kind" = 'scores' AND "version" != ? AND "feature_set" = ?`).run(keep, featureSet);
      db.prepare(`DELETE FROM "score_column" WHERE "model_sha256" != ? AND "feature_set" = ?`).run(keep, featureSet);
    },
    writeChunk(featureSet: string, chunk: number, ids: Float64Array, targets: Float32Array, columns: readonly Float32Array[]): void {
      chunkRow.run(featureSet, chunk, blobOf(ids), blobOf(targets));
      columns.forEach((values, feature) => featureRow.run(featureSet, feature, chunk, blobOf(values)));
    },
    writeScores: (modelSha256: string, featureSet: string, chunk: number, probabilities: Float32Array) => void scoreRow.run(modelSha256, featureSet, chunk, blobOf(probabilities)),
    chunks: (featureSet: string) => chunks.all(featureSet).map((r) => ({ chunk: r.chunk, ids: float64Of(r.client_ids), targets: float32Of(r.targets) })),
    lastChunk(featureSet: string) {
      const r = lastChunk.get(featureSet);
      return r ? { chunk: r.chunk, ids: float64Of(r.client_ids), targets: float32Of(r.targets) } : undefined;
    },
    featureColumn: (featureSet: string, feature: number) => featureColumn.all(featureSet, feature).map(float32Of),
    /** Some features' values of one chunk (those stored). */
    chunkFeatures(featureSet: string, chunk: number, features: ArrayLike<number>): Array<{ feature: number; values: Float32Array }> {
      return Array.from(features).flatMap((feature) => {
        const blob = featureChunk.get(featureSet, feature, chunk);
        return blob ? [{ feature, values: float32Of(blob) }] : [];
      });
    },
    /** One feature's values of one chunk, or undefined when not stored. */
    featureChunk(featureSet: string, feature: number, chunk: number): Float32Array | undefined {
      const blob = featureChunk.get(featureSet, feature, chunk);
      return blob ? float32Of(blob) : undefined;
    },
    /**
     * What is stored now for a feature set: its chunks, the clients in them, and the chunks `modelSha256` has
     * scores for — checked before a materialisation is marked complete, since another program may have
     * cleared or rewritten the store meanwhile.
     */
    coverage(featureSet: string, modelSha256: string): { chunks: number; clients: number; scoredChunks: number } {
      const stored = db
        .prepare<[string], { chunks: number; clients: number }>(`SELECT count(*) AS chunks, coalesce(sum(length("client_ids")), 0) / 8 AS clients FROM "population_chunk" WHERE "feature_set" = ?`)
        .get(featureSet)!;
      const scoredChunks = db.prepare<[string, string], number>(`SELECT count(*) FROM "score_column" WHERE "model_sha256" = ? AND "feature_set" = ?`).pluck().get(modelSha256, featureSet)!;
      return { ...stored, scoredChunks };
    },
    scoreColumn: (modelSha256: string, featureSet: string) => scoreColumn.all(modelSha256, featureSet).map(float32Of),
    scoreChunk(modelSha256: string, featureSet: string, chunk: number): Float32Array | undefined {
      const blob = scoreChunk.get(modelSha256, featureSet, chunk);
      return blob ? float32Of(blob) : undefined;
    },
    /** SK_ID_CURR, TARGET and protected attributes (stored beside the features) of the clients from `fromId` to `toId`. */
    clientColumns(fromId = -Infinity, toId = Infinity): ClientColumns[] {
      return clientColumns.all(fromId, toId);
    },
    /** How many clients there are (reads every page of the table: once per materialisation, never per call). */
    clientCount: () => db.prepare(`SELECT count(*) FROM "application"`).pluck().get() as number,
  };
}

export type PopulationQueries = ReturnType<typeof populationQueries>;
