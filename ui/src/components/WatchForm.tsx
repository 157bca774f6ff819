// "What this flow is judged by": the success metric the weekly digest reports it by, the failure
// metric with its limit (typed as a percent), and whether crossing it pauses the flow. Saved by
// the core, which checks it and says what it refuses.

import { useState } from 'react';
import type { FormEvent } from 'react';
import { flowWatch, saveFlowWatch } from '../api';
import type { FlowWatch } from '../api';
import { useAction } from '../useAction';
import { useLoad } from '../useLoad';
import { metricLabel, sameWatch, watchDraft, watchFrom } from '../watchForm';
import type { WatchDraft } from '../watchForm';
import { MetricFields } from './MetricFields';
import { ErrorState, LoadingState } from './States';
import { useToast } from './Toast';

const LIMIT_HINTS: Record<string, string> = {
  unsubscribe_rate: 'Alert when more than this share of its emails lead to an unsubscribe (0.5% is 1 in 200).',
  complaint_rate: 'Alert when more than this share of its emails are marked as spam (0.1% is 1 in 1,000).',
  return_rate: 'Alert when more than this share of the units its customers bought are returned.',
  discount_rate: 'Alert when more than this share of its customers’ orders use a discount.',
};

const MARGIN_LOSS_HINT =
  'Alerts when the profit per person emailed is clearly below that of the people held back — its whole 95% range ' +
  'below zero. There is no limit to set.';

export function WatchCard({ slug }: { slug: string }) {
  const { load, retry, show } = useLoad(() => flowWatch(slug), [slug]);
  return (
    <section className="card card--stack" aria-labelledby="watch-title" data-testid="watch">
      <h2 id="watch-title" className="card__title">
        What this flow is judged by
      </h2>
      <p className="muted small">
        Storeloop checks each live flow once a day. When its failure measure crosses the limit, an alert shows on
        Measurement — and if you tick the box, the flow is paused until you resume it.
      </p>
      {load.state === 'loading' ? <LoadingState title="Reading what this flow is judged by…" /> : null}
      {load.state === 'error' ? (
        <ErrorState title="What this flow is judged by could not be read" error={load.error} onRetry={retry} />
      ) : null}
      {load.state === 'ready' ? <WatchForm key={slug} slug={slug} saved={load.value} onSaved={show} /> : null}
    </section>
  );
}

function WatchForm({ slug, saved, onSaved }: { slug: string; saved: FlowWatch; onSaved: (w: FlowWatch) => void }) {
  const [draft, setDraft] = useState<WatchDraft>(() => watchDraft(saved));
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = useAction();
  const toast = useToast();
  const set = <K extends keyof WatchDraft>(key: K, value: WatchDraft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setInvalid(null);
  };

  const made = watchFrom(draft, saved);
  const changed = 'watch' in made ? !sameWatch(made.watch, saved) : true;
  const running = save.running !== null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if ('error' in made) {
      setInvalid(made.error);
      return;
    }
    void save.run(async () => {
      const next = await saveFlowWatch(slug, made.watch);
      onSaved(next);
      setDraft(watchDraft(next));
      toast.show({ tone: 'success', text: `Saved: this flow is judged by ${metricLabel(next.success_metric).toLowerCase()}.` });
    });
  };

  return (
    <form className="watch-form" onSubmit={submit} noValidate data-testid="watch-form">
      <div className="watch-form__fields">
        <MetricFields
          values={draft}
          onChange={set}
          testIdPrefix="watch"
          successHint="Compared with the people held back; the weekly digest reports it."
          marginLossHint={MARGIN_LOSS_HINT}
          limitLabel="Limit"
          limitHint={LIMIT_HINTS[draft.failure_metric] ?? 'Alert when it goes above this.'}
          invalid={invalid}
        />
      </div>

      <label className="check">
        <input
          type="checkbox"
          checked={draft.pause_on_failure}
          onChange={(e) => set('pause_on_failure', e.target.checked)}
          data-testid="watch-pause"
        />
        Pause the flow when this is crossed
      </label>

      {save.error ? (
        <div role="alert" className="watch-form__failure" data-testid="watch-error">
          <p className="state__title">Not saved</p>
          <pre className="message-box">{save.error.message}</pre>
          <p className="muted small">Nothing was changed: the flow is still judged as before.</p>
        </div>
      ) : null}

      <div className="watch-form__actions">
        <button type="submit" className="btn btn--primary" disabled={running || !changed} data-testid="watch-save">
          {running ? 'Saving…' : 'Save'}
        </button>
        {!changed && !running ? <span className="muted small">No changes to save.</span> : null}
      </div>
    </form>
  );
}
