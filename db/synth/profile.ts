import fs from 'node:fs';
import type { SynthProfile } from './profile-types.js';

let cached: SynthProfile | null = null;

/** The committed profile (db/synth/profile.json), read once per process. */
export function loadProfile(): SynthProfile {
  if (!cached) {
    const text = fs.readFileSync(new URL('./profile.json', import.meta.url), 'utf8');
    const profile = JSON.parse(text) as SynthProfile;
    if (profile.version !== 1) throw new Error(`Unsupported synthetic profile version ${String(profile.version)}`);
    cached = profile;
  }
  return cached;
}

/** The column glossary's original bytes (cp1252), shipped beside the profile. */
export function glossaryBytes(): Buffer {
  return fs.readFileSync(new URL('./HomeCredit_columns_description.csv', import.meta.url));
}
