/**
 * `npm run preview`: the app's real handlers behind the browser preview server (127.0.0.1, a token per
 * run). How the UI is developed and tested where Electron cannot run; never part of the packaged app.
 * OCTROI_DB chooses the database (default demo/octroi-demo.db, built from synthetic data on first start);
 * OCTROI_MODEL the model file; OCTROI_PREVIEW_OUT where letters are written. Builds the renderer first when
 * it was never built (`--build` rebuilds it).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNTS } from '../../demo/demo-accounts.js';
import { RENDERER_DIST, startPreviewApp } from './preview-app.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(RENDERER_DIST, 'index.html')) || process.argv.includes('--build')) {
    console.error('preview: building the renderer (npm run build:renderer)…');
    const build = spawnSync('npm', ['run', '--silent', 'build:renderer'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('the renderer build failed (npm run build:renderer)');
  }
  const dbPath = path.resolve(process.env.OCTROI_DB ?? path.join(ROOT, 'demo', 'octroi-demo.db'));
  const app = await startPreviewApp({
    dbPath,
    modelPath: process.env.OCTROI_MODEL,
    outputDir: process.env.OCTROI_PREVIEW_OUT,
    demo: { onStage: (stage) => console.error(`preview: demo database: ${stage}…`) },
  });
  console.log(`Octroi preview on ${app.server.url} — database ${dbPath}, model ${app.worker.opened.modelVersion}`);
  console.log(`${app.channels.length} IPC channels served${app.servesRenderer ? '' : ' (no built renderer yet: IPC only; run npm run build:renderer)'}`);
  console.log(`Open: ${app.server.pageUrl}`);
  if (app.worker.opened.createdDemo || dbPath.endsWith(path.join('demo', 'octroi-demo.db'))) {
    const accounts = DEMO_ACCOUNTS.map((account) => `${account.username} / ${account.password} (${account.role})`).join(', ');
    console.log(`DEMO accounts (demo data only): ${accounts}`);
  }
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`preview: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
