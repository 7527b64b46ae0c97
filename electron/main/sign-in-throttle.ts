/**
 * Slows down password guessing at the sign-in screen: after 5 failures for a user name, each further
 * attempt must wait, 30 s then doubling up to 15 min. Kept per user name (known or not, so the answer
 * does not reveal which names exist), in memory: a restart of the app is not a cheap way around it
 * on a workstation, and the hashes cost ~0.1 s each anyway.
 */

/** Failures allowed before the waits start. */
export const FREE_ATTEMPTS = 5;
const FIRST_WAIT_MS = 30_000;
const MAX_WAIT_MS = 15 * 60_000;
const MAX_TRACKED = 1000;

interface Failures {
  count: number;
  lockedUntil: number;
}

/** Sign-in failures per user name, and the wait they impose. */
export class SignInThrottle {
  private readonly failures = new Map<string, Failures>();

  /** Milliseconds to wait before `username` may try again (0: now). */
  waitMs(username: string, now = Date.now()): number {
    const entry = this.failures.get(username.toLowerCase());
    return entry ? Math.max(0, entry.lockedUntil - now) : 0;
  }

  /** Records a failure; returns the wait it imposes from now (0 within the free attempts). */
  fail(username: string, now = Date.now()): number {
    const key = username.toLowerCase();
    const entry = this.failures.get(key) ?? { count: 0, lockedUntil: 0 };
    entry.count++;
    const wait = entry.count < FREE_ATTEMPTS ? 0 : Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** (entry.count - FREE_ATTEMPTS));
    entry.lockedUntil = now + wait;
    this.failures.delete(key);
    this.failures.set(key, entry);
    // Bounded memory: forget the oldest names when someone sprays thousands of them.
    if (this.failures.size > MAX_TRACKED) this.failures.delete(this.failures.keys().next().value!);
    return wait;
  }

  /** Forgets the failures of a user name (after a successful sign-in). */
  succeed(username: string): void {
    this.failures.delete(username.toLowerCase());
  }
}

/** A wait in words: "45 seconds", "4 minutes". */
export function waitInWords(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return `${seconds} second${seconds === 1 ? '' : 's'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minutes`;
}
