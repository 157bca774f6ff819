// Importing the owner's own files: drop Shopify's order export on the window or type its path.
// In the demo store, the import first replaces the made-up data, after a clear confirmation.

import { useEffect, useState } from 'react';
import { importFile, onFileDrop, onProgress, removeDemoStore, toApiError } from '../api';
import type { ApiError, ImportReport, Progress, StoreInfo } from '../api';
import { defaultLocale, formatCount } from '../format';
import { ProgressBar } from './ProgressBar';

type State =
  | { step: 'idle' }
  | { step: 'confirm' }
  | { step: 'running'; progress: Progress | null }
  | { step: 'done'; report: ImportReport }
  | { step: 'failed'; error: ApiError };

const KINDS = [
  { id: 'shopify-orders', label: 'Shopify orders export' },
  { id: 'shopify-customers', label: 'Shopify customers export' },
  { id: 'shopify-products', label: 'Shopify products export' },
  { id: 'events', label: 'Browsing events (JSON lines)' },
  { id: 'tickets', label: 'Support tickets (CSV)' },
] as const;

const NOUNS: Record<string, string> = {
  'shopify-orders': 'orders',
  'shopify-customers': 'customers',
  'shopify-products': 'products',
  events: 'events',
  tickets: 'support tickets',
};

export function ImportCard({ store, onImported }: { store: StoreInfo; onImported: () => Promise<void> | void }) {
  const [path, setPath] = useState('');
  const [kind, setKind] = useState<(typeof KINDS)[number]['id']>('shopify-orders');
  const [state, setState] = useState<State>({ step: 'idle' });
  const isDemo = store.source === 'demo';
  const locale = defaultLocale();

  useEffect(() => {
    let stop: (() => void) | null = null;
    let live = true;
    void onFileDrop((paths) => {
      if (paths[0]) setPath(paths[0]);
    }).then((s) => {
      if (live) stop = s;
      else s();
    });
    return () => {
      live = false;
      stop?.();
    };
  }, []);

  const start = async () => {
    setState({ step: 'running', progress: null });
    const stop = await onProgress((progress) => setState({ step: 'running', progress }));
    try {
      if (isDemo) await removeDemoStore();
      const report = await importFile(kind, path.trim());
      setState({ step: 'done', report });
      await onImported();
    } catch (e) {
      setState({ step: 'failed', error: toApiError(e) });
      if (isDemo) await onImported();
    } finally {
      stop();
    }
  };

  const ask = () => (isDemo ? setState({ step: 'confirm' }) : void start());
  const busy = state.step === 'running';

  return (
    <section className="card import" aria-labelledby="import-title" data-testid="import">
      <h2 id="import-title" className="card__title">
        Import your store's data
      </h2>
      <p className="muted">
        In Shopify, open Orders → Export (or Customers or Products → Export), choose all and “CSV for Excel,
        Numbers, or other spreadsheet programs”. Drop the file on this window, or type where it is.
        Start with orders. Importing the same file again changes nothing.
      </p>
      {isDemo ? (
        <p className="notice" role="note">
          You are looking at the demo store. Importing your orders replaces its made-up customers
          and orders with yours.
        </p>
      ) : null}
      <div className="import__row">
        <label className="field">
          <span className="field__label">What it is</span>
          <select
            className="select"
            data-testid="import-kind"
            value={kind}
            onChange={(e) => setKind(e.target.value as typeof kind)}
            disabled={busy}
          >
            {KINDS.map((k) => (
              <option key={k.id} value={k.id} disabled={isDemo && k.id !== 'shopify-orders'}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field import__path">
          <span className="field__label">File</span>
          <input
            className="input mono"
            data-testid="import-path"
            value={path}
            placeholder="/home/you/Downloads/orders_export.csv"
            onChange={(e) => setPath(e.target.value)}
            disabled={busy}
          />
        </label>
        <button
          type="button"
          className="btn btn--primary"
          data-testid="import-run"
          disabled={busy || path.trim() === ''}
          onClick={ask}
        >
          {busy ? 'Importing…' : 'Import'}
        </button>
      </div>

      {state.step === 'confirm' ? (
        <div className="import__confirm" role="alertdialog" aria-label="Replace the demo store?">
          <p>
            <strong>Replace the demo store?</strong> Its made-up customers and orders are deleted,
            then your file is imported. You can always get a demo store back in a new data folder.
          </p>
          <div className="import__row">
            <button type="button" className="btn btn--danger" data-testid="import-confirm" onClick={() => void start()}>
              Replace it and import
            </button>
            <button type="button" className="btn" onClick={() => setState({ step: 'idle' })}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}

      {state.step === 'running' ? (
        <div aria-live="polite">
          <ProgressBar
            value={state.progress && state.progress.total > 0 ? state.progress.done / state.progress.total : null}
            label={state.progress?.message ?? 'Reading the file…'}
          />
          <p className="muted">{state.progress?.message ?? 'Reading the file…'}</p>
        </div>
      ) : null}

      {state.step === 'failed' ? (
        <pre className="message-box" role="alert" data-testid="import-error">
          {state.error.message}
        </pre>
      ) : null}

      {state.step === 'done' ? (
        <div data-testid="import-summary" data-inserted={state.report.inserted} data-rejected={state.report.rejected}>
          <p>
            <strong>
              {formatCount(state.report.inserted, locale)} new{' '}
              {NOUNS[state.report.kind] ?? 'records'},{' '}
              {formatCount(state.report.updated, locale)} updated, {formatCount(state.report.unchanged, locale)}{' '}
              already there.
            </strong>{' '}
            {state.report.skipped > 0
              ? `${formatCount(state.report.skipped, locale)} lines were events Storeloop does not use. `
              : ''}
            {state.report.rejected > 0
              ? `${formatCount(state.report.rejected, locale)} rows were not imported — see why below.`
              : 'Every row was imported.'}
          </p>
          {state.report.problems.length > 0 ? (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>Line</th>
                    <th>Column</th>
                    <th>What is wrong</th>
                  </tr>
                </thead>
                <tbody>
                  {state.report.problems.map((p) => (
                    <tr key={`${p.line}-${p.column ?? ''}-${p.reason}`}>
                      <td className="num">{p.line}</td>
                      <td>{p.column ?? '—'}</td>
                      <td>{p.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
