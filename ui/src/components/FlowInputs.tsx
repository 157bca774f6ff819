// The small inputs the flow editor is made of: a number that may be half-typed, a length of time
// in minutes, hours or days, and "where next" — a step of the flow or a new one made on the spot.

import { useEffect, useId, useState } from 'react';
import type { InputHTMLAttributes, ReactNode } from 'react';
import { STEP_KINDS, UNIT_MINUTES, durationOf } from '../flowDraft';
import type { DurationUnit, StepKind } from '../flowDraft';
import { kindWords } from '../flowWords';

type NumberInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & {
  value: number;
  /** The number typed, or NaN while it is not one (the checks then say so). */
  onChange: (n: number) => void;
};

function parse(text: string): number {
  const t = text.trim().replace(',', '.');
  return t === '' ? Number.NaN : Number(t);
}

/** A number field that keeps what is being typed ("1." or nothing) while the value stays a number. */
export function NumberInput({ value, onChange, className = 'input num', ...rest }: NumberInputProps) {
  const [text, setText] = useState(() => (Number.isFinite(value) ? String(value) : ''));
  // A change from outside (another unit, a step chosen) shows the new value.
  useEffect(() => {
    setText((t) => (Object.is(parse(t), value) || !Number.isFinite(value) ? t : String(value)));
  }, [value]);
  return (
    <input
      {...rest}
      className={className}
      inputMode="decimal"
      value={text}
      aria-invalid={rest['aria-invalid'] ?? !Number.isFinite(parse(text))}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parse(e.target.value));
      }}
    />
  );
}

/** A labelled control: the label above, the control (given the id to use) below, a hint under it. */
export function Field({ label, children, hint }: { label: string; children: (id: string) => ReactNode; hint?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children(id)}
      {hint ? <span className="field__hint">{hint}</span> : null}
    </div>
  );
}

/** A labelled list to choose from; a value not among the options stays shown as it is. */
export function ChoiceField({
  label,
  value,
  options,
  onChange,
  none,
  hint,
  testId,
}: {
  label: string;
  value: string;
  options: ReadonlyArray<{ id: string; label: string }>;
  onChange: (value: string) => void;
  /** The words for choosing nothing (value ""), where that is allowed. */
  none?: string;
  hint?: string;
  testId?: string;
}) {
  return (
    <Field label={label} hint={hint}>
      {(id) => (
        <select id={id} className="select" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
          {none !== undefined ? <option value="">{none}</option> : null}
          {value !== '' && !options.some((o) => o.id === value) ? <option value={value}>{value}</option> : null}
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A number with its unit after it ("%", "EUR", "days"). */
export function UnitNumber({ unit, ...props }: NumberInputProps & { unit: string }) {
  return (
    <span className="editor__input">
      <NumberInput {...props} />
      <span className="editor__unit muted" aria-hidden="true">
        {unit}
      </span>
    </span>
  );
}

/** The flow's steps as options: "Send “Still thinking it over?” — reminder"; a step not among them is said to be missing. */
export function StepOptions({ steps, value }: { steps: ReadonlyArray<{ id: string; title: string }>; value: string }) {
  return (
    <>
      {value !== '' && !steps.some((s) => s.id === value) ? <option value={value}>“{value}” (missing)</option> : null}
      {steps.map((s) => (
        <option key={s.id} value={s.id}>
          {s.title} — {s.id}
        </option>
      ))}
    </>
  );
}

/** A length of time, typed as a number and a unit, kept as minutes. */
export function DurationInput({
  label,
  minutes,
  onChange,
  testId,
}: {
  label: string;
  minutes: number;
  onChange: (minutes: number) => void;
  testId?: string;
}) {
  const [unit, setUnit] = useState<DurationUnit>(() => durationOf(minutes).unit);
  const amount = minutes / UNIT_MINUTES[unit];
  return (
    <Field label={label}>
      {(id) => (
        <span className="flow-editor__pair">
          <NumberInput
            id={id}
            value={amount}
            onChange={(n) => onChange(n * UNIT_MINUTES[unit])}
            data-testid={testId}
          />
          <select
            className="select"
            value={unit}
            aria-label={`${label}: unit`}
            onChange={(e) => {
              const next = e.target.value as DurationUnit;
              setUnit(next);
              onChange(amount * UNIT_MINUTES[next]);
            }}
            data-testid={testId ? `${testId}-unit` : undefined}
          >
            <option value="minutes">minutes</option>
            <option value="hours">hours</option>
            <option value="days">days</option>
          </select>
        </span>
      )}
    </Field>
  );
}

export const NEW_STEP = '\u0000new';

export interface NextSelectProps {
  label: string;
  value: string;
  /** The steps it may go to (every step but the one being edited), with their titles. */
  steps: ReadonlyArray<{ id: string; title: string }>;
  onChange: (next: string) => void;
  /** Makes a step of `kind` that goes on to `then`, and returns its id. */
  onCreate: (kind: StepKind, then: string) => string;
  testId?: string;
}

/** Where a way out goes: one of the flow's steps, or "＋ New step…" of a kind chosen here. */
export function NextSelect({ label, value, steps, onChange, onCreate, testId }: NextSelectProps) {
  const [making, setMaking] = useState(false);
  const [kind, setKind] = useState<StepKind>('email');
  const id = useId();
  const known = value === '' || steps.some((s) => s.id === value);
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="select"
        value={making ? NEW_STEP : value}
        aria-invalid={!known || value === ''}
        onChange={(e) => {
          if (e.target.value === NEW_STEP) setMaking(true);
          else {
            setMaking(false);
            onChange(e.target.value);
          }
        }}
        data-testid={testId}
      >
        {value === '' ? <option value="">Choose a step…</option> : null}
        <StepOptions steps={steps} value={value} />
        <option value={NEW_STEP}>＋ New step…</option>
      </select>
      {making ? (
        <span className="flow-editor__pair" data-testid={testId ? `${testId}-new` : undefined}>
          <select
            className="select"
            value={kind}
            aria-label={`${label}: kind of new step`}
            onChange={(e) => setKind(e.target.value as StepKind)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setMaking(false);
            }}
            // The kind is the next thing to choose once "New step" is picked.
            autoFocus
            data-testid={testId ? `${testId}-kind` : undefined}
          >
            {STEP_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindWords(k)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="btn btn--sm"
            onClick={() => {
              setMaking(false);
              onChange(onCreate(kind, value));
            }}
            data-testid={testId ? `${testId}-create` : undefined}
          >
            Add
          </button>
          <button type="button" className="btn btn--ghost btn--sm" onClick={() => setMaking(false)}>
            Cancel
          </button>
        </span>
      ) : null}
    </div>
  );
}
