/**
 * import:start through the router: a manager imports the fixture files picked in the (test) file
 * dialog; progress events follow with the same id and a last event with the summary; the clients are
 * then served; officers, a cancelled dialog and a second concurrent import are refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open-database.js';
import type { DesktopPort, HandlerServices } from '../../electron/main/handlers/handler-services.js';
import { createIpcRouter, type IpcRouter, type SenderInfo } from '../../electron/main/ipc-handle.js';
import { registerHandlers } from '../../electron/main/register-handlers.js';
import type { EventOf } from '../../electron/shared/contract.js';
import { ScoringEngine } from '../../model/scoring/scoring-engine.js';
import { FIXTURE_DIR, tempDir } from '../support/paths.js';
import { demoUser } from '../support/session.js';
import { SHIPPED_MODEL } from '../support/shipped-model.js';

const OURS: SenderInfo = { frameUrl: 'app://octroi/index.html', isMainFrame: true, webContentsId: 1 };
type ImportEvent = EventOf<'import:progress'>;

let db: Db;
let engine: ScoringEngine;
let router: IpcRouter;
let services: HandlerServices;
let picked: string[] = [];
const events: ImportEvent[] = [];
let onFinal: ((event: ImportEvent) => void) | null = null;

beforeAll(async () => {
  const dir = tempDir('octroi-import-ipc-');
  db = openDatabase(path.join(dir, 'branch.db'));
  engine = await ScoringEngine.open(SHIPPED_MODEL);
  const desktop: DesktopPort = {
    chooseFilesToOpen: async () => picked,
    chooseSaveFile: async () => null,
    renderPdf: async () => new Uint8Array(),
    emit: (event, payload) => {
      if (event !== 'import:progress') return;
      const progress = payload as ImportEvent;
      events.push(progress);
      // The import's last event carries the summary (per-file 'done' events do not), or is 'failed'.
      if (progress.summary || progress.phase === 'failed') onFinal?.(progress);
    },
  };
  services = { db, dbPath: path.join(dir, 'branch.db'), engine, lang: 'en', session: { user: null }, desktop };
  router = createIpcRouter({ isTrustedSender: (s) => s.frameUrl === OURS.frameUrl });
  registerHandlers(router, services);
}, 60_000);
afterAll(async () => {
  await engine?.close();
  db?.close();
});

const finalEvent = () => new Promise<ImportEvent>((resolve) => (onFinal = resolve));

describe('import:start', () => {
  it('is for managers: refused before sign-in and for an officer, nothing imported', async () => {
    picked = fs.readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.csv')).map((f) => path.join(FIXTURE_DIR, f));
    expect(await router.dispatch('import:start', OURS, {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    services.session.user = demoUser(db, 'agent');
    expect(await router.dispatch('import:start', OURS, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(db.prepare('SELECT count(*) FROM application').pluck().get()).toBe(0);
  });

  it('answers cancelled when the dialog is closed', async () => {
    services.session.user = demoUser(db, 'manager');
    picked = [];
    expect(await router.dispatch('import:start', OURS, {})).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('imports the picked files with progress events and a summary, refuses a second import meanwhile, then serves the clients', async () => {
    services.session.user = demoUser(db, 'manager');
    picked = fs.readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.csv')).map((f) => path.join(FIXTURE_DIR, f));
    const done = finalEvent();
    const started = await router.dispatch('import:start', OURS, {});
    expect(started.ok, JSON.stringify(started)).toBe(true);
    const { importId } = (started as { ok: true; value: { importId: string } }).value;
    expect(await router.dispatch('import:start', OURS, {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const last = await done;
    expect(last.phase, last.message ?? '').toBe('done');
    expect(events.every((event) => event.importId === importId)).toBe(true);
    expect(events.some((event) => event.phase === 'hashing')).toBe(true);
    expect(events.filter((event) => event.phase === 'done' && !event.summary && event.rowsRead > 0).length).toBeGreaterThanOrEqual(7);
    expect(last.summary!.tables.application!.imported).toBe(db.prepare('SELECT count(*) FROM application').pluck().get());
    expect(last.summary!.tables.application!.imported).toBeGreaterThan(900);
    expect(last.summary!.refused).toEqual([]);
    const list = await router.dispatch('clients:list', OURS, { offset: 0, limit: 5 });
    expect(list).toMatchObject({ ok: true, value: { total: last.summary!.tables.application!.imported } });

    // The same files again: skipped by their hash, nothing loaded twice.
    const again = finalEvent();
    expect((await router.dispatch('import:start', OURS, {})).ok).toBe(true);
    const second = await again;
    expect(second.phase).toBe('done');
    expect(second.summary!.tables).toEqual({});
    expect(second.summary!.skipped.length).toBeGreaterThanOrEqual(7);
  });
});
