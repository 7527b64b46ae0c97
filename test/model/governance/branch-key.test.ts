/** The branch key: created once (private half readable by its owner only), loaded from a file or OCTROI_BRANCH_KEY, signs and verifies bytes. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BRANCH_KEY_ENV, createBranchKey, loadBranchKey, parseBranchPublicKey, publicKeyPath, verifySignature } from '../../../model/governance/branch-key.js';
import { tempDir } from '../../support/paths.js';

const dir = tempDir('octroi-branch-key-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('branch key', () => {
  it('is created as a private PEM readable by its owner only and a public PEM beside it, never overwritten', () => {
    const file = path.join(dir, 'lyon.pem');
    const created = createBranchKey(file);
    expect(created.publicKeyFile).toBe(path.join(dir, 'lyon.pub.pem'));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(parseBranchPublicKey(fs.readFileSync(created.publicKeyFile, 'utf8'), 'pub').keyId).toBe(created.keyId);
    expect(() => createBranchKey(file)).toThrow(`${file} already exists: a branch key is never overwritten`);
  });

  it('signs bytes that its public key verifies, and nothing else', () => {
    const file = path.join(dir, 'sign.pem');
    createBranchKey(file);
    const key = loadBranchKey(file);
    const bytes = Buffer.from('manifest bytes');
    const signature = key.sign(bytes);
    expect(verifySignature(key.publicKeyPem, bytes, signature)).toBe(true);
    expect(verifySignature(key.publicKeyPem, Buffer.from('manifest bytes!'), signature)).toBe(false);
    expect(verifySignature(key.publicKeyPem, bytes, Buffer.from('not a signature'))).toBe(false);
    const other = path.join(dir, 'other.pem');
    createBranchKey(other);
    expect(verifySignature(fs.readFileSync(publicKeyPath(other), 'utf8'), bytes, signature)).toBe(false);
  });

  it('is found through OCTROI_BRANCH_KEY, and a missing, unreadable or non-Ed25519 key is named with what to do', () => {
    const file = path.join(dir, 'env.pem');
    createBranchKey(file);
    expect(loadBranchKey(undefined, { [BRANCH_KEY_ENV]: file }).keyId).toBe(loadBranchKey(file).keyId);
    expect(() => loadBranchKey(undefined, {})).toThrow('no branch key: pass --branch-key FILE or set OCTROI_BRANCH_KEY');
    expect(() => loadBranchKey(path.join(dir, 'none.pem'))).toThrow(/cannot read the branch key .*none\.pem: ENOENT/);
    const rsa = path.join(dir, 'rsa.pem');
    fs.writeFileSync(rsa, crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => loadBranchKey(rsa)).toThrow(`${rsa} is an rsa key; a branch key must be Ed25519`);
    expect(() => loadBranchKey(publicKeyPath(file))).toThrow('is not a private key in PEM form');
    expect(() => parseBranchPublicKey('junk', 'lyon.pub.pem')).toThrow('lyon.pub.pem is not a public key in PEM form');
  });
});
