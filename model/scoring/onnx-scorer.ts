import { Worker } from 'node:worker_threads';

/** Scores feature rows with the ONNX model in a worker thread; every call returns a promise. */
export class OnnxScorer {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (p: Float32Array) => void; reject: (e: Error) => void }>();

  private constructor(
    private readonly worker: Worker,
    readonly featureCount: number,
  ) {
    worker.on('message', (message: { id: number; probabilities?: Float32Array; error?: string }) => {
      const call = this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id);
      if (message.error !== undefined) call.reject(new Error(`ONNX Runtime: ${message.error}`));
      else call.resolve(message.probabilities!);
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => this.failAll(new Error(`The scoring worker stopped (exit code ${code}).`)));
  }

  /** Starts the worker with a model's (already verified) bytes; resolves once its session is ready. */
  static async start(modelBytes: Uint8Array, featureCount: number): Promise<OnnxScorer> {
    const worker = new Worker(new URL('./onnx-scoring-worker.mjs', import.meta.url), { workerData: { modelBytes, featureCount } });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: { ready?: boolean }) => {
        if (message.ready) {
          worker.off('error', reject);
          resolve();
        }
      };
      worker.once('message', onMessage);
      worker.once('error', reject);
    });
    return new OnnxScorer(worker, featureCount);
  }

  /** Probabilities of default for `count` rows of `featureCount` float32 values each (row-major). */
  score(rows: Float32Array, count: number): Promise<Float32Array> {
    if (rows.length !== count * this.featureCount) {
      return Promise.reject(new Error(`Expected ${count} × ${this.featureCount} values, got ${rows.length}.`));
    }
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, rows, count });
    });
  }

  /** Stops the worker; pending calls are rejected. */
  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private failAll(error: Error): void {
    for (const call of this.pending.values()) call.reject(error);
    this.pending.clear();
  }
}
