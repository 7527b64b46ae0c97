/** vitest global setup: the synthetic fixture exists before any test file runs. */
import { ensureSyntheticFixture } from './synthetic-fixture.js';

export default async function setup(): Promise<void> {
  await ensureSyntheticFixture();
}
