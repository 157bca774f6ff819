// Guardrails (#/flows/guardrails): the rules every send passes, whatever a flow says — how often
// one person may be emailed, quiet hours, the discount policy, who stops being emailed, and when a
// flow pauses itself, and the product categories no email shows. Each rule is a sentence with the
// numbers in it. Saved by the core, which
// checks them all and names the field it rejects; the error is shown next to that field.

import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { guardrailSettings, productCategories, saveGuardrailSettings, toApiError } from '../api';
import type { ApiError, GuardrailSettings, StoreInfo } from '../api';
import { defaultLocale } from '../format';
import { draftFrom, fieldInMessage, sameDraft, settingsFrom, withCategory } from '../guardrailForm';
import type { FieldErrors, GuardrailDraft, GuardrailField, NumberField } from '../guardrailForm';
import { useKillSwitch } from '../killSwitch';
import type { Navigate } from '../useHashRoute';
import { useLoad } from '../useLoad';
import { FlowsHeader } from '../components/FlowTabs';
import { ErrorState, InlineError, LoadingState } from '../components/States';
import { useToast } from '../components/Toast';

export interface GuardrailsPageProps {
  store: StoreInfo;
  navigate: Navigate;
}

export function GuardrailsPage({ store, navigate }: GuardrailsPageProps) {
  const { load, retry, show } = useLoad(guardrailSettings, [store]);

  return (
    <div className="page" data-testid="guardrails">
      <FlowsHeader current="guardrails" navigate={navigate}>
        Guardrails are the rules every flow follows, whatever its steps say. A flow may be stricter, never looser.
        Every email is checked against them before it goes out.
      </FlowsHeader>
      {load.state === 'loading' ? <LoadingState title="Reading the guardrails…" /> : null}
      {load.state === 'error' ? (
        <ErrorState title="The guardrails could not be read" error={load.error} onRetry={retry} />
      ) : null}
      {load.state === 'ready' ? (
        <GuardrailForm saved={load.value} onSaved={show} />
      ) : null}
    </div>
  );
}

function GuardrailForm({ saved, onSaved }: { saved: GuardrailSettings; onSaved: (s: GuardrailSettings) => void }) {
  const locale = defaultLocale();
  const [draft, setDraft] = useState<GuardrailDraft>(() => draftFrom(saved, locale));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const kill = useKillSwitch();
  const toast = useToast();
  const id = useId();

  const changed = !sameDraft(draft, draftFrom(saved, locale));
  const currency = saved.weekly_discount_budget.currency;

  const setNumber = (f: NumberField, v: string) => {
    setDraft((d) => ({ ...d, numbers: { ...d.numbers, [f]: v } }));
    setErrors((e) => ({ ...e, [f]: undefined }));
  };

  const save = async () => {
    // The kill switch is changed only from its own buttons: keep whatever it is now.
    const base = { ...saved, kill_all: kill.state?.all ?? saved.kill_all };
    const made = settingsFrom(draft, base, locale);
    if ('errors' in made) {
      setErrors(made.errors);
      setFailure(null);
      return;
    }
    setSaving(true);
    setFailure(null);
    setErrors({});
    try {
      const next = await saveGuardrailSettings(made.settings);
      setDraft(draftFrom(next, locale));
      onSaved(next);
      toast.show({ tone: 'success', text: 'Guardrails saved. Every flow follows them from now on.' });
    } catch (e) {
      const err = toApiError(e);
      setFailure(err);
      const field = fieldInMessage(err.message);
      if (field) setErrors({ [field]: err.message });
    } finally {
      setSaving(false);
    }
  };

  const num = (f: NumberField, label: string, extra?: { step?: string; width?: string }) => (
    <NumberInput
      field={f}
      label={label}
      value={draft.numbers[f]}
      error={errors[f]}
      onChange={(v) => setNumber(f, v)}
      errorId={`${id}-${f}-error`}
      decimal={extra?.step !== undefined}
    />
  );

  const hour = (f: 'quiet_start_hour' | 'quiet_end_hour', label: string) => (
    <select
      className="select input--inline"
      aria-label={label}
      value={draft.numbers[f]}
      onChange={(e) => setNumber(f, e.target.value)}
      aria-invalid={errors[f] ? true : undefined}
      aria-describedby={errors[f] ? `${id}-${f}-error` : undefined}
      data-testid={`guard-${f}`}
    >
      {Array.from({ length: 24 }, (_, h) => (
        <option key={h} value={String(h)}>
          {`${String(h).padStart(2, '0')}:00`}
        </option>
      ))}
    </select>
  );

  return (
    <form
      className="guardrails"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      noValidate
      aria-describedby={failure ? `${id}-failure` : undefined}
      data-testid="guardrail-form"
    >
      <section className="card card--stack" aria-labelledby={`${id}-often`}>
        <h2 id={`${id}-often`} className="card__title">
          How often
        </h2>
        <Rule
          fields={['frequency_cap', 'frequency_days']}
          errors={errors}
          id={id}
          hint="All flows count together, so nobody gets a pile of emails because they did several things at once."
        >
          At most {num('frequency_cap', 'Most marketing emails per customer')} marketing emails per customer in{' '}
          {num('frequency_days', 'Days the limit counts over')} days, across all flows.
        </Rule>
        <Rule
          fields={['quiet_start_hour', 'quiet_end_hour']}
          errors={errors}
          id={id}
          hint="In each customer’s own time zone. When the first hour is later than the second, the quiet time runs overnight."
        >
          No marketing email between {hour('quiet_start_hour', 'Quiet time starts at')} and{' '}
          {hour('quiet_end_hour', 'Quiet time ends at')}.
        </Rule>
      </section>

      <section className="card card--stack" aria-labelledby={`${id}-discounts`}>
        <h2 id={`${id}-discounts`} className="card__title">
          Discounts
        </h2>
        <Rule fields={['max_discount_percent']} errors={errors} id={id}>
          No discount deeper than {num('max_discount_percent', 'Deepest discount, in percent')}%.
        </Rule>
        <Rule
          fields={['weekly_discount_budget']}
          errors={errors}
          id={id}
          hint="Once this week’s discounts reach it, no flow gives another discount until next week."
        >
          Discounts may cost at most{' '}
          <span className="input-money">
            <input
              className="input input--inline input--money num"
              inputMode="decimal"
              aria-label={`Weekly discount budget, in ${currency}`}
              value={draft.budget}
              onChange={(e) => {
                const v = e.target.value;
                setDraft((d) => ({ ...d, budget: v }));
                setErrors((er) => ({ ...er, weekly_discount_budget: undefined }));
              }}
              aria-invalid={errors.weekly_discount_budget ? true : undefined}
              aria-describedby={errors.weekly_discount_budget ? `${id}-weekly_discount_budget-error` : undefined}
              data-testid="guard-weekly_discount_budget"
            />
            <span className="input-money__currency">{currency}</span>
          </span>{' '}
          a week, all flows together.
        </Rule>
        <Rule
          fields={['min_margin_percent']}
          errors={errors}
          id={id}
          hint="The margin is what is left of the discounted price after the cost of the items, as a share of that price."
        >
          Every discounted order keeps at least {num('min_margin_percent', 'Least margin after a discount, in percent')}%
          margin.
        </Rule>
        <Check
          checked={draft.no_discount_for_segment_a}
          onChange={(v) => setDraft((d) => ({ ...d, no_discount_for_segment_a: v }))}
          testId="guard-no_discount_for_segment_a"
          hint="They buy anyway: a discount would only cost you money."
        >
          Never offer a discount to customers who usually pay full price
        </Check>
        <Check
          checked={draft.no_stacking}
          onChange={(v) => setDraft((d) => ({ ...d, no_stacking: v }))}
          testId="guard-no_stacking"
          hint="So nobody collects offers from several flows at once."
        >
          No new offer while an earlier one, from any flow, is still open
        </Check>
      </section>

      <section className="card card--stack" aria-labelledby={`${id}-who`}>
        <h2 id={`${id}-who`} className="card__title">
          Who is emailed
        </h2>
        <Rule
          fields={['engagement_days']}
          errors={errors}
          id={id}
          hint="Emailing people who never open hurts how often your emails reach anyone’s inbox. 0 means never stop for this."
        >
          Stop emailing customers who have not opened or clicked anything in{' '}
          {num('engagement_days', 'Days without an open or click')} days.
        </Rule>
      </section>

      <ExcludedCategories
        excluded={draft.excluded_categories}
        onChange={(category, on) => {
          setDraft((d) => ({ ...d, excluded_categories: withCategory(d.excluded_categories, category, on) }));
          setErrors((e) => ({ ...e, excluded_categories: undefined }));
        }}
        error={errors.excluded_categories}
      />

      <section className="card card--stack" aria-labelledby={`${id}-safety`}>
        <h2 id={`${id}-safety`} className="card__title">
          Safety stops
        </h2>
        <Rule
          fields={['auto_pause_unsubscribe_percent', 'auto_pause_complaint_percent']}
          errors={errors}
          id={id}
          hint="A complaint is someone marking the email as spam. A paused flow sends nothing until you resume it."
        >
          Pause a flow by itself when{' '}
          {num('auto_pause_unsubscribe_percent', 'Unsubscribes that pause a flow, in percent of people emailed', {
            step: '0.1',
          })}
          % of the people it emailed unsubscribe, or{' '}
          {num('auto_pause_complaint_percent', 'Complaints that pause a flow, in percent of people emailed', {
            step: '0.01',
          })}
          % complain.
        </Rule>
        <Rule
          fields={['max_late_hours']}
          errors={errors}
          id={id}
          hint="A step runs late when this computer was asleep or the step was held. Late emails can confuse more than help."
        >
          Skip a step that is more than {num('max_late_hours', 'Hours late before a step is skipped')} hours late,
          instead of sending it late.
        </Rule>
        <p className="muted small" data-testid="guard-kill_all">
          {kill.state?.all ?? saved.kill_all
            ? 'All sending is stopped right now. Resume it from the red banner at the top of the window.'
            : 'To stop everything at once, use “Stop all sending” at the top of every screen.'}
        </p>
      </section>

      <div className="card save-bar guardrails__save" data-unsaved={changed ? '' : undefined}>
        {failure ? (
          <div className="guardrails__failure" role="alert" id={`${id}-failure`} data-testid="guard-error">
            <p className="state__title">The guardrails were not saved</p>
            <pre className="message-box">{failure.message}</pre>
            <p className="muted small">Nothing was changed: the guardrails saved before still apply.</p>
          </div>
        ) : null}
        {Object.keys(errors).some((k) => errors[k as GuardrailField]) && !failure ? (
          <p className="field__error" role="alert" data-testid="guard-invalid">
            Some numbers need fixing before saving (marked above).
          </p>
        ) : null}
        <div className="save-bar__actions">
          <span className="muted small">{changed ? 'You have unsaved changes.' : 'Saved.'}</span>
          {changed ? (
            <button
              type="button"
              className="btn"
              onClick={() => {
                setDraft(draftFrom(saved, locale));
                setErrors({});
                setFailure(null);
              }}
              disabled={saving}
              data-testid="guard-discard"
            >
              Discard changes
            </button>
          ) : null}
          <button type="submit" className="btn btn--primary" disabled={saving} data-testid="guard-save">
            {saving ? 'Saving…' : 'Save guardrails'}
          </button>
        </div>
      </div>
    </form>
  );
}

function Rule({
  fields,
  errors,
  id,
  hint,
  children,
}: {
  fields: GuardrailField[];
  errors: FieldErrors;
  id: string;
  hint?: string;
  children: ReactNode;
}) {
  const shown = fields.filter((f) => errors[f]);
  return (
    <div className={`rule${shown.length > 0 ? ' rule--invalid' : ''}`}>
      <p className="rule__sentence">{children}</p>
      {hint ? <p className="field__hint">{hint}</p> : null}
      {shown.map((f) => (
        <p key={f} className="field__error" id={`${id}-${f}-error`} data-testid={`guard-error-${f}`}>
          {errors[f]}
        </p>
      ))}
    </div>
  );
}

function NumberInput({
  field,
  label,
  value,
  error,
  onChange,
  errorId,
  decimal,
}: {
  field: NumberField;
  label: string;
  value: string;
  error: string | undefined;
  onChange: (v: string) => void;
  errorId: string;
  decimal: boolean;
}) {
  return (
    <input
      className={`input input--inline num${decimal ? ' input--decimal' : ''}`}
      inputMode={decimal ? 'decimal' : 'numeric'}
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
      data-testid={`guard-${field}`}
    />
  );
}

function Check({
  checked,
  onChange,
  testId,
  hint,
  children,
}: {
  checked: boolean;
  onChange: (v: boolean) => void;
  testId: string;
  hint: string;
  children: ReactNode;
}) {
  return (
    <label className="check rule">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      <span>
        <span className="rule__sentence">{children}</span>
        <span className="field__hint check__hint">{hint}</span>
      </span>
    </label>
  );
}

/** "Product categories no email shows": one box per category the store's products use. */
function ExcludedCategories({
  excluded,
  onChange,
  error,
}: {
  excluded: readonly string[];
  onChange: (category: string, on: boolean) => void;
  error: string | undefined;
}) {
  const categories = useLoad(productCategories, []);
  const id = useId();
  const known = categories.load.state === 'ready' ? categories.load.value : [];
  // A category saved before that no product uses any more still shows, so it can be unticked.
  const shown = [...known, ...excluded.filter((c) => !known.includes(c))];

  return (
    <section className="card card--stack" aria-labelledby={`${id}-title`} data-testid="guard-excluded">
      <h2 id={`${id}-title`} className="card__title">
        Product categories no email shows
      </h2>
      <p className="field__hint">
        No email shows or recommends a product from a ticked category — for example gift cards, or products that need
        advice before buying.
      </p>
      {categories.load.state === 'loading' ? <LoadingState title="Reading your product categories…" /> : null}
      {categories.load.state === 'error' ? (
        <InlineError error={categories.load.error} onRetry={categories.retry} testId="guard-categories-error" />
      ) : null}
      {categories.load.state === 'ready' && shown.length === 0 ? (
        <p className="muted" data-testid="guard-no-categories">
          Your products have no categories yet. Import your product export under Data to choose some here.
        </p>
      ) : null}
      {shown.length > 0 ? (
        <div className="guard-categories" role="group" aria-labelledby={`${id}-title`}>
          {shown.map((c) => (
            <label key={c} className="check">
              <input
                type="checkbox"
                checked={excluded.includes(c)}
                onChange={(e) => onChange(c, e.target.checked)}
                data-testid={`excluded-${c}`}
              />
              {c}
            </label>
          ))}
        </div>
      ) : null}
      {error ? (
        <p className="field__error" id={`${id}-excluded_categories-error`} data-testid="guard-error-excluded_categories">
          {error}
        </p>
      ) : null}
    </section>
  );
}
