/** Recording a decision: following the model, low-side and high-side overrides, their reason and comment rules, as the contract checks them. */
import { describe, expect, it } from 'vitest';
import { CONTRACT } from '../../electron/shared/contract';
import { DECISION_REASON_CODES } from '../../electron/shared/contract-applications';
import {
  allowedReasons,
  decisionRequest,
  initialDraft,
  overrideDirection,
  recordedOutcome,
} from '../../renderer/src/pages/client/decision-rules';

const schema = CONTRACT['decisions:record'].request;

describe('decision rules', () => {
  it('follows the model by default: its decision, "model’s decision" as reason, no comment needed', () => {
    for (const model of ['granted', 'refused'] as const) {
      const result = decisionRequest(100002, model, initialDraft(model));
      expect(result).toEqual({ request: { clientId: 100002, decision: model, reasonCode: 'model-decision', comment: '' } });
      if ('request' in result) expect(schema.safeParse(result.request).success).toBe(true);
    }
  });

  it('grants a refused client as a low-side override, refuses a granted one as a high-side override', () => {
    expect(overrideDirection('refused', 'granted')).toBe('grant');
    expect(overrideDirection('granted', 'refused')).toBe('refuse');
    expect(overrideDirection('granted', 'granted')).toBeNull();
    const low = decisionRequest(7, 'refused', { outcome: 'granted', reasonCode: 'guarantor', comment: '  Parent stands as guarantor  ' });
    expect(low).toEqual({ request: { clientId: 7, decision: 'override', overrideDirection: 'grant', reasonCode: 'guarantor', comment: 'Parent stands as guarantor' } });
    const high = decisionRequest(7, 'granted', { outcome: 'refused', reasonCode: 'suspected-fraud', comment: 'Payslip looks forged' });
    expect(high).toMatchObject({ request: { decision: 'override', overrideDirection: 'refuse' } });
    for (const result of [low, high]) if ('request' in result) expect(schema.safeParse(result.request).success).toBe(true);
  });

  it('refuses an override without a real reason or with a comment under 10 characters (as the contract does)', () => {
    expect(decisionRequest(7, 'refused', { outcome: 'granted', reasonCode: 'model-decision', comment: 'short' })).toEqual({
      problems: { reasonCode: 'notForOverride', comment: 'tooShort' },
    });
    expect(decisionRequest(7, 'refused', { outcome: 'granted', reasonCode: 'guarantor', comment: '  123456789  ' })).toEqual({ problems: { comment: 'tooShort' } });
    expect(schema.safeParse({ clientId: 7, decision: 'override', overrideDirection: 'grant', reasonCode: 'guarantor', comment: '123456789' }).success).toBe(false);
    expect(decisionRequest(7, 'granted', { outcome: null, reasonCode: '', comment: '' })).toEqual({ problems: { outcome: 'required', reasonCode: 'required' } });
    expect(decisionRequest(7, 'granted', { outcome: 'granted', reasonCode: 'other', comment: 'x'.repeat(2001) })).toEqual({ problems: { comment: 'tooLong' } });
  });

  it('offers every reason when following the model, all but "model’s decision" for an override', () => {
    expect(allowedReasons('granted', 'granted')).toEqual(DECISION_REASON_CODES);
    expect(allowedReasons('granted', 'refused')).toEqual(DECISION_REASON_CODES.filter((c) => c !== 'model-decision'));
  });

  it('reads a recorded entry as the outcome it gave', () => {
    expect(recordedOutcome({ decision: 'granted', overrideDirection: null })).toEqual({ outcome: 'granted', override: null });
    expect(recordedOutcome({ decision: 'override', overrideDirection: 'grant' })).toEqual({ outcome: 'granted', override: 'grant' });
    expect(recordedOutcome({ decision: 'override', overrideDirection: 'refuse' })).toEqual({ outcome: 'refused', override: 'refuse' });
  });
});
