/**
 * Whose model signatures a run accepts: an installed app ('production') never the DEMO key — not even
 * listed in OCTROI_TRUSTED_KEYS — and, with no bank key deployed, none at all (the shipped demo-signed model
 * is then refused); development falls back to the DEMO key. The machine-wide folder IT deploys is read.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PUBLIC_KEY_PATH, demoKeyTrusted, machineTrustedKeysDir, noTrustedKeyMessage, trustedPublicKeys } from '../../../model/keys/trusted-keys.js';
import { loadModel } from '../../../model/model-file/load-model.js';
import { tempDir } from '../../support/paths.js';
import { SHIPPED_MODEL } from '../../support/shipped-model.js';

const demoPem = fs.readFileSync(DEMO_PUBLIC_KEY_PATH, 'utf8');

/** A folder holding one new bank public key (PEM), and that key. */
function bankKeyFolder(): { dir: string; pem: string } {
  const dir = tempDir('octroi-trusted-');
  const pem = crypto.generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
  fs.writeFileSync(path.join(dir, 'bank-2026.pem'), pem);
  fs.writeFileSync(path.join(dir, 'README.txt'), 'not a key');
  return { dir, pem };
}

describe('trusted model keys', () => {
  it('an installed app never trusts the DEMO key: with nothing deployed it trusts no key, and the demo-signed model is refused', () => {
    const none = path.join(tempDir('octroi-trusted-'), 'absent');
    const production = trustedPublicKeys({ env: {}, mode: 'production', machineDir: none });
    expect(production).toEqual([]);
    expect(trustedPublicKeys({ env: { OCTROI_TRUSTED_KEYS: DEMO_PUBLIC_KEY_PATH }, mode: 'production', machineDir: none })).toEqual([]);
    expect(demoKeyTrusted(production)).toBe(false);
    expect(() => loadModel(SHIPPED_MODEL, production)).toThrow(/signed by key .* which this installation does not trust/);
    expect(noTrustedKeyMessage(none)).toMatch(/no client scored.*IT: deploy the bank's public key\(s\) \(PEM\) in .*absent, or list them in OCTROI_TRUSTED_KEYS.*DEMO key is never trusted/);
  });

  it('reads the machine-wide folder (every .pem), unless OCTROI_TRUSTED_KEYS lists files; keeps a bank key listed beside the DEMO key', () => {
    const { dir, pem } = bankKeyFolder();
    expect(trustedPublicKeys({ env: {}, mode: 'production', machineDir: dir })).toEqual([pem]);
    expect(trustedPublicKeys({ env: {}, mode: 'development', machineDir: dir })).toEqual([pem]);
    const listed = [DEMO_PUBLIC_KEY_PATH, path.join(dir, 'bank-2026.pem')].join(path.delimiter);
    expect(trustedPublicKeys({ env: { OCTROI_TRUSTED_KEYS: listed }, mode: 'production', machineDir: dir })).toEqual([pem]);
    expect(trustedPublicKeys({ env: { OCTROI_TRUSTED_KEYS: listed }, mode: 'development', machineDir: dir })).toEqual([demoPem, pem]);
  });

  it('development runs and the preview fall back to the DEMO key, and say so', () => {
    const keys = trustedPublicKeys({ env: {}, mode: 'development', machineDir: path.join(tempDir('octroi-trusted-'), 'absent') });
    expect(keys).toEqual([demoPem]);
    expect(demoKeyTrusted(keys)).toBe(true);
    expect(loadModel(SHIPPED_MODEL, keys).metadata.features.length).toBeGreaterThan(0);
  });

  it('names the machine-wide folder of each system', () => {
    expect(machineTrustedKeysDir('win32', { ProgramData: 'C:\\ProgramData' })).toBe('C:\\ProgramData\\Octroi\\trusted-keys');
    expect(machineTrustedKeysDir('darwin', {})).toBe('/Library/Application Support/Octroi/trusted-keys');
    expect(machineTrustedKeysDir('linux', {})).toBe('/etc/octroi/trusted-keys');
  });
});
