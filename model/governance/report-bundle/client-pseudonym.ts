/**
 * Pseudonymised client ids for the report bundle (`octroi report export --pseudonymise-key FILE`): each
 * client id becomes HMAC-SHA256(key, decimal id) in hex. IT keeps the key (a secret of at least 32
 * bytes, never sent): the same id always gives the same pseudonym with the same key, so HQ can join a
 * branch's outcomes to its score events across bundles, and cannot go back to the id without the key
 * (a plain hash of an id could be reversed by hashing every possible id; a keyed one cannot).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';

/** The key file cannot be used; the message says why and how to make one. */
export class PseudonymKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PseudonymKeyError';
  }
}

/** Shortest key accepted: HMAC-SHA256's own block of security. */
export const PSEUDONYM_KEY_MIN_BYTES = 32;

export interface ClientPseudonymiser {
  /** Names the key without revealing it (HMAC of a fixed label, 16 hex): a key change shows in the manifest. */
  keyId: string;
  pseudonym(clientId: number): string;
}

/** A pseudonymiser with this secret. */
export function clientPseudonymiser(secret: Buffer): ClientPseudonymiser {
  if (secret.length < PSEUDONYM_KEY_MIN_BYTES) {
    throw new PseudonymKeyError(`a pseudonymisation key must hold at least ${PSEUDONYM_KEY_MIN_BYTES} bytes of secret, this one holds ${secret.length}.`);
  }
  const hmac = (text: string) => crypto.createHmac('sha256', secret).update(text, 'utf8').digest('hex');
  return { keyId: hmac('octroi pseudonym key id').slice(0, 16), pseudonym: (clientId) => hmac(String(clientId)) };
}

/** Reads the key file (its bytes, a final line break ignored) as a pseudonymiser. */
export function loadPseudonymKey(file: string): ClientPseudonymiser {
  const howTo = `make one with: head -c 32 /dev/urandom > ${file} (keep it where IT keeps secrets; the same file for every export of the branch)`;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PseudonymKeyError(
      code === 'ENOENT' ? `--pseudonymise-key ${file} does not exist: ${howTo}.` : `--pseudonymise-key ${file} cannot be read (${code ?? 'error'}).`,
    );
  }
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 0x0a) end--;
  if (end > 0 && bytes[end - 1] === 0x0d) end--;
  const secret = bytes.subarray(0, end);
  if (secret.length < PSEUDONYM_KEY_MIN_BYTES) {
    throw new PseudonymKeyError(`--pseudonymise-key ${file} holds ${secret.length} bytes; a key needs at least ${PSEUDONYM_KEY_MIN_BYTES}: ${howTo}.`);
  }
  return clientPseudonymiser(secret);
}
