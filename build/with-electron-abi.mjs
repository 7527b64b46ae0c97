// Runs a command with better-sqlite3-multiple-ciphers (SQLite with SQLCipher encryption) built for Electron, then puts Node's build back:
//   node build/with-electron-abi.mjs [--rebuild] -- <command> [args…]
// better-sqlite3-multiple-ciphers is a native module compiled for one ABI: Electron's inside the app, Node's for `npm test`
// and the CLI. `npm start` (--rebuild: electron-builder install-app-deps first) and `npm run dist`
// (electron-builder rebuilds by itself) go through this script, so a developer's or CI's tests keep
// working afterwards without `npm rebuild better-sqlite3-multiple-ciphers` (which would need a download or a compiler).
// How: the Node build (better_sqlite3.node) is copied aside first and copied back at the end, even when
// the command fails or is interrupted. OCTROI_NATIVE_FILE and OCTROI_NATIVE_BACKUP override the paths (tests).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NATIVE = path.resolve(process.env.OCTROI_NATIVE_FILE ?? path.join(ROOT, 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node'));
// Kept outside the package's build/ folder, which a rebuild may delete and recreate.
const BACKUP = path.resolve(process.env.OCTROI_NATIVE_BACKUP ?? path.join(ROOT, 'node_modules', '.cache', 'octroi-node-abi', 'better_sqlite3.node'));

/** True when `file` loads in this Node (its ABI), checked in a child process (a failed dlopen can abort). */
function loadsInNode(file) {
  const check = spawnSync(process.execPath, ['-e', 'process.dlopen({ exports: {} }, process.argv[1])', file], { stdio: 'ignore' });
  return check.status === 0;
}

function restore() {
  if (!fs.existsSync(BACKUP)) return;
  fs.mkdirSync(path.dirname(NATIVE), { recursive: true });
  fs.copyFileSync(BACKUP, NATIVE);
  fs.rmSync(BACKUP);
  console.error(`with-electron-abi: Node's build of ${path.basename(NATIVE)} restored`);
}

function run(command, args) {
  return new Promise((resolve) => {
    // npm scripts' .bin commands are .cmd files on Windows: they need a shell there.
    const child = spawn(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', (error) => {
      console.error(`with-electron-abi: cannot run ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  const argv = process.argv.slice(2);
  const separator = argv.indexOf('--');
  const options = separator === -1 ? argv : argv.slice(0, separator);
  const [command, ...args] = separator === -1 ? [] : argv.slice(separator + 1);
  if (!command) {
    console.error('usage: node build/with-electron-abi.mjs [--rebuild] -- <command> [args…]');
    return 2;
  }
  if (!fs.existsSync(NATIVE)) {
    console.error(`with-electron-abi: ${NATIVE} not found (run npm ci first)`);
    return 1;
  }
  // A previous run that was killed may have left Electron's build in place: put Node's back first.
  if (!loadsInNode(NATIVE)) restore();
  if (!loadsInNode(NATIVE)) {
    console.error(`with-electron-abi: ${NATIVE} does not load in Node and no Node build was kept; run npm rebuild better-sqlite3-multiple-ciphers`);
    return 1;
  }
  fs.mkdirSync(path.dirname(BACKUP), { recursive: true });
  fs.copyFileSync(NATIVE, BACKUP);
  // Ctrl+C reaches the child too; this process waits for it and restores.
  const ignore = () => undefined;
  process.on('SIGINT', ignore);
  process.on('SIGTERM', ignore);
  try {
    if (options.includes('--rebuild')) {
      const code = await run('electron-builder', ['install-app-deps']);
      if (code !== 0) return code;
    }
    return await run(command, args);
  } finally {
    restore();
    process.off('SIGINT', ignore);
    process.off('SIGTERM', ignore);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`with-electron-abi: ${error instanceof Error ? error.message : String(error)}`);
    restore();
    process.exitCode = 1;
  },
);
