// The worker thread that owns the ONNX Runtime session. ONNX Runtime's run is a synchronous native
// call: in a worker it never blocks the thread that serves the user interface.
// Plain JavaScript on purpose: a worker file must load the same way under tsx, vitest and the built app.
// Messages in: { id, rows: Float32Array, count } → out: { id, probabilities: Float32Array } | { id, error }.
import { parentPort, workerData } from 'node:worker_threads';
import ort from 'onnxruntime-node';

const { modelBytes, featureCount } = workerData;
// One intra-op thread: a tree ensemble on a few rows gains nothing from more, and the app has other work.
const session = await ort.InferenceSession.create(modelBytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
const inputName = session.inputNames[0];

parentPort.on('message', async (request) => {
  try {
    const input = new ort.Tensor('float32', request.rows, [request.count, featureCount]);
    const output = await session.run({ [inputName]: input }, ['probabilities']);
    const both = output.probabilities.data;
    const probabilities = new Float32Array(request.count);
    for (let i = 0; i < request.count; i++) probabilities[i] = both[i * 2 + 1];
    parentPort.postMessage({ id: request.id, probabilities }, [probabilities.buffer]);
  } catch (error) {
    parentPort.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true });
