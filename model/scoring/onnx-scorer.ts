import { Worker } from 'node:worker_threads';

/** One call waiting for its probabilities. */
interface PendingCall {
  resolve: (p: Float32Array) => void;
  reject: (e: Error) => void;
}

/**
 * Scores feature rows with the ONNX model in a worker thread; every call returns a promise. The worker
 * (an isolate and an ONNX Runtime session, about 20 MB) can be released while the model is kept for its
 * metadata only — the model serving the population's figures during an install scores nothing — and is
 * started again by the next call.
 */
export class OnnxScorer {
  private nextId = 1;
  private readonly pending = new Map<number, PendingCall>();
  private releaseWhenIdle = false;
  private closed = false;
  /** The worker of `worker` (known as soon as it is created): only its own stop fails the calls sent to it. */
  private live: Worker | null = null;

  private constructor(
    private worker: Promise<Worker> | null,
    private readonly modelBytes: Uint8Array,
    readonly featureCount: number,
  ) {}

  /** Starts the worker with a model's (already verified) bytes; resolves once its session is ready. */
  static async start(modelBytes: Uint8Array, featureCount: number): Promise<OnnxScorer> {
    const scorer = new OnnxScorer(null, modelBytes, featureCount);
    // Started at once: a model ONNX Runtime cannot load is refused when it is opened, not at its first score.
    await scorer.running();
    return scorer;
  }

  /** Probabilities of default for `count` rows of `featureCount` float32 values each (row-major). */
  async score(rows: Float32Array, count: number): Promise<Float32Array> {
    if (rows.length !== count * this.featureCount) throw new Error(`Expected ${count} × ${this.featureCount} values, got ${rows.length}.`);
    if (this.closed) throw new Error('The scoring engine was closed.');
    this.releaseWhenIdle = false;
    const id = this.nextId++;
    const answer = new Promise<Float32Array>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    const worker = await this.running().catch((error: unknown) => {
      this.settle(id, (call) => call.reject(error instanceof Error ? error : new Error(String(error))));
      return null;
    });
    worker?.postMessage({ id, rows, count });
    return answer;
  }

  /** Stops the worker once the calls sent are answered; the next call starts it again. */
  release(): void {
    this.releaseWhenIdle = true;
    if (this.pending.size === 0) this.stopWorker();
  }

  /** Stops the worker for good; pending calls are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.live;
    this.worker = null;
    this.live = null;
    await worker?.terminate();
    this.failAll(null, new Error('The scoring engine was closed.'));
  }

  /** The worker, started when there is none. */
  private running(): Promise<Worker> {
    this.worker ??= this.startWorker();
    return this.worker;
  }

  private startWorker(): Promise<Worker> {
    const worker = new Worker(new URL('./onnx-scoring-worker.mjs', import.meta.url), { workerData: { modelBytes: this.modelBytes, featureCount: this.featureCount } });
    this.live = worker;
    const started = new Promise<Worker>((resolve, reject) => {
      worker.once('message', (message: { ready?: boolean }) => {
        if (message.ready) resolve(worker);
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`The scoring worker stopped before it was ready (exit code ${code}).`)));
    });
    worker.on('message', (message: { id?: number; probabilities?: Float32Array; error?: string }) => {
      if (message.id === undefined) return;
      this.settle(message.id, (call) => (message.error !== undefined ? call.reject(new Error(`ONNX Runtime: ${message.error}`)) : call.resolve(message.probabilities!)));
    });
    worker.on('error', (error) => this.failAll(worker, error));
    worker.on('exit', (code) => this.failAll(worker, new Error(`The scoring worker stopped (exit code ${code}).`)));
    // A worker that failed to start is not kept: the next call tries again.
    started.catch(() => {
      if (this.worker === started) this.worker = null;
      if (this.live === worker) this.live = null;
    });
    return started;
  }

  /** Answers one call, then stops the worker if it was released and nothing else waits. */
  private settle(id: number, answer: (call: PendingCall) => void): void {
    const call = this.pending.get(id);
    if (!call) return;
    this.pending.delete(id);
    answer(call);
    if (this.releaseWhenIdle && this.pending.size === 0) this.stopWorker();
  }

  private stopWorker(): void {
    const worker = this.live;
    this.worker = null;
    this.live = null;
    this.releaseWhenIdle = false;
    void worker?.terminate();
  }

  /**
   * Rejects the calls waiting when the worker stops by itself (`worker`: the one that stopped), or when the
   * scorer is closed (null). A released worker's exit is not a failure: nothing waits on it.
   */
  private failAll(worker: Worker | null, error: Error): void {
    if (worker !== null) {
      if (this.live !== worker) return;
      this.worker = null;
      this.live = null;
    }
    for (const call of this.pending.values()) call.reject(error);
    this.pending.clear();
  }
}
