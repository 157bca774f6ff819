// "Preview": the test email exactly as it will be sent, at a phone's width and a desktop mail
// program's, side by side (stacked when the window is narrow), with its plain-text part. The HTML
// is shown in sandboxed frames: no scripts, no same origin, nothing it can reach in the app.

import { useId } from 'react';
import type { ApiError, EmailPreview } from '../api';
import { ErrorState, LoadingState } from './States';

export type PreviewLoad =
  | { state: 'loading' }
  | { state: 'ready'; preview: EmailPreview }
  | { state: 'error'; error: ApiError };

export interface EmailPreviewCardProps {
  load: PreviewLoad;
  /** True while a newer preview is being read (after a save); the old one stays in view. */
  refreshing: boolean;
  onRetry: () => void;
}

/** The two widths: a phone (iPhone-sized) and the width email templates are designed for. */
export const PREVIEW_FRAMES = [
  { id: 'phone', label: 'Phone (375 px)', width: 375 },
  { id: 'desktop', label: 'Desktop (600 px)', width: 600 },
] as const;

export function EmailPreviewCard({ load, refreshing, onRetry }: EmailPreviewCardProps) {
  const id = useId();

  return (
    <section className="card card--stack" aria-labelledby={`${id}-title`} aria-busy={refreshing || undefined} data-testid="preview">
      <div className="card__head">
        <h2 id={`${id}-title`} className="card__title">
          Preview
        </h2>
        <span className="card__meta">The test email exactly as it is sent, with the saved sender and footer.</span>
      </div>

      {load.state === 'loading' ? <LoadingState title="Preparing the preview…" /> : null}
      {load.state === 'error' ? (
        <ErrorState error={load.error} onRetry={onRetry} retrying={refreshing} title="Couldn’t prepare the preview" />
      ) : null}

      {load.state === 'ready' ? (
        <>
          <p className="preview__subject">
            <span className="muted">Subject:</span>{' '}
            <strong data-testid="preview-subject">{load.preview.subject}</strong>
            {refreshing ? <span className="muted small"> · Updating…</span> : null}
          </p>
          <div className="preview__frames">
            {PREVIEW_FRAMES.map((f) => (
              <figure key={f.id} className="preview__frame" data-testid={`preview-${f.id}`}>
                <figcaption className="preview__caption">{f.label}</figcaption>
                <div className="preview__scroll">
                  <iframe
                    title={`The test email on a ${f.id === 'phone' ? 'phone' : 'desktop'}, ${f.width} pixels wide`}
                    srcDoc={load.preview.html}
                    // Nothing allowed: no scripts, no forms, no pop-ups, and an origin of its own.
                    sandbox=""
                    referrerPolicy="no-referrer"
                    width={f.width}
                    style={{ width: f.width }}
                    className="preview__iframe"
                  />
                </div>
              </figure>
            ))}
          </div>
          <details className="preview__text" data-testid="preview-text">
            <summary>Plain-text version</summary>
            <pre className="preview__pre">{load.preview.text}</pre>
          </details>
        </>
      ) : null}
    </section>
  );
}
