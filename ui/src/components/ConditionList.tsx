// Conditions on the customer for a flow — who may enter, which way a split sends them: each a field
// the core offers, a comparison and a value (shares typed as percent), added and removed in place.

import type { FlowCondition, RuleField, RuleOp } from '../api';
import { OP_WORDS, choiceWords, opsFor } from '../customerWords';
import { UnitNumber } from './FlowInputs';

export interface ConditionListProps {
  conditions: FlowCondition[];
  onChange: (conditions: FlowCondition[]) => void;
  fields: readonly RuleField[];
  /** The segments' names, for the "group" field's values. */
  segments: ReadonlyArray<{ id: string; name: string }>;
  currency: string;
  /** Names the list for screen readers: "Who may enter", "Way 2". */
  label: string;
  testId: string;
}

function blank(field: RuleField | undefined): FlowCondition {
  const choice = field?.kind === 'choice';
  return { field: field?.name ?? 'orders', op: choice ? 'eq' : 'ge', value: choice ? (field?.choices[0] ?? '') : '' };
}

/** Shares are kept 0–1 and typed as percent. */
function shown(kind: string, value: string): number {
  const n = value.trim() === '' ? Number.NaN : Number(value);
  return kind === 'share' ? Math.round(n * 1e8) / 1e6 : n;
}

function kept(kind: string, n: number): string {
  if (!Number.isFinite(n)) return '';
  return String(kind === 'share' ? Math.round(n * 1e6) / 1e8 : n);
}

export function ConditionList({ conditions, onChange, fields, segments, currency, label, testId }: ConditionListProps) {
  const fieldOf = (name: string) => fields.find((f) => f.name === name);
  const set = (i: number, c: FlowCondition) => onChange(conditions.map((old, j) => (j === i ? c : old)));
  const words = (field: string, value: string) =>
    field === 'segment' ? (segments.find((s) => s.id === value)?.name ?? value) : choiceWords(field, value, []);

  return (
    <div className="flow-editor__conditions" data-testid={testId}>
      {conditions.length > 0 ? (
        <ol className="flow-editor__list">
          {conditions.map((c, i) => {
            const field = fieldOf(c.field);
            const kind = field?.kind ?? 'number';
            const n = `${label}, condition ${i + 1}`;
            return (
              <li key={i} className="flow-editor__condition" data-testid="condition-row">
                <select
                  className="select"
                  value={c.field}
                  aria-label={`${n}: what it tests`}
                  onChange={(e) => set(i, blank(fieldOf(e.target.value)))}
                >
                  {field ? null : <option value={c.field}>{c.field}</option>}
                  {fields.map((f) => (
                    <option key={f.name} value={f.name}>
                      {f.label}
                    </option>
                  ))}
                </select>
                <select
                  className="select"
                  value={c.op}
                  aria-label={`${n}: comparison`}
                  onChange={(e) => set(i, { ...c, op: e.target.value })}
                >
                  {opsFor(kind).map((op: RuleOp) => (
                    <option key={op} value={op}>
                      {OP_WORDS[op]}
                    </option>
                  ))}
                </select>
                {kind === 'choice' ? (
                  <select
                    className="select"
                    value={c.value}
                    aria-label={`${n}: value`}
                    onChange={(e) => set(i, { ...c, value: e.target.value })}
                  >
                    {(field?.choices ?? []).map((v) => (
                      <option key={v} value={v}>
                        {words(c.field, v)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <UnitNumber
                    value={shown(kind, c.value)}
                    onChange={(v) => set(i, { ...c, value: kept(kind, v) })}
                    unit={kind === 'share' ? '%' : kind === 'money' ? currency : kind === 'days' ? 'days' : ''}
                    aria-label={`${n}: value${kind === 'share' ? ' in percent' : ''}`}
                  />
                )}
                <button
                  type="button"
                  className="btn btn--ghost btn--sm"
                  onClick={() => onChange(conditions.filter((_, j) => j !== i))}
                  aria-label={`Remove ${n}`}
                >
                  Remove
                </button>
              </li>
            );
          })}
        </ol>
      ) : null}
      <div>
        <button
          type="button"
          className="btn btn--sm"
          onClick={() => onChange([...conditions, blank(fields[0])])}
          disabled={fields.length === 0}
          data-testid={`${testId}-add`}
        >
          Add a condition
        </button>
      </div>
    </div>
  );
}
