/**
 * Fairness of decisions: approval rate by sex (CODE_GENDER), by age band (from DAYS_BIRTH) and by family
 * status (NAME_FAMILY_STATUS), for the model's decision at the policy threshold over every client of the
 * database and for the final decisions recorded in decision_log; the disparate-impact ratio of each group
 * against the most-approved group, flagged below 0.8; and, from the model's own input list, whether each
 * protected attribute is a model input — stated as it is, including when it is one.
 */
import type { Db } from '../../../db/open-database.js';
import { FEATURES, featureByName, inputOf, type ModelInput } from '../../features/feature-registry.js';
import type { Lang } from '../../../common/lang.js';
import { fill, messages } from '../../../common/messages/catalogue.js';
import { finalDecisionRows, protectedAttributeRows } from '../../../db/queries/monitoring.js';

/**
 * Disparate-impact ratio below which a group is flagged: the "four-fifths rule" (US Uniform Guidelines
 * on Employee Selection Procedures, 29 CFR 1607.4(D)), the usual screening test for adverse impact in
 * credit and hiring. EU law sets no number; 0.8 is a trigger for review, not a finding of discrimination.
 */
export const DISPARATE_IMPACT_FLAG = 0.8;
/**
 * Groups with fewer clients than this are reported but neither flagged nor used as the reference group:
 * on 20 clients one decision moves the rate by 5 points, so a ratio says nothing yet.
 */
export const FAIRNESS_MIN_GROUP = 50;

/** The protected attributes the report covers. */
export type ProtectedAttribute = 'sex' | 'age' | 'family';

/** The approval rate of one group. */
export interface GroupApproval {
  group: string;
  label: string;
  count: number;
  approved: number;
  approvalRate: number | null;
  /** approvalRate / the reference group's rate; null when there is no reference or no rate. */
  ratio: number | null;
  /** Fewer than the minimum count: reported, never flagged. */
  small: boolean;
  /** ratio < DISPARATE_IMPACT_FLAG (never for a small group). */
  flagged: boolean;
}

/** Approval rates of the groups of one attribute, for one kind of decision. */
export interface GroupedApproval {
  /** Clients with a decision of this kind. */
  total: number;
  /** The most-approved group among those not small (the denominator of the ratios), or null. */
  reference: string | null;
  groups: GroupApproval[];
}

/** One attribute's groups under the model's decisions and the recorded ones. */
export interface FairnessGrouping {
  attribute: ProtectedAttribute;
  label: string;
  model: GroupedApproval;
  recorded: GroupedApproval;
}

/** Whether a protected attribute is a model input, in words. */
export interface AttributeStatement {
  attribute: ProtectedAttribute;
  label: string;
  columns: string[];
  modelInput: boolean;
  /** The model inputs computed from those columns (key and label). */
  inputs: Array<{ input: string; label: string }>;
  statement: string;
}

/** The fairness report. */
export interface FairnessReport {
  modelVersion: string;
  computedAt: string;
  threshold: number;
  clients: number;
  minGroup: number;
  flagBelow: number;
  attributes: AttributeStatement[];
  groupings: FairnessGrouping[];
}

/** Sex groups (CODE_GENDER), in report order; their labels are the catalogue's `fairness.sex`. */
const SEX_GROUPS = ['F', 'M', 'unknown'] as const;

/** Age bands in years, lower bound included: <25, 25–34, 35–44, 45–54, 55–64, 65+. */
export const AGE_BANDS: ReadonlyArray<{ group: string; from: number; to: number }> = [
  { group: '<25', from: 0, to: 25 },
  { group: '25-34', from: 25, to: 35 },
  { group: '35-44', from: 35, to: 45 },
  { group: '45-54', from: 45, to: 55 },
  { group: '55-64', from: 55, to: 65 },
  { group: '65+', from: 65, to: Infinity },
];

/**
 * The protected attributes, the columns that carry them, and (`affordability`) a column that may be read
 * only through an affordability measure: household size, through income per household member.
 */
const ATTRIBUTES: Array<{ attribute: ProtectedAttribute; columns: string[]; affordability?: string }> = [
  { attribute: 'sex', columns: ['CODE_GENDER'] },
  { attribute: 'age', columns: ['DAYS_BIRTH'] },
  { attribute: 'family', columns: ['NAME_FAMILY_STATUS', 'CNT_CHILDREN'], affordability: 'CNT_FAM_MEMBERS' },
];

/** Family situations (NAME_FAMILY_STATUS), in Home Credit's vocabulary; anything else (e.g. 'Unknown') is 'unknown'. */
/** Family situations (NAME_FAMILY_STATUS), in Home Credit's vocabulary; anything else (e.g. 'Unknown') is 'unknown'. */
const FAMILY_GROUPS = ['Married', 'Civil marriage', 'Single / not married', 'Separated', 'Widow', 'unknown'] as const;

/** The family-situation group of a NAME_FAMILY_STATUS value. */
export function familyGroup(status: unknown): string {
  return FAMILY_GROUPS.some((group) => group === status && group !== 'unknown') ? (status as string) : 'unknown';
}

/** The groups of an attribute, in report order, with their labels. */
export function groupOrder(attribute: ProtectedAttribute, lang: Lang): Array<[string, string]> {
  const labels = messages(lang).fairness;
  if (attribute === 'sex') return SEX_GROUPS.map((g) => [g, labels.sex[g]]);
  if (attribute === 'family') return FAMILY_GROUPS.map((g) => [g, labels.family[g]]);
  return [...AGE_BANDS.map((b) => b.group), 'unknown'].map((g) => [g, labels.age[g as keyof typeof labels.age]]);
}

/** The label of an attribute. */
export function attributeLabel(attribute: ProtectedAttribute, lang: Lang): string {
  return messages(lang).fairness.attributes[attribute];
}

/** The sex group of a CODE_GENDER value ('XNA' and missing are 'unknown'). */
export function sexGroup(code: unknown): string {
  return code === 'F' || code === 'M' ? code : 'unknown';
}

/** The age band of a DAYS_BIRTH value (negative days before the application); 'unknown' when missing. */
export function ageBand(daysBirth: unknown): string {
  if (typeof daysBirth !== 'number' || !Number.isFinite(daysBirth)) return 'unknown';
  const years = Math.floor(-daysBirth / 365.25);
  return AGE_BANDS.find((band) => years >= band.from && years < band.to)?.group ?? '<25';
}

/**
 * Approval rate per group (groups in `order`, each listed even when empty), the ratio of each to the
 * most-approved group with at least `minGroup` members, flagged below DISPARATE_IMPACT_FLAG.
 */
export function approvalByGroup(
  decisions: Iterable<{ group: string; approved: boolean }>,
  order: ReadonlyArray<[string, string]>,
  minGroup = FAIRNESS_MIN_GROUP,
): GroupedApproval {
  const counts = new Map(order.map(([group]) => [group, { count: 0, approved: 0 }]));
  for (const { group, approved } of decisions) {
    const c = counts.get(group);
    if (!c) throw new Error(`Fairness: group ${JSON.stringify(group)} is not one of ${order.map(([g]) => g).join(', ')}.`);
    c.count++;
    if (approved) c.approved++;
  }
  return approvalFromCounts(counts, order, minGroup);
}

/**
 * The same from counts already made per group (what branches send HQ): approval rate per group, the ratio
 * to the most-approved group with at least `minGroup` members, flagged below DISPARATE_IMPACT_FLAG.
 */
export function approvalFromCounts(
  groupCounts: ReadonlyMap<string, { count: number; approved: number }>,
  order: ReadonlyArray<[string, string]>,
  minGroup = FAIRNESS_MIN_GROUP,
): GroupedApproval {
  const counts = new Map(order.map(([group]) => [group, { ...(groupCounts.get(group) ?? { count: 0, approved: 0 }) }]));
  for (const group of groupCounts.keys()) {
    if (!counts.has(group)) throw new Error(`Fairness: group ${JSON.stringify(group)} is not one of ${order.map(([g]) => g).join(', ')}.`);
  }
  const total = [...counts.values()].reduce((sum, c) => sum + c.count, 0);
  let reference: string | null = null;
  let best = -1;
  for (const [group] of order) {
    const c = counts.get(group)!;
    if (c.count < minGroup) continue;
    const r = c.approved / c.count;
    if (r > best) [best, reference] = [r, group];
  }
  const ref = reference === null ? null : counts.get(reference)!;
  // ratio < 4/5 compared in whole numbers (5·a·n_ref < 4·a_ref·n): 72 % against 90 % is exactly four
  // fifths, which floating point would put just below.
  const belowFlag = (c: { count: number; approved: number }) =>
    ref !== null && ref.approved > 0 && 5 * c.approved * ref.count < 4 * ref.approved * c.count;
  const groups = order.map(([group, label]): GroupApproval => {
    const c = counts.get(group)!;
    const approvalRate = c.count > 0 ? c.approved / c.count : null;
    const small = c.count < minGroup;
    const ratio = approvalRate !== null && best > 0 ? approvalRate / best : null;
    return { group, label, count: c.count, approved: c.approved, approvalRate, ratio, small, flagged: !small && belowFlag(c) };
  });
  return { total, reference, groups };
}

/** The model inputs (ModelInput) of a model's column names, each once, in column order. */
function modelInputsOfNames(modelFeatures: readonly string[]): ModelInput[] {
  const inputs = new Map<string, ModelInput>();
  for (const name of modelFeatures) {
    const feature = featureByName(name);
    if (feature) inputs.set(inputOf(feature).key, inputOf(feature));
  }
  return [...inputs.values()];
}

/** The inputs computed from any of `columns` (application columns). */
function inputsReading(inputs: readonly ModelInput[], columns: readonly string[]): ModelInput[] {
  const sources = new Set(columns.map((c) => `application.${c}`));
  return inputs.filter((input) => input.features.some((i) => FEATURES[i]!.inputs.some((source) => sources.has(source))));
}

/** Whether each protected attribute is a model input, from the model's column list and the registry's sources. */
export function protectedAttributeStatements(modelFeatures: readonly string[], lang: Lang): AttributeStatement[] {
  const all = modelInputsOfNames(modelFeatures);
  const n = all.length;
  const text = messages(lang).fairness;
  return ATTRIBUTES.map(({ attribute, columns, affordability }) => {
    const label = text.attributes[attribute];
    const reading = inputsReading(all, columns);
    const inputs = reading.map((input) => ({ input: input.key, label: input.label[lang] }));
    const what = `${label} (${columns.join(', ')})`;
    const modelInput = reading.length > 0;
    const names = inputs.map((i) => i.label).join(text.listSeparator);
    let statement = modelInput ? fill(text.isInput, { what, reading: reading.length, inputs: n, names }) : fill(text.notInput, { what, inputs: n });
    const measures = affordability ? inputsReading(all, [affordability]).filter((input) => !reading.includes(input)) : [];
    if (measures.length > 0) {
      const measureNames = measures.map((input) => input.label[lang]).join(text.listSeparator);
      statement += fill(text.affordability, { column: affordability!, measures: measureNames });
    }
    return { attribute, label, columns, modelInput, inputs, statement };
  });
}

/** The last recorded final decision of each client (a decision, or a review that decided again): true = granted. */
export function recordedFinalDecisions(db: Db): Map<number, boolean> {
  const rows = finalDecisionRows(db);
  return new Map(rows.map((r) => [r.clientId, r.granted === 1]));
}

/** What the report is computed from. */
export interface FairnessInput {
  /** Every client scored by the model in use: SK_ID_CURR and probability of default. */
  population: { ids: ArrayLike<number>; probabilities: ArrayLike<number> };
  threshold: number;
  modelVersion: string;
  /** The model's input names (metadata.features). */
  modelFeatures: readonly string[];
  lang: Lang;
  /**
   * Each client's groups by SK_ID_CURR (undefined: not in the database): the stored population's columns
   * (population-store.ts storedGroups) in the app; read from the application table when absent.
   */
  groupsOf?: (clientId: number) => Record<ProtectedAttribute, string> | undefined;
  minGroup?: number;
  now?: Date;
}

/** Each client's groups, read from the application table (one read of the whole table). */
export function groupsFromTable(db: Db): (clientId: number) => Record<ProtectedAttribute, string> | undefined {
  const groups = new Map(
    protectedAttributeRows(db).map((r) => [r.id, { sex: sexGroup(r.gender), age: ageBand(r.daysBirth), family: familyGroup(r.family) }]),
  );
  return (clientId) => groups.get(clientId);
}

/** The fairness report of a database's clients under the model's decisions and the recorded ones. */
export function fairnessReport(db: Db, input: FairnessInput): FairnessReport {
  const { lang } = input;
  const minGroup = input.minGroup ?? FAIRNESS_MIN_GROUP;
  const groupsOf = input.groupsOf ?? groupsFromTable(db);
  const recorded = recordedFinalDecisions(db);

  // Counted in one pass per kind of decision (no row kept per client: the population may be 300,000 clients).
  const ATTRIBUTE_LIST: readonly ProtectedAttribute[] = ['sex', 'age', 'family'];
  const tally = () => new Map(ATTRIBUTE_LIST.map((a) => [a, new Map<string, { count: number; approved: number }>()]));
  const count = (counts: ReturnType<typeof tally>, groups: Record<ProtectedAttribute, string>, approved: boolean) => {
    for (const a of ATTRIBUTE_LIST) {
      const byGroup = counts.get(a)!;
      const c = byGroup.get(groups[a]) ?? { count: 0, approved: 0 };
      c.count++;
      if (approved) c.approved++;
      byGroup.set(groups[a], c);
    }
  };
  const model = tally();
  let clients = 0;
  for (let i = 0; i < input.population.ids.length; i++) {
    const groups = groupsOf(input.population.ids[i]!);
    if (!groups) continue;
    clients++;
    // The policy: refused from the threshold up (ScoringEngine.judge).
    count(model, groups, input.population.probabilities[i]! < input.threshold);
  }
  const recordedCounts = tally();
  for (const [id, approved] of recorded) {
    const groups = groupsOf(id);
    if (groups) count(recordedCounts, groups, approved);
  }
  const grouping = (attribute: ProtectedAttribute): FairnessGrouping => ({
    attribute,
    label: attributeLabel(attribute, lang),
    model: approvalFromCounts(model.get(attribute)!, groupOrder(attribute, lang), minGroup),
    recorded: approvalFromCounts(recordedCounts.get(attribute)!, groupOrder(attribute, lang), minGroup),
  });
  return {
    modelVersion: input.modelVersion,
    computedAt: (input.now ?? new Date()).toISOString(),
    threshold: input.threshold,
    clients,
    minGroup,
    flagBelow: DISPARATE_IMPACT_FLAG,
    attributes: protectedAttributeStatements(input.modelFeatures, lang),
    groupings: [grouping('sex'), grouping('age'), grouping('family')],
  };
}
