/**
 * Fairness on constructed cases (the four-fifths flag, small groups reported but not flagged, the
 * reference group) and on the synthetic fixture with the shipped model: group counts equal SQL counts,
 * approval rates equal the policy applied to the model's probabilities, recorded decisions grouped the
 * same way, and the statement about protected attributes says the truth — sex is not a model input, age is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendLogEntry } from '../../../../db/decision-log.js';
import type { Db } from '../../../../db/open-database.js';
import {
  ageBand,
  approvalByGroup,
  approvalFromCounts,
  familyGroup,
  groupOrder,
  DISPARATE_IMPACT_FLAG,
  fairnessReport,
  FAIRNESS_MIN_GROUP,
  protectedAttributeStatements,
  recordedFinalDecisions,
  sexGroup,
} from '../../../../model/governance/monitoring/fairness.js';
import { featureByName } from '../../../../model/features/feature-registry.js';
import { scorePopulation, type ScoredPopulation } from '../../../../model/scoring/score-population.js';
import { ScoringEngine } from '../../../../model/scoring/scoring-engine.js';
import { fixtureDatabase } from '../../../support/fixture-db.js';
import { SHIPPED_MODEL } from '../../../support/shipped-model.js';

const decisions = (group: string, approved: number, refused: number) => [
  ...Array.from({ length: approved }, () => ({ group, approved: true })),
  ...Array.from({ length: refused }, () => ({ group, approved: false })),
];
const ORDER: Array<[string, string]> = [
  ['a', 'Group A'],
  ['b', 'Group B'],
  ['c', 'Group C'],
  ['d', 'Group D'],
];

describe('approvalFromCounts (what HQ computes from the counts branches send)', () => {
  it('gives exactly approvalByGroup of the decisions counted, and refuses a group outside the order', () => {
    const rows = [...decisions('a', 90, 10), ...decisions('b', 72, 28), ...decisions('c', 71, 29), ...decisions('d', 5, 20)];
    const counts = new Map<string, { count: number; approved: number }>();
    for (const r of rows) {
      const c = counts.get(r.group) ?? { count: 0, approved: 0 };
      c.count++;
      if (r.approved) c.approved++;
      counts.set(r.group, c);
    }
    expect(approvalFromCounts(counts, ORDER)).toEqual(approvalByGroup(rows, ORDER));
    expect(() => approvalFromCounts(new Map([['z', { count: 1, approved: 1 }]]), ORDER)).toThrow('Fairness: group "z" is not one of a, b, c, d.');
  });

  it('groups family situations in Home Credit’s vocabulary, anything else as not stated', () => {
    expect(['Married', 'Civil marriage', 'Single / not married', 'Separated', 'Widow', 'Unknown', null, 3].map(familyGroup)).toEqual([
      'Married', 'Civil marriage', 'Single / not married', 'Separated', 'Widow', 'unknown', 'unknown', 'unknown',
    ]);
    expect(groupOrder('family', 'fr').map(([g]) => g)).toEqual(['Married', 'Civil marriage', 'Single / not married', 'Separated', 'Widow', 'unknown']);
  });
});

describe('approvalByGroup', () => {
  it('flags a group approved at less than four fifths of the most-approved group', () => {
    // a: 90 %, b: 72 % (ratio 0.8, not below), c: 71 % (ratio 0.789: flagged), d: empty.
    const result = approvalByGroup([...decisions('a', 90, 10), ...decisions('b', 72, 28), ...decisions('c', 71, 29)], ORDER);
    expect(DISPARATE_IMPACT_FLAG).toBe(0.8);
    expect(result.reference).toBe('a');
    expect(result.total).toBe(300);
    expect(result.groups.map((g) => [g.group, g.count, g.approved, g.flagged])).toEqual([
      ['a', 100, 90, false],
      ['b', 100, 72, false],
      ['c', 100, 71, true],
      ['d', 0, 0, false],
    ]);
    expect(result.groups[1]!.ratio).toBeCloseTo(0.8, 12);
    expect(result.groups[2]!.ratio).toBeCloseTo(71 / 90, 12);
    expect(result.groups[3]).toMatchObject({ approvalRate: null, ratio: null, small: true });
  });

  it('reports small groups without flagging them or taking them as the reference', () => {
    // d is approved at 100 % but has 10 members: the reference stays a; d's own 10 % rate is not flagged.
    const result = approvalByGroup([...decisions('a', 80, 20), ...decisions('b', 30, 70), ...decisions('d', 1, 9), ...decisions('c', 10, 0)], ORDER);
    expect(result.reference).toBe('a');
    const byGroup = Object.fromEntries(result.groups.map((g) => [g.group, g]));
    expect(byGroup.c).toMatchObject({ count: 10, small: true, flagged: false, ratio: 10 / 8 });
    expect(byGroup.d).toMatchObject({ count: 10, small: true, flagged: false });
    expect(byGroup.b).toMatchObject({ small: false, flagged: true });
    expect(byGroup.b!.ratio).toBeCloseTo(0.375, 12);
    expect(approvalByGroup(decisions('a', 3, 3), ORDER).reference).toBeNull();
    expect(() => approvalByGroup(decisions('z', 1, 0), ORDER)).toThrow(/group "z" is not one of a, b, c, d/);
  });

  it('groups sex codes and ages as stated', () => {
    expect([sexGroup('F'), sexGroup('M'), sexGroup('XNA'), sexGroup(null)]).toEqual(['F', 'M', 'unknown', 'unknown']);
    const days = (years: number) => -Math.ceil(years * 365.25);
    expect([ageBand(days(24.9)), ageBand(days(25)), ageBand(days(34.99)), ageBand(days(35)), ageBand(days(64.9)), ageBand(days(65)), ageBand(days(80))]).toEqual([
      '<25', '25-34', '25-34', '35-44', '55-64', '65+', '65+',
    ]);
    expect(ageBand(null)).toBe('unknown');
  });
});

describe('protectedAttributeStatements', () => {
  it('says neither sex, nor age, nor family situation is a model input, from the model\'s own input list', async () => {
    const engine = await ScoringEngine.open(SHIPPED_MODEL);
    const names = engine.model.metadata.features.map((f) => f.name);
    await engine.close();
    const inputs = new Set(names.map((name) => featureByName(name)!.input)).size;
    const [sex, age, family] = protectedAttributeStatements(names, 'en');
    expect(sex).toMatchObject({ attribute: 'sex', columns: ['CODE_GENDER'], modelInput: false, inputs: [] });
    expect(sex!.statement).toBe(`Sex (CODE_GENDER) is not a model input: none of its ${inputs} inputs is computed from it.`);
    expect(age).toMatchObject({ attribute: 'age', columns: ['DAYS_BIRTH'], modelInput: false, inputs: [] });
    expect(age!.statement).toBe(`Age (DAYS_BIRTH) is not a model input: none of its ${inputs} inputs is computed from it.`);
    expect(family).toMatchObject({ attribute: 'family', columns: ['NAME_FAMILY_STATUS', 'CNT_CHILDREN'], modelInput: false, inputs: [] });
    expect(family!.statement).toBe(
      `Family situation (NAME_FAMILY_STATUS, CNT_CHILDREN) is not a model input: none of its ${inputs} inputs is computed from it. ` +
        'Household size (CNT_FAM_MEMBERS) is read only through Income per household member, an affordability measure (model card).',
    );
    const fr = protectedAttributeStatements(names, 'fr');
    expect(fr[0]!.statement).toMatch(/^Sexe \(CODE_GENDER\) n’est pas une entrée du modèle/);
    expect(fr[1]!.statement).toMatch(/^Âge \(DAYS_BIRTH\) n’est pas une entrée du modèle/);
    expect(fr[2]!.statement).toMatch(/^Situation de famille \(NAME_FAMILY_STATUS, CNT_CHILDREN\) n’est pas une entrée du modèle.*Revenus par membre du foyer/);
  });

  it('follows the model\'s own input list, counting inputs (a category field once), not columns', () => {
    const [sex, age, family] = protectedAttributeStatements(['AMT_CREDIT', 'DAYS_EMPLOYED', 'DAYS_EMPLOYED_ANOMALY', 'OCCUPATION_TYPE_LABORERS', 'OCCUPATION_TYPE_DRIVERS'], 'en');
    expect([sex!.modelInput, age!.modelInput, family!.modelInput]).toEqual([false, false, false]);
    expect(family!.statement).toBe('Family situation (NAME_FAMILY_STATUS, CNT_CHILDREN) is not a model input: none of its 3 inputs is computed from it.');
  });
});

describe('fairnessReport on the fixture', () => {
  let db: Db;
  let engine: ScoringEngine;
  let population: ScoredPopulation;

  beforeAll(async () => {
    ({ db } = await fixtureDatabase());
    engine = await ScoringEngine.open(SHIPPED_MODEL);
    population = await scorePopulation(db, engine, () => undefined);
    db.prepare(`INSERT INTO app_user (user_id, username, display_name, role, branch, password_hash, created_at) VALUES (1, 'alice', 'Alice', 'officer', 'Lyon', 'scrypt$test', '2026-01-01T00:00:00.000Z')`).run();
    const women = db.prepare(`SELECT SK_ID_CURR FROM application WHERE CODE_GENDER = 'F' ORDER BY SK_ID_CURR LIMIT 3`).pluck().all() as number[];
    const entry = (clientId: number, decision: 'granted' | 'refused' | 'override', direction: 'grant' | 'refuse' | null, kind: 'decision' | 'review' = 'decision') =>
      appendLogEntry(db, { kind, client_id: clientId, decision, override_direction: direction, reason_code: 'model-decision', comment: '', model_decision: 'granted', probability: 0.05, threshold: 0.1, model_version: 'test', refers_to: null, user_id: 1, username: 'alice', branch: 'Lyon' });
    entry(women[0]!, 'granted', null);
    entry(women[1]!, 'refused', null);
    entry(women[1]!, 'override', 'grant', 'review'); // reviewed: granted in the end
    entry(women[2]!, 'override', 'refuse');
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
    db?.close();
  });

  it('counts every client in its group and applies the policy threshold to the model\'s probabilities', () => {
    const threshold = 0.12;
    const report = fairnessReport(db, { population, threshold, modelVersion: engine.modelVersion, modelFeatures: engine.model.metadata.features.map((f) => f.name), lang: 'en', now: new Date('2026-11-01T00:00:00Z') });
    expect(report).toMatchObject({ threshold, clients: population.ids.length, minGroup: FAIRNESS_MIN_GROUP, flagBelow: 0.8, modelVersion: engine.modelVersion });
    const sex = report.groupings.find((g) => g.attribute === 'sex')!;
    const sqlCount = (code: string) => db.prepare('SELECT count(*) FROM application WHERE CODE_GENDER = ?').pluck().get(code) as number;
    expect(sex.model.groups.map((g) => [g.group, g.label, g.count])).toEqual([
      ['F', 'Women', sqlCount('F')],
      ['M', 'Men', sqlCount('M')],
      ['unknown', 'Not stated', population.ids.length - sqlCount('F') - sqlCount('M')],
    ]);
    const gender = new Map((db.prepare('SELECT SK_ID_CURR AS id, CODE_GENDER AS g FROM application').all() as Array<{ id: number; g: string }>).map((r) => [r.id, r.g]));
    const approvedWomen = population.ids.filter((id, i) => gender.get(id) === 'F' && population.probabilities[i]! < threshold).length;
    expect(sex.model.groups[0]!.approved).toBe(approvedWomen);
    const best = Math.max(...sex.model.groups.filter((g) => !g.small).map((g) => g.approvalRate!));
    for (const g of sex.model.groups.filter((g) => !g.small)) expect(g.ratio).toBeCloseTo(g.approvalRate! / best, 12);
    const age = report.groupings.find((g) => g.attribute === 'age')!;
    expect(age.model.groups.map((g) => g.group)).toEqual(['<25', '25-34', '35-44', '45-54', '55-64', '65+', 'unknown']);
    expect(age.model.groups.reduce((n, g) => n + g.count, 0)).toBe(population.ids.length);
    // Family status: its own grouping, every client once, with the four-fifths flag like the others.
    const family = report.groupings.find((g) => g.attribute === 'family')!;
    expect(family.label).toBe('Family situation');
    expect(family.model.groups.map((g) => g.group)).toEqual(['Married', 'Civil marriage', 'Single / not married', 'Separated', 'Widow', 'unknown']);
    expect(family.model.groups.reduce((n, g) => n + g.count, 0)).toBe(population.ids.length);
    const married = db.prepare("SELECT count(*) FROM application WHERE NAME_FAMILY_STATUS = 'Married'").pluck().get() as number;
    expect(family.model.groups[0]!.count).toBe(married);
    for (const g of family.model.groups) expect(g.flagged).toBe(!g.small && g.ratio !== null && g.ratio < 0.8);
    expect(report.attributes.find((a) => a.attribute === 'age')!.modelInput).toBe(false);
    expect(report.attributes.find((a) => a.attribute === 'sex')!.modelInput).toBe(false);
    expect(report.attributes.find((a) => a.attribute === 'family')!.modelInput).toBe(false);
  });

  it('groups the recorded final decisions (a review that decides again replaces the decision)', () => {
    const final = recordedFinalDecisions(db);
    expect([...final.values()]).toEqual(expect.arrayContaining([true, true, false]));
    expect(final.size).toBe(3);
    const report = fairnessReport(db, { population, threshold: engine.threshold, modelVersion: engine.modelVersion, modelFeatures: [], lang: 'fr' });
    const women = report.groupings[0]!.recorded.groups[0]!;
    expect(women).toMatchObject({ group: 'F', label: 'Femmes', count: 3, approved: 2, small: true, flagged: false });
    expect(report.groupings[0]!.recorded.total).toBe(3);
  });
});
