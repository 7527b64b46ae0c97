/**
 * The browser side of the preview: an ApiTransport for createApi() that sends each verb as
 * POST /ipc/<channel> with the run's token, and receives events over Server-Sent Events (/events).
 * Browser-safe (fetch and EventSource only, no Node module); the renderer builds its Api from it when
 * `window.octroi` (the preload) is absent.
 */
import type { ApiTransport } from '../shared/contract-api.js';
import type { Channel, EventChannel } from '../shared/contract.js';

/** The part of the browser's EventSource the transport uses. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: { data: string }) => void): void;
  removeEventListener(type: string, listener: (event: { data: string }) => void): void;
  close(): void;
}

/** Options of createPreviewTransport. */
export interface PreviewTransportOptions {
  /** The preview server's origin, e.g. http://127.0.0.1:5180 (location.origin in the page). */
  origin: string;
  /** The run's token (tokenFromFragment(location.hash) in the page). */
  token: string;
  /** Defaults to globalThis.fetch. */
  fetch?: typeof fetch;
  /** Defaults to globalThis.EventSource. */
  EventSource?: new (url: string) => EventSourceLike;
}

/** The token from a page URL fragment "#token=…" (where the launcher puts it), or null. */
export function tokenFromFragment(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token && /^[0-9a-f]{64}$/.test(token) ? token : null;
}

/** A transport to the preview server; one EventSource is shared by all subscriptions, opened on first use. */
export function createPreviewTransport(options: PreviewTransportOptions): ApiTransport {
  const origin = options.origin.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  let source: EventSourceLike | null = null;
  let listeners = 0;

  function eventSource(): EventSourceLike {
    if (source) return source;
    const Ctor = options.EventSource ?? (globalThis as { EventSource?: new (url: string) => EventSourceLike }).EventSource;
    if (!Ctor) throw new Error('preview transport: EventSource is not available');
    source = new Ctor(`${origin}/events?token=${encodeURIComponent(options.token)}`);
    return source;
  }

  return {
    async invoke(channel: Channel, request: unknown): Promise<unknown> {
      const response = await doFetch(`${origin}/ipc/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'x-octroi-token': options.token, 'content-type': 'application/json' },
        body: JSON.stringify(request ?? null),
      });
      // Refusals (403, 413, 400) carry an error envelope too; createApi checks whatever arrives.
      return response.json();
    },
    subscribe(event: EventChannel, listener: (payload: unknown) => void): () => void {
      const target = eventSource();
      const onMessage = (message: { data: string }) => {
        let payload: unknown;
        try {
          payload = JSON.parse(message.data);
        } catch {
          return; // Not JSON: dropped, as createApi drops payloads outside the contract.
        }
        listener(payload);
      };
      target.addEventListener(event, onMessage);
      listeners += 1;
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        target.removeEventListener(event, onMessage);
        listeners -= 1;
        // The last unsubscribe closes the stream (a later subscribe opens a new one).
        if (listeners === 0 && source === target) {
          target.close();
          source = null;
        }
      };
    },
  };
}
