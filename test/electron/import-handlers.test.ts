/**
 * import:start through the router: a manager imports the fixture files picked in the (test) file
 * dialog; progress events follow with the same id and a last event with the summary; the clients are
 * then served; officers, a cancelled dialog and a second concurrent import are refused.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importLockPath } from '../../db/import/import-lock.js';
import { openDatabase, type Db } from '../../db/open-database.js';
import type { EventOf } from '../../electron/shared/contract.js';
import { FIXTURE_DIR, tempDir } from '../support/paths.js';
import { openHandlerHarness, testDesktop, type HandlerHarness } from '../support/handler-harness.js';
import { TEST_DB_KEY } from '../support/test-database-key.js';

type ImportEvent = EventOf<'import:progress'>;

let harness: HandlerHarness;
let db: Db;
let picked: string[] = [];
const events: ImportEvent[] = [];
let onFinal: ((event: ImportEvent) => void) | null = null;

beforeAll(async () => {
  const dbPath = path.join(tempDir('octroi-import-ipc-'), 'branch.db');
  const desktop = testDesktop({
    chooseFilesToOpen: async () => picked,
    emit: (event, payload) => {
      if (event !== 'import:progress') return;
      const progress = payload as ImportEvent;
      events.push(progress);
      // The import's last event carries the summary (per-file 'done' events do not), or is 'failed'.
      if (progress.summary || progress.phase === 'failed') onFinal?.(progress);
    },
  });
  harness = await openHandlerHarness({ database: { db: openDatabase(dbPath, { key: TEST_DB_KEY }), dbPath }, lang: 'en', desktop });
  db = harness.db;
}, 60_000);
afterAll(() => harness?.close());

const finalEvent = () => new Promise<ImportEvent>((resolve) => (onFinal = resolve));

describe('import:start', () => {
  it('is for managers: refused before sign-in and for an officer, nothing imported', async () => {
    picked = fs.readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.csv')).map((f) => path.join(FIXTURE_DIR, f));
    expect(await harness.dispatch('import:start', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    harness.signIn('agent');
    expect(await harness.dispatch('import:start', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(db.prepare('SELECT count(*) FROM application').pluck().get()).toBe(0);
  });

  it('answers cancelled when the dialog is closed', async () => {
    harness.signIn('manager');
    picked = [];
    expect(await harness.dispatch('import:start', {})).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('answers conflict in words, before any dialog, while another process (the CLI) imports into the same database', async () => {
    harness.signIn('manager');
    const cli = spawn('sleep', ['30']); // a live process holding the lock, as the CLI's import does
    const lock = importLockPath(db.name);
    let dialogs = 0;
    const choose = harness.services.desktop!.chooseFilesToOpen;
    harness.services.desktop!.chooseFilesToOpen = async (options) => (dialogs++, choose(options));
    try {
      fs.writeFileSync(lock, JSON.stringify({ pid: cli.pid, host: os.hostname(), since: new Date().toISOString() }));
      const answer = await harness.dispatch('import:start', {});
      expect(answer).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringMatching(new RegExp(`^Another import is running on this database since \\d\\d:\\d\\d \\(pid ${cli.pid}\\); wait for it to finish`)) } });
      expect(dialogs).toBe(0);
    } finally {
      harness.services.desktop!.chooseFilesToOpen = choose;
      cli.kill('SIGKILL');
      await new Promise((resolve) => cli.on('close', resolve));
      fs.rmSync(lock, { force: true });
    }
  });

  it('imports the picked files with progress events and a summary, refuses a second import meanwhile, then serves the clients', async () => {
    harness.signIn('manager');
    picked = fs.readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.csv')).map((f) => path.join(FIXTURE_DIR, f));
    const done = finalEvent();
    const started = await harness.dispatch('import:start', {});
    expect(started.ok, JSON.stringify(started)).toBe(true);
    const { importId } = (started as { ok: true; value: { importId: string } }).value;
    expect(await harness.dispatch('import:start', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const last = await done;
    expect(last.phase, last.message ?? '').toBe('done');
    expect(events.every((event) => event.importId === importId)).toBe(true);
    expect(events.some((event) => event.phase === 'hashing')).toBe(true);
    expect(events.filter((event) => event.phase === 'done' && !event.summary && event.rowsRead > 0).length).toBeGreaterThanOrEqual(7);
    expect(last.summary!.tables.application!.imported).toBe(db.prepare('SELECT count(*) FROM application').pluck().get());
    expect(last.summary!.tables.application!.imported).toBeGreaterThan(900);
    expect(last.summary!.refused).toEqual([]);
    const list = await harness.dispatch('clients:list', { offset: 0, limit: 5 });
    expect(list).toMatchObject({ ok: true, value: { total: last.summary!.tables.application!.imported } });

    // The same files again: skipped by their hash, nothing loaded twice.
    const again = finalEvent();
    expect((await harness.dispatch('import:start', {})).ok).toBe(true);
    const second = await again;
    expect(second.phase).toBe('done');
    expect(second.summary!.tables).toEqual({});
    expect(second.summary!.skipped.length).toBeGreaterThanOrEqual(7);
  });
});
