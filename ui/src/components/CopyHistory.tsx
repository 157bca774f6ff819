// One variant's review trail, read from the core when the owner asks for it: each version written,
// edited, approved (with the checks then and the reasons given to override them), rejected or put
// in a test, by whom and when.

import { copyHistory } from '../api';
import type { CopyReview } from '../api';
import { historyAction, ruleLabel } from '../copyWords';
import { defaultLocale, formatDateTime } from '../format';
import { useLoad } from '../useLoad';
import { InlineError } from './States';

export interface CopyHistoryListProps {
  id: number;
  timeZone: string;
  /** Changes when the variant does, so the trail is read again after an action. */
  stamp: string;
}

export function CopyHistoryList({ id, timeZone, stamp }: CopyHistoryListProps) {
  const { load, retry } = useLoad(() => copyHistory(id), [id, stamp]);
  if (load.state === 'loading') return <p className="muted small">Reading the history…</p>;
  if (load.state === 'error') return <InlineError error={load.error} onRetry={retry} testId="copy-history-error" />;
  if (load.value.length === 0) return <p className="muted small">Nothing recorded yet.</p>;
  return (
    <ol className="copy-history__list" data-testid="copy-history-list">
      {load.value.map((r, i) => (
        <HistoryEntry key={i} r={r} timeZone={timeZone} />
      ))}
    </ol>
  );
}

function HistoryEntry({ r, timeZone }: { r: CopyReview; timeZone: string }) {
  return (
    <li className="copy-history__entry" data-testid="copy-history-entry" data-action={r.action}>
      <span className="copy-history__head">
        <strong>{historyAction(r.action)}</strong> · version {r.version}
        {r.by.trim() !== '' ? ` · by ${r.by}` : ''} · {formatDateTime(r.at, timeZone, defaultLocale())}
      </span>
      {r.checks.length > 0 ? (
        <span className="copy-history__detail">Checks that found something then: {r.checks.map(ruleLabel).join(', ')}</span>
      ) : r.action === 'approved' ? (
        <span className="copy-history__detail">It passed every check then.</span>
      ) : null}
      {r.overridden.map((o) => (
        <span key={o.rule} className="copy-history__detail">
          Approved despite “{ruleLabel(o.rule)}”, because: {o.reason}
        </span>
      ))}
      {r.note ? <span className="copy-history__detail">Note: {r.note}</span> : null}
    </li>
  );
}
