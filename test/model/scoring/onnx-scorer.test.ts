/**
 * The scoring engine's ONNX worker released while the model is kept (the model serving the figures during
 * an install): the worker thread stops once its calls are answered, and the next call starts it again and
 * gives the same probabilities; a closed engine refuses to score.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScoringEngine } from '../../../model/scoring/scoring-engine.js';
import { openShippedEngine } from '../../support/shipped-engine.js';

let engine: ScoringEngine;
beforeAll(async () => {
  engine = await openShippedEngine();
});
afterAll(() => engine?.close());

/** Some rows of the model's input width (values that reach different leaves). */
function rows(count: number): Float32Array {
  const width = engine.model.inputIndex.length;
  return Float32Array.from({ length: count * width }, (_, i) => (i % 7 === 0 ? NaN : ((i * 7919) % 1000) / 10));
}

/** The OS threads of this process (a worker thread is one of them, with ONNX Runtime's own). */
const threads = () => fs.readdirSync('/proc/self/task').length;

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('releasing the scoring worker', () => {
  it('stops its thread, and the next score starts it again with the same result', async () => {
    const before = await engine.probabilitiesOfRows(rows(50), 50);
    const running = threads();
    engine.releaseScoring();
    await until(() => threads() < running);
    expect(threads()).toBeLessThan(running);
    const after = await engine.probabilitiesOfRows(rows(50), 50);
    expect(Array.from(after)).toEqual(Array.from(before));
    expect(threads()).toBeGreaterThanOrEqual(running);
  });

  it('answers the calls already sent before it stops', async () => {
    const calls = [engine.probabilitiesOfRows(rows(2000), 2000), engine.probabilitiesOfRows(rows(10), 10)];
    engine.releaseScoring();
    const [many, few] = await Promise.all(calls);
    expect(many!.length).toBe(2000);
    expect(few!.length).toBe(10);
    expect(Array.from(few!)).toEqual(Array.from(many!.subarray(0, 10)));
  });

  it('a closed engine refuses to score, in words', async () => {
    const other = await openShippedEngine();
    await other.close();
    await expect(other.probabilitiesOfRows(rows(1), 1)).rejects.toThrow(/closed/);
  });
});
