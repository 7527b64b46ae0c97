const D = require('better-sqlite3-multiple-ciphers');
const fs = require('fs');
const key = require('crypto').randomBytes(32).toString('hex');
function run(enc) {
  const f = '/tmp/trust-exp/phases.db';
  for (const s of ['', '-wal', '-shm']) fs.rmSync(f + s, { force: true });
  const db = new D(f);
  if (enc) { db.pragma(`cipher='sqlcipher'`); db.pragma('legacy=4'); db.pragma(`key="x'${key}'"`); }
  db.pragma('journal_mode=WAL'); db.pragma('synchronous=NORMAL'); db.pragma('cache_size=-262144'); db.pragma('wal_autocheckpoint=0');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b REAL, c TEXT)');
  const ins = db.prepare('INSERT INTO t VALUES (?,?,?,?)');
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  db.exec('BEGIN');
  let t0 = cpu();
  for (let i = 0; i < 400000; i++) ins.run(i, 'x'.repeat(40) + i, i * 1.5, 'category' + (i % 13));
  const tIns = cpu() - t0; t0 = cpu();
  db.exec('COMMIT');
  const tCommit = cpu() - t0; t0 = cpu();
  db.pragma('wal_checkpoint(TRUNCATE)');
  const tCkpt = cpu() - t0;
  const size = fs.statSync(f).size / 1e6;
  db.close();
  return { enc, size: size.toFixed(1), insert: Math.round(tIns), commit: Math.round(tCommit), checkpoint: Math.round(tCkpt) };
}
for (let r = 0; r < 3; r++) { console.log(JSON.stringify(run(false))); console.log(JSON.stringify(run(true))); }
