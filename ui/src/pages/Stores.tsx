// Your store (#/connections/stores), the second page of Connections: the Shopify or WooCommerce shop
// Storeloop keeps in step with — connect one (the key goes to the system keychain), see how its
// syncs went, sync now or everything again, and remove it. Read when the page opens, after a
// connect, a sync and a removal.

import { useEffect, useRef, useState } from 'react';
import { connections, removeConnection, toApiError } from '../api';
import type { ApiError, Connection, StoreInfo } from '../api';
import { ConnectionsTabs } from '../components/ConnectionsTabs';
import { ErrorState, InlineError, LoadingState } from '../components/States';
import { StoreCard } from '../components/StoreCard';
import { StoreConnectForm } from '../components/StoreConnectForm';
import { useToast } from '../components/Toast';
import { AUTO_SYNC_MINUTES, PLATFORM_ORDER, isPlatform, platformName } from '../storeWords';
import type { Platform } from '../storeWords';
import type { Navigate } from '../useHashRoute';
import { useLoad } from '../useLoad';
import { useStoreSync } from '../useStoreSync';

export interface StoresPageProps {
  store: StoreInfo;
  navigate: Navigate;
  /** A connect may name the store (its name, currency, time zone): read the window's status again. */
  onStoreChanged: () => Promise<void> | void;
}

type Form = { platform: Platform; address: string };

/** How often the cards are read again while the page is open (background syncs change them). */
export const BACKGROUND_REFRESH_MS = 60_000;

export function StoresPage({ store, navigate, onStoreChanged }: StoresPageProps) {
  const loader = useLoad(connections, []);
  const toast = useToast();
  const [form, setForm] = useState<Form | null>(null);
  const [connected, setConnected] = useState<Connection | null>(null);
  const [refreshError, setRefreshError] = useState<ApiError | null>(null);

  // After a sync, the cards are read again in place: the result stays beside them.
  const refresh = async () => {
    try {
      loader.show(await connections());
      setRefreshError(null);
    } catch (e) {
      setRefreshError(toApiError(e));
    }
  };
  const sync = useStoreSync(refresh);

  // The app also syncs by itself (every 15 minutes, after a wake): read the cards again now and
  // then, so what they say is never long out of date. Not while this page runs a sync.
  const refreshRef = useRef(refresh);
  refreshRef.current = refresh;
  const syncing = sync.running !== null;
  useEffect(() => {
    if (syncing) return undefined;
    const timer = window.setInterval(() => void refreshRef.current(), BACKGROUND_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [syncing]);

  const onConnected = (c: Connection) => {
    setForm(null);
    setConnected(c);
    loader.update((list) => [...list.filter((x) => x.platform !== c.platform), c]);
    void onStoreChanged();
  };

  const onRemove = async (platform: string) => {
    const list = await removeConnection(platform);
    const gone = loader.load.state === 'ready' ? loader.load.value.find((c) => c.platform === platform) : undefined;
    loader.show(list);
    setConnected(null);
    setForm(null);
    sync.clear();
    toast.show({
      tone: 'success',
      text: `Removed the connection to ${gone?.shop_name ?? platformName(platform)}. What was synced stays; the key was deleted from the keychain.`,
    });
  };

  const load = loader.load;
  const list = load.state === 'ready' ? load.value : [];
  const empty = load.state === 'ready' && list.length === 0;

  return (
    <div className="page" data-testid="stores">
      <header className="page__header">
        <p className="page__eyebrow">Connections</p>
        <div className="page__title-row">
          <h1>Your store</h1>
        </div>
        <p className="page__lede">
          The Shopify or WooCommerce shop Storeloop keeps in step with, so its customers, orders and products here are
          up to date.
        </p>
      </header>

      <ConnectionsTabs current="stores" navigate={navigate} />

      {load.state === 'loading' ? <LoadingState title="Reading your store connection…" /> : null}
      {load.state === 'error' ? (
        <ErrorState title="Couldn’t read your store connection" error={load.error} onRetry={loader.retry} />
      ) : null}

      {connected ? <ConnectedNote connection={connected} onClose={() => setConnected(null)} /> : null}

      {empty ? (
        <section className="state stores-empty" aria-labelledby="stores-empty-title" data-testid="stores-empty">
          <p id="stores-empty-title" className="state__title">
            No store connected yet
          </p>
          <div className="state__body">
            <p>
              Connect your shop and Storeloop keeps its customers, orders and products up to date by itself, with no
              exports to download and import. Its key is kept in your computer’s system keychain, never in Storeloop’s
              files.
            </p>
          </div>
          <div className="stores-empty__choices" role="group" aria-label="Where your shop is">
            {PLATFORM_ORDER.map((p) => (
              <button
                key={p}
                type="button"
                className={`btn${form?.platform === p ? ' btn--primary' : ''}`}
                aria-pressed={form?.platform === p}
                onClick={() => setForm({ platform: p, address: '' })}
                data-testid={p === 'shopify' ? 'connect-shopify' : 'connect-woo'}
              >
                {platformName(p)}
              </button>
            ))}
          </div>
          {store.source === 'demo' ? (
            <p className="notice" role="note" data-testid="stores-demo">
              You are looking at the demo store. Once your shop’s key checks out, your shop takes the demo store’s
              place: its made-up customers and orders are removed, never mixed with yours.
            </p>
          ) : null}
        </section>
      ) : null}

      {form && load.state === 'ready' ? (
        <StoreConnectForm
          key={`${form.platform}-${form.address}`}
          platform={form.platform}
          address={form.address}
          onConnected={onConnected}
          onCancel={() => setForm(null)}
        />
      ) : null}

      {refreshError ? <InlineError error={refreshError} onRetry={() => void refresh()} testId="stores-refresh-error" /> : null}

      {list.map((c) => (
        <StoreCard
          key={c.platform}
          connection={c}
          sync={sync}
          onRemove={onRemove}
          onReconnect={() => setForm({ platform: isPlatform(c.platform) ? c.platform : 'shopify', address: c.base_url })}
          timeZone={store.timezone}
        />
      ))}

      {load.state === 'ready' ? (
        <p className="muted small" data-testid="sync-auto">
          {empty ? 'Once your shop is connected, Storeloop' : 'Storeloop'} syncs it by itself every {AUTO_SYNC_MINUTES}{' '}
          minutes while it is open, and again after the computer wakes from sleep.
          {empty ? '' : ' “Sync now” brings in what changed without waiting.'}
        </p>
      ) : null}
    </div>
  );
}

/** Just connected: which shop, the access it was granted, and what to do next. */
function ConnectedNote({ connection: c, onClose }: { connection: Connection; onClose: () => void }) {
  const name = c.shop_name ?? c.base_url;
  return (
    <section className="banner banner--success" aria-labelledby="connect-result-title" data-testid="connect-result">
      <div className="action-bar">
        <p id="connect-result-title" className="banner__title" role="status">
          Connected to {name}
        </p>
        <button type="button" className="btn btn--ghost btn--sm" onClick={onClose}>
          Hide
        </button>
      </div>
      <p className="small">
        {platformName(c.platform)} answered at <span className="mono">{c.base_url}</span>, and the key is in your
        computer’s system keychain.
      </p>
      {c.scopes.length > 0 ? (
        <div className="small">
          Access granted:
          <ul className="store-card__scopes" data-testid="connect-scopes">
            {c.scopes.map((s) => (
              <li key={s} className="mono">
                {s}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="small">
        Next: press “Sync now” below to bring in its customers, orders and products. The first sync of a large shop can
        take a while.
      </p>
    </section>
  );
}
