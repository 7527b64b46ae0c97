/** `npm run preview` end to end: the real process, the real handlers, the shipped model, over loopback HTTP. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureDatabase } from '../support/fixture-db.js';
import { REPO_ROOT } from '../support/paths.js';
import { createDemoAccounts, DEMO_ACCOUNTS } from '../../demo/demo-accounts.js';
import { TEST_DB_KEY_HEX } from '../support/test-database-key.js';

let child: ChildProcess;
let pageUrl: URL;

beforeAll(async () => {
  const fixture = await fixtureDatabase();
  createDemoAccounts(fixture.db);
  fixture.db.close();
  child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'electron', 'preview', 'run-preview.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, OCTROI_DB: fixture.path, OCTROI_DB_KEY: TEST_DB_KEY_HEX },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  pageUrl = await new Promise<URL>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Open: (\S+)/.exec(out);
      if (match) resolve(new URL(match[1]!));
    });
    child.once('exit', (code) => reject(new Error(`preview exited with ${code}`)));
  });
}, 60_000);
afterAll(() => {
  child?.kill('SIGTERM');
});

const call = (channel: string, body: unknown, token = pageUrl.hash.replace('#token=', '')) =>
  fetch(new URL(`/ipc/${channel}`, pageUrl.origin), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-octroi-token': token },
    body: JSON.stringify(body),
  });

describe('npm run preview', () => {
  it('listens on 127.0.0.1, refuses client data before sign-in, and scores a client through the contract once signed in', async () => {
    expect(pageUrl.hostname).toBe('127.0.0.1');
    const before = (await (await call('scoring:score', { clientId: 100002, lang: 'fr' })).json()) as { ok: boolean; error?: { code: string } };
    expect(before.error?.code).toBe('unauthenticated');
    const agent = DEMO_ACCOUNTS.find((account) => account.username === 'agent')!;
    const signIn = (await (await call('auth:signIn', { username: agent.username, password: agent.password })).json()) as { ok: boolean };
    expect(signIn.ok).toBe(true);
    const response = await call('scoring:score', { clientId: 100002, lang: 'fr' });
    const envelope = (await response.json()) as { ok: boolean; value: { probability: number; decision: string; reasons: unknown[] } };
    expect(envelope.ok, JSON.stringify(envelope)).toBe(true);
    expect(envelope.value.probability).toBeGreaterThan(0);
    expect(['granted', 'refused']).toContain(envelope.value.decision);
    expect(envelope.value.reasons.length).toBeGreaterThan(0);
  });

  it('refuses a request without the run’s token', async () => {
    const response = await call('scoring:score', { clientId: 100002, lang: 'fr' }, 'not-the-token');
    expect(response.status).toBe(403);
  });
});
