/**
 * The IPC contract: every verb of issue 5 is there with a request and a response schema, named
 * domain:action; the schemas accept what the real model code produces (scored on the synthetic fixture by the
 * shipped model, then sent through JSON as IPC does) and refuse what must not cross (NaN, extra keys).
 */
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { Db } from '../../db/open-database.js';
import { ApplicationValidationError, validateApplicationRecord } from '../../model/application/application-record.js';
import { scoreAllClients, scoreApplication, scoreClient, type ClientScore } from '../../model/scoring/client-scoring.js';
import { computeFeatures } from '../../model/features/compute-features.js';
import { FEATURES } from '../../model/features/feature-registry.js';
import { FeatureUnitSchema } from '../../electron/shared/contract-common.js';
import { readClientRecords } from '../../model/features/read-client-records.js';
import type { ScoringEngine } from '../../model/scoring/scoring-engine.js';
import { similarClients } from '../../model/explanation/similar-clients.js';
import { createIpcRouter, trustedSender } from '../../electron/main/ipc-handle.js';
import { createApi, type ApiTransport } from '../../electron/shared/contract-api.js';
import { CHANNELS, CONTRACT, EVENTS, isChannel, splitChannel, type Api, type Channel, type EventChannel, type RequestOf, type ResponseOf } from '../../electron/shared/contract.js';
import { DomainError, ERROR_CODES, resultSchema, type Result } from '../../electron/shared/errors.js';
import { APPLICATION_COLUMNS_SQL } from '../support/application-columns.js';
import { openShippedFixture, type ShippedFixture } from '../support/shipped-engine.js';

/** The verbs issue 5 asks for. */
const REQUIRED_CHANNELS = [
  'clients:search', 'clients:list', 'clients:get',
  'scoring:score', 'scoring:explain', 'scoring:reasons', 'scoring:counterOffer', 'scoring:similar',
  'population:distribution', 'population:pairs', 'population:importance',
  'policy:get', 'policy:setThreshold',
  'applications:validate', 'applications:score', 'applications:save',
  'decisions:record', 'decisions:list',
  'letters:exportPdf', 'monitoring:drift', 'models:card', 'import:start',
];

/** What IPC does to a value: structured clone for Electron, JSON for the browser preview; JSON is the stricter. */
const overIpc = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

let fixture: ShippedFixture;
let db: Db;
let engine: ScoringEngine;
let refused: ClientScore;
let granted: ClientScore;

beforeAll(async () => {
  fixture = await openShippedFixture();
  ({ db, engine } = fixture);
  // The riskiest and the safest fixture clients: one refused (with a counter-offer), one granted.
  const scored: Array<{ id: number; p: number }> = [];
  for await (const chunk of scoreAllClients(db, engine)) chunk.ids.forEach((id, i) => scored.push({ id, p: chunk.probabilities[i]! }));
  scored.sort((a, b) => b.p - a.p);
  refused = await scoreClient(db, engine, scored[0]!.id, { lang: 'fr', counterOffer: true });
  granted = await scoreClient(db, engine, scored.at(-1)!.id, { lang: 'en', counterOffer: true });
}, 60_000);
afterAll(() => fixture?.close());

describe('the contract', () => {
  it('has every verb of issue 5, each named domain:action with a request and a response schema', () => {
    expect(CHANNELS).toEqual(expect.arrayContaining(REQUIRED_CHANNELS));
    for (const channel of CHANNELS) {
      expect(channel).toMatch(/^[a-z]+:[a-z][A-Za-z]*$/);
      expect(CONTRACT[channel].request).toBeInstanceOf(z.ZodType);
      expect(CONTRACT[channel].response).toBeInstanceOf(z.ZodType);
      expect(Object.keys(CONTRACT[channel]).sort()).toEqual(['request', 'response']);
    }
    expect(Object.keys(EVENTS)).toEqual(['import:progress', 'population:progress']);
  });

  it('knows its channels exactly: no prototype key or near miss is a channel', () => {
    for (const channel of CHANNELS) expect(isChannel(channel)).toBe(true);
    for (const other of ['toString', '__proto__', 'constructor', 'scoring:Score', 'scoring:score ', 'scoring', '', 'hasOwnProperty']) expect(isChannel(other)).toBe(false);
  });

  it('refuses unexpected keys in every request (strict objects)', () => {
    for (const channel of CHANNELS) {
      const result = CONTRACT[channel].request.safeParse({ unexpected: 1 });
      expect(result.success, channel).toBe(false);
    }
  });

  it('has a fixed list of error codes and an envelope schema', () => {
    expect(ERROR_CODES).toEqual(expect.arrayContaining(['invalid-request', 'unknown-channel', 'forbidden-sender', 'not-found', 'validation', 'model-refused', 'internal']));
    const envelope = resultSchema(CONTRACT['applications:save'].response);
    expect(envelope.safeParse({ ok: true, value: { clientId: 5 } }).success).toBe(true);
    expect(envelope.safeParse({ ok: false, error: { code: 'not-found', message: 'No client 5' } }).success).toBe(true);
    expect(envelope.safeParse({ ok: false, error: { code: 'oops', message: 'x' } }).success).toBe(false);
  });

  it('derives the preload API type from the schemas', () => {
    expectTypeOf<Parameters<Api['scoring']['score']>[0]>().toEqualTypeOf<RequestOf<'scoring:score'>>();
    expectTypeOf<ReturnType<Api['clients']['get']>>().toEqualTypeOf<Promise<Result<ResponseOf<'clients:get'>>>>();
    expectTypeOf<Parameters<Api['on']>[0]>().toEqualTypeOf<'import:progress' | 'population:progress'>();
    expectTypeOf<ResponseOf<'scoring:score'>['decision']>().toEqualTypeOf<'granted' | 'refused'>();
  });
});

describe('feature units', () => {
  it('the contract knows every unit of the feature registry', () => {
    for (const feature of FEATURES) expect(FeatureUnitSchema.safeParse(feature.unit).success, `${feature.name}: ${feature.unit}`).toBe(true);
  });
});

describe('round trips with what the model code really produces', () => {
  it('scoring:score accepts real scores (refused with its counter-offer, granted with null) after JSON', () => {
    expect(refused.decision).toBe('refused');
    expect(refused.counterOffer).not.toBeNull();
    expect(granted.decision).toBe('granted');
    for (const score of [refused, granted]) {
      const parsed = CONTRACT['scoring:score'].response.parse(overIpc(score));
      expect(parsed).toEqual(score);
    }
    const request: RequestOf<'scoring:score'> = { clientId: refused.clientId!, lang: 'fr', counterOffer: true };
    expect(CONTRACT['scoring:score'].request.parse(overIpc(request))).toEqual(request);
  });

  it('scoring:explain, scoring:reasons and scoring:counterOffer accept the parts of a real score', () => {
    const clientId = refused.clientId!;
    CONTRACT['scoring:explain'].response.parse(overIpc({ clientId, probability: refused.probability, explanation: refused.explanation }));
    CONTRACT['scoring:reasons'].response.parse(overIpc({ clientId, reasons: refused.reasons }));
    CONTRACT['scoring:counterOffer'].response.parse(overIpc({ clientId, counterOffer: refused.counterOffer }));
    CONTRACT['scoring:counterOffer'].response.parse(overIpc({ clientId: granted.clientId, counterOffer: null }));
  });

  it('scoring:similar accepts real neighbours', async () => {
    const records = readClientRecords(db, refused.clientId!)!;
    const result = await similarClients(db, engine, computeFeatures(records), { lang: 'fr', k: 5, exclude: refused.clientId! });
    expect(result.clients).toHaveLength(5);
    expect(CONTRACT['scoring:similar'].response.parse(overIpc(result))).toEqual(result);
  });

  it('applications:score accepts a real application score; applications:validate the real field issues', async () => {
    // The whole stored row, as an officer would type it: the records the features read hold no age, which an application requires.
    const record = { ...(db.prepare(`SELECT ${APPLICATION_COLUMNS_SQL} FROM application WHERE SK_ID_CURR = ?`).get(granted.clientId!) as Record<string, unknown>) };
    delete record.SK_ID_CURR;
    delete record.TARGET;
    delete record.import_file_id; // which imported file brought the row: not a field of the form
    const request = CONTRACT['applications:score'].request.parse(overIpc({ record, lang: 'en' }));
    const score = await scoreApplication(engine, request.record, { lang: 'en' });
    expect(score.clientId).toBeNull(); // an unsaved application (no history: its own score, not the client's)
    CONTRACT['applications:score'].response.parse(overIpc(score));

    const bad = { ...request.record, AMT_CREDIT: -5, DAYS_BIRTH: 'yesterday' };
    let issues: unknown;
    try {
      validateApplicationRecord(CONTRACT['applications:validate'].request.parse(overIpc({ record: bad })).record);
    } catch (error) {
      expect(error).toBeInstanceOf(ApplicationValidationError);
      issues = (error as ApplicationValidationError).issues;
    }
    const response = CONTRACT['applications:validate'].response.parse(overIpc({ valid: false, issues }));
    expect(response.issues.map((i) => i.field).sort()).toEqual(['AMT_CREDIT', 'DAYS_BIRTH']);
  });

  it('models:card accepts the shipped model card', () => {
    const m = engine.model.metadata;
    const card = {
      modelVersion: m.model_version,
      createdAt: m.created_at,
      featureSetVersion: m.feature_set_version,
      threshold: m.threshold,
      cost: m.cost,
      metrics: m.metrics,
      training: { source: m.training.source, rows: m.training.rows, defaultRate: m.training.default_rate, xgboostVersion: m.training.xgboost_version, rounds: m.training.rounds, seed: m.training.seed },
      inputs: m.features.length,
      excludedInputs: m.excluded_inputs,
      sensitiveInputs: m.sensitive_inputs,
      signed: true,
    };
    expect(CONTRACT['models:card'].response.parse(overIpc(card))).toEqual(card);
  });
});

describe('what must not cross', () => {
  it('refuses NaN, Infinity, a probability above 1 and an extra key in a score', () => {
    const schema = CONTRACT['scoring:score'].response;
    expect(schema.safeParse({ ...granted, probability: Number.NaN }).success).toBe(false);
    expect(schema.safeParse({ ...granted, probability: 1.5 }).success).toBe(false);
    expect(schema.safeParse({ ...granted, explanation: { ...granted.explanation, margin: Number.POSITIVE_INFINITY } }).success).toBe(false);
    expect(schema.safeParse({ ...granted, stack: 'Error: …' }).success).toBe(false);
    expect(schema.safeParse({ ...granted, explanation: { ...granted.explanation, contributions: new Float64Array(3) } }).success).toBe(false);
  });

  it('refuses ids that are not positive safe integers and languages other than fr/en', () => {
    const schema = CONTRACT['clients:get'].request;
    for (const clientId of [0, -1, 1.5, 2 ** 53, '100002', null]) expect(schema.safeParse({ clientId }).success).toBe(false);
    expect(schema.safeParse({ clientId: 100002 }).success).toBe(true);
    expect(CONTRACT['scoring:explain'].request.safeParse({ clientId: 100002, lang: 'de' }).success).toBe(false);
  });

  it('decisions:record: an override needs its direction and a comment; a plain decision has no direction', () => {
    const schema = CONTRACT['decisions:record'].request;
    const base = { clientId: 100002, reasonCode: 'collateral', comment: 'House offered as collateral' };
    expect(schema.safeParse({ ...base, decision: 'override', overrideDirection: 'grant' }).success).toBe(true);
    expect(schema.safeParse({ ...base, decision: 'granted' }).success).toBe(true);
    const noDirection = schema.safeParse({ ...base, decision: 'override' });
    expect(noDirection.success).toBe(false);
    expect(noDirection.error!.issues[0]!.path).toEqual(['overrideDirection']);
    expect(schema.safeParse({ ...base, decision: 'granted', overrideDirection: 'grant' }).success).toBe(false);
    expect(schema.safeParse({ ...base, decision: 'override', overrideDirection: 'refuse', comment: 'no' }).success).toBe(false);
    expect(schema.safeParse({ ...base, decision: 'granted', reasonCode: 'because' }).success).toBe(false);
  });
});

describe('createApi: the Api object the preload and the browser preview expose', () => {
  const OURS = { frameUrl: 'app://octroi/index.html', isMainFrame: true, webContentsId: 1 };

  it('has one method per channel, grouped by domain, each invoking its own channel', async () => {
    const sent: Array<[Channel, unknown]> = [];
    const api: Api = createApi({
      invoke: async (channel, request) => (sent.push([channel, request]), { ok: false, error: { code: 'not-found', message: 'x' } }),
      subscribe: () => () => undefined,
    });
    for (const channel of CHANNELS) {
      const { domain, action } = splitChannel(channel);
      const method = (api as unknown as Record<string, Record<string, (r: unknown) => Promise<unknown>>>)[domain]![action]!;
      expect(await method({ probe: channel })).toEqual({ ok: false, error: { code: 'not-found', message: 'x' } });
    }
    expect(sent).toEqual(CHANNELS.map((channel) => [channel, { probe: channel }]));
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.scoring)).toBe(true);
  });

  it('scores a real client end to end: Api → JSON → router → scoreClient → JSON → Api', async () => {
    const router = createIpcRouter({ isTrustedSender: trustedSender({ appUrl: OURS.frameUrl, isOurWebContents: (id) => id === 1 }) });
    router.handle('scoring:score', (request) => scoreClient(db, engine, request.clientId, request));
    router.handle('policy:setThreshold', () => {
      throw new DomainError('forbidden', 'Only a manager may change the threshold.');
    });
    router.handle('clients:get', () => {
      throw new Error('never reached: the request is invalid');
    });
    const api = createApi({
      invoke: async (channel, request) => overIpc(await router.dispatch(channel, OURS, overIpc(request))),
      subscribe: () => () => undefined,
    });
    const result = await api.scoring.score({ clientId: refused.clientId!, lang: 'fr', counterOffer: true });
    expect(result).toEqual({ ok: true, value: refused });
    expect(await api.policy.setThreshold({ threshold: 0.1, reason: 'Risk committee' })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Only a manager may change the threshold.' },
    });
    expect(await api.clients.get({ clientId: -1 })).toMatchObject({ ok: false, error: { code: 'invalid-request', issues: [{ path: 'clientId' }] } });
  });

  it("never rejects: a failed transport or an answer outside the contract is 'internal'", async () => {
    const answers: Array<() => Promise<unknown>> = [
      () => Promise.reject(new Error('channel closed')),
      async () => ({ ok: true, value: { clientId: 'x' } }),
      async () => ({ ok: false, error: { code: 'teapot', message: 'x' } }),
      async () => undefined,
    ];
    let next = 0;
    const api = createApi({ invoke: () => answers[next++]!(), subscribe: () => () => undefined });
    for (const _ of answers) expect(await api.applications.save({ record: { AMT_CREDIT: 1 } })).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('delivers events that match their schema, drops the others, and unsubscribes', () => {
    const listeners = new Set<(payload: unknown) => void>();
    const transport: ApiTransport = {
      invoke: async () => undefined,
      subscribe: (_event: EventChannel, listener) => (listeners.add(listener), () => listeners.delete(listener)),
    };
    const api = createApi(transport);
    const seen: unknown[] = [];
    const unsubscribe = api.on('import:progress', (progress) => seen.push(progress.rowsRead));
    const progress = {
      importId: '0b7e9c1e-6a7d-4f43-9a51-5b8f0f4f2a11', phase: 'loading', file: 'application_train.csv', table: 'application',
      fileIndex: 0, fileCount: 7, bytesRead: 1000, bytesTotal: 5000, rowsRead: 42, message: null,
    };
    for (const listener of listeners) {
      listener(progress);
      listener({ ...progress, rowsRead: -1 });
      listener('garbage');
    }
    expect(seen).toEqual([42]);
    unsubscribe();
    expect(listeners.size).toBe(0);
  });
});
