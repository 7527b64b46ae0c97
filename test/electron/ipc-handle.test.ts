/**
 * The validating IPC router: unknown channels, foreign senders and invalid payloads are refused as data
 * and never reach a handler (property-based, 10,000 generated cases each); handler errors become codes;
 * a handler answering outside the contract gives 'internal' (logged), never a crash; and a real handler
 * (scoreClient on the fixture with the shipped model) answers through it.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreClient, UnknownClientError } from '../../model/scoring/client-scoring.js';
import { createIpcRouter, trustedSender, type IpcLogger, type SenderInfo } from '../../electron/main/ipc-handle.js';
import { CHANNELS, CONTRACT, isChannel, type Channel, type RequestOf } from '../../electron/shared/contract.js';
import { DomainError, ERROR_CODES } from '../../electron/shared/errors.js';
import { openShippedFixture, type ShippedFixture } from '../support/shipped-engine.js';

const APP_URL = 'app://octroi/index.html';
const OUR_WINDOW = 7;
const isTrustedSender = trustedSender({ appUrl: APP_URL, isOurWebContents: (id) => id === OUR_WINDOW });
const OURS: SenderInfo = { frameUrl: APP_URL, isMainFrame: true, webContentsId: OUR_WINDOW };
const RUNS = { numRuns: 10_000 };

/** One valid request per channel (typed: the compiler checks every channel has one and each is well formed). */
const VALID: { [C in Channel]: RequestOf<C> } = {
  'clients:search': { query: '1000', limit: 10 },
  'clients:list': { offset: 0, limit: 50 },
  'clients:get': { clientId: 100002 },
  'scoring:score': { clientId: 100002, lang: 'fr', counterOffer: true },
  'scoring:explain': { clientId: 100002, lang: 'en' },
  'scoring:reasons': { clientId: 100002, lang: 'fr', count: 5 },
  'scoring:counterOffer': { clientId: 100002, threshold: 0.2 },
  'scoring:similar': { clientId: 100002, lang: 'fr', k: 10 },
  'population:distribution': { feature: 'AMT_CREDIT', groupBy: 'outcome', bins: 30, lang: 'fr' },
  'population:pairs': { x: 'AMT_CREDIT', y: 'AMT_ANNUITY', groupBy: 'decision', maxPoints: 2000, lang: 'en' },
  'population:importance': { lang: 'fr', top: 20 },
  'population:status': {},
  'policy:get': {},
  'policy:setThreshold': { threshold: 0.12, reason: 'Quarterly risk committee' },
  'applications:fields': { lang: 'fr' },
  'applications:validate': { record: { AMT_CREDIT: 450000, NAME_CONTRACT_TYPE: 'Cash loans', EXT_SOURCE_1: null } },
  'applications:score': { record: { AMT_CREDIT: 450000 }, lang: 'fr' },
  'applications:save': { record: { AMT_CREDIT: 450000 } },
  'decisions:record': { clientId: 100002, decision: 'override', overrideDirection: 'grant', reasonCode: 'guarantor', comment: 'Parent stands as guarantor' },
  'decisions:list': { offset: 0, limit: 20, clientId: 100002 },
  'letters:exportPdf': { decisionId: 3, lang: 'fr' },
  'monitoring:drift': { lang: 'en' },
  'monitoring:activity': { months: 6, until: '2026-10' },
  'fairness:report': { lang: 'fr' },
  'models:card': { lang: 'fr' },
  'import:start': {},
  'auth:status': {},
  'auth:signIn': { username: 'agent', password: 'demo-officer-2026' },
  'auth:signOut': {},
  'auth:lock': {},
  'users:list': {},
  'users:create': { username: 'jdupont', displayName: 'Jeanne Dupont', role: 'officer', branch: 'Lyon 3', password: 'a long enough password' },
  'users:disable': { username: 'jdupont' },
  'audit:status': {},
  'decisions:contest': { decisionId: 3, comment: 'The client disputes the income figure used.' },
  'decisions:review': { decisionId: 3, outcome: 'upheld', comment: 'Income checked against the payslips.' },
  'models:install': {},
  'models:rollback': {},
  'models:history': {},
};

/** A router with a counting handler on every channel (each throws not-found: answers are not the point here). */
function countingRouter() {
  const calls: Array<{ channel: Channel; request: unknown }> = [];
  const logged: string[] = [];
  const logger: IpcLogger = { warn: (m) => logged.push(m), error: (m) => logged.push(m) };
  const router = createIpcRouter({ isTrustedSender, logger });
  for (const channel of CHANNELS) {
    router.handle(channel, (request) => {
      calls.push({ channel, request });
      throw new DomainError('not-found', 'counted');
    });
  }
  return { router, calls, logged };
}

const channelArb = fc.constantFrom(...CHANNELS);

/** Payloads near a valid one: a key dropped, a key set to anything, a key added, or anything at all. */
function payloadArb(channel: Channel): fc.Arbitrary<unknown> {
  const valid = VALID[channel] as Record<string, unknown>;
  const keys = Object.keys(valid);
  const variants: Array<fc.Arbitrary<unknown>> = [
    fc.anything(),
    fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }),
    fc.tuple(fc.string(), fc.anything()).map(([key, value]) => ({ ...valid, [key]: value })),
  ];
  if (keys.length) {
    variants.push(fc.tuple(fc.constantFrom(...keys), fc.anything()).map(([key, value]) => ({ ...valid, [key]: value })));
    variants.push(fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))));
    variants.push(
      fc.tuple(fc.constantFrom(...keys), fc.oneof(fc.double(), fc.integer(), fc.constant(Number.NaN), fc.constant(-0), fc.string({ maxLength: 3000 }))).map(([key, value]) => ({ ...valid, [key]: value })),
    );
  }
  return fc.oneof(...variants);
}

describe('dispatch refuses what must not reach a handler', () => {
  it('unknown channels, whatever they are (10,000 generated)', async () => {
    const { router, calls } = countingRouter();
    const nearMiss = channelArb.chain((c) => fc.constantFrom(c.toUpperCase(), `${c} `, ` ${c}`, c.replace(':', '.'), `${c}:x`, c.split(':')[0]!, `__proto__`, 'toString', `${c}\u0000`));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.anything(), nearMiss), fc.anything(), async (channel, payload) => {
        fc.pre(!isChannel(channel));
        const result = await router.dispatch(channel, OURS, payload);
        expect(result).toEqual({ ok: false, error: { code: 'unknown-channel', message: expect.any(String) } });
      }),
      RUNS,
    );
    expect(calls).toHaveLength(0);
  });

  it('foreign senders: other origins, subframes, other windows, malformed sender info (10,000 generated)', async () => {
    const { router, calls } = countingRouter();
    const ourUrl = fc.webPath().map((p) => `app://octroi${p.startsWith('/') ? p : `/${p}`}`);
    const foreignUrl = fc.oneof(
      fc.webUrl(),
      fc.constantFrom('app://octroi.evil/index.html', 'app://evil/index.html', 'app://octroi:8080/index.html', 'app://user@octroi/index.html', 'file:///C:/Users/x/index.html', 'http://127.0.0.1/', 'about:blank', 'data:text/html,hi', 'javascript:alert(1)', '', 'not a url'),
      fc.string(),
    );
    // Each generated sender says whether it must be trusted; only main frames of our window at our URL are.
    const sender = fc.oneof(
      fc.record({ frameUrl: ourUrl, isMainFrame: fc.constant(false), webContentsId: fc.constant(OUR_WINDOW) }),
      fc.record({ frameUrl: ourUrl, isMainFrame: fc.boolean(), webContentsId: fc.integer().filter((id) => id !== OUR_WINDOW) }),
      fc.record({ frameUrl: foreignUrl, isMainFrame: fc.boolean(), webContentsId: fc.oneof(fc.constant(OUR_WINDOW), fc.integer()) }),
      fc.anything(),
      fc.record({ frameUrl: fc.anything(), isMainFrame: fc.anything(), webContentsId: fc.anything() }),
    );
    await fc.assert(
      fc.asyncProperty(channelArb, sender, async (channel, from) => {
        const result = await router.dispatch(channel, from, VALID[channel]);
        expect(result).toEqual({ ok: false, error: { code: 'forbidden-sender', message: expect.any(String) } });
      }),
      RUNS,
    );
    expect(calls).toHaveLength(0);
    // The same requests from our window reach the handler.
    for (const channel of CHANNELS) expect((await router.dispatch(channel, OURS, VALID[channel])).ok).toBe(false);
    expect(calls.map((c) => c.channel)).toEqual(CHANNELS);
  });

  it('invalid payloads on every channel never reach the handler; valid ones reach it parsed (10,000 generated)', async () => {
    const { router, calls } = countingRouter();
    let invalid = 0;
    await fc.assert(
      fc.asyncProperty(channelArb.chain((channel) => fc.tuple(fc.constant(channel), payloadArb(channel))), async ([channel, payload]) => {
        const before = calls.length;
        const expected = CONTRACT[channel].request.safeParse(payload);
        const result = await router.dispatch(channel, OURS, payload);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        if (expected.success) {
          // Valid: the handler ran once, on the parsed request (its DomainError came back as data).
          expect(result.error.code).toBe('not-found');
          expect(calls).toHaveLength(before + 1);
          expect(calls.at(-1)).toEqual({ channel, request: expected.data });
        } else {
          invalid++;
          expect(result.error.code).toBe('invalid-request');
          expect(result.error.message.length).toBeLessThanOrEqual(2000);
          expect(result.error.issues!.length).toBeGreaterThan(0);
          expect(calls).toHaveLength(before);
        }
        expect(ERROR_CODES).toContain(result.error.code);
        expect(() => JSON.stringify(result)).not.toThrow();
      }),
      RUNS,
    );
    expect(invalid).toBeGreaterThan(RUNS.numRuns * 0.8);
  });
});

describe('handler outcomes', () => {
  const logged: Array<{ message: string; details?: Record<string, unknown> }> = [];
  const logger: IpcLogger = { warn: (message, details) => logged.push({ message, details }), error: (message, details) => logged.push({ message, details }) };

  it('gives a DomainError its code, message and issues', async () => {
    const router = createIpcRouter({ isTrustedSender, logger });
    router.handle('applications:save', () => {
      throw new DomainError('validation', 'The application cannot be saved.', [{ path: 'AMT_CREDIT', message: 'is required' }]);
    });
    expect(await router.dispatch('applications:save', OURS, VALID['applications:save'])).toEqual({
      ok: false,
      error: { code: 'validation', message: 'The application cannot be saved.', issues: [{ path: 'AMT_CREDIT', message: 'is required' }] },
    });
  });

  it("turns a bug (thrown Error, rejected non-Error) into 'internal', logged, without leaking details", async () => {
    const router = createIpcRouter({ isTrustedSender, logger });
    router.handle('clients:get', () => {
      throw new Error('SQLITE_CORRUPT at /home/officer/secret.db');
    });
    router.handle('clients:list', () => Promise.reject('a string'));
    logged.length = 0;
    const result = await router.dispatch('clients:get', OURS, { clientId: 1 });
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(JSON.stringify(logged)).toContain('SQLITE_CORRUPT');
    expect((await router.dispatch('clients:list', OURS, VALID['clients:list'])).ok).toBe(false);
  });

  it("gives 'internal' (logged) for a response outside the contract: wrong shape, extra key, NaN", async () => {
    const router = createIpcRouter({ isTrustedSender, logger });
    const answers: unknown[] = [{ clientId: 0 }, { clientId: 5, password: 'x' }, { clientId: Number.NaN }, undefined, 'ok'];
    let next = 0;
    router.handle('applications:save', () => answers[next++] as { clientId: number });
    for (const _ of answers) {
      logged.length = 0;
      const result = await router.dispatch('applications:save', OURS, VALID['applications:save']);
      expect(result).toEqual({ ok: false, error: { code: 'internal', message: expect.stringContaining('contract') } });
      expect(logged.map((l) => l.message)).toContain('IPC: handler response does not match the contract');
    }
  });

  it('maps domain errors through mapError; a throwing sender check or mapper still gives an envelope', async () => {
    const router = createIpcRouter({
      isTrustedSender: (s) => {
        if (s.webContentsId === 666) throw new Error('boom');
        return isTrustedSender(s);
      },
      logger,
      mapError: (error) => {
        if (error instanceof UnknownClientError) return { code: 'not-found', message: error.message };
        throw new Error('mapper bug');
      },
    });
    router.handle('clients:get', ({ clientId }) => {
      throw clientId === 1 ? new UnknownClientError(1) : new Error('other');
    });
    expect(await router.dispatch('clients:get', OURS, { clientId: 1 })).toEqual({ ok: false, error: { code: 'not-found', message: 'No client with SK_ID_CURR 1 in the database.' } });
    expect((await router.dispatch('clients:get', OURS, { clientId: 2 })).ok === false).toBe(true);
    expect(await router.dispatch('clients:get', OURS, { clientId: 2 })).toMatchObject({ error: { code: 'internal' } });
    expect(await router.dispatch('clients:get', { ...OURS, webContentsId: 666 }, { clientId: 1 })).toMatchObject({ error: { code: 'forbidden-sender' } });
  });

  it('refuses a channel without a handler, a second handler, and a channel outside the contract', async () => {
    const router = createIpcRouter({ isTrustedSender });
    expect(await router.dispatch('policy:get', OURS, {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    router.handle('policy:get', () => {
      throw new DomainError('model-refused', 'No model');
    });
    expect(() => router.handle('policy:get', () => Promise.reject(new Error('x')))).toThrow(/already has a handler/);
    expect(() => router.handle('policy:delete' as Channel, () => Promise.reject(new Error('x')))).toThrow(/not a channel/);
    expect(router.registered()).toEqual(['policy:get']);
  });
});

describe('trustedSender', () => {
  it('trusts only the main frame of our window at our scheme and host', () => {
    expect(isTrustedSender(OURS)).toBe(true);
    expect(isTrustedSender({ ...OURS, frameUrl: 'app://octroi/clients/100002?x=1#y' })).toBe(true);
    expect(isTrustedSender({ ...OURS, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ ...OURS, webContentsId: 8 })).toBe(false);
    for (const frameUrl of ['app://octroi.evil/', 'https://octroi/', 'app://user:pw@octroi/', 'app://octroi:1/', 'garbage']) expect(isTrustedSender({ ...OURS, frameUrl })).toBe(false);
  });

  it('for file: pages, trusts only our page (file: URLs have no host)', () => {
    const file = trustedSender({ appUrl: 'file:///opt/Octroi/resources/app.asar/renderer/index.html', isOurWebContents: () => true });
    expect(file({ ...OURS, frameUrl: 'file:///opt/Octroi/resources/app.asar/renderer/index.html' })).toBe(true);
    expect(file({ ...OURS, frameUrl: 'file:///tmp/evil.html' })).toBe(false);
  });
});

describe('a real handler through the router', () => {
  let fixture: ShippedFixture;
  beforeAll(async () => {
    fixture = await openShippedFixture();
  }, 60_000);
  afterAll(() => fixture?.close());

  it('scoring:score answers the real score of a fixture client; an unknown client is not-found', async () => {
    const { db, engine } = fixture;
    const router = createIpcRouter({
      isTrustedSender,
      mapError: (error) => (error instanceof UnknownClientError ? { code: 'not-found', message: error.message } : undefined),
    });
    router.handle('scoring:score', (request) => scoreClient(db, engine, request.clientId, request));
    const result = await router.dispatch('scoring:score', OURS, { clientId: 100002, lang: 'fr', counterOffer: true });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const direct = await scoreClient(db, engine, 100002, { lang: 'fr', counterOffer: true });
    expect(JSON.parse(JSON.stringify(result.value))).toEqual(JSON.parse(JSON.stringify(direct)));
    expect(await router.dispatch('scoring:score', OURS, { clientId: 999_999_999, lang: 'fr' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'No client with SK_ID_CURR 999999999 in the database.' },
    });
  });
});
