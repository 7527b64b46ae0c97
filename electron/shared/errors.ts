/**
 * Errors as data across the IPC boundary: the fixed list of error codes, the result envelope every
 * channel returns, and the DomainError handlers throw to give one of those codes. Pure TS (no Electron,
 * no Node): main, preload, the browser preview and the renderer all import it.
 */
import { z } from 'zod';

/** Every error code a channel may return; the renderer switches on these, never on messages. */
export const ERROR_CODES = [
  /** The payload does not match the channel's request schema. */
  'invalid-request',
  /** The channel is not in the contract (or has no handler registered). */
  'unknown-channel',
  /** The message did not come from our window's main frame at our origin. */
  'forbidden-sender',
  /** No user is signed in (or the session was locked): the renderer shows the sign-in screen. */
  'unauthenticated',
  /** The user's role does not allow this verb (e.g. policy:setThreshold for a non-manager). */
  'forbidden',
  /** The thing asked for does not exist (client, decision, feature). */
  'not-found',
  /** The data is well formed but not acceptable (an application with invalid fields). */
  'validation',
  /** The model could not give an answer (no model loaded, signature refused, scoring failed). */
  'model-refused',
  /**
   * Scoring is off on this workstation (no trusted model key deployed, or the model's signer not trusted):
   * every verb that needs the model answers this, in words for IT; the rest of the app works.
   */
  'scoring-disabled',
  /** The operation conflicts with the current state (an import already running, a decision already recorded). */
  'conflict',
  /** The database is held by another program (an import, a backup) longer than a request may wait: nothing was written, try again. */
  'busy',
  /** The user cancelled a dialog the verb opened (save, open). */
  'cancelled',
  /** A bug or an unexpected failure in main: logged there, never detailed to the renderer. */
  'internal',
] as const;

/** One of ERROR_CODES. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem of a request or a record, by place: `path` is dotted ("record.AMT_CREDIT"), "" for the whole. */
export const IssueSchema = z.object({ path: z.string().max(200), message: z.string().max(500) }).strict();
/** One problem of a request or a record. */
export type Issue = z.infer<typeof IssueSchema>;

/** The error half of the envelope; `issues` lists field problems for 'invalid-request' and 'validation'. */
export const IpcErrorSchema = z
  .object({
    code: z.enum(ERROR_CODES),
    message: z.string().max(2000),
    issues: z.array(IssueSchema).max(200).optional(),
  })
  .strict();
/** The error half of the envelope. */
export type IpcError = z.infer<typeof IpcErrorSchema>;

/** What every channel returns: a value, or an error as data (never a rejected promise). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** The envelope's schema around one response schema (the browser preview checks what it receives). */
export function resultSchema<T extends z.ZodTypeAny>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }).strict(),
    z.object({ ok: z.literal(false), error: IpcErrorSchema }).strict(),
  ]);
}

/** A success envelope. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** A failure envelope. */
export function fail(code: ErrorCode, message: string, issues?: Issue[]): { ok: false; error: IpcError } {
  return { ok: false, error: issues ? { code, message, issues } : { code, message } };
}

/** An expected failure a handler throws; its code and message reach the renderer unchanged. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
