/**
 * Password hashing for local accounts: scrypt from node:crypto, a random salt per password, the
 * parameters stored with the hash so they can be raised later without breaking existing accounts.
 */
import crypto from 'node:crypto';

// Why scrypt with N=2^15, r=8, p=1: OWASP's Password Storage Cheat Sheet lists scrypt with at least
// N=2^17, r=8, p=1 or an equivalent work factor; 2^15 (32 MiB, ~0.1 s here) keeps sign-in quick on a
// branch workstation while costing an attacker with a stolen file as much per guess.
// https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#scrypt
const N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
/** scrypt needs 128·N·r bytes (32 MiB here); Node refuses above 32 MiB by default, so the ceiling is raised. */
const maxmemFor = (n: number, r: number) => 128 * n * r * 2;

/** The shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 1024;

/** Why a password is not acceptable, in words for the person choosing it; null when it is. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `The password must have at least ${MIN_PASSWORD_LENGTH} characters (it has ${password.length}).`;
  if (password.length > MAX_PASSWORD_LENGTH) return `The password must have at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (password.trim() !== password) return 'The password must not start or end with a space.';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'The password must not contain the user name.';
  if (new Set(password).size < 4) return 'The password must not repeat the same few characters (use at least 4 different ones).';
  return null;
}

/** Hashes a password as `scrypt$N$r$p$<salt base64>$<key base64>`. */
export function hashPassword(password: string): string {
  const salt = crypto.randomBytes(SALT_BYTES);
  const key = crypto.scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, { N, r: R, p: P, maxmem: maxmemFor(N, R) });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** True when `password` matches a stored hash; false for a wrong password or a malformed hash (never throws). */
export function verifyPassword(password: string, stored: string): boolean {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // Bounds on the stored parameters: a hash edited in the file must not make sign-in allocate gigabytes.
  if (![n, r, p].every(Number.isSafeInteger) || n < 2 || n > 2 ** 20 || (n & (n - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (salt.length < 8 || expected.length < 16) return false;
  const key = crypto.scryptSync(password.normalize('NFC'), salt, expected.length, { N: n, r, p, maxmem: maxmemFor(n, r) });
  // Constant-time comparison: how many leading bytes match must not show in the time taken.
  return crypto.timingSafeEqual(key, expected);
}

let dummy: string | undefined;
/** A hash of a random password (made once, on first use): checked when the user name is unknown, so both cases take as long. */
export function dummyPasswordHash(): string {
  return (dummy ??= hashPassword(crypto.randomBytes(18).toString('base64')));
}
