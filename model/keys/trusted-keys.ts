import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { keyId } from '../model-file/model-signature.js';

/** The demo public key shipped in the repository (model/keys, beside this file). */
export const DEMO_PUBLIC_KEY_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo-signing-key.pub.pem');
/** The demo private key: for development and the demo model only, never for production. */
export const DEMO_PRIVATE_KEY_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo-signing-key.DEMO-ONLY.pem');

/**
 * Whose signatures a run accepts. A packaged app ('production') trusts only the bank's keys and never the
 * DEMO key, whose private half is public in this repository; development runs, the preview and the CLI
 * ('development') fall back to the DEMO key when nothing is configured.
 */
export type TrustMode = 'production' | 'development';

/**
 * The machine-wide folder IT deploys the bank's public keys into (every `*.pem` in it is trusted):
 * `%ProgramData%\Octroi\trusted-keys` on Windows, `/Library/Application Support/Octroi/trusted-keys` on
 * macOS, `/etc/octroi/trusted-keys` elsewhere. Writable by administrators only on a managed workstation.
 */
export function machineTrustedKeysDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Octroi', 'trusted-keys');
  if (platform === 'darwin') return '/Library/Application Support/Octroi/trusted-keys';
  return '/etc/octroi/trusted-keys';
}

/** The key id of a PEM public key (model-signature.ts keyId). */
const pemKeyId = (pem: string) => keyId(crypto.createPublicKey(pem));

/** The DEMO public key's id. */
export function demoKeyId(): string {
  return pemKeyId(fs.readFileSync(DEMO_PUBLIC_KEY_PATH, 'utf8'));
}

/** True when the DEMO key is among `keys` (the header then says "DEMO key trusted"). */
export function demoKeyTrusted(keys: readonly string[]): boolean {
  const demo = demoKeyId();
  return keys.some((pem) => pemKeyId(pem) === demo);
}

/** Options of trustedPublicKeys. */
export interface TrustOptions {
  env?: NodeJS.ProcessEnv;
  mode?: TrustMode;
  /** The machine-wide folder (default machineTrustedKeysDir()). */
  machineDir?: string;
}

/**
 * The public keys (PEM) whose signatures this run accepts: the files listed in OCTROI_TRUSTED_KEYS
 * (path-separated), else every `*.pem` of the machine-wide folder, else — in development only — the DEMO
 * key. In production the DEMO key is removed even when listed, and the list may be empty: the app then
 * opens but refuses every model (it tells IT so).
 */
export function trustedPublicKeys(options: TrustOptions = {}): string[] {
  const env = options.env ?? process.env;
  const mode = options.mode ?? 'development';
  const configured = env.OCTROI_TRUSTED_KEYS?.split(path.delimiter).filter(Boolean) ?? [];
  const machineDir = options.machineDir ?? machineTrustedKeysDir(process.platform, env);
  const deployed = configured.length
    ? configured
    : fs.existsSync(machineDir)
      ? fs.readdirSync(machineDir).filter((name) => name.endsWith('.pem')).sort().map((name) => path.join(machineDir, name))
      : [];
  const files = deployed.length || mode === 'production' ? deployed : [DEMO_PUBLIC_KEY_PATH];
  const keys = files.map((file) => fs.readFileSync(file, 'utf8'));
  if (mode === 'development') return keys;
  const demo = demoKeyId();
  return keys.filter((pem) => pemKeyId(pem) !== demo);
}

/** The message to IT when a production run trusts no key. */
export function noTrustedKeyMessage(machineDir: string = machineTrustedKeysDir()): string {
  return (
    'No model signing key is trusted on this workstation, so no model can be loaded and no client scored. ' +
    `IT: deploy the bank's public key(s) (PEM) in ${machineDir}, or list them in OCTROI_TRUSTED_KEYS. ` +
    'The DEMO key is never trusted by an installed Octroi.'
  );
}
