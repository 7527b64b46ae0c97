/**
 * Connecting to the HQ store (PostgreSQL) and creating its schema. One client per command: ingest runs
 * in one transaction on it. Connection failures become one sentence naming the server, never a stack.
 */
import pg from 'pg';
import { HQ_SCHEMA_SQL, HQ_SCHEMA_UPGRADES, HQ_SCHEMA_VERSION } from './schema.js';

/** The HQ store could not be reached or used; the message says what to check. */
export class HqStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HqStoreError';
  }
}

export type HqClient = pg.Client;

/** The server part of a connection URL, without the password (for messages). */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'the given --pg URL';
  }
}

/** Connects to the store at `url` (postgres://user@host:port/db) and makes sure its schema exists. */
export async function openHqStore(url: string): Promise<HqClient> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new HqStoreError(`--pg must be a PostgreSQL URL such as postgres://hq@db.example:5432/octroi_hq, got "${url}".`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new HqStoreError(`--pg must start with postgres:// (got ${parsed.protocol}//).`);
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // An idle client's socket error would otherwise be an unhandled 'error' event.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    throw new HqStoreError(`cannot connect to the HQ store at ${describeUrl(url)}: ${(error as Error).message}. Check the server is running and the URL, user and database.`);
  }
  try {
    await ensureHqSchema(client);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new HqStoreError(`the HQ store at ${describeUrl(url)} cannot be prepared: ${(error as Error).message}`);
  }
  return client;
}

/** Creates the schema if missing; refuses a store written by a newer build. */
export async function ensureHqSchema(client: HqClient): Promise<void> {
  // One creator at a time: two first ingests at once would race on CREATE TABLE.
  await client.query('SELECT pg_advisory_lock(727001)');
  try {
    await client.query(HQ_SCHEMA_SQL);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM hq_schema');
    if (rows.length === 0) await client.query('INSERT INTO hq_schema (version) VALUES ($1)', [HQ_SCHEMA_VERSION]);
    else if (rows[0]!.version > HQ_SCHEMA_VERSION) {
      throw new HqStoreError(`the store was written by a newer Octroi (schema ${rows[0]!.version}, this build knows ${HQ_SCHEMA_VERSION}): update Octroi.`);
    } else if (rows[0]!.version < HQ_SCHEMA_VERSION) {
      await inTransaction(client, async () => {
        for (let v = rows[0]!.version; v < HQ_SCHEMA_VERSION; v++) await client.query(HQ_SCHEMA_UPGRADES[v]!);
        await client.query('UPDATE hq_schema SET version = $1', [HQ_SCHEMA_VERSION]);
      });
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(727001)');
  }
}

/** Runs `work` in one transaction: committed if it returns, rolled back if it throws. */
export async function inTransaction<T>(client: HqClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
