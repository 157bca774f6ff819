// One flow's page (#/flows/<slug>): where it stands, its approval, launch and stop, what sets it
// off and who may enter or leave, the diagram with per-step counts (and Edit, unless it is live),
// the dry run, and what it has done live, with links to what it earned and to its audit trail.
// Every action reads the kill switch again, so the top bar never lags behind.

import { Suspense, lazy, useRef, useState } from 'react';
import { flowDetail } from '../api';
import type { FlowDetail, StoreInfo } from '../api';
import { hashFor } from '../areas';
import { badgeClass } from '../customerWords';
import { decisionWords, flowStatusWords } from '../flowWords';
import { defaultLocale, formatRelative } from '../format';
import { useKillSwitch } from '../killSwitch';
import type { Navigate } from '../useHashRoute';
import { useLoad } from '../useLoad';
import { ApprovalBox } from '../components/ApprovalBox';
import { AreaLink } from '../components/AreaLink';
import { DryRunPanel } from '../components/DryRunPanel';
import { LaunchControls } from '../components/LaunchControls';
import { ReasonList } from '../components/ReasonList';
import { WorkflowChecklistCard, openItems, useWorkflowChecklist } from '../components/WorkflowChecklistCard';
import { ErrorState, LoadingState } from '../components/States';
import { useToast } from '../components/Toast';

// The diagram library is big and only this page needs it: load it when the page opens.
const FlowCanvas = lazy(() => import('../components/FlowCanvas').then((m) => ({ default: m.FlowCanvas })));

export interface FlowPageProps {
  slug: string;
  store: StoreInfo;
  navigate: Navigate;
}

export function FlowPage({ slug, store, navigate }: FlowPageProps) {
  const { load, retry, update: change } = useLoad(() => flowDetail(slug), [slug]);
  const kill = useKillSwitch();
  const toast = useToast();
  const locale = defaultLocale();
  // Approvals, dry runs, launches and stops change what the checklist verifies: each bumps this,
  // and the checklist is read again.
  const [checks, setChecks] = useState(0);
  const recheck = () => setChecks((n) => n + 1);
  const flowVersion = load.state === 'ready' ? load.value.summary.version : null;
  const checklist = useWorkflowChecklist(flowVersion === null ? null : slug, `${flowVersion}:${checks}`);

  // Reads the flow again in the background after an action, keeping what is shown until the
  // answer comes; an answer for another flow (the owner moved on) is dropped.
  const shown = useRef(slug);
  shown.current = slug;
  const reread = (keep: (fresh: FlowDetail) => FlowDetail = (d) => d) => {
    const asked = slug;
    flowDetail(asked)
      .then((d) => {
        if (shown.current === asked) change(() => keep(d));
      })
      .catch(() => {
        // What the action returned is shown already; the rest catches up on the next visit.
      });
  };

  const back = (
    <a
      className="back-link"
      href={hashFor('flows')}
      onClick={(e) => {
        e.preventDefault();
        navigate('flows');
      }}
      data-testid="flow-back"
    >
      ← All flows
    </a>
  );

  if (load.state !== 'ready') {
    return (
      <div className="page" data-testid="flow-page">
        {back}
        {load.state === 'loading' ? (
          <LoadingState title="Reading the flow…" />
        ) : (
          <ErrorState title="This flow could not be read" error={load.error} onRetry={retry} />
        )}
      </div>
    );
  }

  const detail = load.value;
  const { summary } = detail;
  const status = flowStatusWords(summary);

  return (
    <div className="page" data-testid="flow-page" data-slug={summary.slug}>
      {back}
      <header className="page__header">
        <p className="page__eyebrow">Flow</p>
        <div className="page__title-row">
          <h1>{summary.name}</h1>
          <span className={badgeClass(status.tone)} data-testid="flow-page-status" title={status.explain || undefined}>
            {status.label}
          </span>
        </div>
        <p className="page__lede">{summary.description}</p>
        <p className="subtle small">
          Version {summary.version} · {summary.holdout_percent}% held back to measure what it adds · changed{' '}
          <time dateTime={summary.updated_at}>{formatRelative(summary.updated_at, Date.now(), locale)}</time>
        </p>
        <EditButton slug={summary.slug} live={summary.status === 'live'} navigate={navigate} />
      </header>

      {summary.status === 'killed' || summary.status === 'paused' ? (
        <div
          className={`banner ${summary.status === 'killed' ? 'banner--danger' : 'banner--warning'}`}
          role="status"
          data-testid="flow-held-banner"
        >
          <p className="banner__title">
            {summary.status === 'killed' ? 'This flow is stopped' : 'This flow is paused'}
          </p>
          <p>Nothing is sent by it until you resume it below. Emails it held are kept, not lost.</p>
        </div>
      ) : null}

      <ApprovalBox
        slug={summary.slug}
        version={summary.version}
        approval={detail.approval}
        timeZone={store.timezone}
        onApproved={(d) => {
          change(() => d);
          recheck();
          toast.show({ tone: 'success', text: `Version ${d.summary.version} of “${d.summary.name}” is approved.` });
        }}
      />

      <LaunchControls
        detail={detail}
        checklistPassed={checklist.checklist?.passed ?? true}
        openItems={openItems(checklist.checklist)}
        onSummary={(s) => {
          change((d) => ({ ...d, summary: s }));
          recheck();
          kill.refresh();
          toast.show({ tone: 'success', text: summaryToast(s.name, s.status, s.live_percent) });
        }}
        onKilled={(state) => {
          kill.update(state);
          change((d) => ({ ...d, summary: { ...d.summary, status: 'killed' } }));
          reread();
          recheck();
          toast.show({ tone: 'info', text: `“${summary.name}” is stopped. Nothing more is sent by it until you resume it.` });
        }}
      />

      <section className="card card--stack" aria-labelledby="flow-how-title" data-testid="flow-how">
        <h2 id="flow-how-title" className="card__title">
          How it works
        </h2>
        <dl className="flow-how">
          <div>
            <dt>Starts when</dt>
            <dd data-testid="flow-trigger">{detail.trigger}</dd>
          </div>
          <div>
            <dt>Who may enter</dt>
            <dd>
              <RuleList rules={detail.entry} none="Everyone who sets it off." testId="flow-entry" />
            </dd>
          </div>
          <div>
            <dt>Leaves the flow when</dt>
            <dd>
              <RuleList rules={detail.exits} none="Only at its last step." testId="flow-exits" />
            </dd>
          </div>
        </dl>
        {detail.nodes.length === 0 ? (
          <p className="muted">This flow has no steps yet.</p>
        ) : (
          <>
            <p className="muted small">
              {detail.dry_run
                ? `Each step shows how many people reached it in the dry run of the last ${detail.dry_run.days} days, and what happened there.`
                : 'Run a dry run below to see how many people would reach each step.'}
            </p>
            <Suspense fallback={<LoadingState title="Drawing the flow…" />}>
              <FlowCanvas start={detail.start} nodes={detail.nodes} counts={detail.dry_run?.nodes ?? null} locale={locale} />
            </Suspense>
          </>
        )}
      </section>

      <WorkflowChecklistCard slug={summary.slug} load={checklist} timeZone={store.timezone} locale={locale} />

      <DryRunPanel
        key={summary.version}
        slug={summary.slug}
        report={detail.dry_run}
        version={summary.version}
        timeZone={store.timezone}
        locale={locale}
        onRan={(report) => {
          change((d) => ({ ...d, dry_run: report }));
          recheck();
          // The core may have moved the flow on (a draft becomes "dry run"): read it again.
          reread((d) => ({ ...d, dry_run: d.dry_run ?? report }));
        }}
      />

      <section className="card card--stack" aria-labelledby="flow-live-title" data-testid="flow-live">
        <div className="card__head">
          <h2 id="flow-live-title" className="card__title">
            What it has done live
          </h2>
          <AreaLink
            area="measurement"
            path={[summary.slug]}
            navigate={navigate}
            className="small"
            testId="flow-measurement-link"
          >
            See what it earned
          </AreaLink>
          <a
            className="small"
            href={hashFor('flows', 'audit', summary.slug)}
            onClick={(e) => {
              e.preventDefault();
              navigate('flows', 'audit', summary.slug);
            }}
            data-testid="flow-audit-link"
          >
            Every decision, with why, in the audit trail
          </a>
        </div>
        <ReasonList
          reasons={detail.live}
          words={(d) => decisionWords(d).label}
          empty={
            summary.status === 'draft' || summary.status === 'dry_run'
              ? 'Nothing yet: it has never been live.'
              : 'Nothing yet. It acts when customers set it off.'
          }
          testId="flow-live-counts"
          locale={locale}
        />
      </section>
    </div>
  );
}

/** Opens the editor; a live flow is paused first, because a changed flow starts again as a draft. */
function EditButton({ slug, live, navigate }: { slug: string; live: boolean; navigate: Navigate }) {
  return (
    <div className="flow-edit">
      <button
        type="button"
        className="btn"
        onClick={() => navigate('flows', slug, 'edit')}
        disabled={live}
        aria-describedby={live ? 'flow-edit-why' : undefined}
        data-testid="flow-edit"
      >
        Edit
      </button>
      {live ? (
        <span id="flow-edit-why" className="muted small" data-testid="flow-edit-why">
          Pause the flow to edit it; a changed flow starts again as a draft.
        </span>
      ) : (
        <span className="muted small">Change its steps and settings; saving makes a new version to dry-run.</span>
      )}
    </div>
  );
}

/** Who may enter or when people leave: the flow's rules, or what holds when it has none. */
function RuleList({ rules, none, testId }: { rules: string[]; none: string; testId: string }) {
  if (rules.length === 0) return <span className="muted">{none}</span>;
  return (
    <ul data-testid={testId}>
      {rules.map((r) => (
        <li key={r}>{r}</li>
      ))}
    </ul>
  );
}

function summaryToast(name: string, status: string, percent: number): string {
  if (status === 'live') return `“${name}” is live for ${percent}% of the customers who set it off.`;
  if (status === 'paused') return `“${name}” is paused. Nothing more is sent by it until you resume it.`;
  return `“${name}” is ${flowStatusWords({ status, live_percent: percent }).label.toLowerCase()}.`;
}
