import type { CsvSink } from './csv-sink.js';
import type { LatentClient } from './latent-client.js';
import type { SynthProfile } from './profile-types.js';
import type { Random } from './random.js';

/** Writes one client's history rows (bureau, previous applications and their monthly tables). */
export class HistoryGenerator {
  constructor(
    readonly profile: SynthProfile,
    readonly sinks: Record<string, CsvSink>,
  ) {}

  startBlock(_block: number): void {}

  write(_rng: Random, _id: number, _client: LatentClient): void {}
}
