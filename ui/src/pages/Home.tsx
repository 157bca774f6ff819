// Home: the store's pulse (KPIs and revenue by month), today's rollout step, and honest
// placeholders for what the flows did and what needs the owner. While the first store is being
// made, shows its progress.

import type { ReactNode } from 'react';
import { homeStats, rollout } from '../api';
import type { HomeStats, Progress, StoreInfo } from '../api';
import { rolloutDayWords, todayLine } from '../rolloutWords';
import type { Navigate } from '../useHashRoute';
import type { Session } from '../session';
import { useLoad } from '../useLoad';
import { AreaLink } from '../components/AreaLink';
import { ErrorState, LoadingState } from '../components/States';
import { WorkProgress } from '../components/WorkProgress';
import { RevenueChart } from '../components/RevenueChart';
import { Kpi, KpiSkeleton } from '../components/Kpi';
import { defaultLocale, formatCount, formatDate, formatMoney, formatRate } from '../format';

export interface HomePageProps {
  session: Session;
  onRetrySession: () => void;
  onNavigate: Navigate;
}

export function HomePage({ session, onRetrySession, onNavigate }: HomePageProps) {
  switch (session.phase) {
    case 'checking':
      return (
        <div className="page" data-testid="home">
          <HomeHeader />
          <LoadingState title="Opening your store…" />
        </div>
      );
    case 'setting-up':
      return (
        <div className="page" data-testid="home">
          <HomeHeader />
          <DemoSetup progress={session.progress} />
        </div>
      );
    case 'error':
      return (
        <div className="page" data-testid="home">
          <HomeHeader />
          <ErrorState
            title="Storeloop couldn't open your store"
            error={session.error}
            onRetry={onRetrySession}
          />
        </div>
      );
    case 'ready':
      return <StorePulse store={session.store} onNavigate={onNavigate} />;
  }
}

function HomeHeader({ children }: { children?: ReactNode }) {
  return (
    <header className="page__header">
      <h1>Home</h1>
      {children}
    </header>
  );
}

/** Progress of the first-run demo store, fed by the core's `progress` events. */
function DemoSetup({ progress }: { progress: Progress | null }) {
  return (
    <section className="card setup" aria-labelledby="setup-title" data-testid="demo-setup">
      <h2 id="setup-title">Setting up the demo store…</h2>
      <p className="muted">
        Storeloop is making a practice store with made-up customers and orders, so you can look
        around safely. This happens once and takes a moment. Nothing is sent to anyone.
      </p>
      <WorkProgress progress={progress} label="Setting up the demo store" statusId="setup-status" />
    </section>
  );
}

function StorePulse({ store, onNavigate }: { store: StoreInfo; onNavigate: Navigate }) {
  const { load, retry } = useLoad(homeStats, [store]);

  if (load.state === 'loading') {
    return (
      <div className="page" data-testid="home">
        <HomeHeader>
          <p className="page__lede" role="status">
            Loading your store’s numbers…
          </p>
        </HomeHeader>
        <div className="kpi-grid">
          {Array.from({ length: 4 }, (_, i) => (
            <KpiSkeleton key={i} />
          ))}
        </div>
        <div className="kpi-grid kpi-grid--3">
          {Array.from({ length: 3 }, (_, i) => (
            <KpiSkeleton key={i} />
          ))}
        </div>
        <div className="card">
          <span className="skeleton" style={{ height: 260 }} />
        </div>
      </div>
    );
  }

  if (load.state === 'error') {
    return (
      <div className="page" data-testid="home">
        <HomeHeader />
        <ErrorState
          title="Storeloop couldn't load your store's numbers"
          error={load.error}
          onRetry={retry}
        />
      </div>
    );
  }

  return <StoreStats stats={load.value} onNavigate={onNavigate} />;
}

function plural(n: number, one: string, many: string, locale: string): string {
  return n === 1 ? `1 ${one}` : `${formatCount(n, locale)} ${many}`;
}

function StoreStats({ stats, onNavigate }: { stats: HomeStats; onNavigate: Navigate }) {
  const locale = defaultLocale();
  const tz = stats.store.timezone;
  const hasOrders = stats.orders > 0;
  const rateRaw = (r: number | null) => (r === null ? '' : String(r));

  return (
    <div className="page" data-testid="home-ready">
      <HomeHeader>
        <p className="page__lede" data-testid="order-range">
          {hasOrders && stats.first_order_at && stats.last_order_at ? (
            <>
              Orders from <time dateTime={stats.first_order_at}>{formatDate(stats.first_order_at, tz, locale)}</time>{' '}
              to <time dateTime={stats.last_order_at}>{formatDate(stats.last_order_at, tz, locale)}</time>
            </>
          ) : (
            'No orders yet'
          )}
        </p>
      </HomeHeader>

      {stats.store.source === 'demo' ? (
        <div className="notice" role="note">
          <span className="badge badge--accent">Demo</span>
          <p>
            Everyone in this store is made up, so you can explore safely. Nothing here is real, and
            nothing can be sent from it.
          </p>
        </div>
      ) : null}

      <RolloutToday navigate={onNavigate} />

      <section aria-labelledby="sales-title" className="section">
        <h2 id="sales-title" className="section__title">
          Sales
        </h2>
        <div className="kpi-grid">
          <Kpi
            id="kpi-revenue"
            label="Revenue"
            value={formatMoney(stats.revenue, locale)}
            raw={String(stats.revenue.minor)}
            explain={
              stats.discounts.minor > 0
                ? `Item prices × quantities, less ${formatMoney(stats.discounts, locale)} in discounts. No tax or shipping.`
                : 'Item prices × quantities, less discounts. No tax or shipping.'
            }
          />
          <Kpi
            id="kpi-orders"
            label="Orders"
            value={formatCount(stats.orders, locale)}
            raw={String(stats.orders)}
            explain={hasOrders ? 'Orders placed in your store, all time, not counting cancelled ones.' : 'No orders yet.'}
          />
          <Kpi
            id="kpi-aov"
            label="Average order value"
            value={formatMoney(stats.average_order_value, locale)}
            raw={stats.average_order_value === null ? '' : String(stats.average_order_value.minor)}
            explain="Revenue divided by the number of orders."
          />
          <Kpi
            id="kpi-customers"
            label="Customers"
            value={formatCount(stats.customers, locale)}
            raw={String(stats.customers)}
            explain={`People in your store’s records; ${formatCount(stats.customers_with_orders, locale)} of them have ordered.`}
          />
        </div>
      </section>

      <section aria-labelledby="habits-title" className="section">
        <h2 id="habits-title" className="section__title">
          How customers buy
        </h2>
        <div className="kpi-grid kpi-grid--3">
          <Kpi
            id="kpi-repeat-rate"
            label="Repeat-purchase rate"
            value={formatRate(stats.repeat_purchase_rate, locale)}
            raw={rateRaw(stats.repeat_purchase_rate)}
            explain={
              stats.repeat_purchase_rate === null
                ? 'Appears once someone has ordered.'
                : `Of the ${plural(stats.customers_with_orders, 'customer', 'customers', locale)} who ordered, the share who ordered twice or more.`
            }
          />
          <Kpi
            id="kpi-discount-rate"
            label="Discount rate"
            value={formatRate(stats.discount_rate, locale)}
            raw={rateRaw(stats.discount_rate)}
            explain={
              stats.discount_rate === null
                ? 'Appears once there are orders.'
                : 'Share of orders that used a discount.'
            }
          />
          <Kpi
            id="kpi-return-rate"
            label="Return rate"
            value={formatRate(stats.return_rate, locale)}
            raw={rateRaw(stats.return_rate)}
            explain={
              stats.return_rate === null
                ? 'Appears once units have been sold.'
                : `Refunded units ÷ units sold: ${formatCount(stats.units_refunded, locale)} of ${plural(stats.units_sold, 'unit', 'units', locale)}.`
            }
          />
        </div>
      </section>

      <section className="card" aria-labelledby="chart-title">
        <div className="card__header">
          <h2 id="chart-title" className="card__title">
            Revenue by month
          </h2>
          <span className="card__meta">
            {stats.store.currency} · {tz}
          </span>
        </div>
        {stats.revenue_by_month.length > 0 ? (
          <RevenueChart months={stats.revenue_by_month} currency={stats.revenue.currency} locale={locale} />
        ) : (
          <p className="muted">
            No orders yet. When your store has orders, their revenue appears here month by month.
          </p>
        )}
      </section>

      <div className="later-grid">
        <section className="card later" aria-labelledby="flows-week-title">
          <h2 id="flows-week-title" className="card__title">
            What your flows did this week
          </h2>
          <p className="later__empty">No flows yet.</p>
          <p className="muted">
            The Flows area will send emails by themselves when customers leave a cart, order for the
            first time or go quiet. Each week this card will show what they sent, what they held back
            and why, and the extra profit compared with customers who didn’t get them.
          </p>
          <div>
            <button type="button" className="btn btn--sm" onClick={() => onNavigate('flows')}>
              What Flows will do
            </button>
          </div>
        </section>
        <section className="card later" aria-labelledby="needs-you-title">
          <h2 id="needs-you-title" className="card__title">
            Needs you
          </h2>
          <p className="later__empty">Nothing waiting.</p>
          <p className="muted">
            Email copy to approve, customer follow-ups and alerts will appear here when there is
            something for you to decide.
          </p>
        </section>
      </div>
    </div>
  );
}

/** Today's rollout step, read from the core; a rollout that cannot be read says so in a line. */
function RolloutToday({ navigate }: { navigate: Navigate }) {
  const { load } = useLoad(rollout, []);
  return (
    <section className="card card--stack home-rollout" aria-labelledby="home-rollout-title" data-testid="home-rollout">
      <div className="card__head">
        <h2 id="home-rollout-title" className="card__title">
          Today’s rollout step
        </h2>
        {load.state === 'ready' && load.value.started_on !== null ? (
          <span className="card__meta">{rolloutDayWords(load.value)}</span>
        ) : null}
      </div>
      {load.state === 'loading' ? <p className="muted">Reading the rollout…</p> : null}
      {load.state === 'error' ? (
        <p className="muted" data-testid="home-rollout-error">
          The rollout could not be read: {load.error.message}
        </p>
      ) : null}
      {load.state === 'ready' ? <p data-testid="home-rollout-step">{todayLine(load.value)}</p> : null}
      <div>
        <AreaLink area="home" path={['rollout']} navigate={navigate} className="btn btn--sm" testId="home-rollout-open">
          Open the rollout
        </AreaLink>
      </div>
    </section>
  );
}
