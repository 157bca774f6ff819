// One key number on a card: label, value for people, raw value for machines, and what it means.

export interface KpiProps {
  /** Also the value element's data-testid, e.g. "kpi-orders". */
  id: string;
  label: string;
  /** Formatted for people. */
  value: string;
  /** The machine value: integer count, integer minor units, String(rate), or "" when none. */
  raw: string;
  explain: string;
  /** A range after the value, e.g. "(likely 380–445)". */
  range?: string;
}

export function Kpi({ id, label, value, raw, explain, range }: KpiProps) {
  const labelId = `${id}-label`;
  return (
    <div className="card kpi" role="group" aria-labelledby={labelId}>
      <p className="kpi__label" id={labelId}>
        {label}
      </p>
      <p className="kpi__value num" data-testid={id} data-value={raw}>
        {value}
        {range ? <span className="kpi__range"> {range}</span> : null}
      </p>
      <p className="kpi__explain">{explain}</p>
    </div>
  );
}

export function KpiSkeleton() {
  return (
    <div className="card kpi" aria-hidden="true">
      <span className="skeleton" style={{ width: '45%', height: 14 }} />
      <span className="skeleton" style={{ width: '65%', height: 30, margin: '10px 0' }} />
      <span className="skeleton" style={{ width: '90%', height: 12 }} />
    </div>
  );
}
