// A short choice of a few values shown side by side (30, 60 or 90 days): radio buttons drawn as
// one segmented control, reachable with the keyboard like any radio group.

import { useId } from 'react';

export interface SegmentedProps<T extends string | number> {
  /** What is being chosen, shown above the options. */
  legend: string;
  options: readonly T[];
  value: T | null;
  onChange: (value: T) => void;
  /** The words on option `v`, e.g. "30 days". */
  label: (v: T) => string;
  disabled?: boolean;
  /** Each option's radio has this test id followed by its value. */
  testIdPrefix: string;
}

export function Segmented<T extends string | number>({
  legend,
  options,
  value,
  onChange,
  label,
  disabled = false,
  testIdPrefix,
}: SegmentedProps<T>) {
  const name = useId();
  return (
    <fieldset className="segmented" disabled={disabled}>
      <legend className="field__label">{legend}</legend>
      <div className="segmented__options">
        {options.map((v) => (
          <label key={v} className={`segmented__option${v === value ? ' is-on' : ''}`}>
            <input
              type="radio"
              name={name}
              value={v}
              checked={v === value}
              onChange={() => onChange(v)}
              data-testid={`${testIdPrefix}${v}`}
            />
            <span>{label(v)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
