// One connected store: which shop, where its key is, the access it was granted, how its last sync
// went and its latest runs; "Sync now", "Sync everything again" (after a confirm: it may take a
// while) with a progress bar while it runs and what it did after; and "Remove" (after a confirm:
// the synced data stays, the key leaves the keychain). Everything from the shop or the core is shown
// as text.

import { useId } from 'react';
import type { Connection, SyncRun } from '../api';
import { DASH, defaultLocale, formatCount, formatDate, formatDateTime, formatRelative } from '../format';
import { platformName, resourceLabel, runPhrase, syncStatusWords, warningsPhrase } from '../storeWords';
import { useAction } from '../useAction';
import { useConfirmStep } from '../useConfirmStep';
import type { StoreSync } from '../useStoreSync';
import { WorkProgress } from './WorkProgress';

export interface StoreCardProps {
  connection: Connection;
  sync: StoreSync;
  /** Removes the connection; rejects with the core's error. */
  onRemove: (platform: string) => Promise<void>;
  /** Opens the connect form for this shop again (its key is missing). */
  onReconnect: () => void;
  timeZone?: string;
}

export function StoreCard({ connection: c, sync, onRemove, onReconnect, timeZone }: StoreCardProps) {
  const id = useId();
  const locale = defaultLocale();
  const now = Date.now();
  const removing = useAction();
  const full = useConfirmStep();
  const remove = useConfirmStep(() => removing.clearError());
  const name = c.shop_name ?? c.base_url;
  const platform = platformName(c.platform);
  const syncing = sync.running !== null;
  const busy = syncing || removing.running !== null;
  const result = sync.result?.find((r) => r.platform === c.platform) ?? null;
  const status = syncStatusWords(c.last_status);

  const startFull = () => {
    full.setOpen(false);
    void sync.start(true);
  };

  return (
    <section
      className="card card--stack store-card"
      aria-labelledby={`${id}-title`}
      data-testid="store-card"
      data-platform={c.platform}
    >
      <div className="card__head">
        <h2 id={`${id}-title`} className="card__title" data-testid="store-card-name">
          {name}
        </h2>
        <span className="badge" data-testid="store-platform">
          {platform}
        </span>
      </div>

      <dl className="facts store-card__facts">
        <div>
          <dt>Address</dt>
          <dd className="mono" data-testid="store-address">
            {c.base_url}
          </dd>
        </div>
        <div>
          <dt>Key</dt>
          <dd data-testid="store-key" data-saved={c.key_saved ? 'true' : 'false'}>
            {c.key_saved ? (
              'In the system keychain'
            ) : (
              <span className="store-card__missing">
                <span className="field__error">Key missing: connect again.</span>{' '}
                <button type="button" className="btn btn--sm" onClick={onReconnect} disabled={busy} data-testid="store-reconnect">
                  Connect again
                </button>
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>Access</dt>
          <dd data-testid="store-scopes">
            {c.scopes.length > 0 ? (
              <ul className="store-card__scopes">
                {c.scopes.map((s) => (
                  <li key={s} className="mono">
                    {s}
                  </li>
                ))}
              </ul>
            ) : (
              <span className="muted">Not stated by {platform}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Connected</dt>
          <dd>{formatDate(c.connected_at, timeZone, locale)}</dd>
        </div>
        <div>
          <dt>Last sync</dt>
          <dd data-testid="store-last-sync" data-status={c.last_status ?? 'none'}>
            <span className={`badge${status.tone === 'neutral' ? '' : ` badge--${status.tone}`}`}>{status.label}</span>{' '}
            {c.last_sync_at ? (
              <time dateTime={c.last_sync_at} title={formatDateTime(c.last_sync_at, timeZone, locale)}>
                {formatRelative(c.last_sync_at, now, locale)}
              </time>
            ) : null}
            {c.last_status === 'failed' && c.last_error ? (
              <span className="store-card__error" data-testid="store-last-error">
                {c.last_error}
              </span>
            ) : null}
            {c.last_status === 'running' && !syncing ? (
              <span className="muted small store-card__note">
                Started and not finished yet. If Storeloop was closed during it, the next sync goes on where it stopped.
              </span>
            ) : null}
          </dd>
        </div>
      </dl>

      <div className="store-card__actions">
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => void sync.start(false)}
          disabled={busy || !c.key_saved}
          data-testid="sync-now"
        >
          {sync.running && !sync.running.full ? 'Syncing…' : 'Sync now'}
        </button>
        <button
          ref={full.openerRef}
          type="button"
          className="btn"
          aria-expanded={full.open}
          aria-controls={`${id}-full`}
          onClick={() => full.setOpen((o) => !o)}
          disabled={busy || !c.key_saved}
          data-testid="sync-full"
        >
          {sync.running?.full ? 'Syncing everything…' : 'Sync everything again'}
        </button>
        <button
          ref={remove.openerRef}
          type="button"
          className="btn btn--ghost"
          aria-expanded={remove.open}
          aria-controls={`${id}-remove`}
          onClick={() => remove.setOpen((o) => !o)}
          disabled={busy}
          data-testid="store-remove"
        >
          Remove
        </button>
      </div>
      {!c.key_saved ? (
        <p className="muted small">Syncing needs the key: connect the shop again to put it back in the keychain.</p>
      ) : null}

      {full.open && !busy ? (
        <div
          id={`${id}-full`}
          className="store-card__confirm"
          role="group"
          aria-label="Confirm syncing everything again"
          onKeyDown={full.onKeyDown}
        >
          <p>
            Read everything from {name} again, not only what changed? Every product, customer and order is read once
            more, so for a large shop this may take a while. Nothing already in Storeloop is lost.
          </p>
          <div className="store-card__actions">
            <button ref={full.confirmRef} type="button" className="btn btn--primary" onClick={startFull} data-testid="sync-full-confirm">
              Sync everything again
            </button>
            <button type="button" className="btn" onClick={full.close}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}

      {remove.open ? (
        <div
          id={`${id}-remove`}
          className="store-card__confirm"
          role="group"
          aria-label="Confirm removing this store"
          onKeyDown={remove.onKeyDown}
        >
          <p>
            Remove the connection to {name}? Storeloop stops syncing it and deletes its key from the system keychain. The
            customers, orders and products already synced stay in Storeloop. You can connect it again at any time.
          </p>
          <div className="store-card__actions">
            <button
              ref={remove.confirmRef}
              type="button"
              className="btn btn--danger"
              onClick={() => void removing.run(() => onRemove(c.platform))}
              disabled={busy}
              data-testid="store-remove-confirm"
            >
              {removing.running !== null ? 'Removing…' : 'Remove the connection'}
            </button>
            <button type="button" className="btn" onClick={remove.close} disabled={removing.running !== null}>
              Cancel
            </button>
          </div>
          {removing.error ? (
            <pre className="message-box" role="alert" data-testid="store-remove-error">
              {removing.error.message}
            </pre>
          ) : null}
        </div>
      ) : null}

      {sync.running ? (
        <div className="store-card__progress" data-testid="sync-progress">
          <WorkProgress
            progress={sync.running.progress}
            label={sync.running.full ? `Syncing everything from ${name}` : `Syncing ${name}`}
            starting={sync.running.full ? `Asking ${platform} for everything…` : `Asking ${platform} what changed…`}
            statusId="sync-status"
          />
        </div>
      ) : null}

      {sync.error && !syncing ? (
        <div className="store-card__failed" role="alert" data-testid="sync-error" data-kind={sync.error.kind}>
          <p className="state__title">The sync stopped</p>
          <pre className="message-box">{sync.error.message}</pre>
          <p className="muted small">
            What was read before it stopped is kept, and the next sync goes on from there.
          </p>
        </div>
      ) : null}

      {result && !syncing ? <SyncResult run={result} name={name} locale={locale} /> : null}

      <RunTable runs={c.runs} timeZone={timeZone} locale={locale} now={now} />
    </section>
  );
}

function SyncResult({ run, name, locale }: { run: SyncRun; name: string; locale: string }) {
  return (
    <div className="banner banner--success" role="status" data-testid="sync-result">
      <p className="banner__title">{run.full ? `Read everything from ${name} again` : `Synced ${name}`}</p>
      <p>{capitalise(runPhrase(run, locale))}.</p>
      {run.warnings.length > 0 ? (
        <p className="small">
          {warningsPhrase(run.warnings.length, locale)}: nothing was lost, but see the latest run below.
        </p>
      ) : null}
    </div>
  );
}

function RunTable({ runs, timeZone, locale, now }: { runs: SyncRun[]; timeZone?: string; locale: string; now: number }) {
  if (runs.length === 0) {
    return (
      <p className="muted" data-testid="store-runs-empty">
        No sync has run yet. Press Sync now to bring in the shop’s customers, orders and products.
      </p>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table store-runs" data-testid="store-runs">
        <caption className="visually-hidden">The latest syncs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">What it read</th>
            <th scope="col">Warnings</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r, i) => {
            const status = syncStatusWords(r.status);
            return (
              <tr key={`${r.started_at}-${i}`} data-testid="store-run" data-status={r.status}>
                <td>
                  <time dateTime={r.started_at} title={formatDateTime(r.started_at, timeZone, locale)}>
                    {formatRelative(r.started_at, now, locale)}
                  </time>
                  <span className="muted small store-runs__kind">{r.full ? 'Everything' : 'What changed'}</span>
                </td>
                <td>
                  {r.counts.length === 0 ? (
                    <span className="muted">{DASH}</span>
                  ) : (
                    <ul className="store-runs__counts">
                      {r.counts.map((c) => (
                        <li key={c.resource} data-testid={`run-count-${c.resource}`}>
                          <span className="store-runs__resource">{resourceLabel(c.resource)}</span>{' '}
                          <span className="num">
                            {formatCount(c.inserted, locale)} new · {formatCount(c.updated, locale)} updated ·{' '}
                            {formatCount(c.unchanged, locale)} unchanged
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  {r.warnings.length === 0 ? (
                    <span className="muted">None</span>
                  ) : (
                    <details className="store-runs__warnings" data-testid="run-warnings">
                      <summary>{warningsPhrase(r.warnings.length, locale)}</summary>
                      <ul>
                        {r.warnings.map((w, j) => (
                          <li key={j}>{w}</li>
                        ))}
                      </ul>
                    </details>
                  )}
                </td>
                <td>
                  <span className={`badge${status.tone === 'neutral' ? '' : ` badge--${status.tone}`}`}>{status.label}</span>
                  {r.error ? (
                    <span className="store-card__error" data-testid="run-error">
                      {r.error}
                    </span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
