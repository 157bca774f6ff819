// The workflow map (#/home/map), day 1–2 of the rollout: the store's three revenue moments with
// its own numbers, what starts each and who gets what today, which decision rests on gut feel (the
// AI candidate), the playbook to start with, two guardrails and what the flow is judged by. Saving
// makes the draft flow from the playbook; the core checks the map and says what is wrong.

import { useId, useState } from 'react';
import { saveWorkflowMap, workflowMapping } from '../api';
import type { FlowSummary, MappingView, RevenueMoment, StoreInfo, WorkflowMap } from '../api';
import { defaultLocale, formatCount, formatMoney, formatRate } from '../format';
import { playbookName } from '../rolloutWords';
import { useAction } from '../useAction';
import type { Navigate } from '../useHashRoute';
import { useLoad } from '../useLoad';
import { percentFromShare, shareFromPercent, takesThreshold } from '../watchForm';
import type { MetricDraft } from '../watchForm';
import { AreaLink } from '../components/AreaLink';
import { MetricFields } from '../components/MetricFields';
import { ErrorState, LoadingState } from '../components/States';

export interface MappingPageProps {
  store: StoreInfo;
  navigate: Navigate;
}

export function MappingPage({ store, navigate }: MappingPageProps) {
  const { load, retry } = useLoad(workflowMapping, [store]);

  return (
    <div className="page" data-testid="mapping">
      <AreaLink area="home" path={['rollout']} navigate={navigate} className="back-link" testId="mapping-back">
        ← The rollout
      </AreaLink>
      <header className="page__header">
        <p className="page__eyebrow">Rollout · day 1–2</p>
        <h1>Where your revenue comes from</h1>
        <p className="page__lede">
          Three moments make most of a small store’s revenue. For each, say what starts it and who gets what today, and
          mark the decision you make on gut feel — that is where Storeloop’s predictions help most. Then pick one workflow
          to start with.
        </p>
      </header>
      {load.state === 'loading' ? <LoadingState title="Reading your store’s numbers…" /> : null}
      {load.state === 'error' ? (
        <ErrorState title="The revenue moments could not be read" error={load.error} onRetry={retry} />
      ) : null}
      {load.state === 'ready' ? <MappingForm view={load.value} navigate={navigate} /> : null}
    </div>
  );
}

interface MomentDraft {
  trigger: string;
  decision: string;
}

/** The playbooks the moments offer, each once, in the moments' order (best first within each). */
export function playbooksOf(moments: readonly RevenueMoment[]): string[] {
  const out: string[] = [];
  for (const m of moments) for (const p of m.playbooks) if (!out.includes(p)) out.push(p);
  return out;
}

function MappingForm({ view, navigate }: { view: MappingView; navigate: Navigate }) {
  const locale = defaultLocale();
  const map = view.map;
  const id = useId();
  const [moments, setMoments] = useState<Record<string, MomentDraft>>(() =>
    Object.fromEntries(
      view.moments.map((m) => {
        const saved = map?.moments.find((s) => s.key === m.key);
        return [m.key, { trigger: saved?.trigger ?? m.trigger, decision: saved?.decision ?? m.decision }];
      }),
    ),
  );
  const playbooks = playbooksOf(view.moments);
  const [aiCandidate, setAiCandidate] = useState(map?.ai_candidate ?? '');
  const [playbook, setPlaybook] = useState(map?.playbook ?? playbooks[0] ?? '');
  const [cap, setCap] = useState(String(map?.frequency_cap ?? 3));
  const [discount, setDiscount] = useState(String(map?.max_discount_percent ?? 15));
  const [metrics, setMetrics] = useState<MetricDraft>(() => ({
    success_metric: map?.success_metric ?? 'margin_per_recipient',
    failure_metric: map?.failure_metric ?? 'unsubscribe_rate',
    percent: map ? percentFromShare(map.failure_threshold) : '0.5',
  }));
  const [invalid, setInvalid] = useState<string | null>(null);
  const [made, setMade] = useState<FlowSummary | null>(null);
  const save = useAction();

  const setMoment = (key: string, field: keyof MomentDraft, value: string) =>
    setMoments((ms) => ({ ...ms, [key]: { ...(ms[key] ?? { trigger: '', decision: '' }), [field]: value } }));

  const submit = () => {
    setInvalid(null);
    setMade(null);
    const capN = wholeNumber(cap);
    const discountN = wholeNumber(discount);
    if (capN === null) return setInvalid('Type the frequency cap as a whole number of emails, such as 3.');
    if (discountN === null) return setInvalid('Type the discount limit as a whole percent, such as 15.');
    let share = map?.failure_threshold ?? 0.005;
    if (takesThreshold(metrics.failure_metric)) {
      share = shareFromPercent(metrics.percent);
      if (!Number.isFinite(share)) return setInvalid('Type the failure limit as a percent, such as 0.5.');
    }
    const out: WorkflowMap = {
      moments: view.moments.map((m) => ({
        key: m.key,
        trigger: moments[m.key]?.trigger ?? '',
        decision: moments[m.key]?.decision ?? '',
      })),
      ai_candidate: aiCandidate,
      playbook,
      frequency_cap: capN,
      max_discount_percent: discountN,
      success_metric: metrics.success_metric,
      failure_metric: metrics.failure_metric,
      failure_threshold: share,
      saved_at: null,
    };
    void save.run(async () => setMade(await saveWorkflowMap(out)));
  };

  const flowSlug = made?.slug ?? view.flow;

  return (
    <form
      className="mapping"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      noValidate
      data-testid="mapping-form"
    >
      {map?.saved_at && !made ? (
        <p className="notice" role="note" data-testid="map-saved-before">
          You saved this map before
          {view.flow ? (
            <>
              {' '}
              and it made the draft flow{' '}
              <AreaLink area="flows" path={[view.flow]} navigate={navigate}>
                {playbookName(view.flow)}
              </AreaLink>
            </>
          ) : null}
          . Change anything and save again to update it.
        </p>
      ) : null}

      <fieldset className="mapping__moments">
        <legend className="section__title">The three moments, with your store’s numbers from the last year</legend>
        {view.moments.map((m) => (
          <MomentCard
            key={m.key}
            moment={m}
            draft={moments[m.key] ?? { trigger: '', decision: '' }}
            onChange={(f, v) => setMoment(m.key, f, v)}
            aiCandidate={aiCandidate === m.key}
            onAiCandidate={() => setAiCandidate(m.key)}
            radioName={`${id}-ai`}
            locale={locale}
          />
        ))}
      </fieldset>

      <section className="card card--stack" aria-labelledby={`${id}-start`}>
        <h2 id={`${id}-start`} className="card__title">
          Your first workflow
        </h2>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-playbook`}>
            Start with
          </label>
          <select
            id={`${id}-playbook`}
            className="select"
            value={playbook}
            onChange={(e) => setPlaybook(e.target.value)}
            data-testid="map-playbook"
          >
            {playbooks.includes(playbook) || playbook === '' ? null : <option value={playbook}>{playbookName(playbook)}</option>}
            {playbooks.map((p) => (
              <option key={p} value={p}>
                {playbookName(p)}
              </option>
            ))}
          </select>
          <span className="field__hint">One workflow at a time: the next one comes a month after this one is live.</span>
        </div>

        <div className="mapping__grid">
          <WholeNumberField
            id={`${id}-cap`}
            label="Guardrail 1: how often"
            unit="emails per person per week"
            hint="All marketing emails together, from every flow."
            value={cap}
            onChange={setCap}
            testId="map-cap"
          />
          <WholeNumberField
            id={`${id}-discount`}
            label="Guardrail 2: deepest discount"
            unit="% off at most"
            hint="The flow never offers more, whatever its steps say."
            value={discount}
            onChange={setDiscount}
            testId="map-discount"
          />
        </div>

        <div className="mapping__grid">
          <MetricFields
            values={metrics}
            onChange={(key, value) => setMetrics((m) => ({ ...m, [key]: value }))}
            testIdPrefix="map"
            successHint="Compared with the customers held back from it."
            marginLossHint="When its profit per person is clearly below the held-back group’s."
            limitLabel="Goes above"
            limitHint="The flow pauses itself when it does."
            inlineLimit
          />
        </div>
      </section>

      {invalid ? (
        <p className="field__error" role="alert" data-testid="map-invalid">
          {invalid}
        </p>
      ) : null}
      {save.error ? (
        <div role="alert" data-testid="map-error">
          <p className="state__title">The map was not saved</p>
          <pre className="message-box">{save.error.message}</pre>
        </div>
      ) : null}
      {made ? (
        <div className="banner banner--success" role="status" data-testid="map-saved">
          <p className="banner__title">Map saved: “{made.name}” is ready as a draft</p>
          <p>
            It follows the map’s guardrails and is judged by what you chose. Nothing is sent until you dry-run, approve and
            launch it.
          </p>
          <p className="rollout__actions">
            {flowSlug ? (
              <AreaLink area="flows" path={[flowSlug]} navigate={navigate} className="btn btn--sm" testId="map-open-flow">
                Open the flow
              </AreaLink>
            ) : null}
            <AreaLink area="home" path={['rollout']} navigate={navigate} className="btn btn--sm" testId="map-to-rollout">
              Back to the rollout
            </AreaLink>
          </p>
        </div>
      ) : null}

      <div className="rollout__actions">
        <button type="submit" className="btn btn--primary" disabled={save.running !== null} data-testid="map-save">
          {save.running !== null ? 'Saving…' : 'Save the map and make the draft flow'}
        </button>
      </div>
    </form>
  );
}

function MomentCard({
  moment,
  draft,
  onChange,
  aiCandidate,
  onAiCandidate,
  radioName,
  locale,
}: {
  moment: RevenueMoment;
  draft: MomentDraft;
  onChange: (field: keyof MomentDraft, value: string) => void;
  aiCandidate: boolean;
  onAiCandidate: () => void;
  radioName: string;
  locale: string;
}) {
  const id = useId();
  const share = Number.isFinite(moment.share) ? Math.min(1, Math.max(0, moment.share)) : 0;
  return (
    <section className="card card--stack moment" aria-labelledby={`${id}-title`} data-testid={`moment-${moment.key}`}>
      <div className="card__head">
        <h2 id={`${id}-title`} className="card__title">
          {moment.title}
        </h2>
        <span className="card__meta">
          <span className="num" data-testid="moment-customers" data-value={moment.customers}>
            {formatCount(moment.customers, locale)}
          </span>{' '}
          customers ·{' '}
          <span className="num" data-testid="moment-revenue" data-value={moment.revenue.minor}>
            {formatMoney(moment.revenue, locale)}
          </span>
        </span>
      </div>
      <div className="moment__share">
        <div
          className="moment__bar"
          role="img"
          aria-label={`${formatRate(share, locale)} of the year’s revenue`}
          data-testid="moment-share"
          data-value={moment.share}
        >
          <div className="moment__fill" style={{ width: `${share * 100}%` }} />
        </div>
        <span className="small num">{formatRate(share, locale)} of revenue</span>
      </div>
      <p className="small">{moment.detail}</p>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-trigger`}>
          What starts it
        </label>
        <textarea
          id={`${id}-trigger`}
          className="textarea"
          rows={2}
          value={draft.trigger}
          onChange={(e) => onChange('trigger', e.target.value)}
          data-testid={`moment-trigger-${moment.key}`}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-decision`}>
          Who gets what, today
        </label>
        <textarea
          id={`${id}-decision`}
          className="textarea"
          rows={2}
          value={draft.decision}
          onChange={(e) => onChange('decision', e.target.value)}
          data-testid={`moment-decision-${moment.key}`}
        />
      </div>
      <label className="check moment__ai">
        <input
          type="radio"
          name={radioName}
          checked={aiCandidate}
          onChange={onAiCandidate}
          aria-describedby={`${id}-gut`}
          data-testid={`ai-candidate-${moment.key}`}
        />
        <span>
          This decision rests on gut feel today (the AI candidate)
          <span id={`${id}-gut`} className="field__hint check__hint">
            {moment.gut_feel}
          </span>
        </span>
      </label>
    </section>
  );
}

/** A guardrail typed as a whole number, with its unit after the box. */
function WholeNumberField({
  id,
  label,
  unit,
  hint,
  value,
  onChange,
  testId,
}: {
  id: string;
  label: string;
  unit: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
}) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <span className="editor__input">
        <input
          id={id}
          className="input input--inline num"
          inputMode="numeric"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
        />
        <span className="editor__unit muted">{unit}</span>
      </span>
      <span className="field__hint">{hint}</span>
    </div>
  );
}

function wholeNumber(text: string): number | null {
  const t = text.trim();
  return /^\d{1,6}$/.test(t) ? Number(t) : null;
}
