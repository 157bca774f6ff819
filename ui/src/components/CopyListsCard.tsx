// The owner's two lists every draft is checked against: phrases never to use, and claims they
// stand behind (whose words a draft may then use), one per line. Saving checks the whole queue
// against the new lists.

import { useId, useState } from 'react';
import { copyRules, saveCopyRules } from '../api';
import type { CopyRules } from '../api';
import { linesOf, textOfLines } from '../copyWords';
import { useAction } from '../useAction';
import { useLoad } from '../useLoad';
import { InlineError } from './States';

export interface CopyListsCardProps {
  /** Called with the lists as saved: the queue's checks change with them. */
  onSaved: (rules: CopyRules) => void;
}

export function CopyListsCard({ onSaved }: CopyListsCardProps) {
  const id = useId();
  const { load, retry } = useLoad(copyRules, []);
  return (
    <section className="card card--stack copy-lists" aria-labelledby={`${id}-title`} data-testid="copy-lists">
      <h2 id={`${id}-title`} className="card__title">
        Your lists
      </h2>
      <p className="muted small">Every draft is checked against these, now and again just before it is sent.</p>
      {load.state === 'loading' ? <p className="muted small">Reading your lists…</p> : null}
      {load.state === 'error' ? <InlineError error={load.error} onRetry={retry} testId="copy-lists-error" /> : null}
      {load.state === 'ready' ? <ListsForm initial={load.value} onSaved={onSaved} /> : null}
    </section>
  );
}

function ListsForm({ initial, onSaved }: { initial: CopyRules; onSaved: (rules: CopyRules) => void }) {
  const id = useId();
  const [saved, setSaved] = useState(initial);
  const [forbidden, setForbidden] = useState(textOfLines(initial.forbidden));
  const [claims, setClaims] = useState(textOfLines(initial.claims));
  const [justSaved, setJustSaved] = useState(false);
  const action = useAction();
  const changed = forbidden !== textOfLines(saved.forbidden) || claims !== textOfLines(saved.claims);

  const save = () =>
    action.run(async () => {
      const got = await saveCopyRules({ forbidden: linesOf(forbidden), claims: linesOf(claims) });
      // Shown as saved: trimmed, blank lines gone.
      setSaved(got);
      setForbidden(textOfLines(got.forbidden));
      setClaims(textOfLines(got.claims));
      setJustSaved(true);
      onSaved(got);
    });

  return (
    <form
      className="card--stack"
      onSubmit={(e) => {
        e.preventDefault();
        setJustSaved(false);
        void save();
      }}
    >
      <div className="field">
        <label className="field__label" htmlFor={`${id}-forbidden`}>
          Phrases never to use
        </label>
        <textarea
          id={`${id}-forbidden`}
          className="textarea"
          rows={6}
          value={forbidden}
          onChange={(e) => setForbidden(e.target.value)}
          aria-describedby={`${id}-forbidden-hint`}
          data-testid="copy-rules-forbidden"
        />
        <p id={`${id}-forbidden-hint`} className="field__hint">
          One per line, in any letter case. A draft using one is flagged.
        </p>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-claims`}>
          Claims you stand behind
        </label>
        <textarea
          id={`${id}-claims`}
          className="textarea"
          rows={4}
          value={claims}
          onChange={(e) => setClaims(e.target.value)}
          aria-describedby={`${id}-claims-hint`}
          data-testid="copy-rules-claims"
        />
        <p id={`${id}-claims-hint`} className="field__hint">
          One per line, e.g. “Hand-thrown in our studio”. A claim that is neither here nor in the product’s facts is
          flagged.
        </p>
      </div>
      <div className="action-bar">
        <button
          type="submit"
          className="btn btn--primary btn--sm"
          disabled={!changed || action.running !== null}
          data-testid="copy-rules-save"
        >
          {action.running !== null ? 'Saving…' : 'Save the lists'}
        </button>
        <span className="muted small" role="status" data-testid="copy-rules-status">
          {changed ? 'Not saved yet.' : justSaved ? 'Saved. The queue was checked against them again.' : 'No changes to save.'}
        </span>
      </div>
      {action.error !== null ? (
        <pre className="message-box" role="alert" data-testid="copy-error" data-for="rules">
          {action.error.message}
        </pre>
      ) : null}
    </form>
  );
}
