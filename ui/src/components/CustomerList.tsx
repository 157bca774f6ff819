// Everyone, or one group: a list searched, sorted and paged by the core (so it stays quick with a
// million customers). Headers are buttons that sort; a row opens that customer's page.

import { useEffect, useId, useRef, useState } from 'react';
import type { MouseEvent } from 'react';
import { listCustomers, toApiError } from '../api';
import type { ApiError, CustomerQuery, CustomerRow, SegmentSize } from '../api';
import { hashFor } from '../areas';
import { STATUS_WORDS, badgeClass } from '../customerWords';
import { DASH, defaultLocale, formatCount, formatDate, formatMoney, formatPercent } from '../format';
import { useDebounced } from '../useDebounced';
import { InlineError } from './States';

export const PAGE_SIZE = 50;
export const SEARCH_DELAY_MS = 250;

export type SortKey = 'name' | 'orders' | 'last_order' | 'revenue' | 'churn_risk' | 'full_price_probability' | 'clv';

/** What the owner chose for the list; kept by the page so it survives a visit to a customer. */
export interface ListChoice {
  search: string;
  sort: SortKey;
  descending: boolean;
}

export const DEFAULT_CHOICE: ListChoice = { search: '', sort: 'last_order', descending: true };

interface Column {
  key: SortKey;
  label: string;
  /** What the column means, for the header's title. */
  explain: string;
  numeric: boolean;
}

const COLUMNS: Column[] = [
  { key: 'name', label: 'Customer', explain: 'Name and email', numeric: false },
  { key: 'orders', label: 'Orders', explain: 'Orders placed, not counting cancelled ones', numeric: true },
  { key: 'last_order', label: 'Last order', explain: 'Date of the latest order', numeric: true },
  { key: 'revenue', label: 'Spent', explain: 'Item prices less discounts, all time', numeric: true },
  { key: 'churn_risk', label: 'Churn risk', explain: 'Chance they have stopped buying', numeric: true },
  {
    key: 'full_price_probability',
    label: 'Pays full price',
    explain: 'Chance they place a full-price order (no discount) within 60 days',
    numeric: true,
  },
  { key: 'clv', label: 'Worth (12 months)', explain: 'Expected profit over the next 12 months (CLV)', numeric: true },
];

type Load =
  | { state: 'loading'; rows: CustomerRow[]; total: number | null }
  | { state: 'ready'; rows: CustomerRow[]; total: number }
  | { state: 'error'; rows: CustomerRow[]; total: number | null; error: ApiError };

export interface CustomerListProps {
  choice: ListChoice;
  onChoice: (choice: ListChoice) => void;
  segment: SegmentSize | null;
  onClearSegment: () => void;
  onOpen: (id: number) => void;
  /** Changes when the scores change, so the list is read again. */
  version: string;
  timeZone?: string;
  locale?: string;
}

export function CustomerList({
  choice,
  onChoice,
  segment,
  onClearSegment,
  onOpen,
  version,
  timeZone,
  locale = defaultLocale(),
}: CustomerListProps) {
  const [load, setLoad] = useState<Load>({ state: 'loading', rows: [], total: null });
  const [attempt, setAttempt] = useState(0);
  const search = useDebounced(choice.search, SEARCH_DELAY_MS);
  const asked = useRef(0);
  const searchId = useId();
  const segmentId = segment?.id ?? null;

  const { sort, descending } = choice;
  const query = (offset: number): CustomerQuery => ({
    search: search.trim(),
    segment: segmentId,
    sort,
    descending,
    offset,
    limit: PAGE_SIZE,
  });

  // A new question starts from the top; answers to older questions are dropped.
  useEffect(() => {
    const ask = ++asked.current;
    setLoad((l) => ({ state: 'loading', rows: l.rows, total: l.total }));
    listCustomers({ search: search.trim(), segment: segmentId, sort, descending, offset: 0, limit: PAGE_SIZE })
      .then((page) => {
        if (ask === asked.current) setLoad({ state: 'ready', rows: page.rows, total: page.total });
      })
      .catch((e: unknown) => {
        if (ask === asked.current) setLoad((l) => ({ state: 'error', rows: [], total: l.total, error: toApiError(e) }));
      });
  }, [search, segmentId, sort, descending, version, attempt]);

  const loadMore = () => {
    const ask = ++asked.current;
    const have = load.rows;
    setLoad({ state: 'loading', rows: have, total: load.total });
    listCustomers(query(have.length))
      .then((page) => {
        if (ask === asked.current) setLoad({ state: 'ready', rows: [...have, ...page.rows], total: page.total });
      })
      .catch((e: unknown) => {
        if (ask === asked.current) setLoad({ state: 'error', rows: have, total: load.total, error: toApiError(e) });
      });
  };

  const sortBy = (key: SortKey) => {
    if (choice.sort === key) onChoice({ ...choice, descending: !choice.descending });
    else onChoice({ ...choice, sort: key, descending: key !== 'name' });
  };

  const openRow = (e: MouseEvent<HTMLTableRowElement>, id: number) => {
    // The name is a link: let it do the navigating, so nothing happens twice.
    if ((e.target as Element).closest('a, button')) return;
    onOpen(id);
  };

  const rows = load.rows;
  const total = load.total;
  const searching = search.trim() !== '';

  return (
    <section className="card customer-list" aria-labelledby="list-title" data-testid="customer-list">
      <div className="card__header">
        <h2 id="list-title" className="card__title">
          {segment ? `Customers in “${segment.name}”` : 'All customers'}
        </h2>
        {segment ? (
          <button type="button" className="btn btn--sm" onClick={onClearSegment} data-testid="list-everyone">
            Show everyone
          </button>
        ) : null}
      </div>
      <div className="customer-list__tools">
        <label className="field customer-list__search" htmlFor={searchId}>
          <span className="field__label">Search by name or email</span>
          <input
            id={searchId}
            type="search"
            className="input"
            value={choice.search}
            onChange={(e) => onChoice({ ...choice, search: e.target.value })}
            placeholder="e.g. anna or @example.com"
            data-testid="list-search"
          />
        </label>
        <p className="muted num" aria-live="polite" data-testid="list-count">
          {total === null
            ? 'Loading customers…'
            : total === 0
              ? ''
              : `Showing ${formatCount(rows.length, locale)} of ${formatCount(total, locale)}`}
        </p>
      </div>

      {load.state === 'error' ? (
        <InlineError error={load.error} onRetry={() => setAttempt((n) => n + 1)} testId="list-error" />
      ) : null}

      {load.state === 'ready' && total === 0 ? (
        <p className="customer-list__empty" data-testid="list-empty">
          {searching ? (
            <>
              Nobody{segment ? ' in this group' : ''} matches “{search.trim()}”.{' '}
              <button type="button" className="btn btn--sm" onClick={() => onChoice({ ...choice, search: '' })}>
                Clear the search
              </button>
            </>
          ) : segment ? (
            'Nobody is in this group right now.'
          ) : (
            'No customers yet. Import your orders or customers on the Data page.'
          )}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table customer-table" aria-busy={load.state === 'loading'} aria-describedby={`${searchId}-hint`}>
            <thead>
              <tr>
                {COLUMNS.map((c) => {
                  const on = choice.sort === c.key;
                  return (
                    <th
                      key={c.key}
                      scope="col"
                      className={c.numeric ? 'right' : undefined}
                      aria-sort={on ? (choice.descending ? 'descending' : 'ascending') : 'none'}
                    >
                      <button
                        type="button"
                        className={`th-sort${on ? ' is-on' : ''}`}
                        onClick={() => sortBy(c.key)}
                        title={`${c.explain}. Sort by this.`}
                        data-testid={`sort-${c.key}`}
                      >
                        {c.label}
                        <span className="th-sort__arrow" aria-hidden="true">
                          {on ? (choice.descending ? '↓' : '↑') : '↕'}
                        </span>
                      </button>
                    </th>
                  );
                })}
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="customer-table__row" onClick={(e) => openRow(e, r.id)} data-testid="customer-row">
                  <th scope="row">
                    <a href={hashFor('customers', String(r.id))} className="customer-table__name">
                      {r.name || r.email}
                    </a>
                    {r.name ? <span className="customer-table__email subtle">{r.email}</span> : null}
                  </th>
                  <td className="right">{formatCount(r.orders, locale)}</td>
                  <td className="right">{r.last_order === null ? DASH : formatDate(r.last_order, timeZone, locale)}</td>
                  <td className="right">{formatMoney(r.revenue, locale)}</td>
                  <td className="right">{formatPercent(r.churn_risk, locale)}</td>
                  <td className="right">{formatPercent(r.full_price_probability, locale)}</td>
                  <td className="right">{formatMoney(r.clv, locale)}</td>
                  <td>
                    <span className={badgeClass(STATUS_WORDS[r.status]?.tone ?? 'neutral')}>{r.status_label}</span>
                  </td>
                </tr>
              ))}
              {rows.length === 0 && load.state === 'loading' ? (
                <tr>
                  <td colSpan={COLUMNS.length + 1} className="muted">
                    Loading customers…
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      )}
      <p id={`${searchId}-hint`} className="visually-hidden">
        Use the column headers to sort. Each customer’s name opens their page.
      </p>

      {total !== null && rows.length < total && load.state !== 'error' ? (
        <div className="customer-list__more">
          <button
            type="button"
            className="btn"
            onClick={loadMore}
            disabled={load.state === 'loading'}
            data-testid="list-more"
          >
            {load.state === 'loading' ? 'Loading…' : `Show ${formatCount(Math.min(PAGE_SIZE, total - rows.length), locale)} more`}
          </button>
        </div>
      ) : null}
    </section>
  );
}
