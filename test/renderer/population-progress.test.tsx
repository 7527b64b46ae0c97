// @vitest-environment jsdom
/**
 * The population's materialisation under the header: the state population:status gives when the screen
 * opens, then each population:progress event (checked against the contract by createApi); after an
 * install, which model the figures come from meanwhile; nothing once it is done. In both languages.
 */
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApi, type ApiTransport } from '../../electron/shared/contract-api';
import type { EventChannel, EventOf } from '../../electron/shared/contract';

type Progress = EventOf<'population:progress'>;
const listeners = new Set<(payload: unknown) => void>();
let status: Progress | null = null;
const transport: ApiTransport = {
  invoke: async (channel) => (channel === 'population:status' ? { ok: true, value: status } : { ok: false, error: { code: 'internal', message: 'not in this test' } }),
  subscribe: (_event: EventChannel, listener) => (listeners.add(listener), () => listeners.delete(listener)),
};
const emit = (progress: Progress) => act(() => listeners.forEach((listener) => listener(progress)));

let PopulationProgress: typeof import('../../renderer/src/components/population-progress').PopulationProgress;
let i18next: typeof import('../../renderer/src/i18n/i18n').i18next;

beforeAll(async () => {
  // The page's Api is read when its module loads (window.octroi, as the preload exposes it).
  (window as unknown as { octroi: unknown }).octroi = createApi(transport);
  ({ PopulationProgress } = await import('../../renderer/src/components/population-progress'));
  ({ i18next } = await import('../../renderer/src/i18n/i18n'));
});
afterEach(() => {
  cleanup();
  status = null;
});

describe.each([
  { lang: 'en', scores: 'Computing the population’s scores under model m-2: 512 of 1,024 clients (50%).', serving: 'figures of model m-1' },
  { lang: 'fr', scores: 'Calcul des scores de la population par le modèle m-2 : 512 clients sur 1 024 (50 %).', serving: 'chiffres du modèle m-1' },
])('PopulationProgress ($lang)', ({ lang, scores, serving }) => {
  it('shows the running install from population:status, follows the events, says which model serves, and disappears when done', async () => {
    await i18next.changeLanguage(lang);
    status = { stage: 'scores', clients: 512, total: 1024, modelVersion: 'm-2', servingModelVersion: 'm-1', done: false };
    render(<PopulationProgress />);
    const box = await screen.findByTestId('population-progress');
    expect(box.textContent!.replace(/\u202f|\u00a0/g, ' ')).toContain(scores.replace(/\u202f|\u00a0/g, ' '));
    expect(box.textContent).toContain(serving);
    expect(screen.getByRole('progressbar').getAttribute('value')).toBe('512');
    emit({ stage: 'scores', clients: 1024, total: 1024, modelVersion: 'm-2', servingModelVersion: 'm-1', done: false });
    expect(screen.getByRole('progressbar').getAttribute('value')).toBe('1024');
    emit({ stage: 'scores', clients: 1024, total: 1024, modelVersion: 'm-2', servingModelVersion: 'm-1', done: true });
    expect(screen.queryByTestId('population-progress')).toBeNull();
  });

  it('shows nothing when no materialisation runs, then a features rebuild without a serving note', async () => {
    await i18next.changeLanguage(lang);
    render(<PopulationProgress />);
    await act(async () => undefined);
    expect(screen.queryByTestId('population-progress')).toBeNull();
    emit({ stage: 'features', clients: 0, total: 1024, modelVersion: 'm-1', servingModelVersion: 'm-1', done: false });
    const box = screen.getByTestId('population-progress');
    expect(box.textContent).not.toContain(serving);
    expect(box.querySelectorAll('p')).toHaveLength(1);
  });
});
