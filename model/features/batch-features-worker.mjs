// A worker thread computing feature rows for slices of clients (see batch-features-job.ts).
// Plain JavaScript so that it starts the same way everywhere; when the job module is TypeScript (tsx in
// development and tests) it registers tsx for this thread first.
import { parentPort, workerData } from 'node:worker_threads';

if (workerData.jobModule.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { createFeatureJob } = await import(workerData.jobModule);
const job = createFeatureJob(workerData.setup);

parentPort.on('message', (message) => {
  if (message.type === 'close') {
    job.close();
    parentPort.close();
    return;
  }
  try {
    const slice = job.run(message.from, message.to, message.expected);
    parentPort.postMessage({ index: message.index, ids: slice.ids, rows: slice.rows }, [slice.ids.buffer, slice.rows.buffer]);
  } catch (error) {
    parentPort.postMessage({ index: message.index, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true });
