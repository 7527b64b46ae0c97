// The data worker thread (see data-worker-host.ts): plain JavaScript so that it starts the same way everywhere; when
// the host module is TypeScript (tsx in development and tests) it registers tsx for this thread first.
import { parentPort, workerData } from 'node:worker_threads';

if (workerData.hostModule.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
const { runDataWorker } = await import(workerData.hostModule);
await runDataWorker(parentPort, workerData.setup);
