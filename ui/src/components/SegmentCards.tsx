// The groups customers fall into, as cards with their size and share: Storeloop's own groups and
// the owner's saved ones. Picking a card filters the customer list; saved groups can be deleted.

import { useState } from 'react';
import { toApiError } from '../api';
import type { RuleField, SegmentSize } from '../api';
import { ruleWords } from '../customerWords';
import { defaultLocale, formatCount, formatRate } from '../format';

export interface SegmentCardsProps {
  segments: SegmentSize[];
  /** Everyone scored: the base of each card's share. */
  total: number;
  selected: string | null;
  onSelect: (id: string | null) => void;
  onDelete: (segment: SegmentSize) => Promise<void>;
  fields: RuleField[];
  currency: string;
  locale?: string;
}

export function SegmentCards({
  segments,
  total,
  selected,
  onSelect,
  onDelete,
  fields,
  currency,
  locale = defaultLocale(),
}: SegmentCardsProps) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [failed, setFailed] = useState<{ id: string; message: string } | null>(null);

  const remove = (s: SegmentSize) => {
    setDeleting(s.id);
    setFailed(null);
    onDelete(s)
      .then(() => setConfirming(null))
      .catch((e: unknown) => {
        setFailed({ id: s.id, message: toApiError(e).message });
      })
      .finally(() => setDeleting(null));
  };

  const ordered = [...segments.filter((s) => s.builtin), ...segments.filter((s) => !s.builtin)];

  return (
    <ul className="segments" data-testid="segments">
      {ordered.map((s) => {
        const on = selected === s.id;
        const share = total > 0 ? s.customers / total : null;
        return (
          <li key={s.id} className={`card segment${on ? ' is-selected' : ''}`} data-testid={`segment-${s.id}`}>
            <button
              type="button"
              className="segment__pick"
              aria-pressed={on}
              onClick={() => onSelect(on ? null : s.id)}
              title={on ? 'Show everyone in the list again' : 'Show only these customers in the list'}
            >
              <span className="segment__name">{s.name}</span>
              <span className="segment__size">
                <span className="segment__count num" data-testid="segment-count" data-value={s.customers}>
                  {formatCount(s.customers, locale)}
                </span>{' '}
                <span className="muted">
                  {s.customers === 1 ? 'customer' : 'customers'}
                  {share === null ? '' : ` · ${formatRate(share, locale)}`}
                </span>
              </span>
              {share !== null ? (
                <span className="segment__bar" aria-hidden="true">
                  <span className="segment__fill" style={{ width: `${Math.min(1, share) * 100}%` }} />
                </span>
              ) : null}
              <span className="segment__description muted">
                {s.builtin || s.rules.length === 0
                  ? s.description
                  : s.rules.map((r) => ruleWords(r, fields, segments, currency, locale)).join(', and ')}
              </span>
            </button>
            {!s.builtin ? (
              <div className="segment__actions">
                {confirming === s.id ? (
                  <div role="group" aria-label={`Delete ${s.name}?`} className="segment__confirm">
                    <span>Delete this group? Its customers stay.</span>
                    <button
                      type="button"
                      className="btn btn--danger btn--sm"
                      onClick={() => remove(s)}
                      disabled={deleting === s.id}
                      data-testid="segment-delete-confirm"
                    >
                      {deleting === s.id ? 'Deleting…' : 'Delete'}
                    </button>
                    <button type="button" className="btn btn--sm" onClick={() => setConfirming(null)}>
                      Keep
                    </button>
                  </div>
                ) : (
                  <button
                    type="button"
                    className="btn btn--ghost btn--sm"
                    onClick={() => setConfirming(s.id)}
                    aria-label={`Delete the group ${s.name}`}
                    data-testid="segment-delete"
                  >
                    Delete
                  </button>
                )}
                {failed?.id === s.id ? (
                  <p className="field__error" role="alert">
                    {failed.message}
                  </p>
                ) : null}
              </div>
            ) : (
              <span className="segment__tag subtle">Storeloop’s group</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
