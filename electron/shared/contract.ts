/**
 * The IPC contract: every verb the UI may call on main, named `domain:action`, with a zod schema for the
 * request and for the response; every type of the boundary is derived from CONTRACT (no hand-kept copy).
 * Nothing outside this contract crosses the boundary. Adding a verb = adding it to a contract-*.ts file.
 */
import type { z } from 'zod';
import { APPLICATION_CHANNELS } from './contract-applications.js';
import { AUTH_CHANNELS } from './contract-auth.js';
import { CLIENT_CHANNELS } from './contract-clients.js';
import { GOVERNANCE_CHANNELS } from './contract-governance.js';
import { EVENT_CHANNELS, MONITORING_CHANNELS } from './contract-monitoring.js';
import { POLICY_CHANNELS } from './contract-policy.js';
import { POPULATION_CHANNELS } from './contract-population.js';
import { SCORING_CHANNELS } from './contract-scoring.js';
import type { Result } from './errors.js';

/** The schemas of one channel. */
export interface ChannelSchemas {
  request: z.ZodTypeAny;
  response: z.ZodTypeAny;
}

/** Every request/response channel. */
export const CONTRACT = {
  ...CLIENT_CHANNELS,
  ...SCORING_CHANNELS,
  ...POPULATION_CHANNELS,
  ...POLICY_CHANNELS,
  ...APPLICATION_CHANNELS,
  ...MONITORING_CHANNELS,
  ...AUTH_CHANNELS,
  ...GOVERNANCE_CHANNELS,
} as const satisfies Record<`${string}:${string}`, ChannelSchemas>;

/** Every event channel (main → renderer pushes). */
export const EVENTS = EVENT_CHANNELS satisfies Record<`${string}:${string}`, z.ZodTypeAny>;

/** A request/response channel name. */
export type Channel = keyof typeof CONTRACT;
/** An event channel name. */
export type EventChannel = keyof typeof EVENTS;

/** The channel names, for registration checks and the preload. */
export const CHANNELS = Object.keys(CONTRACT) as Channel[];
/** The event channel names. */
export const EVENT_NAMES = Object.keys(EVENTS) as EventChannel[];

/** What a caller sends on a channel (the schema's input: optional fields may be left out). */
export type RequestOf<C extends Channel> = z.input<(typeof CONTRACT)[C]['request']>;
/** What a handler receives on a channel, once parsed. */
export type ParsedRequestOf<C extends Channel> = z.output<(typeof CONTRACT)[C]['request']>;
/** What a channel answers. */
export type ResponseOf<C extends Channel> = z.infer<(typeof CONTRACT)[C]['response']>;
/** The payload of an event. */
export type EventOf<E extends EventChannel> = z.infer<(typeof EVENTS)[E]>;

/** True when `value` is a channel of the contract (own key: "toString" or "__proto__" are not channels). */
export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(CONTRACT, value);
}

/** True when `value` is an event channel. */
export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EVENTS, value);
}

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type ActionOf<C extends string, D extends string> = C extends `${D}:${infer A}` ? A : never;

/** The domains of the contract (clients, scoring, …). */
export type Domain = DomainOf<Channel>;

/**
 * The object the preload exposes (declare it `satisfies Api`): one method per channel, grouped by domain
 * (`api.scoring.score({...})` calls 'scoring:score'), each resolving to the result envelope (never
 * rejecting); `on(event, listener)` subscribes to an event and returns the unsubscribe function.
 */
export type Api = {
  readonly [D in Domain]: {
    readonly [A in ActionOf<Channel, D>]: `${D}:${A}` extends infer C extends Channel ? (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>> : never;
  };
} & {
  readonly on: <E extends EventChannel>(event: E, listener: (payload: EventOf<E>) => void) => () => void;
};

/** The domain and action of a channel ('scoring:score' → scoring, score): how the preload groups verbs. */
export function splitChannel(channel: Channel): { domain: Domain; action: string } {
  const [domain, action] = channel.split(':') as [Domain, string];
  return { domain, action };
}
