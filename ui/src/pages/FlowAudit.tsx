// The audit trail (#/flows/audit, or #/flows/audit/<slug> for one flow): every decision the flows
// made — entered, sent, held, skipped… and why — newest first, filtered by flow, decision, words in
// the reason and customer, fifty to a page. The core filters and pages, so it stays quick however
// long the ledger grows. Holdout rows say they would have been sent.

import { useEffect, useId, useRef, useState } from 'react';
import { flowDecisions, toApiError } from '../api';
import type { ApiError, DecisionEntry, DecisionQuery, StoreInfo } from '../api';
import { hashFor } from '../areas';
import { badgeClass } from '../customerWords';
import { DECISIONS, decisionLabel } from '../flowWords';
import { DASH, defaultLocale, formatCount, formatDateTime, formatRelative } from '../format';
import { useDebounced } from '../useDebounced';
import { useFlowList } from '../useFlowList';
import type { Navigate } from '../useHashRoute';
import { FlowsHeader } from '../components/FlowTabs';
import { InlineError } from '../components/States';

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_TYPING_DELAY_MS = 250;

interface Filters {
  flow: string;
  decision: string;
  search: string;
  customer: string;
}

type Load =
  | { state: 'loading'; entries: DecisionEntry[]; total: number | null }
  | { state: 'ready'; entries: DecisionEntry[]; total: number }
  | { state: 'error'; entries: DecisionEntry[]; total: number | null; error: ApiError };

export interface FlowAuditPageProps {
  store: StoreInfo;
  navigate: Navigate;
  /** A flow to show first (from a flow's page). */
  initialFlow?: string;
}

/** The question for the core: empty filters are null; a customer number is digits only. */
export function decisionQuery(filters: Filters, offset: number): DecisionQuery | null {
  const customer = filters.customer.trim().replace(/^#/, '');
  if (customer !== '' && !/^\d{1,15}$/.test(customer)) return null;
  const search = filters.search.trim();
  return {
    flow: filters.flow === '' ? null : filters.flow,
    customer_id: customer === '' ? null : Number(customer),
    decision: filters.decision === '' ? null : filters.decision,
    search: search === '' ? null : search,
    offset,
    limit: AUDIT_PAGE_SIZE,
  };
}

/** Newest first, whatever order the answer came in. */
export function newestDecisionsFirst(entries: DecisionEntry[]): DecisionEntry[] {
  const time = (e: DecisionEntry) => {
    const t = Date.parse(e.at);
    return Number.isNaN(t) ? 0 : t;
  };
  return [...entries].sort((a, b) => time(b) - time(a) || b.id - a.id);
}

export function FlowAuditPage({ store, navigate, initialFlow }: FlowAuditPageProps) {
  const [filters, setFilters] = useState<Filters>({ flow: initialFlow ?? '', decision: '', search: '', customer: '' });
  const [offset, setOffset] = useState(0);
  const [load, setLoad] = useState<Load>({ state: 'loading', entries: [], total: null });
  const [attempt, setAttempt] = useState(0);
  const flows = useFlowList([]);
  const search = useDebounced(filters.search, AUDIT_TYPING_DELAY_MS);
  const customer = useDebounced(filters.customer, AUDIT_TYPING_DELAY_MS);
  const asked = useRef(0);
  const id = useId();
  const locale = defaultLocale();
  const now = Date.now();

  const query = decisionQuery({ ...filters, search, customer }, offset);
  const queryKey = JSON.stringify(query);

  useEffect(() => {
    const q: DecisionQuery | null = JSON.parse(queryKey);
    if (q === null) return;
    const n = ++asked.current;
    setLoad((l) => ({ state: 'loading', entries: l.entries, total: l.total }));
    flowDecisions(q)
      .then((page) => {
        if (n === asked.current) setLoad({ state: 'ready', entries: newestDecisionsFirst(page.entries), total: page.total });
      })
      .catch((e: unknown) => {
        if (n === asked.current) setLoad((l) => ({ state: 'error', entries: l.entries, total: l.total, error: toApiError(e) }));
      });
  }, [queryKey, attempt]);

  const change = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setOffset(0);
  };

  const customerInvalid = decisionQuery({ ...filters, search: '' }, 0) === null;
  const filtered = filters.flow !== '' || filters.decision !== '' || filters.search.trim() !== '' || filters.customer.trim() !== '';
  const flowName = (slug: string | null) => (slug === null ? DASH : flows.name(slug));
  const total = load.total;
  const entries = load.entries;
  const first = entries.length === 0 ? 0 : offset + 1;
  const lastShown = offset + entries.length;

  return (
    <div className="page" data-testid="flow-audit">
      <FlowsHeader current="audit" navigate={navigate}>
        Every decision your flows made, and why: who entered, what was sent, held or skipped. Nothing is skipped
        silently — if it is not here, it did not happen.
      </FlowsHeader>

      <section className="card card--stack" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="card__title">
          Audit trail
        </h2>
        <div className="trail-filters" role="search" aria-label="Filter the audit trail">
          <label className="field" htmlFor={`${id}-flow`}>
            <span className="field__label">Flow</span>
            <select
              id={`${id}-flow`}
              className="select"
              value={filters.flow}
              onChange={(e) => change({ flow: e.target.value })}
              data-testid="trail-flow"
            >
              <option value="">All flows</option>
              {flows.flows.map((f) => (
                <option key={f.slug} value={f.slug}>
                  {f.name}
                </option>
              ))}
              {filters.flow !== '' && !flows.has(filters.flow) ? <option value={filters.flow}>{filters.flow}</option> : null}
            </select>
          </label>
          <label className="field" htmlFor={`${id}-decision`}>
            <span className="field__label">Decision</span>
            <select
              id={`${id}-decision`}
              className="select"
              value={filters.decision}
              onChange={(e) => change({ decision: e.target.value })}
              data-testid="trail-decision"
            >
              <option value="">Any decision</option>
              {DECISIONS.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.label}
                </option>
              ))}
            </select>
          </label>
          <label className="field trail-filters__search" htmlFor={`${id}-search`}>
            <span className="field__label">Words in the reason</span>
            <input
              id={`${id}-search`}
              type="search"
              className="input"
              value={filters.search}
              onChange={(e) => change({ search: e.target.value })}
              placeholder="e.g. quiet hours"
              data-testid="trail-search"
            />
          </label>
          <label className={`field${customerInvalid ? ' field--invalid' : ''}`} htmlFor={`${id}-customer`}>
            <span className="field__label">Customer number</span>
            <input
              id={`${id}-customer`}
              className="input"
              inputMode="numeric"
              value={filters.customer}
              onChange={(e) => change({ customer: e.target.value })}
              placeholder="e.g. 42"
              aria-invalid={customerInvalid ? true : undefined}
              aria-describedby={customerInvalid ? `${id}-customer-error` : undefined}
              data-testid="trail-customer"
            />
            {customerInvalid ? (
              <span id={`${id}-customer-error`} className="field__error">
                A customer number is digits only, as on the customer’s page.
              </span>
            ) : null}
          </label>
        </div>

        <div className="trail-count">
          <p className="muted num" aria-live="polite" data-testid="trail-count">
            {total === null
              ? 'Reading the audit trail…'
              : total === 0
                ? ''
                : `${formatCount(first, locale)}–${formatCount(lastShown, locale)} of ${formatCount(total, locale)}`}
          </p>
          {filtered ? (
            <button
              type="button"
              className="btn btn--sm btn--ghost"
              onClick={() => change({ flow: '', decision: '', search: '', customer: '' })}
              data-testid="trail-clear"
            >
              Clear the filters
            </button>
          ) : null}
        </div>

        {load.state === 'error' ? (
          <InlineError error={load.error} onRetry={() => setAttempt((n) => n + 1)} testId="trail-error" />
        ) : null}

        {load.state === 'ready' && total === 0 ? (
          <p className="trail-empty" data-testid="trail-empty">
            {filtered
              ? 'No decision matches these filters. Loosen or clear them to see more.'
              : 'Nothing yet. As soon as a flow runs, every decision it makes lands here, with why.'}
          </p>
        ) : null}

        {entries.length > 0 ? (
          <div className="table-wrap">
            <table className="table trail-table" aria-busy={load.state === 'loading'} data-testid="trail-table">
              <caption className="visually-hidden">Decisions, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Flow</th>
                  <th scope="col">Customer</th>
                  <th scope="col">Step</th>
                  <th scope="col">Decision</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => {
                  const w = decisionLabel(e);
                  return (
                    <tr
                      key={e.id}
                      data-testid="trail-row"
                      data-decision={e.decision}
                      data-holdout={e.holdout ? 'true' : 'false'}
                      className={e.holdout ? 'is-holdout' : undefined}
                    >
                      <td className="trail-table__when">
                        <time dateTime={e.at} title={formatDateTime(e.at, store.timezone, locale)}>
                          {formatRelative(e.at, now, locale)}
                        </time>
                      </td>
                      <td>{flowName(e.flow)}</td>
                      <td>
                        {e.customer_id === null ? (
                          DASH
                        ) : (
                          <a
                            href={hashFor('customers', String(e.customer_id))}
                            onClick={(ev) => {
                              ev.preventDefault();
                              navigate('customers', String(e.customer_id));
                            }}
                          >
                            {e.customer ?? `Customer ${e.customer_id}`}
                          </a>
                        )}
                      </td>
                      <td className="mono trail__step">{e.node ?? DASH}</td>
                      <td>
                        <span className={badgeClass(w.tone)} data-testid="trail-decision-label">
                          {w.label}
                        </span>
                      </td>
                      <td className="trail-table__why">{e.reason || DASH}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}

        {total !== null && total > AUDIT_PAGE_SIZE ? (
          <nav className="pager" aria-label="Pages of the audit trail">
            <button
              type="button"
              className="btn btn--sm"
              onClick={() => setOffset((o) => Math.max(0, o - AUDIT_PAGE_SIZE))}
              disabled={offset === 0 || load.state === 'loading'}
              data-testid="trail-prev"
            >
              ← Previous
            </button>
            <span className="muted small num">
              Page {formatCount(Math.floor(offset / AUDIT_PAGE_SIZE) + 1, locale)} of{' '}
              {formatCount(Math.ceil(total / AUDIT_PAGE_SIZE), locale)}
            </span>
            <button
              type="button"
              className="btn btn--sm"
              onClick={() => setOffset((o) => o + AUDIT_PAGE_SIZE)}
              disabled={offset + AUDIT_PAGE_SIZE >= total || load.state === 'loading'}
              data-testid="trail-next"
            >
              Next →
            </button>
          </nav>
        ) : null}
      </section>
    </div>
  );
}
