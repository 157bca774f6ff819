// Text to take elsewhere — an export, a CSV — in a read-only box with a Copy button. The desktop
// window cannot save a file from a download link, so copying is the way out that always works.

import { useState } from 'react';

export interface CopyBoxProps {
  text: string;
  /** The box's name for screen readers, e.g. "The results as CSV". */
  label: string;
  rows?: number;
  /** False keeps each line on one line, scrolling sideways (for CSV). */
  wrap?: boolean;
  /** Extra classes for the box. */
  className?: string;
  /** The box's test id; the button's is this followed by "-copy". */
  testId: string;
}

export function CopyBox({ text, label, rows = 12, wrap = true, className, testId }: CopyBoxProps) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const copy = () => {
    const done = navigator.clipboard?.writeText(text);
    if (!done) {
      setCopied('failed');
      return;
    }
    done.then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <>
      <textarea
        className={`textarea mono${className ? ` ${className}` : ''}`}
        readOnly
        value={text}
        rows={rows}
        wrap={wrap ? 'soft' : 'off'}
        aria-label={label}
        onFocus={(e) => e.currentTarget.select()}
        data-testid={testId}
      />
      <div className="copy-box__actions">
        <button type="button" className="btn btn--sm" onClick={copy} data-testid={`${testId}-copy`}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
        {copied === 'failed' ? (
          <span className="muted small" role="status">
            Copying was not allowed here: click in the box, select all and copy.
          </span>
        ) : null}
      </div>
    </>
  );
}
