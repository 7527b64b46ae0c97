/**
 * The what-if controls: a slider and a number box (keyboard-operable, step 0.005) for the threshold, the
 * population's approval rate, defaults and cost read from the policy's curve, and the client's decision
 * under that threshold (compared locally: moving the slider calls nothing).
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent, formatPoints, formatSigned } from '../../../../common/format';
import { useLang } from '../../i18n/i18n';
import { formatCost } from './cost-curve-figure';
import { cleanThreshold, curveAt, decisionAt, expectedDefaults, optimum, THRESHOLD_STEP, thresholdRange, type CurvePoint } from './threshold-what-if';

/** Props of WhatIfControls. */
export interface WhatIfControlsProps {
  policy: { threshold: number; curve: readonly CurvePoint[] };
  whatIf: number;
  onChange: (threshold: number) => void;
  client: { clientId: number; probability: number } | null;
}

/** The slider, the number box, the population's figures and the client's decision at the what-if threshold. */
export function WhatIfControls({ policy, whatIf, onChange, client }: WhatIfControlsProps) {
  const { t } = useTranslation('threshold');
  const lang = useLang();
  const id = useId();
  const range = thresholdRange(policy.curve);
  // The box keeps what is typed ("0.", "0.1") until it is a valid threshold; the slider moves it otherwise.
  const [typed, setTyped] = useState(String(whatIf));
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    if (Number(typed) !== whatIf) setTyped(String(whatIf));
    // Only when the value changes from outside (slider, buttons): not on each keystroke.
  }, [whatIf]);

  const here = curveAt(policy.curve, whatIf);
  const base = curveAt(policy.curve, policy.threshold);
  const best = optimum(policy.curve);
  const decision = client ? decisionAt(client.probability, whatIf) : null;
  const policyDecision = client ? decisionAt(client.probability, policy.threshold) : null;

  return (
    <div className="what-if" data-testid="what-if">
      <div className="what-if-inputs">
        <label htmlFor={`${id}-slider`}>{t('whatIf.slider')}</label>
        <input
          id={`${id}-slider`}
          type="range"
          min={range.min}
          max={range.max}
          step={THRESHOLD_STEP}
          value={whatIf}
          aria-valuetext={formatPercent(whatIf, lang)}
          onChange={(event) => {
            const next = cleanThreshold(Number(event.target.value), range);
            if (next !== null) onChange(next);
          }}
          data-testid="threshold-slider"
          className="threshold-slider"
        />
        <div className="row">
          <label htmlFor={`${id}-number`}>{t('whatIf.number')}</label>
          <input
            id={`${id}-number`}
            type="number"
            min={range.min}
            max={range.max}
            step={THRESHOLD_STEP}
            value={typed}
            aria-invalid={invalid}
            aria-describedby={`${id}-percent`}
            onChange={(event) => {
              setTyped(event.target.value);
              const value = Number(event.target.value);
              const ok = event.target.value.trim() !== '' && Number.isFinite(value) && value >= range.min && value <= range.max;
              setInvalid(!ok);
              if (ok) onChange(cleanThreshold(value, range)!);
            }}
            onBlur={() => {
              setTyped(String(whatIf));
              setInvalid(false);
            }}
            className="threshold-number"
            data-testid="threshold-number"
          />
          <span id={`${id}-percent`} className="muted">
            {invalid ? (
              <span className="field-error" role="alert">
                {t('whatIf.invalid', { min: formatNumber(range.min, lang, 3), max: formatNumber(range.max, lang, 3) })}
              </span>
            ) : (
              t('whatIf.asPercent', { value: formatPercent(whatIf, lang) })
            )}
          </span>
        </div>
        <div className="row">
          <button type="button" onClick={() => onChange(policy.threshold)} disabled={whatIf === policy.threshold} data-testid="threshold-reset">
            {t('whatIf.reset')}
          </button>
          {best ? (
            <button type="button" onClick={() => onChange(cleanThreshold(best.threshold, range)!)} disabled={whatIf === best.threshold} data-testid="threshold-optimum">
              {t('whatIf.toOptimum', { value: formatPercent(best.threshold, lang) })}
            </button>
          ) : null}
        </div>
      </div>

      {client && decision && policyDecision ? (
        <div className={`what-if-client ${decision}`} role="status" aria-live="polite" data-testid="what-if-client">
          <p>{t('whatIf.client', { clientId: client.clientId, probability: formatPercent(client.probability, lang) })}</p>
          <p className="what-if-verdict">
            <span className={`decision ${decision}`} data-testid="what-if-decision" data-decision={decision}>
              <span aria-hidden="true">{decision === 'granted' ? '✓' : '✗'}</span>
              {t(`whatIf.decision.${decision}`)}
            </span>{' '}
            <strong>{t('whatIf.wouldBe', { context: decision })}</strong>
          </p>
          <p className="muted">{decision === policyDecision ? t('whatIf.unchanged') : t('whatIf.flipped', { decision: t(`whatIf.decision.${policyDecision}`) })}</p>
        </div>
      ) : null}

      {here && base ? (
        <dl className="what-if-figures" data-testid="what-if-figures">
          <div>
            <dt>{t('whatIf.approval')}</dt>
            <dd className="big-number" data-testid="what-if-approval">
              {formatPercent(here.grantRate, lang)}
            </dd>
            <dd className="muted">{delta(here.grantRate - base.grantRate)}</dd>
          </div>
          <div>
            <dt>{t('whatIf.defaults')}</dt>
            <dd className="big-number" data-testid="what-if-defaults">
              {here.defaultRate === null ? t('notKnown') : formatPercent(here.defaultRate, lang)}
            </dd>
            <dd className="muted">
              {here.defaultRate !== null && base.defaultRate !== null ? delta(here.defaultRate - base.defaultRate) : null}
              {expectedDefaults(here) !== null ? (
                <>
                  <br />
                  {t('whatIf.per1000', { value: formatNumber(expectedDefaults(here), lang, 1) })}
                </>
              ) : null}
            </dd>
          </div>
          <div>
            <dt>{t('whatIf.cost')}</dt>
            <dd className="big-number" data-testid="what-if-cost">
              {formatCost(here.cost, lang)}
            </dd>
            <dd className="muted">
              {Math.abs(here.cost - base.cost) < 5e-4
                ? t('whatIf.same')
                : t('whatIf.costVersusPolicy', { delta: formatSigned(here.cost - base.cost, lang, 3) })}
            </dd>
          </div>
        </dl>
      ) : null}
    </div>
  );

  function delta(change: number): string {
    return Math.abs(change) < 5e-4 ? t('whatIf.same') : t('whatIf.versusPolicy', { delta: formatPoints(change, lang) });
  }
}
