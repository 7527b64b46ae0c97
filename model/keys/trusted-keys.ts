import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lang } from '../../common/lang.js';
import { message } from '../../common/messages/catalogue.js';
import { keyId, ModelVerificationError } from '../model-file/model-signature.js';

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

/**
 * Why a workstation refuses to score: no model key is trusted at all (an installed app with nothing
 * deployed), the model in use is signed with the DEMO key (never trusted by an installed app), or with
 * another key that is not trusted here. The app still opens; every verb that needs the model refuses.
 */
export type ScoringDisabledReason = 'no-trusted-key' | 'demo-key-model' | 'untrusted-model-key';

/** A refusal to score, with what its message names: the machine-wide key folder, and the model's signer. */
export interface ScoringDisabled {
  reason: ScoringDisabledReason;
  /** The machine-wide folder IT deploys keys into, on this OS (machineTrustedKeysDir). */
  folder: string;
  /** The key id the model is signed with ('untrusted-model-key', 'demo-key-model'); null otherwise. */
  keyId: string | null;
}

/** The refusal of a run that trusts no key (production with nothing deployed). */
export function noTrustedKey(folder: string = machineTrustedKeysDir()): ScoringDisabled {
  return { reason: 'no-trusted-key', folder, keyId: null };
}

/**
 * The refusal a model's verification error means, when it is one of trust (signed by a key not trusted
 * here: the DEMO key in an installed app, or another); null for every other failure (an altered file, a
 * bad signature, missing metadata), which stays an error.
 */
export function untrustedModel(error: unknown, folder: string = machineTrustedKeysDir()): ScoringDisabled | null {
  if (!(error instanceof ModelVerificationError) || error.check !== 'untrusted-key' || !error.signedBy) return null;
  return { reason: error.signedBy === demoKeyId() ? 'demo-key-model' : 'untrusted-model-key', folder, keyId: error.signedBy };
}

/** A refusal to score in words for IT (the typed catalogue, common/messages: scoringDisabled.*). */
export function scoringDisabledMessage(disabled: ScoringDisabled, lang: Lang = 'en'): string {
  return message(lang, `scoringDisabled.${disabled.reason}`, { folder: disabled.folder, keyId: disabled.keyId ?? '' });
}
