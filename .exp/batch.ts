import fs from 'node:fs';
import { openDatabase } from '../db/open-database.js';
import { SHIPPED_MODEL_PATH } from '../model/model-file/shipped-model-path.js';
import { ScoringEngine } from '../model/scoring/scoring-engine.js';
import { scoreAllClients } from '../model/scoring/client-scoring.js';
const work = '/tmp/trust-exp';
const k = Buffer.from(fs.readFileSync(`${work}/key.hex`, 'utf8'), 'hex');
const engine = await ScoringEngine.open(SHIPPED_MODEL_PATH);
const files = { clear: `${work}/clear.db`, encrypted: `${work}/enc.db` };
const wall: Record<string, number[]> = { clear: [], encrypted: [] };
const cpu: Record<string, number[]> = { clear: [], encrypted: [] };
const rounds = Number(process.argv[2] ?? 4);
const workers = process.argv[3] ? Number(process.argv[3]) : undefined;
for (let r = 0; r < rounds; r++) for (const [name, kk] of [['clear', null], ['encrypted', k]] as const) {
  const db = openDatabase(files[name], { key: kk, readonly: true });
  const t = performance.now(); const c = process.cpuUsage();
  let n = 0;
  for await (const chunk of scoreAllClients(db, engine, { chunkSize: 1000, dbPath: files[name], workers })) n += chunk.ids.length;
  const u = process.cpuUsage(c);
  if (r > 0) { wall[name]!.push(performance.now() - t); cpu[name]!.push((u.user + u.system) / 1000); }
  db.close();
}
await engine.close();
const med = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
console.log('wall ms clear', wall.clear!.map(Math.round), 'enc', wall.encrypted!.map(Math.round), 'ratio', (med(wall.clear!) / med(wall.encrypted!)).toFixed(2));
console.log('cpu ms clear', cpu.clear!.map(Math.round), 'enc', cpu.encrypted!.map(Math.round), 'ratio', (med(cpu.clear!) / med(cpu.encrypted!)).toFixed(2));
