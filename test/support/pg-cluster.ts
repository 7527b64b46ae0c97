/**
 * A throw-away PostgreSQL cluster for the HQ tests: initdb in a temporary folder, the server on 127.0.0.1
 * at a free port (and its socket in that folder), stopped and removed afterwards. A real server, the
 * Debian `postgresql` package's own binaries: nothing is mocked.
 *
 * PostgreSQL refuses to run as root. Run as root (CI), the cluster belongs to the `postgres` account the
 * Debian package creates (or OCTROI_PG_USER) and its commands go through `runuser`; run as anyone else,
 * they run as that user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A running cluster: its connection URL (database `octroi_hq`) and how to stop it. */
export interface PgCluster {
  url: string;
  port: number;
  stop(): void;
}

/** The folder of initdb/pg_ctl: pg_config's, else the newest /usr/lib/postgresql/N/bin. */
function postgresBinDir(): string {
  const fromConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const candidates: string[] = [];
  if (fromConfig.status === 0) candidates.push(fromConfig.stdout.trim());
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    for (const version of fs.readdirSync(root).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(root, version, 'bin'));
  }
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl')));
  if (!found) throw new Error('PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian’s postgresql (bash scripts/install.sh).');
  return found;
}

/** A TCP port free on 127.0.0.1 right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL command, as the cluster's owner when we are root. */
function runAs(owner: string | null, command: string, args: string[]): string {
  const [file, argv] = owner ? ['runuser', ['-u', owner, '--', command, ...args]] : [command, args];
  try {
    return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${path.basename(command)} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

/** Starts a fresh cluster and creates the `octroi_hq` database in it. */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = postgresBinDir();
  const isRoot = process.getuid?.() === 0;
  const owner = isRoot ? (process.env.OCTROI_PG_USER ?? 'postgres') : null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'octroi-pg-'));
  if (owner) {
    const id = spawnSync('id', ['-u', owner], { encoding: 'utf8' });
    if (id.status !== 0) throw new Error(`Running as root, the test cluster needs a non-root account: "${owner}" does not exist (set OCTROI_PG_USER).`);
    const uid = Number(id.stdout.trim());
    const gid = Number(spawnSync('id', ['-g', owner], { encoding: 'utf8' }).stdout.trim());
    fs.chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  runAs(owner, path.join(bin, 'initdb'), ['-D', data, '-U', 'octroi', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  // Loopback only; the socket in our folder (not /var/run/postgresql, which may not exist or be writable);
  // no fsync: a test cluster need not survive a power cut.
  const serverOptions = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  runAs(owner, path.join(bin, 'pg_ctl'), ['-D', data, '-o', serverOptions, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      runAs(owner, path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    runAs(owner, path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'octroi', 'octroi_hq']);
  } catch (error) {
    stop();
    throw error;
  }
  return { url: `postgres://octroi@127.0.0.1:${port}/octroi_hq`, port, stop };
}
