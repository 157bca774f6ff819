// The WORKFLOW checklist beside a flow's canvas: eight questions a flow should answer before it goes
// live (what outcome, can you see it, what can go wrong…), each verified by the core against the
// flow and the store, with what it saw and what is still to do. Under Risk, the owner reads what can
// go wrong with this version and says so under their name. A launch with items open needs a
// written reason (LaunchControls asks for it); the last one is shown here.

import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { acknowledgeFlowRisks, toApiError, workflowChecklist } from '../api';
import type { ApiError, CheckItem, WorkflowChecklist } from '../api';
import { defaultLocale, formatDateTime } from '../format';
import { useReviewerName } from '../reviewerName';
import { useAction } from '../useAction';
import { CheckMark, markClass } from './CheckMark';
import { InlineError, LoadingState } from './States';

export interface ChecklistLoad {
  /** The checklist as last read; kept in view while it is read again. */
  checklist: WorkflowChecklist | null;
  error: ApiError | null;
  loading: boolean;
  retry: () => void;
  /** Shows a checklist an action answered with. */
  show: (c: WorkflowChecklist) => void;
}

/**
 * Reads the flow's checklist (null: nothing to read yet), and again whenever `refresh` changes (a
 * new flow version, or an approval, dry run or launch on the page: the page counts them). What
 * was shown stays until the new answer comes, so nothing jumps.
 */
export function useWorkflowChecklist(slug: string | null, refresh: string): ChecklistLoad {
  const [checklist, setChecklist] = useState<WorkflowChecklist | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [attempt, setAttempt] = useState(0);
  const shownSlug = useRef(slug);

  useEffect(() => {
    if (slug === null) return;
    let live = true;
    if (shownSlug.current !== slug) {
      shownSlug.current = slug;
      setChecklist(null);
    }
    setLoading(true);
    workflowChecklist(slug)
      .then((c) => {
        if (!live) return;
        setChecklist(c);
        setError(null);
      })
      .catch((e: unknown) => {
        if (live) setError(toApiError(e));
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [slug, refresh, attempt]);

  return {
    checklist,
    error,
    loading,
    retry: () => setAttempt((n) => n + 1),
    show: (c) => {
      setChecklist(c);
      setError(null);
    },
  };
}

/** The titles of the items still open ("Risk", "Feedback"); none while the checklist is unknown. */
export function openItems(checklist: WorkflowChecklist | null): string[] {
  return checklist?.items.filter((i) => !i.passed).map((i) => i.title) ?? [];
}

export interface WorkflowChecklistCardProps {
  slug: string;
  load: ChecklistLoad;
  timeZone?: string;
  locale?: string;
}

export function WorkflowChecklistCard({ slug, load, timeZone, locale = defaultLocale() }: WorkflowChecklistCardProps) {
  const id = useId();
  const c = load.checklist;
  const passedCount = c?.items.filter((i) => i.passed).length ?? 0;

  return (
    <section
      className="card card--stack workflow-checklist"
      aria-labelledby={`${id}-title`}
      aria-busy={load.loading || undefined}
      data-testid="checklist"
      data-passed={c ? (c.passed ? 'true' : 'false') : undefined}
    >
      <div className="card__head">
        <h2 id={`${id}-title`} className="card__title">
          The WORKFLOW checklist
        </h2>
        {c ? (
          <span className="card__meta" data-testid="checklist-count">
            Version {c.version} · {passedCount} of {c.items.length} verified
          </span>
        ) : null}
      </div>
      {c === null && load.loading ? <LoadingState title="Checking the flow…" /> : null}
      {load.error ? <InlineError error={load.error} onRetry={load.retry} testId="checklist-error" /> : null}
      {c ? (
        <>
          <p data-testid="checklist-verdict">
            {c.passed
              ? 'Every item is verified: it may go live.'
              : 'Some items are still open. Finish them before it goes live, or write down why it should go live anyway when you launch it.'}
          </p>
          <ul className="checklist workflow-checklist__items">
            {c.items.map((item) => (
              <ChecklistItem key={item.key} item={item}>
                {item.key === 'risk' ? (
                  <RiskBox slug={slug} checklist={c} onChecklist={load.show} timeZone={timeZone} locale={locale} />
                ) : null}
              </ChecklistItem>
            ))}
          </ul>
          {c.last_override ? (
            <p className="muted small" data-testid="checklist-override">
              Version {c.last_override.version} went live on {formatDateTime(c.last_override.at, timeZone, locale)} with{' '}
              {c.last_override.open.join(', ') || 'items'} open, because: “{c.last_override.reason}”
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function ChecklistItem({ item, children }: { item: CheckItem; children?: ReactNode }) {
  const mark = item.passed ? 'done' : 'failed';
  return (
    <li
      className={`checklist__item checklist__item--top${markClass(mark)}`}
      data-testid={`check-${item.key}`}
      data-passed={item.passed ? 'true' : 'false'}
    >
      <CheckMark mark={mark} />
      <div className="workflow-item">
        <p className="workflow-item__title">
          <strong>{item.title}</strong> <span className="muted">— {item.question}</span>
        </p>
        <ItemList title="What Storeloop saw" lines={item.evidence} testId="check-evidence" />
        <ItemList title="Still to do" lines={item.missing} testId="check-missing" />
        {children}
      </div>
    </li>
  );
}

/** A titled list of lines (what was seen, what is missing, the risks); nothing when there are none. */
function ItemList({ title, lines, testId }: { title: string; lines: readonly string[]; testId: string }) {
  if (lines.length === 0) return null;
  return (
    <div className="small">
      <span className="muted">{title}</span>
      <ul className="workflow-item__list" data-testid={testId}>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </div>
  );
}

function RiskBox({
  slug,
  checklist,
  onChecklist,
  timeZone,
  locale,
}: {
  slug: string;
  checklist: WorkflowChecklist;
  onChecklist: (c: WorkflowChecklist) => void;
  timeZone?: string;
  locale: string;
}) {
  const [name, setName] = useReviewerName();
  const ack = useAction();
  const id = useId();
  const done = checklist.risks_acknowledged;

  return (
    <div className="workflow-risks" data-testid="risks">
      <ItemList
        title={`What can go wrong with version ${checklist.version}`}
        lines={checklist.risks}
        testId="risks-list"
      />
      {done ? (
        <p className="small" data-testid="risks-acknowledged">
          Read by {done.by} on {formatDateTime(done.at, timeZone, locale)}.
        </p>
      ) : (
        <form
          className="rollout__actions"
          onSubmit={(e) => {
            e.preventDefault();
            void ack.run(async () => onChecklist(await acknowledgeFlowRisks(slug, name.trim())));
          }}
          noValidate
        >
          <label className="visually-hidden" htmlFor={`${id}-by`}>
            Your name
          </label>
          <input
            id={`${id}-by`}
            className="input workflow-risks__name"
            placeholder="Your name"
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="risks-by"
          />
          <button type="submit" className="btn btn--sm" disabled={ack.running !== null} data-testid="risks-ack">
            {ack.running !== null ? 'Saving…' : 'I’ve read these risks'}
          </button>
        </form>
      )}
      {ack.error ? (
        <pre className="message-box" role="alert" data-testid="risks-error">
          {ack.error.message}
        </pre>
      ) : null}
    </div>
  );
}
