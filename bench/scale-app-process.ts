/**
 * The app under the scale benchmark, in a process of its own — as Electron's main process is its own — so
 * that what the benchmark itself does (building and materialising databases, the demo run before, the
 * HTTP client) is counted neither in the app's memory nor in its event loop. Started by scale-bench.ts
 * with fork(); it answers the parent's questions over the IPC channel:
 * - { type: 'delay-reset' } / { type: 'delay' }: the serving thread's event-loop delay since the reset;
 * - { type: 'choose-file', file }: what the next "open file" dialog picks (a model install);
 * - { type: 'close' }: closes the app and exits.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startPreviewApp } from '../electron/preview/preview-app.js';

/** What the app process says to the benchmark. */
export type AppProcessMessage =
  | { type: 'ready'; url: string; token: string; startMs: number }
  | { type: 'delay'; p99Ms: number; maxMs: number }
  | { type: 'done' };

/** What the benchmark asks the app process. */
export type AppProcessRequest = { type: 'delay-reset' } | { type: 'delay' } | { type: 'choose-file'; file: string } | { type: 'close' };

const dbPath = process.argv[2];
if (!dbPath || !process.send) throw new Error('scale-app-process: started by scale-bench.ts with fork(), the database as its argument.');
const send = (message: AppProcessMessage) => process.send!(message);

const start = performance.now();
const app = await startPreviewApp({ dbPath, logger: { warn: () => undefined, error: (message, details) => console.error(message, details) } });
const startMs = performance.now() - start;
const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();

process.on('message', (request: AppProcessRequest) => {
  switch (request.type) {
    case 'delay-reset':
      delay.reset();
      return send({ type: 'done' });
    case 'delay':
      return send({ type: 'delay', p99Ms: delay.percentile(99) / 1e6, maxMs: delay.max / 1e6 });
    case 'choose-file':
      app.desktop.chooseFilesToOpen = async () => [request.file];
      return send({ type: 'done' });
    case 'close':
      delay.disable();
      void app.close().finally(() => {
        send({ type: 'done' });
        process.exit(0);
      });
  }
});
send({ type: 'ready', url: app.server.url, token: app.server.token, startMs });
