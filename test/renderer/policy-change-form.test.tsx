// @vitest-environment jsdom
/**
 * The policy change form: the reason is required (3–500 characters) before anything is sent; main's
 * 'forbidden' answer is shown in words; a success shows who and when. The Api is a stand-in answering
 * as main does (the real handler's refusal of an officer is covered by the policy handler's tests).
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../electron/shared/errors';

type SetThreshold = (request: { threshold: number; reason: string }) => Promise<Result<unknown>>;
const setThreshold = vi.fn<SetThreshold>();
vi.mock('../../renderer/src/api/api', () => ({ useApi: () => ({ policy: { setThreshold } }) }));

const { i18next } = await import('../../renderer/src/i18n/i18n');
await import('../../renderer/src/pages/threshold/threshold.i18n');
const { PolicyChangeForm } = await import('../../renderer/src/pages/threshold/policy-change-form');

beforeAll(async () => {
  await i18next.changeLanguage('en');
});
afterEach(() => {
  cleanup();
  setThreshold.mockReset();
});

async function submit() {
  await act(async () => {
    fireEvent.click(screen.getByTestId('policy-submit'));
  });
}

describe('PolicyChangeForm', () => {
  it('asks for a reason before sending anything', async () => {
    render(<PolicyChangeForm whatIf={0.105} policyThreshold={0.095} onChanged={() => {}} />);
    await submit();
    expect(screen.getByRole('alert').textContent).toBe('The reason is required.');
    fireEvent.change(screen.getByTestId('policy-reason'), { target: { value: ' ab ' } });
    await submit();
    expect(screen.getByRole('alert').textContent).toBe('The reason needs at least 3 characters.');
    expect(setThreshold).not.toHaveBeenCalled();
  });

  it("shows main's 'forbidden' answer in words", async () => {
    setThreshold.mockResolvedValue({ ok: false, error: { code: 'forbidden', message: 'Only a manager may do this (you are an officer).' } });
    const onChanged = vi.fn();
    render(<PolicyChangeForm whatIf={0.105} policyThreshold={0.095} onChanged={onChanged} />);
    fireEvent.change(screen.getByTestId('policy-reason'), { target: { value: '  Quarterly review  ' } });
    await submit();
    expect(setThreshold).toHaveBeenCalledWith({ threshold: 0.105, reason: 'Quarterly review' });
    expect(screen.getByTestId('policy-error').textContent).toBe('Only a manager can change the threshold in force. — Only a manager may do this (you are an officer).');
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('shows who set the new threshold and when, and tells the page', async () => {
    setThreshold.mockResolvedValue({ ok: true, value: { previous: 0.095, threshold: 0.105, changedBy: 'manager', changedAt: '2026-11-24T22:29:10.000Z' } });
    const onChanged = vi.fn();
    render(<PolicyChangeForm whatIf={0.105} policyThreshold={0.095} onChanged={onChanged} />);
    fireEvent.change(screen.getByTestId('policy-reason'), { target: { value: 'Quarterly review' } });
    await submit();
    expect(screen.getByTestId('policy-done').textContent).toMatch(/^Threshold in force: 10\.5% \(before: 9\.5%\), set by manager on 2[45] November 2026/); // the officer's time zone
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('has nothing to apply when the what-if value is the policy', () => {
    render(<PolicyChangeForm whatIf={0.095} policyThreshold={0.095} onChanged={() => {}} />);
    expect((screen.getByTestId('policy-submit') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('policy-change').textContent).toContain('The what-if threshold is already the threshold in force.');
  });
});
