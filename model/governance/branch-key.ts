/**
 * A branch's own Ed25519 key pair: the branch signs what it sends HQ (report bundles; audit checkpoints)
 * with the private half, which stays on the branch's machine; HQ registers the public half and verifies
 * with it. Small and general on purpose: sign bytes, verify bytes (node:crypto, no dependency).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { keyId } from '../model-file/model-signature.js';

/** The environment variable naming the branch key file when --branch-key is not given. */
export const BRANCH_KEY_ENV = 'OCTROI_BRANCH_KEY';

/** A loaded branch private key. */
export interface BranchKey {
  /** sha256 (hex, first 16) of the public key: names the key in signatures. */
  keyId: string;
  publicKeyPem: string;
  sign(bytes: Uint8Array): Buffer;
}

/** A branch key that cannot be used; the message names the file and what to do. */
export class BranchKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BranchKeyError';
  }
}

/** The public key file written beside a private key file. */
export function publicKeyPath(privateKeyFile: string): string {
  return `${privateKeyFile.replace(/\.pem$/, '')}.pub.pem`;
}

/**
 * Generates a key pair: the private key (PKCS#8 PEM, readable by its owner only) at `file`, the public key
 * (SPKI PEM, what HQ registers) beside it. Refuses to overwrite an existing key: a lost key means HQ must
 * register a new one.
 */
export function createBranchKey(file: string): { privateKeyFile: string; publicKeyFile: string; keyId: string } {
  const publicKeyFile = publicKeyPath(file);
  for (const target of [file, publicKeyFile]) {
    if (fs.existsSync(target)) throw new BranchKeyError(`${target} already exists: a branch key is never overwritten (choose another file, or remove it knowingly).`);
  }
  const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
  fs.writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  fs.writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }), { flag: 'wx' });
  return { privateKeyFile: file, publicKeyFile, keyId: keyId(publicKey) };
}

/** Loads a branch private key from `file`, else from OCTROI_BRANCH_KEY; BranchKeyError says what is wrong. */
export function loadBranchKey(file: string | undefined, env: NodeJS.ProcessEnv = process.env): BranchKey {
  const source = file ?? env[BRANCH_KEY_ENV];
  if (!source) throw new BranchKeyError(`no branch key: pass --branch-key FILE or set ${BRANCH_KEY_ENV} (create one with: octroi branch-key create --out FILE).`);
  let pem: string;
  try {
    pem = fs.readFileSync(source, 'utf8');
  } catch (error) {
    throw new BranchKeyError(`cannot read the branch key ${source}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  let privateKey: crypto.KeyObject;
  try {
    privateKey = crypto.createPrivateKey(pem);
  } catch {
    throw new BranchKeyError(`${source} is not a private key in PEM form (create one with: octroi branch-key create --out FILE).`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new BranchKeyError(`${source} is an ${privateKey.asymmetricKeyType} key; a branch key must be Ed25519 (octroi branch-key create).`);
  }
  const publicKey = crypto.createPublicKey(privateKey);
  return {
    keyId: keyId(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign: (bytes) => crypto.sign(null, bytes, privateKey),
  };
}

/** Parses a branch public key (SPKI PEM); BranchKeyError when it is not an Ed25519 public key. */
export function parseBranchPublicKey(pem: string, what: string): { key: crypto.KeyObject; keyId: string } {
  let key: crypto.KeyObject;
  try {
    key = crypto.createPublicKey(pem);
  } catch {
    throw new BranchKeyError(`${what} is not a public key in PEM form (the .pub.pem file written by octroi branch-key create).`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new BranchKeyError(`${what} is an ${key.asymmetricKeyType} key; a branch key must be Ed25519.`);
  return { key, keyId: keyId(key) };
}

/** True when `signature` is the Ed25519 signature of `bytes` by `publicKey` (a KeyObject or a PEM). */
export function verifySignature(publicKey: crypto.KeyObject | string, bytes: Uint8Array, signature: Uint8Array): boolean {
  try {
    return crypto.verify(null, bytes, publicKey, signature);
  } catch {
    return false;
  }
}
