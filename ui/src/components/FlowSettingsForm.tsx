// The settings of a flow being edited: its name and description, what starts it, who may enter,
// what makes people leave early, the share held back to measure it, and the step it starts with.

import { useId } from 'react';
import type { FlowDefinition, FlowTrigger, RuleField } from '../api';
import { EXIT_WORDS, MAX_HOLDOUT_PERCENT, TRIGGER_SCORES, TRIGGER_WORDS } from '../flowDraft';
import type { TriggerKind } from '../flowDraft';
import { ConditionList } from './ConditionList';
import { ChoiceField, StepOptions, UnitNumber } from './FlowInputs';

export interface FlowSettingsFormProps {
  def: FlowDefinition;
  onChange: (change: (def: FlowDefinition) => FlowDefinition) => void;
  steps: ReadonlyArray<{ id: string; title: string }>;
  fields: readonly RuleField[];
  segments: ReadonlyArray<{ id: string; name: string }>;
  currency: string;
}

const TRIGGER_OPTIONS = (Object.keys(TRIGGER_WORDS) as TriggerKind[]).map((k) => ({ id: k, label: TRIGGER_WORDS[k] }));
const SCORE_OPTIONS = TRIGGER_SCORES.map((s) => ({ id: s.name, label: s.label }));

function triggerOf(kind: TriggerKind, old: FlowTrigger): FlowTrigger {
  if (kind !== 'score_crossed') return { kind };
  return old.kind === 'score_crossed' ? old : { kind, score: 'churn_risk', above: 0.7 };
}

export function FlowSettingsForm({ def, onChange, steps, fields, segments, currency }: FlowSettingsFormProps) {
  const id = useId();
  const set = <K extends keyof FlowDefinition>(key: K, value: FlowDefinition[K]) => onChange((d) => ({ ...d, [key]: value }));
  const trigger = def.trigger;
  const score = trigger.kind === 'score_crossed' ? TRIGGER_SCORES.find((s) => s.name === trigger.score) : undefined;
  const share = score?.kind === 'share';

  return (
    <div className="flow-editor__form" data-testid="flow-settings">
      <div className="field">
        <label className="field__label" htmlFor={`${id}-name`}>
          Name
        </label>
        <input id={`${id}-name`} className="input" value={def.name} onChange={(e) => set('name', e.target.value)} data-testid="flow-settings-name" />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-description`}>
          What it is for
        </label>
        <textarea
          id={`${id}-description`}
          className="textarea"
          rows={2}
          value={def.description}
          onChange={(e) => set('description', e.target.value)}
        />
      </div>
      <ChoiceField
        label="Starts when"
        value={trigger.kind}
        options={TRIGGER_OPTIONS}
        onChange={(k) => set('trigger', triggerOf(k as TriggerKind, trigger))}
        testId="flow-settings-trigger"
      />
      {trigger.kind === 'score_crossed' ? (
        <div className="flow-editor__pair">
          <ChoiceField
            label="Score"
            value={trigger.score}
            options={SCORE_OPTIONS}
            onChange={(name) => set('trigger', { ...trigger, score: name })}
            testId="flow-settings-score"
          />
          <div className="field">
            <label className="field__label" htmlFor={`${id}-above`}>
              Rises above
            </label>
            <UnitNumber
              id={`${id}-above`}
              value={share ? Math.round(trigger.above * 1e8) / 1e6 : trigger.above}
              onChange={(n) => set('trigger', { ...trigger, above: share ? n / 100 : n })}
              unit={share ? '%' : score?.kind === 'money' ? currency : ''}
              data-testid="flow-settings-above"
            />
          </div>
        </div>
      ) : null}

      <fieldset className="flow-editor__fieldset">
        <legend className="field__label">Who may enter</legend>
        <p className="field__hint">Only customers for whom every condition holds; with none, everyone who sets it off.</p>
        <ConditionList
          conditions={def.entry}
          onChange={(entry) => set('entry', entry)}
          fields={fields}
          segments={segments}
          currency={currency}
          label="Who may enter"
          testId="flow-settings-entry"
        />
      </fieldset>

      <fieldset className="flow-editor__fieldset">
        <legend className="field__label">Leaves the flow early when</legend>
        {EXIT_WORDS.map((x) => (
          <label key={x.id} className="check">
            <input
              type="checkbox"
              checked={def.exit.includes(x.id)}
              onChange={(e) =>
                set('exit', e.target.checked ? EXIT_WORDS.map((w) => w.id).filter((w) => w === x.id || def.exit.includes(w)) : def.exit.filter((w) => w !== x.id))
              }
              data-testid={`flow-settings-exit-${x.id}`}
            />
            {x.label}
          </label>
        ))}
      </fieldset>

      <div className="field">
        <label className="field__label" htmlFor={`${id}-holdout`}>
          Held back to measure what it adds
        </label>
        <UnitNumber
          id={`${id}-holdout`}
          value={def.holdout_percent}
          onChange={(n) => set('holdout_percent', n)}
          unit="%"
          data-testid="flow-settings-holdout"
        />
        <span className="field__hint">0–{MAX_HOLDOUT_PERCENT}%. They get nothing from this flow, so you can see what it changes.</span>
      </div>

      <div className="field">
        <label className="field__label" htmlFor={`${id}-start`}>
          First step
        </label>
        <select id={`${id}-start`} className="select" value={def.start} onChange={(e) => set('start', e.target.value)} data-testid="flow-settings-start">
          <StepOptions steps={steps} value={def.start} />
        </select>
      </div>
    </div>
  );
}
