// One customer's page (#/customers/<id>): who they are and their consent, their scores with the
// reasons behind them, when they are likely to order next, what to suggest to them, their orders,
// and the privacy actions. A missing value says why it is missing.

import type { ReactNode } from 'react';
import { customerDetail } from '../api';
import type { CustomerDetail, SegmentSize, StoreInfo } from '../api';
import { hashFor } from '../areas';
import {
  REASON_TITLES,
  STATUS_WORDS,
  badgeClass,
  consentWords,
  formatExpected,
  formatExpectedOrders,
} from '../customerWords';
import {
  DASH,
  defaultLocale,
  formatCount,
  formatDate,
  formatMoney,
  formatMonthName,
  formatNumber,
  formatPercent,
  formatRelative,
} from '../format';
import { useLoad } from '../useLoad';
import { ErrorState, LoadingState } from '../components/States';
import { PrivacyCard } from '../components/PrivacyCard';

export interface CustomerPageProps {
  /** The id from the address, as written there. */
  id: string;
  store: StoreInfo;
  /** Built-in and saved groups, to name the customer's group. */
  segments: SegmentSize[];
  onBack: () => void;
}

/** A customer id from the address: a whole number, or null. */
export function parseCustomerId(raw: string): number | null {
  return /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}

export function CustomerPage({ id: raw, store, segments, onBack }: CustomerPageProps) {
  const id = parseCustomerId(raw);
  const { load, retry } = useLoad(id === null ? null : () => customerDetail(id), [id]);

  const back = (
    <a
      className="back-link"
      href={hashFor('customers')}
      onClick={(e) => {
        e.preventDefault();
        onBack();
      }}
      data-testid="customer-back"
    >
      ← All customers
    </a>
  );

  if (id === null || (load.state === 'error' && load.error.kind === 'not_found')) {
    return (
      <div className="page" data-testid="customer-page">
        {back}
        <div className="state" data-testid="customer-missing">
          <p className="state__title">There is no such customer</p>
          <p className="state__body">
            {load.state === 'error'
              ? load.error.message
              : `“${raw}” is not a customer number. They may have been erased, or the link is old.`}
          </p>
        </div>
      </div>
    );
  }

  if (load.state === 'loading') {
    return (
      <div className="page" data-testid="customer-page">
        {back}
        <LoadingState title="Loading the customer…" />
      </div>
    );
  }

  if (load.state === 'error') {
    return (
      <div className="page" data-testid="customer-page">
        {back}
        <ErrorState error={load.error} onRetry={retry} title="Couldn't load this customer" />
      </div>
    );
  }

  return (
    <div className="page" data-testid="customer-page">
      {back}
      <CustomerView detail={load.value} store={store} segments={segments} />
    </div>
  );
}

/** Why a prediction is missing, in one short sentence. */
function missingWhy(d: CustomerDetail): string {
  if (d.scored_at === null) return 'Not worked out yet: score your customers on the Customers page.';
  if (d.row.orders === 0) return 'No orders yet, so there is nothing to predict from.';
  if (d.mode === 'rules') return 'Your store has too little history for this yet; simple rules are used for now.';
  return 'Not enough of their history to work this out.';
}

/** One score; a missing one shows a dash and why (unless the whole card already says why). */
function Score({
  id,
  label,
  value,
  explain,
  missing,
}: {
  id: string;
  label: string;
  value: string | null;
  explain: string;
  missing: string | null;
}) {
  return (
    <div className="score" data-testid={id} data-missing={value === null}>
      <dt className="score__label">{label}</dt>
      <dd className="score__value num">{value ?? DASH}</dd>
      {value !== null || missing !== null ? (
        <dd className="score__explain muted">{value === null ? missing : explain}</dd>
      ) : null}
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function CustomerView({ detail: d, store, segments }: { detail: CustomerDetail; store: StoreInfo; segments: SegmentSize[] }) {
  const locale = defaultLocale();
  const tz = store.timezone;
  const row = d.row;
  const missing = missingWhy(d);
  const churn = d.p_alive !== null ? 1 - d.p_alive : row.churn_risk;
  const seasonal = d.seasonal_month === null ? null : formatMonthName(d.seasonal_month, locale);
  const group = segments.find((s) => s.id === row.segment);
  const reasonGroups = groupReasons(d);
  const scores = [churn, row.full_price_probability, d.expected_orders_90d, d.expected_orders_365d, d.expected_order_value, row.clv];
  // When nothing can be predicted, say why once rather than under every dash.
  const noneKnown = scores.every((v) => v === null);
  const each = noneKnown ? null : missing;

  return (
    <>
      <header className="page__header">
        <div className="page__title-row">
          <h1 data-testid="customer-name">{row.name || row.email}</h1>
          <span className={badgeClass(STATUS_WORDS[row.status]?.tone ?? 'neutral')} data-testid="customer-status">
            {row.status_label}
          </span>
        </div>
        <p className="page__lede">
          {row.name ? <span className="mono">{row.email} · </span> : null}
          {d.scored_at ? (
            <span>
              Scores from <time dateTime={d.scored_at}>{formatRelative(d.scored_at, Date.now(), locale)}</time>
            </span>
          ) : null}
        </p>
      </header>

      {d.mode === 'rules' ? (
        <div className="banner banner--warning" role="note" data-testid="customer-rules-note">
          <p>
            Your store is still small, so these scores come from simple rules (such as days since the last order)
            rather than the full models. Treat them as rough.
          </p>
        </div>
      ) : null}

      <section className="card card--stack" aria-labelledby="about-title">
        <h2 id="about-title" className="card__title">
          About
        </h2>
        <dl className="facts facts--grid">
          <Fact label="Email consent">
            <span data-testid="customer-consent">{consentWords(d.consent)}</span>
            <span className="muted" data-testid="customer-consent-source">
              {d.consent_source ? ` — from ${d.consent_source}` : ' — where it came from is not recorded'}
            </span>
          </Fact>
          <Fact label="Customer since">{formatDate(d.customer_since, tz, locale)}</Fact>
          <Fact label="Orders">
            {formatCount(row.orders, locale)} · {formatMoney(row.revenue, locale)} spent
          </Fact>
          <Fact label="Group">{group ? group.name : <span className="muted">Not scored yet</span>}</Fact>
          <Fact label="Where they stand">
            {row.status_label}
            <span className="muted"> — {STATUS_WORDS[row.status]?.explain ?? ''}</span>
          </Fact>
        </dl>
      </section>

      <section className="card card--stack" aria-labelledby="scores-title">
        <h2 id="scores-title" className="card__title">
          Scores and predictions
        </h2>
        {noneKnown ? (
          <p className="muted" data-testid="scores-missing">
            {missing}
          </p>
        ) : null}
        <dl className="scores">
          <Score
            id="score-churn"
            label="Churn risk"
            value={churn === null ? null : formatPercent(churn, locale)}
            explain="Chance they have stopped buying from you."
            missing={each}
          />
          <Score
            id="score-full-price"
            label="Chance of paying full price"
            value={row.full_price_probability === null ? null : formatPercent(row.full_price_probability, locale)}
            explain="Chance they place an order at full price, without a discount code, within the next 60 days."
            missing={each}
          />
          <Score
            id="score-orders-90"
            label="Orders in the next 90 days"
            value={
              d.expected_orders_90d === null
                ? null
                : formatExpectedOrders(d.expected_orders_90d, d.expected_orders_90d_low, d.expected_orders_90d_high, locale)
            }
            explain="An average, not a count: the range shows how sure the model is of it (eight times in ten)."
            missing={each}
          />
          <Score
            id="score-orders-365"
            label="Orders in the next 365 days"
            value={d.expected_orders_365d === null ? null : `about ${formatExpected(d.expected_orders_365d, locale)}`}
            explain="Expected number of orders over the coming year."
            missing={each}
          />
          <Score
            id="score-order-value"
            label="Expected order value"
            value={d.expected_order_value === null ? null : formatMoney(d.expected_order_value, locale)}
            explain="What one of their orders is likely to be worth."
            missing={d.row.orders === 1 && d.scored_at !== null ? 'Needs a second order to tell their usual spend from a one-off.' : each}
          />
          <Score
            id="score-clv"
            label="Worth over the next 12 months"
            value={row.clv === null ? null : formatMoney(row.clv, locale)}
            explain="Expected profit from them over the next year, in today’s money (CLV)."
            missing={each}
          />
        </dl>
      </section>

      <section className="card card--stack" aria-labelledby="next-title" data-testid="customer-next">
        <h2 id="next-title" className="card__title">
          Next order
        </h2>
        <dl className="facts facts--grid">
          <Fact label="Likely next order">
            {d.next_order_date ? (
              <time dateTime={d.next_order_date} data-testid="next-order-date">
                around {formatDate(d.next_order_date, tz, locale)}
              </time>
            ) : (
              <>
                {DASH} <span className="muted">{missing}</span>
              </>
            )}
          </Fact>
          <Fact label="How that was worked out">
            {d.reorder_days !== null ? (
              <>
                Usually every {formatNumber(d.reorder_days, 0, locale)} days
                {d.reorder_basis ? <span className="muted"> — {d.reorder_basis}</span> : null}
              </>
            ) : d.reorder_basis ? (
              d.reorder_basis
            ) : (
              <>
                {DASH} <span className="muted">{row.orders === 0 ? missing : 'Needs more of their orders.'}</span>
              </>
            )}
          </Fact>
          {seasonal ? (
            <Fact label="Season">
              <span data-testid="customer-season">Buys around {seasonal} most years</span>
            </Fact>
          ) : null}
        </dl>
      </section>

      <section className="card card--stack" aria-labelledby="why-title" data-testid="customer-reasons">
        <h2 id="why-title" className="card__title">
          Why
        </h2>
        {reasonGroups.length === 0 ? (
          <p className="muted">{d.scored_at === null ? missing : 'No particular reasons stand out for this customer.'}</p>
        ) : (
          <div className="reasons">
            {reasonGroups.map(([score, texts]) => (
              <div key={score} className="reasons__group">
                <h3>{REASON_TITLES[score] ?? score}</h3>
                <ul>
                  {texts.map((t) => (
                    <li key={t}>{t}</li>
                  ))}
                </ul>
              </div>
            ))}
          </div>
        )}
      </section>

      <section className="card card--stack" aria-labelledby="recs-title" data-testid="customer-recommendations">
        <h2 id="recs-title" className="card__title">
          What they might buy next
        </h2>
        {d.recommendations.length === 0 ? (
          <p className="muted">
            {d.row.orders === 0
              ? 'Suggestions appear after their first order.'
              : d.scored_at === null
                ? missing
                : 'Nothing stands out for them yet.'}
          </p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  <th scope="col">Why</th>
                  <th scope="col" className="right">
                    Profit per unit
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.recommendations.map((r) => (
                  <tr key={r.handle}>
                    <th scope="row">
                      {r.product}
                      {r.category ? <span className="customer-table__email subtle">{r.category}</span> : null}
                    </th>
                    <td>{r.reason}</td>
                    <td className="right">{formatMoney(r.margin, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card card--stack" aria-labelledby="orders-title" data-testid="customer-orders">
        <h2 id="orders-title" className="card__title">
          Orders
        </h2>
        {d.orders.length === 0 ? (
          <p className="muted">No orders yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Date</th>
                  <th scope="col" className="right">
                    Items
                  </th>
                  <th scope="col" className="right">
                    Revenue
                  </th>
                  <th scope="col" className="right">
                    Discount
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.orders.map((o) => (
                  <tr key={o.number} className={o.cancelled ? 'is-cancelled' : undefined}>
                    <th scope="row">
                      {o.number} {o.cancelled ? <span className="badge">Cancelled</span> : null}
                    </th>
                    <td>{formatDate(o.date, tz, locale)}</td>
                    <td className="right">{formatCount(o.items, locale)}</td>
                    <td className="right">{formatMoney(o.revenue, locale)}</td>
                    <td className="right">
                      {o.discount.minor === 0 ? DASH : formatMoney(o.discount, locale)}
                      {o.discount_code ? <span className="customer-table__email subtle mono">{o.discount_code}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card card--stack" aria-labelledby="messages-title">
        <h2 id="messages-title" className="card__title">
          Messages
        </h2>
        <p className="muted">
          None. No flow is live yet, so nothing has been sent to {row.name || 'this customer'} or held back. Every
          message sent or held, and why, will be listed here.
        </p>
      </section>

      <PrivacyCard email={row.email} />
    </>
  );
}

/** Reasons by the score they explain, in a steady order; texts as the core wrote them. */
function groupReasons(d: CustomerDetail): Array<[string, string[]]> {
  const order = Object.keys(REASON_TITLES);
  const groups = new Map<string, string[]>();
  for (const r of d.reasons) groups.set(r.score, [...(groups.get(r.score) ?? []), r.text]);
  return [...groups.entries()].sort(
    ([a], [b]) => (order.indexOf(a) + 1 || order.length + 1) - (order.indexOf(b) + 1 || order.length + 1),
  );
}
