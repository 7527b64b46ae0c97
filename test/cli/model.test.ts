/** `octroi model sign|verify`: what IT runs before installing a model file. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEATURE_COUNT } from '../../model/features/feature-registry.js';
import { DEMO_PRIVATE_KEY_PATH } from '../../model/keys/trusted-keys.js';
import { tempDir } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';
import { SHIPPED_MODEL } from '../support/shipped-model.js';

function copyOfShippedModel(): string {
  const file = path.join(tempDir(), 'model.onnx');
  fs.copyFileSync(SHIPPED_MODEL, file);
  fs.copyFileSync(`${SHIPPED_MODEL}.sig`, `${file}.sig`);
  return file;
}

describe('octroi model', () => {
  it('verifies the shipped model', () => {
    const run = runCli(['model', 'verify', '--model', SHIPPED_MODEL, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({ ok: true, features: FEATURE_COUNT, warnings: [] });
    expect(summary.sha256).toBe(crypto.createHash('sha256').update(fs.readFileSync(SHIPPED_MODEL)).digest('hex'));
  });

  it('names the failed check of an altered model and exits non-zero', () => {
    const file = copyOfShippedModel();
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 1;
    fs.writeFileSync(file, bytes);
    const run = runCli(['model', 'verify', '--model', file, '--json']);
    expect(run.status).not.toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, check: 'hash' });
    expect(run.stderr).toMatch(/altered or replaced after signing/);
  });

  it('re-signs a model with a given key; a key the installation does not trust is refused at verification', () => {
    const file = copyOfShippedModel();
    const demo = runCli(['model', 'sign', '--model', file, '--key', DEMO_PRIVATE_KEY_PATH]);
    expect(demo.status, demo.stderr).toBe(0);
    expect(runCli(['model', 'verify', '--model', file]).status).toBe(0);
    const keyFile = path.join(tempDir(), 'other.pem');
    fs.writeFileSync(keyFile, crypto.generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(runCli(['model', 'sign', '--model', file, '--key', keyFile]).status).toBe(0);
    const refused = runCli(['model', 'verify', '--model', file]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/does not trust/);
    expect(runCli(['model', 'sign', '--model', file, '--key', path.join(tempDir(), 'missing.pem')]).stderr).toMatch(/no key file/);
  });
});
