/** Progress of a synthetic generation run: clients done so far out of the total. */
export interface SynthProgress {
  clientsDone: number;
  clients: number;
  rows: number;
  bytes: number;
}

/** Options of one generation run. */
export interface SynthOptions {
  clients: number;
  seed: number;
  outDir: string;
  onProgress?: (progress: SynthProgress) => void;
}

/** What one run wrote: per file name, its data rows (header excluded) and bytes. */
export interface SynthSummary {
  files: Record<string, { rows: number; bytes: number }>;
}

/**
 * Writes the seven synthetic Home Credit CSV files (plus the column glossary) into `outDir`.
 * Implementation in progress: this signature is stable, callers may depend on it.
 */
export async function generateSynthetic(options: SynthOptions): Promise<SynthSummary> {
  throw new Error(`generateSynthetic is not implemented yet (asked for ${options.clients} clients)`);
}
