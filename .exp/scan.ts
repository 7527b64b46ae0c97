import fs from 'node:fs';
import crypto from 'node:crypto';
import { openDatabase } from '../db/open-database.js';
const work = '/tmp/trust-exp';
const k = Buffer.from(fs.readFileSync(`${work}/key.hex`, 'utf8'), 'hex');
const files = { clear: `${work}/clear.db`, encrypted: `${work}/enc.db` };
const r: Record<string, number[]> = { clear: [], encrypted: [] };
for (let i = 0; i < 5; i++) for (const [name, kk] of [['clear', null], ['encrypted', k]] as const) {
  const db = openDatabase(files[name], { key: kk, readonly: true });
  const t = performance.now();
  for (const t2 of ['application', 'bureau', 'previous_application', 'POS_CASH_balance', 'installments_payments', 'credit_card_balance']) db.prepare(`SELECT count(*) FROM "${t2}" WHERE typeof(SK_ID_CURR) IS NOT NULL`).pluck().get();
  r[name]!.push(performance.now() - t);
  db.close();
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[2]!;
console.log('full scan ms clear', r.clear!.map(Math.round), 'enc', r.encrypted!.map(Math.round), 'extra ms', med(r.encrypted!) - med(r.clear!));
const buf = crypto.randomBytes(37e6); const key = crypto.randomBytes(32); const iv = crypto.randomBytes(16);
let t = performance.now(); for (let o = 0; o < buf.length; o += 4096) { const c = crypto.createCipheriv('aes-256-cbc', key, iv); c.setAutoPadding(false); c.update(buf.subarray(o, o + 4096)); }
console.log('node aes-256-cbc 37MB per 4K page ms', Math.round(performance.now() - t));
t = performance.now(); for (let o = 0; o < buf.length; o += 4096) crypto.createHmac('sha512', key).update(buf.subarray(o, o + 4096)).digest();
console.log('node hmac-sha512 37MB per page ms', Math.round(performance.now() - t));
