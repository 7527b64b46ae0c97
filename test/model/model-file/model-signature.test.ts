import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelVerificationError, signModelFile, signaturePath, verifyModelFile } from '../../../model/model-file/model-signature.js';
import { DEMO_PRIVATE_KEY_PATH, DEMO_PUBLIC_KEY_PATH, trustedPublicKeys } from '../../../model/keys/trusted-keys.js';
import { tempDir } from '../../support/paths.js';

const demoPrivate = fs.readFileSync(DEMO_PRIVATE_KEY_PATH, 'utf8');
const demoPublic = fs.readFileSync(DEMO_PUBLIC_KEY_PATH, 'utf8');

function signedModel(): string {
  const file = path.join(tempDir(), 'model.onnx');
  fs.writeFileSync(file, crypto.randomBytes(4096));
  signModelFile(file, demoPrivate);
  return file;
}

function refusal(fn: () => unknown): ModelVerificationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ModelVerificationError) return error;
    throw error;
  }
  throw new Error('expected the model to be refused');
}

describe('model signature', () => {
  it('accepts a model signed by a trusted key and returns the verified bytes', () => {
    const file = signedModel();
    const { bytes, signature } = verifyModelFile(file, [demoPublic]);
    expect(bytes.equals(fs.readFileSync(file))).toBe(true);
    expect(signature.algorithm).toBe('ed25519');
  });

  it('refuses a model altered after signing (one byte), naming the hash check', () => {
    const file = signedModel();
    const bytes = fs.readFileSync(file);
    bytes[100] = bytes[100]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    const error = refusal(() => verifyModelFile(file, [demoPublic]));
    expect(error.check).toBe('hash');
    expect(error.message).toMatch(/altered or replaced/);
  });

  it('refuses a signature file whose hash was edited to match an altered model', () => {
    const file = signedModel();
    fs.appendFileSync(file, 'tampered');
    const sig = JSON.parse(fs.readFileSync(signaturePath(file), 'utf8'));
    sig.sha256 = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    fs.writeFileSync(signaturePath(file), JSON.stringify(sig));
    expect(refusal(() => verifyModelFile(file, [demoPublic])).check).toBe('signature');
  });

  it('refuses a model signed by a key this installation does not trust', () => {
    const file = path.join(tempDir(), 'model.onnx');
    fs.writeFileSync(file, 'model bytes');
    const other = crypto.generateKeyPairSync('ed25519');
    signModelFile(file, other.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const error = refusal(() => verifyModelFile(file, [demoPublic]));
    expect(error.check).toBe('untrusted-key');
  });

  it('refuses a model without a signature file, or with a broken one', () => {
    const file = signedModel();
    fs.writeFileSync(signaturePath(file), '{"format": 1');
    expect(refusal(() => verifyModelFile(file, [demoPublic])).message).toMatch(/not a valid signature file/);
    fs.rmSync(signaturePath(file));
    expect(refusal(() => verifyModelFile(file, [demoPublic])).message).toMatch(/is missing/);
  });

  it('refuses to sign with a key that is not Ed25519', () => {
    const file = path.join(tempDir(), 'model.onnx');
    fs.writeFileSync(file, 'x');
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
    expect(() => signModelFile(file, rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toThrow(/Ed25519/);
  });

  it('trusts the demo key by default and the configured keys instead when OCTROI_TRUSTED_KEYS is set', () => {
    const noMachineFolder = path.join(tempDir(), 'no-such-folder');
    expect(trustedPublicKeys({ env: {}, machineDir: noMachineFolder })).toEqual([demoPublic]);
    const other = crypto.generateKeyPairSync('ed25519');
    const keyFile = path.join(tempDir(), 'hq.pub.pem');
    fs.writeFileSync(keyFile, other.publicKey.export({ type: 'spki', format: 'pem' }));
    expect(trustedPublicKeys({ env: { OCTROI_TRUSTED_KEYS: keyFile }, machineDir: noMachineFolder })).toEqual([fs.readFileSync(keyFile, 'utf8')]);
  });
});
