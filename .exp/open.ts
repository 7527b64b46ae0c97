import fs from 'node:fs';
import { openDatabase } from '../db/open-database.js';
const work = '/tmp/trust-exp';
const k = Buffer.from(fs.readFileSync(`${work}/key.hex`, 'utf8'), 'hex');
for (const [name, file, kk] of [['clear', `${work}/clear.db`, null], ['encrypted', `${work}/enc.db`, k], ['clear', `${work}/clear.db`, null], ['encrypted', `${work}/enc.db`, k]] as const) {
  const times: number[] = [];
  for (let i = 0; i < 20; i++) { const t = performance.now(); const db = openDatabase(file, { key: kk, readonly: true }); db.close(); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  console.log(name, 'open+first query ms p50', times[10]!.toFixed(2));
}
