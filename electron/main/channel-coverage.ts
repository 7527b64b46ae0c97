/**
 * The boot check that every channel of the IPC contract has a handler. A channel without one would answer
 * 'unknown-channel' to a screen that calls it: a build like that is refused at start (error page, logged)
 * rather than served with a screen that fails later in front of a client. Pure: tested in plain Node.
 */
import { CHANNELS, type Channel } from '../shared/contract.js';

/** The channels of the contract that `registered` lacks, in contract order. */
export function channelsWithoutHandler(registered: readonly Channel[]): Channel[] {
  const present = new Set<Channel>(registered);
  return CHANNELS.filter((channel) => !present.has(channel));
}

/** Thrown by the boot sequence when some channels of the contract have no handler. */
export class MissingHandlersError extends Error {
  constructor(readonly missing: readonly Channel[]) {
    const listed = missing.slice(0, 10).join(', ') + (missing.length > 10 ? `, … (${missing.length} in all)` : '');
    super(
      `This build of Octroi is incomplete: ${missing.length} function${missing.length === 1 ? '' : 's'} of the application ha${missing.length === 1 ? 's' : 've'} no handler (${listed}). ` +
        'The application is not opened. Install a complete build of Octroi (IT support), then start it again.',
    );
    this.name = 'MissingHandlersError';
  }
}

/** Throws MissingHandlersError unless every channel of the contract is in `registered`. */
export function assertEveryChannelHandled(registered: readonly Channel[]): void {
  const missing = channelsWithoutHandler(registered);
  if (missing.length > 0) throw new MissingHandlersError(missing);
}
