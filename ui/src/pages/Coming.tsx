// The page for an area that is not built yet: says plainly what it will do, and where to go now.

import type { ReactNode } from 'react';
import type { Area, AreaId } from '../areas';
import type { AppStatus } from '../api';

export interface ComingPageProps {
  area: Area;
  status: AppStatus | null;
  onNavigate: (id: AreaId) => void;
  /** What of this area already works, shown below the plan. */
  children?: ReactNode;
}

export function ComingPage({ area, status, onNavigate, children }: ComingPageProps) {
  return (
    <div className="page" data-testid={`coming-${area.id}`}>
      <header className="page__header">
        <div className="page__title-row">
          <h1>{area.label}</h1>
          <span className="badge">Coming</span>
        </div>
        <p className="page__lede">{area.summary}</p>
      </header>

      <section className="card coming" aria-labelledby="coming-what">
        <h2 id="coming-what" className="card__title">
          What you will be able to do here
        </h2>
        <ul className="coming__list">
          {area.points.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
        <p className="coming__note muted">
          {children
            ? 'The rest of this area is not built yet; what already works is below.'
            : 'This area is not built yet. Nothing in it runs, and nothing is sent to anyone.'}
        </p>
        {area.id === 'settings' && status ? (
          <dl className="facts">
            <div>
              <dt>Your data is kept in</dt>
              <dd className="mono" data-testid="data-dir">
                {status.data_dir}
              </dd>
            </div>
            <div>
              <dt>Database file</dt>
              <dd className="mono">{status.database_path}</dd>
            </div>
          </dl>
        ) : null}
        <div>
          <button type="button" className="btn" onClick={() => onNavigate('home')}>
            Back to Home
          </button>
        </div>
      </section>
      {children}
    </div>
  );
}
