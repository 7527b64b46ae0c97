/**
 * DEMO accounts (published passwords) exist only in demo databases, on real SQLite files: the demo builder
 * marks its database and creates them there, and they sign in through the app's handlers; in a branch's
 * database they cannot be created, and an account holding DEMO credentials is refused at sign-in with a
 * message for IT, logged. Demo databases built before the mark existed get it from migration 5.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSetting } from '../../db/app-settings.js';
import { isDemoDatabase } from '../../db/demo-database-mark.js';
import { MIGRATIONS } from '../../db/migrations/index.js';
import { openDatabase, schemaVersion } from '../../db/open-database.js';
import { createUser, listUsers } from '../../db/users.js';
import { DEMO_ACTIVITY_SETTING } from '../../demo/demo-activity.js';
import { createDemoAccounts, DEMO_ACCOUNTS, DemoAccountsRefusedError } from '../../demo/demo-accounts.js';
import { buildDemoDatabase } from '../../demo/demo-database.js';
import { openAppServices, type AppServices } from '../../electron/main/app-services.js';
import { createIpcRouter, type IpcRouter } from '../../electron/main/ipc-handle.js';
import { registerHandlers } from '../../electron/main/register-handlers.js';
import { recordingLogger } from '../support/recording-logger.js';
import { tempDir } from '../support/paths.js';
import { SHIPPED_MODEL } from '../support/shipped-model.js';
import { TEST_DB_KEY } from '../support/test-database-key.js';

const OURS = { frameUrl: 'app://octroi/index.html', isMainFrame: true, webContentsId: 1 };
const agent = DEMO_ACCOUNTS.find((account) => account.username === 'agent')!;
const manager = DEMO_ACCOUNTS.find((account) => account.username === 'manager')!;

let dir: string;
beforeAll(() => {
  dir = tempDir('octroi-demo-accounts-');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The app's services and handlers on `dbPath`, with a recording logger where the data worker's would be. */
async function openApp(dbPath: string): Promise<{ services: AppServices; router: IpcRouter; logger: ReturnType<typeof recordingLogger> }> {
  const services = await openAppServices({ dbPath, key: TEST_DB_KEY, modelPath: SHIPPED_MODEL });
  const logger = recordingLogger();
  services.logger = logger;
  const router = createIpcRouter({ isTrustedSender: () => true });
  registerHandlers(router, services);
  return { services, router, logger };
}

describe('DEMO accounts', () => {
  it('the demo builder marks its database a demo database and creates the DEMO accounts, which sign in', async () => {
    const dbPath = path.join(dir, 'demo.db');
    await buildDemoDatabase(dbPath, { clients: 40, seed: 2, activity: false, key: TEST_DB_KEY });
    const { services, router, logger } = await openApp(dbPath);
    try {
      expect(isDemoDatabase(services.db)).toBe(true);
      expect(listUsers(services.db).map((user) => user.username)).toEqual(['agent', 'manager']);
      expect(await router.dispatch('auth:signIn', OURS, { username: agent.username, password: agent.password })).toMatchObject({ ok: true, value: { username: 'agent' } });
      expect(logger.lines).toEqual([]);
    } finally {
      await services.close();
    }
  }, 60_000);

  it('cannot be created in a database that is not a demo database: refused in words, nothing created', () => {
    const db = openDatabase(path.join(dir, 'branch-empty.db'), { key: TEST_DB_KEY });
    try {
      expect(isDemoDatabase(db)).toBe(false);
      expect(() => createDemoAccounts(db)).toThrow(DemoAccountsRefusedError);
      expect(() => createDemoAccounts(db)).toThrow(/DEMO accounts \(published passwords\) are created only in a demo database \(octroi demo\), and .*branch-empty\.db is not one: create the branch's accounts with octroi users add\./);
      expect(listUsers(db)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('an account with DEMO credentials in a branch database is refused at sign-in, for IT and logged; the branch’s own accounts sign in', async () => {
    const dbPath = path.join(dir, 'branch.db');
    const db = openDatabase(dbPath, { key: TEST_DB_KEY });
    // What `octroi users add` with the published password would make (or a DEMO account copied in by hand).
    createUser(db, agent);
    // A branch manager who happens to be called "manager", with a password of her own.
    createUser(db, { ...manager, displayName: 'Claire Martin', branch: 'Lyon 3', password: 'a-password-of-her-own' });
    db.close();
    const { services, router, logger } = await openApp(dbPath);
    try {
      const refused = await router.dispatch('auth:signIn', OURS, { username: 'Agent', password: agent.password });
      expect(refused).toEqual({
        ok: false,
        error: {
          code: 'forbidden',
          message:
            'Sign-in refused: Agent is a DEMO account, whose password is published, and this database is not a demo database. ' +
            `IT: disable it (octroi users disable --db ${dbPath} --username Agent) and give each user an account of their own (octroi users add).`,
        },
      });
      expect(services.session.user).toBeNull();
      expect(logger.lines).toEqual([{ level: 'warn', message: 'sign-in refused: a DEMO account in a database that is not a demo database', details: { username: 'agent', db: dbPath } }]);
      expect(await router.dispatch('auth:signIn', OURS, { username: 'manager', password: 'a-password-of-her-own' })).toMatchObject({ ok: true, value: { displayName: 'Claire Martin' } });
    } finally {
      await services.close();
    }
  }, 60_000);

  it('migration 5 marks a demo database built before the mark (its demo activity label says so), never a branch database', () => {
    const before = MIGRATIONS.filter((migration) => migration.version < 5);
    const files = { demo: path.join(dir, 'demo-v4.db'), branch: path.join(dir, 'branch-v4.db') };
    for (const [kind, file] of Object.entries(files)) {
      const v4 = openDatabase(file, { key: TEST_DB_KEY, migrations: before });
      expect(schemaVersion(v4)).toBe(4);
      if (kind === 'demo') writeSetting(v4, DEMO_ACTIVITY_SETTING, { months: 12 });
      v4.close();
    }
    const migrated = Object.fromEntries(
      Object.entries(files).map(([kind, file]) => {
        const db = openDatabase(file, { key: TEST_DB_KEY });
        try {
          return [kind, { version: schemaVersion(db), demo: isDemoDatabase(db) }];
        } finally {
          db.close();
        }
      }),
    );
    expect(migrated).toEqual({ demo: { version: 5, demo: true }, branch: { version: 5, demo: false } });
  });
});
