import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The demo public key shipped in the repository (model/keys, beside this file). */
export const DEMO_PUBLIC_KEY_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo-signing-key.pub.pem');
/** The demo private key: for development and the demo model only, never for production. */
export const DEMO_PRIVATE_KEY_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo-signing-key.DEMO-ONLY.pem');

/**
 * The public keys whose signatures this installation accepts: the PEM files listed in
 * OCTROI_TRUSTED_KEYS (path-separated), else the demo key.
 */
export function trustedPublicKeys(env: NodeJS.ProcessEnv = process.env): string[] {
  const configured = env.OCTROI_TRUSTED_KEYS?.split(path.delimiter).filter(Boolean);
  const files = configured?.length ? configured : [DEMO_PUBLIC_KEY_PATH];
  return files.map((file) => fs.readFileSync(file, 'utf8'));
}
