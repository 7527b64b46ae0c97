import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';

/** The signature file written beside a model file (`model.onnx.sig`). */
export const ModelSignatureSchema = z.object({
  format: z.literal(1),
  algorithm: z.literal('ed25519'),
  /** sha256 of the model file's bytes, hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Ed25519 signature over the model file's bytes, base64. */
  signature: z.string().min(1),
  /** sha256 (hex, first 16) of the signing public key, to say which key signed. */
  keyId: z.string(),
  signedAt: z.string(),
});
export type ModelSignature = z.infer<typeof ModelSignatureSchema>;

/** The path of the signature file of a model file. */
export function signaturePath(modelPath: string): string {
  return `${modelPath}.sig`;
}

/** A short, stable identifier of a public key (sha256 of its DER form). */
export function keyId(publicKey: crypto.KeyObject): string {
  return crypto.createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** Signs a model file with an Ed25519 private key (PEM) and writes `<model>.sig`. */
export function signModelFile(modelPath: string, privateKeyPem: string): ModelSignature {
  const privateKey = crypto.createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`The signing key must be an Ed25519 key, not ${privateKey.asymmetricKeyType}.`);
  }
  const bytes = fs.readFileSync(modelPath);
  const signature: ModelSignature = {
    format: 1,
    algorithm: 'ed25519',
    sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    signature: crypto.sign(null, bytes, privateKey).toString('base64'),
    keyId: keyId(crypto.createPublicKey(privateKey)),
    signedAt: new Date().toISOString(),
  };
  fs.writeFileSync(signaturePath(modelPath), `${JSON.stringify(signature, null, 2)}\n`);
  return signature;
}

/** Why a model file was refused; `check` says which check failed. */
export class ModelVerificationError extends Error {
  constructor(
    readonly check: 'signature-file' | 'hash' | 'signature' | 'untrusted-key' | 'features' | 'metadata',
    message: string,
    /** The id of the key that signed the file ('untrusted-key': the key this installation does not trust). */
    readonly signedBy?: string,
  ) {
    super(message);
    this.name = 'ModelVerificationError';
  }
}

/**
 * Verifies a model file's bytes against its signature file: the hash, then the Ed25519 signature by one
 * of the trusted public keys. Returns the file's bytes (verified) so that the caller loads exactly what
 * was checked, never a file swapped in between.
 */
export function verifyModelFile(modelPath: string, trustedPublicKeysPem: readonly string[]): { bytes: Buffer; signature: ModelSignature } {
  const sigPath = signaturePath(modelPath);
  let parsed: ModelSignature;
  try {
    parsed = ModelSignatureSchema.parse(JSON.parse(fs.readFileSync(sigPath, 'utf8')));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'is missing' : 'is not a valid signature file';
    throw new ModelVerificationError('signature-file', `The model ${modelPath} was refused: its signature file ${sigPath} ${reason}.`);
  }
  const bytes = fs.readFileSync(modelPath);
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== parsed.sha256) {
    throw new ModelVerificationError(
      'hash',
      `The model ${modelPath} was refused: its content (sha256 ${sha256.slice(0, 12)}…) is not the signed content ` +
        `(${parsed.sha256.slice(0, 12)}…). The file was altered or replaced after signing.`,
    );
  }
  const keys = trustedPublicKeysPem.map((pem) => crypto.createPublicKey(pem));
  const key = keys.find((k) => keyId(k) === parsed.keyId);
  if (!key) {
    throw new ModelVerificationError(
      'untrusted-key',
      `The model ${modelPath} was refused: it is signed by key ${parsed.keyId}, which this installation does not trust.`,
      parsed.keyId,
    );
  }
  if (!crypto.verify(null, bytes, key, Buffer.from(parsed.signature, 'base64'))) {
    throw new ModelVerificationError('signature', `The model ${modelPath} was refused: its signature is not valid.`);
  }
  return { bytes, signature: parsed };
}
