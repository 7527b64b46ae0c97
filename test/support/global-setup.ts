/** vitest global setup: the synthetic fixture exists before any test file runs. */
import { ensureSyntheticFixture } from './synthetic-fixture.js';
// Makes this run's database key (OCTROI_TEST_DB_KEY) before the test processes start, so they all share it.
import './test-database-key.js';

export default async function setup(): Promise<void> {
  await ensureSyntheticFixture();
}
