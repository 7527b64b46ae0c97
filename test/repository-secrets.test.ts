/**
 * No secret in the repository but the labelled DEMO signing key: every file the repository holds (git's
 * list) is searched for private-key blocks; the one allowed says in its own text that it is a DEMO key.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_PRIVATE_KEY_PATH } from '../model/keys/trusted-keys.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** A PEM private key block (PKCS#8, RSA, EC, OpenSSH, encrypted). */
const PRIVATE_KEY_BLOCK = /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----\s*\n[A-Za-z0-9+/=\s]{40,}/;

describe('the repository', () => {
  it('holds no private key but the DEMO signing key, labelled as such in its own text', () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    expect(files.length).toBeGreaterThan(100);
    const withKeys = files.filter((file) => {
      const full = path.join(ROOT, file);
      if (!fs.existsSync(full) || fs.statSync(full).size > 5_000_000) return false;
      return PRIVATE_KEY_BLOCK.test(fs.readFileSync(full, 'latin1'));
    });
    expect(withKeys).toEqual([path.relative(ROOT, DEMO_PRIVATE_KEY_PATH)]);
    expect(fs.readFileSync(DEMO_PRIVATE_KEY_PATH, 'utf8')).toMatch(/^# DEMO model-signing key: .*\n# NEVER use it for a production model/);
  });
});
