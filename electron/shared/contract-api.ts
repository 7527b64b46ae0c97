/**
 * Builds the `Api` object from a transport: the preload passes ipcRenderer.invoke/on wrappers, the
 * browser preview a loopback client; both then expose the same verbs. Answers are checked against the
 * contract on arrival (a broken transport or a main answering outside the contract gives an 'internal'
 * envelope, never a rejected promise), and events that do not match their schema are dropped.
 */
import { CHANNELS, CONTRACT, EVENTS, splitChannel, type Api, type Channel, type EventChannel } from './contract.js';
import { fail, resultSchema, type Result } from './errors.js';

/** How verbs and events travel: `invoke` sends a request and resolves to the raw envelope. */
export interface ApiTransport {
  invoke(channel: Channel, request: unknown): Promise<unknown>;
  /** Calls `listener` with each raw payload of an event; returns the unsubscribe function. */
  subscribe(event: EventChannel, listener: (payload: unknown) => void): () => void;
}

const envelopes = new Map(CHANNELS.map((channel) => [channel, resultSchema(CONTRACT[channel].response)]));

/** The Api over a transport (declare the preload's object with `satisfies Api`). */
export function createApi(transport: ApiTransport): Api {
  const domains: Record<string, Record<string, (request: unknown) => Promise<Result<unknown>>>> = {};
  for (const channel of CHANNELS) {
    const { domain, action } = splitChannel(channel);
    (domains[domain] ??= {})[action] = async (request: unknown) => {
      let raw: unknown;
      try {
        raw = await transport.invoke(channel, request);
      } catch {
        return fail('internal', `${channel}: the application did not answer.`);
      }
      const parsed = envelopes.get(channel)!.safeParse(raw);
      return parsed.success ? (parsed.data as Result<unknown>) : fail('internal', `${channel}: the answer does not match the contract.`);
    };
  }
  const on = (event: EventChannel, listener: (payload: unknown) => void) =>
    transport.subscribe(event, (payload) => {
      const parsed = EVENTS[event].safeParse(payload);
      if (parsed.success) listener(parsed.data);
    });
  // The cast is the one place the generic construction meets the mapped type; contract-api tests call every verb.
  for (const methods of Object.values(domains)) Object.freeze(methods);
  return Object.freeze({ ...domains, on }) as unknown as Api;
}
