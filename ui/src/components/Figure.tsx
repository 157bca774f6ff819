// One figure in a row of figures (inside a `<dl className="figures">`): its label, the value for
// people with the raw value for machines, and a line or two on what it means.

import type { ReactNode } from 'react';

export interface FigureProps {
  /** The value's test id. */
  id: string;
  label: string;
  /** Formatted for people. */
  value: string;
  /** The machine value: a count, minor units or a share. */
  raw: string | number;
  children: ReactNode;
}

export function Figure({ id, label, value, raw, children }: FigureProps) {
  return (
    <div className="figure">
      <dt className="figure__label">{label}</dt>
      <dd className="figure__value num" data-testid={id} data-value={raw}>
        {value}
      </dd>
      <dd className="figure__explain">{children}</dd>
    </div>
  );
}
