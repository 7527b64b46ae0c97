/** Handlers of population statistics for plots: a feature's histogram by group, pairs of features, global importance. */
import { featureByName, type RegisteredFeature } from '../../../model/features/feature-registry.js';
import { featureLabel } from '../../../model/explanation/format-value.js';
import { inputImportance } from '../../../model/explanation/input-importance.js';
import type { Lang } from '../../../common/lang.js';
import { messages, type Messages } from '../../../common/messages/catalogue.js';
import { thresholdInForce } from '../../../model/governance/policy.js';
import type { ScoringEngine } from '../../../model/scoring/scoring-engine.js';
import type { ResponseOf } from '../../shared/contract.js';
import { DomainError } from '../../shared/errors.js';
import type { IpcRouter } from '../ipc-handle.js';
import { requireUser, type HandlerServices } from './handler-services.js';
import { populationStatus, servingPopulation, type Population } from './population-cache.js';

type GroupBy = 'none' | 'decision' | 'outcome' | 'band';

/** A group clients are split into (its label is in the message catalogue). */
type GroupName = keyof Messages['groups'];

/** The groups of a split, in display order. */
const GROUPS: Record<GroupBy, GroupName[]> = {
  none: ['all'],
  decision: ['granted', 'refused'],
  outcome: ['defaulted', 'repaid', 'unknown'],
  band: ['A', 'B', 'C', 'D', 'E'],
};

/** A feature of this build, or not-found naming it. */
function featureOrNotFound(name: string): RegisteredFeature {
  const feature = featureByName(name);
  if (!feature) throw new DomainError('not-found', `No feature named ${name} in this version of Octroi.`);
  return feature;
}

/** Each client's group under a split (index in GROUPS[groupBy]), kept per population and threshold. */
const groupColumns = new WeakMap<Population, Map<string, Uint8Array>>();

/** The group of each client of the population under a split (`threshold` decides: the policy's, else the model's). */
function groupOf(pop: Population, engine: ScoringEngine, groupBy: GroupBy, threshold = engine.threshold): (row: number) => GroupName {
  let byKey = groupColumns.get(pop);
  if (!byKey) groupColumns.set(pop, (byKey = new Map()));
  const key = `${groupBy} ${threshold}`;
  let column = byKey.get(key);
  if (!column) {
    const names = GROUPS[groupBy];
    const index = new Map(names.map((name, i) => [name, i]));
    const judged = (row: number): GroupName => {
      switch (groupBy) {
        case 'none':
          return 'all';
        case 'decision':
          return engine.judge(pop.probabilities[row]!, threshold).decision;
        case 'band':
          return engine.judge(pop.probabilities[row]!, threshold).band;
        case 'outcome':
          return pop.targets[row] === 1 ? 'defaulted' : pop.targets[row] === 0 ? 'repaid' : 'unknown';
      }
    };
    column = Uint8Array.from({ length: pop.ids.length }, (_, row) => index.get(judged(row))!);
    byKey.set(key, column);
  }
  const names = GROUPS[groupBy];
  const groups = column;
  return (row) => names[groups[row]!]!;
}

/** Equal-width histogram of one feature per group, on edges common to all groups; missing values counted apart. */
export function distribution(
  pop: Population,
  engine: ScoringEngine,
  request: { feature: string; groupBy: GroupBy; bins: number; lang: Lang },
  threshold?: number,
): ResponseOf<'population:distribution'> {
  const feature = featureOrNotFound(request.feature);
  const n = pop.ids.length;
  const column = pop.column(feature.index);
  const value = (row: number) => column[row]!;
  let min = Infinity;
  let max = -Infinity;
  for (let row = 0; row < n; row++) {
    const v = value(row);
    if (Number.isNaN(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // No value at all, or a single one: still increasing edges (a plot needs a width).
  if (min > max) [min, max] = [0, 1];
  else if (min === max) [min, max] = [min - 0.5, max + 0.5];
  const bins = request.bins;
  const width = (max - min) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + i * width));
  const names = GROUPS[request.groupBy];
  const groups = new Map(names.map((group) => [group, { counts: new Array<number>(bins).fill(0), missing: 0 }]));
  const group = groupOf(pop, engine, request.groupBy, threshold);
  for (let row = 0; row < n; row++) {
    const g = groups.get(group(row))!;
    const v = value(row);
    if (Number.isNaN(v)) g.missing++;
    else g.counts[Math.min(bins - 1, Math.floor((v - min) / width))]!++;
  }
  return {
    feature: feature.name,
    label: featureLabel(feature, request.lang),
    unit: feature.unit,
    edges,
    groups: names.map((name) => ({ group: name, label: messages(request.lang).groups[name], ...groups.get(name)! })),
  };
}

/** Up to maxPoints clients (evenly spread over SK_ID_CURR order, so the same request gives the same points) with two features. */
export function pairs(
  pop: Population,
  engine: ScoringEngine,
  request: { x: string; y: string; groupBy: GroupBy; maxPoints: number; lang: Lang },
  threshold?: number,
): ResponseOf<'population:pairs'> {
  const x = featureOrNotFound(request.x);
  const y = featureOrNotFound(request.y);
  const n = pop.ids.length;
  const take = Math.min(n, request.maxPoints);
  const group = groupOf(pop, engine, request.groupBy, threshold);
  const orNull = (v: number) => (Number.isNaN(v) ? null : v);
  const xs = pop.column(x.index);
  const ys = pop.column(y.index);
  const points = Array.from({ length: take }, (_, i) => {
    const row = Math.floor((i * n) / take);
    return {
      clientId: pop.ids[row]!,
      x: orNull(xs[row]!),
      y: orNull(ys[row]!),
      group: group(row),
    };
  });
  return {
    x: { feature: x.name, label: featureLabel(x, request.lang), unit: x.unit },
    y: { feature: y.name, label: featureLabel(y, request.lang), unit: y.unit },
    points,
  };
}

/** The model's global importance per model input, most important first, with labels (model/explanation/input-importance.ts). */
export function importance(engine: ScoringEngine, lang: Lang, top?: number): ResponseOf<'population:importance'> {
  return { features: inputImportance(engine.model.metadata, lang, top) };
}

/** Registers population:distribution, population:pairs, population:importance and population:status (engine and policy threshold read at each call). */
export function registerPopulationHandlers(router: IpcRouter, services: HandlerServices): void {
  const { db } = services;
  // The figures come from the model serving them (the one before an install until the new one's scores are stored).
  router.handle('population:distribution', async (request) => {
    const { population, engine } = await servingPopulation(db, services.engine);
    return distribution(population, engine, request, thresholdInForce(db, engine));
  });
  router.handle('population:pairs', async (request) => {
    const { population, engine } = await servingPopulation(db, services.engine);
    return pairs(population, engine, request, thresholdInForce(db, engine));
  });
  router.handle('population:importance', ({ lang, top }) => importance(services.engine, lang, top));
  router.handle('population:status', () => {
    requireUser(services);
    return populationStatus(db);
  });
}
