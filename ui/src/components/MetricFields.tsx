// What a flow is judged by, as form fields: the success metric, the failure metric and, unless the
// failure is "loses money", its limit typed as a percent. The flow's watch card and the rollout's
// workflow map both ask this; each keeps the values, lays the fields out and says what they mean.

import { useId } from 'react';
import type { ReactNode } from 'react';
import { FAILURE_METRICS, SUCCESS_METRICS, takesThreshold } from '../watchForm';
import type { MetricDraft } from '../watchForm';

export interface MetricFieldsProps {
  values: MetricDraft;
  onChange: (key: keyof MetricDraft, value: string) => void;
  /** Prefix of the fields' test ids: `{prefix}-success`, `-failure`, `-threshold`, `-invalid`, `-margin-loss-hint`. */
  testIdPrefix: string;
  successHint: string;
  /** Under the failure metric when it takes no limit. */
  marginLossHint: string;
  limitLabel: string;
  limitHint: string;
  /** Why the limit typed is refused, shown in its place of the hint. */
  invalid?: string | null;
  /** The narrow limit box of the map's grid rather than a full-width one. */
  inlineLimit?: boolean;
}

/** The fields, side by side in the caller's grid (they render without a wrapper of their own). */
export function MetricFields({
  values,
  onChange,
  testIdPrefix: t,
  successHint,
  marginLossHint,
  limitLabel,
  limitHint,
  invalid = null,
  inlineLimit = false,
}: MetricFieldsProps) {
  const id = useId();
  const limit = takesThreshold(values.failure_metric);
  return (
    <>
      <MetricSelect
        id={`${id}-success`}
        label="It works when it raises"
        metrics={SUCCESS_METRICS}
        value={values.success_metric}
        onChange={(v) => onChange('success_metric', v)}
        testId={`${t}-success`}
      >
        <span className="field__hint">{successHint}</span>
      </MetricSelect>

      <MetricSelect
        id={`${id}-failure`}
        label="It goes wrong when"
        metrics={FAILURE_METRICS}
        value={values.failure_metric}
        onChange={(v) => onChange('failure_metric', v)}
        testId={`${t}-failure`}
      >
        {limit ? null : (
          <span className="field__hint" data-testid={`${t}-margin-loss-hint`}>
            {marginLossHint}
          </span>
        )}
      </MetricSelect>

      {limit ? (
        <div className={`field${invalid ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={`${id}-limit`}>
            {limitLabel}
          </label>
          <span className="editor__input">
            <input
              id={`${id}-limit`}
              className={inlineLimit ? 'input input--inline num' : 'input num'}
              inputMode="decimal"
              value={values.percent}
              onChange={(e) => onChange('percent', e.target.value)}
              aria-invalid={invalid ? true : undefined}
              aria-describedby={invalid ? `${id}-limit-error` : `${id}-limit-hint`}
              data-testid={`${t}-threshold`}
            />
            <span className="editor__unit muted" aria-hidden="true">
              %
            </span>
          </span>
          {invalid ? (
            <span className="field__error" id={`${id}-limit-error`} role="alert" data-testid={`${t}-invalid`}>
              {invalid}
            </span>
          ) : (
            <span className="field__hint" id={`${id}-limit-hint`}>
              {limitHint}
            </span>
          )}
        </div>
      ) : null}
    </>
  );
}

function MetricSelect({
  id,
  label,
  metrics,
  value,
  onChange,
  testId,
  children,
}: {
  id: string;
  label: string;
  metrics: readonly { id: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
  testId: string;
  children?: ReactNode;
}) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="select" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        {/* A metric this screen does not know stays selectable, by its name. */}
        {metrics.some((m) => m.id === value) ? null : <option value={value}>{value}</option>}
        {metrics.map((m) => (
          <option key={m.id} value={m.id}>
            {m.label}
          </option>
        ))}
      </select>
      {children}
    </div>
  );
}
