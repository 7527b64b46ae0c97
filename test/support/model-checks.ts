/** Checks of the shipped model on a population, shared by the standalone and the real-data suites. */
import { expect } from 'vitest';
import type { Db } from '../../db/open-database.js';
import { defaultsByBand } from '../../model/governance/monitoring/activity-report.js';
import { scorePopulation } from '../../model/scoring/score-population.js';
import { scoreBand } from '../../model/scoring/score-band.js';
import { openShippedEngine } from '../support/shipped-engine.js';

/** The shipped model ranks the database's labelled clients: defaults rise from band A to band E. */
export async function expectDefaultsRiseByBand(db: Db): Promise<void> {
  const engine = await openShippedEngine();
  try {
    const population = await scorePopulation(db, engine, () => undefined);
    const result = defaultsByBand(population, engine.threshold);
    const known = db.prepare('SELECT count(*) FROM application WHERE TARGET IS NOT NULL').pluck().get() as number;
    expect(result.clients).toBe(known);
    const inA = population.probabilities.filter((p, i) => scoreBand(p, engine.threshold) === 'A' && population.targets[i] === 1).length;
    expect(result.bands[0]!.defaults).toBe(inA);
    const rate = (band: string) => result.bands.find((b) => b.band === band)!.defaultRate!;
    expect(rate('E')).toBeGreaterThan(rate('A'));
  } finally {
    await engine.close();
  }
}
