/**
 * Whose model signatures a run accepts: an installed app ('production') never the DEMO key — not even
 * listed in OCTROI_TRUSTED_KEYS — and, with no bank key deployed, none at all (the shipped demo-signed model
 * is then refused); development falls back to the DEMO key. The machine-wide folder IT deploys is read.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PUBLIC_KEY_PATH, demoKeyId, demoKeyTrusted, machineTrustedKeysDir, noTrustedKey, scoringDisabledMessage, trustedPublicKeys, untrustedModel } from '../../../model/keys/trusted-keys.js';
import { loadModel } from '../../../model/model-file/load-model.js';
import { signModelFile } from '../../../model/model-file/model-signature.js';
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
    expect(scoringDisabledMessage(noTrustedKey(none))).toBe(
      `No trusted model key is installed on this workstation: IT must deploy the bank's public key in ${none} or set OCTROI_TRUSTED_KEYS. Scoring is disabled until then.`,
    );
    expect(scoringDisabledMessage(noTrustedKey(none), 'fr')).toContain(`clé publique de la banque dans ${none} ou renseigner OCTROI_TRUSTED_KEYS. La notation est désactivée`);
  });

  it('a model signed by a key not trusted here disables scoring, and says whether it is the DEMO key; other refusals do not', () => {
    const { dir, pem } = bankKeyFolder();
    let demoSigned: unknown;
    try {
      loadModel(SHIPPED_MODEL, [pem]);
    } catch (error) {
      demoSigned = error;
    }
    expect(untrustedModel(demoSigned, dir)).toEqual({ reason: 'demo-key-model', folder: dir, keyId: demoKeyId() });
    expect(scoringDisabledMessage(untrustedModel(demoSigned, dir)!)).toMatch(/signed with the DEMO key, which an installed Octroi never trusts: IT must install a model signed with the bank's key .*Scoring is disabled until then\./);
    // A model signed by another key (not the DEMO one) in a run that trusts only the DEMO key: named by its key id.
    const otherSigned = path.join(dir, 'model.onnx');
    fs.copyFileSync(SHIPPED_MODEL, otherSigned);
    const signer = crypto.generateKeyPairSync('ed25519');
    const signature = signModelFile(otherSigned, signer.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    let otherRefusal: unknown;
    try {
      loadModel(otherSigned, [demoPem]);
    } catch (error) {
      otherRefusal = error;
    }
    const other = untrustedModel(otherRefusal, dir)!;
    expect(other).toEqual({ reason: 'untrusted-model-key', folder: dir, keyId: signature.keyId });
    expect(scoringDisabledMessage(other)).toContain(`signed with key ${signature.keyId}, which is not trusted on this workstation: IT must deploy the bank's public key in ${dir}`);
    // An altered file is an error, not a question of trust.
    expect(untrustedModel(new Error('corrupt'), dir)).toBeNull();
    let missingSignature: unknown;
    try {
      loadModel(path.join(dir, 'absent.onnx'), [pem]);
    } catch (error) {
      missingSignature = error;
    }
    expect(untrustedModel(missingSignature, dir)).toBeNull();
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
