/** The boot check that every channel of the contract has a handler (channel-coverage.ts), in plain Node. */
import { describe, expect, it } from 'vitest';
import { assertEveryChannelHandled, channelsWithoutHandler, MissingHandlersError } from '../../electron/main/channel-coverage.js';
import { CHANNELS } from '../../electron/shared/contract.js';

describe('channelsWithoutHandler', () => {
  it('is empty when every channel is registered, in any order', () => {
    expect(channelsWithoutHandler([...CHANNELS].reverse())).toEqual([]);
    expect(() => assertEveryChannelHandled(CHANNELS)).not.toThrow();
  });

  it('names the missing channels in contract order', () => {
    const missing = [CHANNELS[5]!, CHANNELS[1]!];
    expect(channelsWithoutHandler(CHANNELS.filter((c) => !missing.includes(c)))).toEqual([CHANNELS[1], CHANNELS[5]]);
  });
});

describe('MissingHandlersError', () => {
  it('says what is missing and what to do, in words for the person in front of the screen', () => {
    const error = (() => {
      try {
        assertEveryChannelHandled(CHANNELS.filter((c) => c !== 'letters:exportPdf'));
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(MissingHandlersError);
    expect((error as MissingHandlersError).missing).toEqual(['letters:exportPdf']);
    expect((error as Error).message).toBe(
      'This build of Octroi is incomplete: 1 function of the application has no handler (letters:exportPdf). The application is not opened. Install a complete build of Octroi (IT support), then start it again.',
    );
  });

  it('lists at most ten channels, then the count', () => {
    const error = new MissingHandlersError(CHANNELS.slice(0, 14));
    expect(error.message).toContain(`14 functions of the application have no handler (${CHANNELS.slice(0, 10).join(', ')}, … (14 in all))`);
  });
});
