// Making a group of one's own: conditions ("Churn risk is at least 50%") built from the fields the
// core offers, a live count with a few example customers while typing, then a name and Save.

import { useEffect, useId, useRef, useState } from 'react';
import { previewSegment, saveSegment, toApiError } from '../api';
import type { ApiError, RuleField, RuleOp, SegmentPreview, SegmentRule, SegmentSize } from '../api';
import { hashFor } from '../areas';
import {
  OP_WORDS,
  choiceWords,
  opsFor,
  ruleValueFromInput,
} from '../customerWords';
import { defaultLocale, formatCount, formatRate } from '../format';
import { useDebounced } from '../useDebounced';

/** How long typing must pause before the count is asked for. */
export const PREVIEW_DELAY_MS = 250;

interface Row {
  key: number;
  field: string;
  op: RuleOp;
  input: string;
}

/** The last answer of the live count, and the rules (as their JSON) it was for. */
type PreviewState =
  | { forKey: string; preview: SegmentPreview; error: null }
  | { forKey: string; preview: null; error: ApiError };

export interface SegmentEditorProps {
  fields: RuleField[];
  segments: SegmentSize[];
  currency: string;
  /** Everyone scored, for the share of the live count. */
  total: number;
  onSaved: (segment: SegmentSize) => void;
  onCancel: () => void;
  locale?: string;
}

function blankRow(field: RuleField | undefined, key: number): Row {
  const kind = field?.kind ?? 'number';
  return {
    key,
    field: field?.name ?? '',
    op: kind === 'choice' ? 'eq' : 'ge',
    input: kind === 'choice' ? (field?.choices[0] ?? '') : '',
  };
}

export function SegmentEditor({
  fields,
  segments,
  currency,
  total,
  onSaved,
  onCancel,
  locale = defaultLocale(),
}: SegmentEditorProps) {
  const nextKey = useRef(1);
  const [rows, setRows] = useState<Row[]>(() => [blankRow(fields[0], 0)]);
  const [name, setName] = useState('');
  const [answer, setAnswer] = useState<PreviewState | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<ApiError | null>(null);
  const asked = useRef(0);
  const nameId = useId();

  const fieldOf = (name: string) => fields.find((f) => f.name === name);
  const rules: Array<SegmentRule | null> = rows.map((r) => {
    const value = ruleValueFromInput(fieldOf(r.field)?.kind ?? 'number', r.input);
    return value === null ? null : { field: r.field, op: r.op, value };
  });
  const complete = rules.length > 0 && rules.every((r) => r !== null);
  // A string, so that the same rules typed again count as "unchanged".
  const rulesKey = complete ? JSON.stringify(rules) : '';
  const settled = useDebounced(rulesKey, PREVIEW_DELAY_MS);

  useEffect(() => {
    if (settled === '') return;
    const ask = ++asked.current;
    previewSegment(JSON.parse(settled) as SegmentRule[])
      .then((preview) => {
        if (ask === asked.current) setAnswer({ forKey: settled, preview, error: null });
      })
      .catch((e: unknown) => {
        if (ask === asked.current) setAnswer({ forKey: settled, preview: null, error: toApiError(e) });
      });
  }, [settled]);

  // Until the answer for exactly these rules is in, the last count is shown as out of date.
  const counting = complete && answer?.forKey !== rulesKey;

  const update = (key: number, change: Partial<Row>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const changeField = (key: number, fieldName: string) => {
    const row = blankRow(fieldOf(fieldName), key);
    setRows((all) => all.map((r) => (r.key === key ? row : r)));
  };

  const save = () => {
    if (!complete || name.trim() === '') return;
    setSaving(true);
    setSaveError(null);
    saveSegment(name.trim(), rules as SegmentRule[])
      .then(onSaved)
      .catch((e: unknown) => setSaveError(toApiError(e)))
      .finally(() => setSaving(false));
  };

  const shown = answer?.preview ?? null;

  return (
    <section className="card editor" aria-labelledby="editor-title" data-testid="segment-editor">
      <h3 id="editor-title" className="card__title">
        New group
      </h3>
      <p className="muted">
        Customers who meet every condition below. The count updates as you type; nothing is sent to anyone.
      </p>

      <ol className="editor__rules">
        {rows.map((row, i) => {
          const field = fieldOf(row.field);
          const kind = field?.kind ?? 'number';
          const n = i + 1;
          return (
            <li key={row.key} className="editor__rule" data-testid="rule-row">
              <label className="field">
                <span className="field__label">{i === 0 ? 'Where' : 'And'}</span>
                <select
                  className="select"
                  value={row.field}
                  onChange={(e) => changeField(row.key, e.target.value)}
                  aria-label={`Condition ${n}: field`}
                  data-testid="rule-field"
                >
                  {fields.map((f) => (
                    <option key={f.name} value={f.name}>
                      {f.label}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span className="field__label visually-hidden">Comparison</span>
                <select
                  className="select"
                  value={row.op}
                  onChange={(e) => update(row.key, { op: e.target.value as RuleOp })}
                  aria-label={`Condition ${n}: comparison`}
                  data-testid="rule-op"
                >
                  {opsFor(kind).map((op) => (
                    <option key={op} value={op}>
                      {OP_WORDS[op]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field editor__value">
                <span className="field__label visually-hidden">Value</span>
                {kind === 'choice' ? (
                  <select
                    className="select"
                    value={row.input}
                    onChange={(e) => update(row.key, { input: e.target.value })}
                    aria-label={`Condition ${n}: value`}
                    data-testid="rule-value"
                  >
                    {(field?.choices ?? []).map((c) => (
                      <option key={c} value={c}>
                        {choiceWords(row.field, c, segments)}
                      </option>
                    ))}
                  </select>
                ) : (
                  <span className="editor__input">
                    <input
                      className="input num"
                      inputMode="decimal"
                      value={row.input}
                      onChange={(e) => update(row.key, { input: e.target.value })}
                      aria-label={`Condition ${n}: value${UNIT_WORDS[kind] ? ` in ${UNIT_WORDS[kind]}` : ''}`}
                      aria-invalid={row.input.trim() !== '' && rules[i] === null}
                      data-testid="rule-value"
                    />
                    <span className="editor__unit muted" aria-hidden="true">
                      {kind === 'share' ? '%' : kind === 'money' ? currency : kind === 'days' ? 'days' : ''}
                    </span>
                  </span>
                )}
              </label>
              <button
                type="button"
                className="btn btn--ghost btn--sm"
                onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
                disabled={rows.length === 1}
                aria-label={`Remove condition ${n}`}
              >
                Remove
              </button>
            </li>
          );
        })}
      </ol>
      <div>
        <button
          type="button"
          className="btn btn--sm"
          onClick={() => setRows((all) => [...all, blankRow(fields[0], nextKey.current++)])}
          data-testid="rule-add"
        >
          Add a condition
        </button>
      </div>

      <div className="editor__preview" aria-live="polite" aria-busy={counting} data-testid="segment-preview">
        {!complete ? (
          <p className="muted">Fill in every value to see how many customers match.</p>
        ) : answer?.error && !counting ? (
          <p className="field__error" role="alert">
            {answer.error.message}
          </p>
        ) : shown ? (
          <>
            <p className={counting ? 'is-stale' : undefined}>
              <strong className="num" data-testid="preview-count" data-value={shown.customers}>
                {shown.customers === 1 ? '1 customer matches' : `${formatCount(shown.customers, locale)} customers match`}
              </strong>
              {total > 0 ? <span className="muted"> · {formatRate(shown.customers / total, locale)} of everyone</span> : null}
              {counting ? <span className="muted"> · counting again…</span> : null}
            </p>
            {shown.examples.length > 0 ? (
              <ul className="editor__examples" aria-label="For example">
                {shown.examples.slice(0, 5).map((c) => (
                  <li key={c.id}>
                    <a href={hashFor('customers', String(c.id))}>{c.name || c.email}</a>{' '}
                    <span className="muted">
                      {c.email} · {c.status_label}
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : (
          <p className="muted">Counting…</p>
        )}
      </div>

      <div className="import__row editor__save">
        <label className="field import__path" htmlFor={nameId}>
          <span className="field__label">Name of the group</span>
          <input
            id={nameId}
            className="input"
            value={name}
            placeholder="e.g. Good customers going quiet"
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') save();
            }}
            data-testid="segment-name"
          />
        </label>
        <button
          type="button"
          className="btn btn--primary"
          disabled={!complete || name.trim() === '' || saving}
          onClick={save}
          data-testid="segment-save"
        >
          {saving ? 'Saving…' : 'Save group'}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {saveError ? (
        <pre className="message-box" role="alert" data-testid="segment-save-error">
          {saveError.message}
        </pre>
      ) : null}
    </section>
  );
}

const UNIT_WORDS: Record<string, string> = {
  share: 'percent',
  days: 'days',
};
