/**
 * Contract channels of sign-in and accounts. The session lives in main: the renderer asks `auth:status`
 * at start and after any 'unauthenticated' error, shows the sign-in screen when `user` is null, and calls
 * `auth:lock` after `lockAfterMinutes` without input (main also treats a session idle that long as
 * signed out, so a renderer that forgets still locks). Accounts are managed by managers only.
 */
import { z } from 'zod';
import { count, text, timestamp } from './contract-common.js';

/** A role: officers score and record decisions; managers also set the policy, review contests, install models, manage accounts. */
export const RoleSchema = z.enum(['officer', 'manager']);

/** The signed-in user (handler-services.ts SessionUser). */
export const SessionUserSchema = z
  .object({ userId: z.number().int().positive(), username: text(64).min(1), displayName: text(100), role: RoleSchema, branch: text(100) })
  .strict();

/** An account as managers see it (never its password hash). */
export const UserSchema = SessionUserSchema.extend({ createdAt: timestamp(), disabledAt: timestamp().nullable() }).strict();

/** A user name as typed at sign-in (checked against the accounts, not against a pattern: no hint given). */
const UsernameInputSchema = z.string().trim().min(1).max(64);

/**
 * Why this workstation refuses to score (model/keys/trusted-keys.ts ScoringDisabled): the window shows a
 * banner for IT with the catalogue's words for the reason (common/messages scoringDisabled.*), naming the
 * machine-wide key folder and the key the model is signed with.
 */
export const ScoringDisabledSchema = z
  .object({ reason: z.enum(['no-trusted-key', 'demo-key-model', 'untrusted-model-key']), folder: text(500), keyId: text(64).nullable() })
  .strict();

/** The sign-in and accounts verbs. */
export const AUTH_CHANNELS = {
  /**
   * Who is signed in (null: show the sign-in screen), the inactivity lock delay, whether any account
   * exists, whether models signed with the public DEMO key are accepted (development and the preview
   * only; the header then says so), and why scoring is refused on this workstation (null: it is not).
   */
  'auth:status': {
    request: z.object({}).strict(),
    response: z
      .object({ user: SessionUserSchema.nullable(), lockAfterMinutes: count(), hasUsers: z.boolean(), demoKeyTrusted: z.boolean(), scoringDisabled: ScoringDisabledSchema.nullable() })
      .strict(),
  },
  /**
   * Signs in. A wrong user name or password gives 'unauthenticated' with one message for both (it never
   * says which was wrong); after 5 failures for a user name, sign-in is refused for a delay that grows
   * with each further failure, and the message says how long to wait.
   */
  'auth:signIn': {
    request: z.object({ username: UsernameInputSchema, password: z.string().min(1).max(1024) }).strict(),
    response: SessionUserSchema,
  },
  /** Signs out (no error when nobody is signed in). */
  'auth:signOut': {
    request: z.object({}).strict(),
    response: z.object({}).strict(),
  },
  /** Locks the session after inactivity: the user signs in again to go on. */
  'auth:lock': {
    request: z.object({}).strict(),
    response: z.object({}).strict(),
  },
  /** Every account (managers only). */
  'users:list': {
    request: z.object({}).strict(),
    response: z.object({ users: z.array(UserSchema).max(10_000) }).strict(),
  },
  /** Creates an account (managers only); 'validation' names the field at fault (password rules: at least 10 characters…), 'conflict' a taken name. */
  'users:create': {
    request: z
      .object({
        username: z.string().trim().min(2).max(64),
        displayName: z.string().trim().min(1).max(100),
        role: RoleSchema,
        branch: z.string().trim().max(100),
        password: z.string().min(1).max(1024),
      })
      .strict(),
    response: UserSchema,
  },
  /** Disables an account (managers only; not one's own): it can no longer sign in, its records stay. */
  'users:disable': {
    request: z.object({ username: z.string().trim().min(1).max(64) }).strict(),
    response: UserSchema,
  },
} as const;
