/**
 * letters:exportPdf through the real router on the fixture with the shipped model, with a test DesktopPort
 * that saves into a temporary folder and prints with real headless Chromium: the PDF is written where the
 * user chose and states the recorded decision; a closed dialog is 'cancelled' and writes nothing; no
 * desktop is 'internal'; an unknown decision is 'not-found' before any dialog opens; a contest is not a
 * decision ('validation'); nobody signed in is 'unauthenticated'.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendLogEntry } from '../../db/decision-log.js';
import type { Db } from '../../db/open-database.js';
import { renderPdfWithChromium } from '../../model/governance/letters/chromium-pdf.js';
import type { HandlerServices, SessionUser } from '../../electron/main/handlers/handler-services.js';
import { createIpcRouter, type IpcRouter } from '../../electron/main/ipc-handle.js';
import { registerHandlers } from '../../electron/main/register-handlers.js';
import { APP_SENDER, openHandlerHarness, testDesktop, type HandlerHarness } from '../support/handler-harness.js';
import { tempDir } from '../support/paths.js';

const OFFICER: SessionUser = { userId: 1, username: 'cmartin', displayName: 'Claire Martin', role: 'officer', branch: 'Agence de Lyon' };

let harness: HandlerHarness;
let db: Db;
let router: IpcRouter;
let bare: IpcRouter;
let services: HandlerServices;
let decisionId: number;
let contestId: number;
const folder = tempDir('octroi-letters-');
/** What the save dialog answers next (null = closed), and what it was asked. */
let nextChoice: string | null = null;
const dialogs: Array<{ title: string; defaultName: string; extensions: string[] }> = [];

const desktop = testDesktop({
  chooseSaveFile: async (options) => {
    dialogs.push(options);
    return nextChoice;
  },
  renderPdf: (html) => renderPdfWithChromium(html),
});

beforeAll(async () => {
  harness = await openHandlerHarness({ desktop });
  ({ db, router, services } = harness);
  const { engine } = harness;
  db.prepare(`INSERT INTO app_user (user_id, username, display_name, role, branch, password_hash, created_at) VALUES (1, 'cmartin', 'Claire Martin', 'officer', 'Agence de Lyon', 'scrypt$test', '2026-01-01T00:00:00.000Z')`).run();
  harness.signIn(OFFICER);
  const entry = { client_id: 100002, override_direction: null, comment: '', probability: 0.3, threshold: engine.threshold, model_version: engine.modelVersion, user_id: 1, username: 'cmartin', branch: 'Agence de Lyon', recorded_at: '2026-11-20T10:15:00.000Z' };
  decisionId = appendLogEntry(db, { ...entry, kind: 'decision', decision: 'refused', reason_code: 'model-decision', model_decision: 'refused', refers_to: null }).seq;
  contestId = appendLogEntry(db, { ...entry, kind: 'contest', decision: null, reason_code: null, model_decision: null, refers_to: decisionId }).seq;
  // The same handlers with no desktop to save through.
  bare = createIpcRouter({ isTrustedSender: (s) => s.frameUrl === APP_SENDER.frameUrl });
  registerHandlers(bare, { ...services, desktop: undefined, session: { user: OFFICER } });
}, 120_000);
afterAll(() => harness?.close());

const exportPdf = (payload: unknown, on = router) => {
  services.session.lastActivity = undefined;
  return on.dispatch('letters:exportPdf', APP_SENDER, payload);
};

describe('letters:exportPdf', () => {
  it('writes the letter where the user chose and returns its path and size', async () => {
    const file = path.join(folder, 'lettre.pdf');
    nextChoice = file;
    const result = await exportPdf({ decisionId, lang: 'fr' });
    expect(result).toEqual({ ok: true, value: { path: file, bytes: fs.statSync(file).size } });
    expect(dialogs.at(-1)).toEqual({ title: 'Enregistrer la lettre au client', defaultName: `lettre-100002-${decisionId}.pdf`, extensions: ['pdf'] });
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('est refusée');
    expect(text).toContain('Claire Martin');
    expect(text).toContain('Vos droits');
    expect(fs.readdirSync(folder).filter((f) => f.endsWith('.partial'))).toEqual([]);
  }, 60_000);

  it('is cancelled when the dialog is closed, and writes nothing', async () => {
    nextChoice = null;
    const before = fs.readdirSync(folder);
    expect(await exportPdf({ decisionId, lang: 'en' })).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'The letter was not saved: the save dialog was closed.' },
    });
    expect(dialogs.at(-1)!.defaultName).toBe(`letter-100002-${decisionId}.pdf`);
    expect(fs.readdirSync(folder)).toEqual(before);
  }, 60_000);

  it('answers internal without a desktop, not-found for an unknown decision (no dialog), validation for a contest', async () => {
    const noDesktop = await exportPdf({ decisionId, lang: 'fr' }, bare);
    expect(noDesktop.ok || noDesktop.error.code).toBe('internal');
    const asked = dialogs.length;
    expect(await exportPdf({ decisionId: 999, lang: 'fr' })).toEqual({ ok: false, error: { code: 'not-found', message: 'No decision no. 999 in the decision log.' } });
    const contest = await exportPdf({ decisionId: contestId, lang: 'fr' });
    expect(contest.ok || contest.error).toEqual({ code: 'validation', message: `Entry no. ${contestId} of the decision log is a contest, not a decision: a letter states a decision.` });
    expect(dialogs.length).toBe(asked);
  }, 60_000);

  it('needs a signed-in user', async () => {
    services.session.user = null;
    try {
      const result = await exportPdf({ decisionId, lang: 'fr' });
      expect(result.ok || result.error.code).toBe('unauthenticated');
    } finally {
      services.session.user = OFFICER;
    }
  });
});
