// @vitest-environment jsdom
/** The what-if controls in a DOM: moving the slider or typing a threshold flips the client's decision and updates the population's figures, without any call. */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { i18next } from '../../renderer/src/i18n/i18n';
import type { CurvePoint } from '../../renderer/src/pages/threshold/threshold-what-if';
import '../../renderer/src/pages/threshold/threshold.i18n';
import { WhatIfControls } from '../../renderer/src/pages/threshold/what-if-controls';

const CURVE: CurvePoint[] = [
  { threshold: 0.05, cost: 0.8, grantRate: 0.3, defaultRate: 0.01 },
  { threshold: 0.1, cost: 0.5, grantRate: 0.6, defaultRate: 0.03 },
  { threshold: 0.15, cost: 0.4, grantRate: 0.75, defaultRate: 0.05 },
  { threshold: 0.2, cost: 0.45, grantRate: 0.85, defaultRate: 0.07 },
];

/** The controls with their state, as the page holds it. */
function Harness({ probability }: { probability: number }) {
  const [whatIf, setWhatIf] = useState(0.1);
  return <WhatIfControls policy={{ threshold: 0.1, curve: CURVE }} whatIf={whatIf} onChange={setWhatIf} client={{ clientId: 100002, probability }} />;
}

beforeAll(async () => {
  await i18next.changeLanguage('en');
});
afterEach(cleanup);

describe('WhatIfControls', () => {
  it('flips the client from refused to granted as the slider passes its probability, and back', () => {
    render(<Harness probability={0.12} />);
    const decision = screen.getByTestId('what-if-decision');
    expect(decision.dataset.decision).toBe('refused');
    expect(screen.getByTestId('what-if-client').textContent).toContain('Under this threshold the client would be refused.');
    expect(screen.getByTestId('what-if-client').textContent).toContain('Same decision as under the threshold in force.');

    const slider = screen.getByTestId('threshold-slider') as HTMLInputElement;
    act(() => {
      fireEvent.change(slider, { target: { value: '0.125' } });
    });
    expect(screen.getByTestId('what-if-decision').dataset.decision).toBe('granted');
    expect(screen.getByTestId('what-if-client').textContent).toContain('Under this threshold the client would be granted.');
    expect(screen.getByTestId('what-if-client').textContent).toContain('Under the threshold in force, the client is refused.');
    // The population's figures read the curve at 0.125.
    expect(screen.getByTestId('what-if-approval').textContent).toBe('67.5%');
    expect(screen.getByTestId('what-if-defaults').textContent).toBe('4.0%');
    expect(screen.getByTestId('what-if-cost').textContent).toBe('0.450');
    expect((screen.getByTestId('threshold-number') as HTMLInputElement).value).toBe('0.125');

    // At exactly the client's probability: refused (the model's rule).
    act(() => {
      fireEvent.change(slider, { target: { value: '0.12' } });
    });
    expect(screen.getByTestId('what-if-decision').dataset.decision).toBe('refused');
  });

  it('takes a typed threshold, says when it is out of range, and resets to the policy', () => {
    render(<Harness probability={0.12} />);
    const number = screen.getByTestId('threshold-number') as HTMLInputElement;
    act(() => {
      fireEvent.change(number, { target: { value: '0.13' } });
    });
    expect(screen.getByTestId('what-if-decision').dataset.decision).toBe('granted');
    expect((screen.getByTestId('threshold-slider') as HTMLInputElement).value).toBe('0.13');
    act(() => {
      fireEvent.change(number, { target: { value: '0.9' } });
    });
    expect(screen.getByRole('alert').textContent).toBe('Enter a number between 0.050 and 0.200.');
    // The last valid value holds.
    expect(screen.getByTestId('what-if-decision').dataset.decision).toBe('granted');
    act(() => {
      fireEvent.click(screen.getByTestId('threshold-reset'));
    });
    expect(screen.getByTestId('what-if-decision').dataset.decision).toBe('refused');
    expect(screen.getByTestId('what-if-approval').textContent).toBe('60.0%');
  });
});
