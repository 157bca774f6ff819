// The window frame: left navigation, top bar (store, demo badge, the kill switch) and the main area,
// with the red "all sending is stopped" banner above every page while it is.

import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { AREAS, hashFor } from './areas';
import type { AreaId } from './areas';
import type { StoreInfo } from './api';
import { Icon } from './components/Icon';
import { KillBanner, KillSwitchControl } from './components/KillSwitch';

export interface ShellProps {
  area: AreaId;
  /** The page inside the area ("42" for a customer); focus moves when it changes too. */
  page?: string;
  onNavigate: (id: AreaId) => void;
  store: StoreInfo | null;
  version: string | null;
  children: ReactNode;
}

export function Shell({ area, page = '', onNavigate, store, version, children }: ShellProps) {
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After a navigation, move focus to the new page so keyboard and screen-reader users land there.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [area, page]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={(e) => {
        e.preventDefault();
        mainRef.current?.focus();
      }}>
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true">
            <svg width="22" height="22" viewBox="0 0 22 22">
              <rect width="22" height="22" rx="6" className="brand__mark-bg" />
              <path
                d="M6.5 12.5a4.5 4.5 0 1 0 1.3-3.2M6.5 6.8v2.7h2.7"
                fill="none"
                className="brand__mark-fg"
                strokeWidth="1.8"
                strokeLinecap="round"
                strokeLinejoin="round"
              />
            </svg>
          </span>
          <span className="brand__name">Storeloop</span>
        </div>
        <nav aria-label="Areas">
          <ul className="nav">
            {AREAS.map((a) => (
              <li key={a.id}>
                <a
                  className="nav__link"
                  href={hashFor(a.id)}
                  aria-current={a.id === area ? 'page' : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    onNavigate(a.id);
                  }}
                >
                  <Icon name={a.id} />
                  <span>{a.label}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sidebar__foot">
          <span className="subtle">{version ? `Storeloop ${version}` : 'Storeloop'}</span>
          <span className="subtle">Data stays on this computer</span>
        </div>
      </aside>

      <header className="topbar">
        <div className="topbar__store">
          {store ? (
            <>
              <span className="topbar__name" data-testid="store-name">
                {store.name}
              </span>
              {store.source === 'demo' ? (
                <span className="badge badge--accent" data-testid="demo-badge">
                  Demo store
                </span>
              ) : null}
              <span className="topbar__meta subtle">
                {store.currency} · {store.timezone}
              </span>
            </>
          ) : (
            <span className="topbar__name subtle">No store open yet</span>
          )}
        </div>
        <KillSwitchControl />
      </header>

      <main id="main" className="main" ref={mainRef} tabIndex={-1}>
        <KillBanner />
        {children}
      </main>
    </div>
  );
}
