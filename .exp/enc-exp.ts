// Experiment (not committed): where encrypted import / reads spend their time.
import fs from 'node:fs';
import path from 'node:path';
import { generateDatabaseKey } from '../db/database-key.js';
import { importPaths } from '../db/import/import-paths.js';
import { openDatabase } from '../db/open-database.js';
import { generateSynthetic } from '../db/synth/generate.js';
import { iterateClientRecords } from '../model/features/iterate-client-records.js';

const work = '/tmp/trust-exp';
const csv = path.join(work, 'csv');
if (!fs.existsSync(csv)) await generateSynthetic({ clients: 5000, seed: 15, outDir: csv });
const key = generateDatabaseKey();
const mode = process.argv[2] ?? 'import';
const rounds = Number(process.argv[3] ?? 3);
const cache = process.argv[4];
const files = { clear: path.join(work, 'clear.db'), encrypted: path.join(work, 'enc.db') };
const results: Record<string, number[]> = { clear: [], encrypted: [] };
if (mode === 'import') {
  for (let r = 0; r < rounds; r++) {
    for (const [name, k] of [['clear', null], ['encrypted', key]] as const) {
      const file = files[name];
      for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true });
      const db = openDatabase(file, { key: k });
      const t = performance.now();
      const c = process.cpuUsage();
      await importPaths(db, [csv]);
      db.pragma('wal_checkpoint(TRUNCATE)');
      const cpu = process.cpuUsage(c);
      results[name]!.push((performance.now() - t) / 1000);
      (results as any)[name + 'cpu'] = [...((results as any)[name + 'cpu'] ?? []), (cpu.user + cpu.system) / 1e6];
      db.close();
    }
  }
  fs.writeFileSync(path.join(work, 'key.hex'), key.toString('hex'));
  console.log('size MB', fs.statSync(files.encrypted).size / 1e6, fs.statSync(files.clear).size / 1e6);
} else {
  const k = Buffer.from(fs.readFileSync(path.join(work, 'key.hex'), 'utf8'), 'hex');
  for (let r = 0; r < rounds; r++) {
    for (const [name, kk] of [['clear', null], ['encrypted', k]] as const) {
      const db = openDatabase(files[name], { key: kk, readonly: true });
      if (cache) db.pragma(`cache_size = ${cache}`);
      const t = performance.now();
      let n = 0;
      for (const _ of iterateClientRecords(db)) n++;
      results[name]!.push((performance.now() - t) / 1000);
      db.close();
    }
  }
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
if (mode === 'import') console.log('cpu clear', (results as any).clearcpu.map((x: number) => x.toFixed(2)).join(' '), 'enc', (results as any).encryptedcpu.map((x: number) => x.toFixed(2)).join(' '), 'ratio', (med((results as any).clearcpu) / med((results as any).encryptedcpu)).toFixed(2));
console.log(mode, cache ?? 'default', 'clear', results.clear!.map((x) => x.toFixed(2)).join(' '), 'enc', results.encrypted!.map((x) => x.toFixed(2)).join(' '), 'ratio clear/enc', (med(results.clear!) / med(results.encrypted!)).toFixed(2));
