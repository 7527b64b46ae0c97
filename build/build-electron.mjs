// Builds the Electron main process and preload with esbuild: `npm run build:electron`
// (options: --out <dir>, default dist-electron).
//
//   dist-electron/main.cjs      main process, one CommonJS file (Electron's entry). Native modules stay
//                               outside (electron, better-sqlite3-multiple-ciphers, onnxruntime-node): they are loaded
//                               from node_modules, built for Electron's ABI.
//   dist-electron/preload.cjs   the preload, one CommonJS file whose only require() is 'electron': a
//                               sandboxed preload cannot load local modules.
//   dist-electron/runtime/      files model/ and db/ find beside "their own module" at run time, through
//                               `new URL('./x', import.meta.url)`:
//       onnx-scoring-worker.mjs, batch-features-worker.mjs   the worker threads, copied unchanged
//       batch-features-job.js   the job module batch-features-worker imports, bundled (ESM)
//       data-worker.mjs, data-worker-host.js   the data worker (database, model, every handler: main only
//                               routes), its host module bundled (ESM); told where the shipped model is
//                               through OCTROI_SHIPPED_MODEL (a worker cannot ask Electron)
//       package.json            {"type":"module"} so batch-features-job.js is ESM wherever it lands
//       profile.json, HomeCredit_columns_description.csv    the demo-data generator's inputs (db/synth)
//       demo-signing-key.pub.pem                             the demo public key (never the private one)
//
// Why runtime/: a CommonJS bundle has no import.meta.url, so it is defined as the URL of
// runtime/main.cjs — inside app.asar.unpacked when packaged. Worker threads cannot start from inside an
// asar archive (electron/electron#22446), hence electron-builder.yml unpacks dist-electron/runtime/** and
// the packages the workers import (onnxruntime-node, onnxruntime-common, better-sqlite3-multiple-ciphers, bindings,
// file-uri-to-path): Node resolves the workers' imports from app.asar.unpacked/node_modules.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Native modules (and Electron itself): never bundled, loaded from node_modules at run time. */
export const NATIVE_EXTERNALS = ['electron', 'better-sqlite3-multiple-ciphers', 'onnxruntime-node'];

/** Files copied unchanged into runtime/: [source relative to the repository, target relative to runtime/]. */
export const RUNTIME_COPIES = [
  ['model/scoring/onnx-scoring-worker.mjs', 'onnx-scoring-worker.mjs'],
  ['model/features/batch-features-worker.mjs', 'batch-features-worker.mjs'],
  ['electron/main/data-worker/data-worker.mjs', 'data-worker.mjs'],
  ['db/synth/profile.json', 'profile.json'],
  ['db/synth/HomeCredit_columns_description.csv', 'HomeCredit_columns_description.csv'],
  ['model/keys/demo-signing-key.pub.pem', 'demo-signing-key.pub.pem'],
];

// import.meta.url of every bundled module = runtime/main.cjs, redirected out of app.asar when packaged.
const IMPORT_META_BANNER = [
  '"use strict";',
  "const __octroiRuntimeDir = require('node:path').join(__dirname.replace(/([\\\\/])app\\.asar([\\\\/])/, '$1app.asar.unpacked$2'), 'runtime');",
  "const __octroiImportMetaUrl = require('node:url').pathToFileURL(require('node:path').join(__octroiRuntimeDir, 'main.cjs')).href;",
].join('\n');

// Bundled CommonJS dependencies call require(); an ESM bundle gets a real one.
const ESM_REQUIRE_BANNER = "import { createRequire as __octroiCreateRequire } from 'node:module'; const require = __octroiCreateRequire(import.meta.url);";

/** A plugin that replaces shipped-model-path.ts by `lines`. */
const shippedModelPathAs = (name, lines) => ({
  name,
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]model[\\/]model-file[\\/]shipped-model-path\.ts$/ }, () => ({ loader: 'js', contents: lines.join('\n') }));
  },
});

/**
 * model/model-file/shipped-model-path.ts finds the model beside its own source file (model/artifacts), which the
 * bundle does not have: in the bundle it is where the installer puts it (extraResources →
 * <resources>/model/model.onnx), or model/artifacts in the repository for `npm start`. The same rule as
 * electron/main/app-paths.ts, for code below the shell that asks for "the shipped model" (the demo data).
 */
const shippedModelPathPlugin = shippedModelPathAs('octroi-shipped-model-path', [
  "import path from 'node:path';",
  "import { app } from 'electron';",
  '/** The model shipped with this build: in the installer\'s resources, or model/artifacts in development. */',
  'export const SHIPPED_MODEL_PATH = app.isPackaged',
  "  ? path.join(process.resourcesPath, 'model', 'model.onnx')",
  "  : path.resolve(__dirname, '..', 'model', 'artifacts', 'model.onnx');",
]);

/** The same, for the data worker's bundle: main passes the path in OCTROI_SHIPPED_MODEL (a worker cannot ask Electron). */
const workerShippedModelPathPlugin = shippedModelPathAs('octroi-worker-shipped-model-path', [
  '/** The model shipped with this build, as main (which knows where the installer put it) told the worker. */',
  'export const SHIPPED_MODEL_PATH = process.env.OCTROI_SHIPPED_MODEL;',
]);

/** Builds everything into `outDir`; returns the files written (relative to outDir). */
export async function buildElectron(outDir) {
  fs.rmSync(outDir, { recursive: true, force: true });
  const runtimeDir = path.join(outDir, 'runtime');
  const common = { absWorkingDir: ROOT, bundle: true, logLevel: 'warning', legalComments: 'none', sourcemap: false, minify: false };
  await build({
    ...common,
    entryPoints: [path.join(ROOT, 'electron/main/main.ts')],
    outfile: path.join(outDir, 'main.cjs'),
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: NATIVE_EXTERNALS,
    define: { 'import.meta.url': '__octroiImportMetaUrl' },
    banner: { js: IMPORT_META_BANNER },
    plugins: [shippedModelPathPlugin],
  });
  await build({
    ...common,
    entryPoints: [path.join(ROOT, 'electron/preload/preload.ts')],
    outfile: path.join(outDir, 'preload.cjs'),
    // A sandboxed preload is a browser-like context with require('electron') only.
    platform: 'browser',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
  });
  // The modules worker threads import, bundled as ESM into runtime/ (a worker loads them by URL).
  const workerModules = [
    ['model/features/batch-features-job.ts', 'batch-features-job.js', []],
    ['electron/main/data-worker/data-worker-host.ts', 'data-worker-host.js', [workerShippedModelPathPlugin]],
  ];
  for (const [entry, out, plugins] of workerModules) {
    await build({
      ...common,
      entryPoints: [path.join(ROOT, entry)],
      outfile: path.join(runtimeDir, out),
      platform: 'node',
      format: 'esm',
      target: 'node22',
      external: NATIVE_EXTERNALS,
      banner: { js: ESM_REQUIRE_BANNER },
      plugins,
    });
  }
  fs.writeFileSync(path.join(runtimeDir, 'package.json'), `${JSON.stringify({ type: 'module' }, null, 2)}\n`);
  for (const [from, to] of RUNTIME_COPIES) {
    fs.mkdirSync(path.dirname(path.join(runtimeDir, to)), { recursive: true });
    fs.copyFileSync(path.join(ROOT, from), path.join(runtimeDir, to));
  }
  const written = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else written.push(path.relative(outDir, full).split(path.sep).join('/'));
    }
  };
  walk(outDir);
  return written.sort();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string', default: path.join(ROOT, 'dist-electron') } } });
  const outDir = path.resolve(values.out);
  buildElectron(outDir).then(
    (files) => console.log(`build-electron: ${files.length} files in ${path.relative(process.cwd(), outDir) || '.'}: ${files.join(', ')}`),
    (error) => {
      console.error(`build-electron: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
