// The form for one step of a flow being edited, by kind: how long a wait is, which email and
// subject, which way a split or an A/B test sends people, and where each way goes next.

import type { ReactNode } from 'react';
import type { FlowArm, FlowBranch, FlowCondition, FlowNode, FlowTemplate, RuleField } from '../api';
import { EVENTS } from '../flowDraft';
import type { StepKind } from '../flowDraft';
import { ConditionList } from './ConditionList';
import { ChoiceField, DurationInput, Field, NextSelect, UnitNumber } from './FlowInputs';

export interface StepFormContext {
  /** Every step with its title in words; the form leaves out the step it edits. */
  steps: ReadonlyArray<{ id: string; title: string }>;
  onCreate: (kind: StepKind, then: string) => string;
  templates: readonly FlowTemplate[] | null;
  segments: ReadonlyArray<{ id: string; name: string }>;
  fields: readonly RuleField[];
  currency: string;
}

export interface FlowStepFormProps extends StepFormContext {
  node: FlowNode;
  onChange: (node: FlowNode) => void;
}

const HOURS = Array.from({ length: 25 }, (_, h) => ({ id: String(h), label: `${h}:00` }));
const EVENT_OPTIONS = EVENTS.map((e) => ({ id: e.id, label: e.label }));

export function FlowStepForm({ node, onChange, steps, ...ctx }: FlowStepFormProps) {
  const others = steps.filter((s) => s.id !== node.id);
  const next: NextField = (label, value, set, testId) => (
    <NextSelect label={label} value={value} steps={others} onChange={set} onCreate={ctx.onCreate} testId={testId} />
  );
  // Steps with one way out end with "Then"; the others say where each of their ways goes.
  const then =
    'next' in node && node.kind !== 'wait_event' ? next('Then', node.next, (n) => onChange({ ...node, next: n }), 'step-next') : null;
  return (
    <>
      <StepFields node={node} onChange={onChange} next={next} {...ctx} />
      {then}
    </>
  );
}

function StepFields({ node, onChange, next, ...ctx }: Omit<FlowStepFormProps, 'steps'> & { next: NextField }) {
  switch (node.kind) {
    case 'wait':
      return <DurationInput label="Wait for" minutes={node.minutes} onChange={(minutes) => onChange({ ...node, minutes })} testId="step-wait" />;
    case 'wait_window':
      return (
        <>
          <div className="flow-editor__pair">
            <ChoiceField
              label="From (hour)"
              value={String(node.from_hour)}
              options={HOURS.slice(0, 24)}
              onChange={(h) => onChange({ ...node, from_hour: Number(h) })}
            />
            <ChoiceField label="To (hour)" value={String(node.to_hour)} options={HOURS.slice(1)} onChange={(h) => onChange({ ...node, to_hour: Number(h) })} />
          </div>
          <p className="field__hint">In the customer’s own time zone; a window such as 21:00–8:00 runs over midnight.</p>
        </>
      );
    case 'wait_event':
      return (
        <>
          <ChoiceField
            label="Wait until the customer has"
            value={node.event}
            options={EVENT_OPTIONS}
            onChange={(event) => onChange({ ...node, event })}
            testId="step-event"
          />
          <DurationInput
            label="At most"
            minutes={node.timeout_minutes}
            onChange={(timeout_minutes) => onChange({ ...node, timeout_minutes })}
            testId="step-timeout"
          />
          {next('If it happens, then', node.next, (n) => onChange({ ...node, next: n }), 'step-next')}
          {next('If not in time, then', node.timeout_next, (n) => onChange({ ...node, timeout_next: n }), 'step-timeout-next')}
        </>
      );
    case 'split':
      return <SplitForm node={node} onChange={onChange} next={next} {...ctx} />;
    case 'ab':
      return <AbForm node={node} onChange={onChange} next={next} />;
    case 'email': {
      const template = ctx.templates?.find((t) => t.name === node.template);
      return (
        <>
          <ChoiceField
            label="Email"
            value={node.template}
            options={(ctx.templates ?? []).map((t) => ({ id: t.name, label: `${t.name} — “${t.headline}”` }))}
            onChange={(name) => onChange({ ...node, template: name })}
            hint={template ? `Starts “${template.headline}”${template.shows_products ? ' · shows products' : ''}` : undefined}
            testId="step-template"
          />
          <Field label="Subject">
            {(id) => (
              <input id={id} className="input" value={node.subject} onChange={(e) => onChange({ ...node, subject: e.target.value })} data-testid="step-subject" />
            )}
          </Field>
        </>
      );
    }
    case 'offer':
      return (
        <Field label="Percent off" hint="1–90%. The discount policy in Guardrails may still refuse it.">
          {(id) => <UnitNumber id={id} value={node.percent} onChange={(percent) => onChange({ ...node, percent })} unit="%" data-testid="step-percent" />}
        </Field>
      );
    case 'task':
      return (
        <Field label="What should a person do?">
          {(id) => (
            <textarea id={id} className="textarea" rows={3} value={node.text} onChange={(e) => onChange({ ...node, text: e.target.value })} data-testid="step-task" />
          )}
        </Field>
      );
    case 'exit':
      return <p className="muted">The customer leaves the flow here.</p>;
  }
}

type NextField = (label: string, value: string, set: (next: string) => void, testId: string) => ReactNode;

function SplitForm({
  node,
  onChange,
  next,
  segments,
  fields,
  currency,
}: {
  node: Extract<FlowNode, { kind: 'split' }>;
  onChange: (node: FlowNode) => void;
  next: NextField;
} & Pick<StepFormContext, 'segments' | 'fields' | 'currency'>) {
  const setBranch = (i: number, b: FlowBranch) => onChange({ ...node, branches: node.branches.map((old, j) => (j === i ? b : old)) });
  return (
    <>
      <p className="field__hint">Each customer goes down the first way whose conditions all hold.</p>
      <ol className="flow-editor__ways">
        {node.branches.map((b, i) => {
          const name = `Way ${i + 1}`;
          return (
            <li key={i} className="flow-editor__way" data-testid="split-branch">
              <div className="flow-editor__way-head">
                <strong>{name}</strong>
                <button
                  type="button"
                  className="btn btn--ghost btn--sm"
                  onClick={() => onChange({ ...node, branches: node.branches.filter((_, j) => j !== i) })}
                  aria-label={`Remove ${name.toLowerCase()}`}
                >
                  Remove
                </button>
              </div>
              <ChoiceField
                label="Group"
                value={b.segment ?? ''}
                options={segments.map((s) => ({ id: s.id, label: s.name }))}
                none="Any group"
                onChange={(v) => setBranch(i, { ...b, segment: v || null })}
                testId={`split-segment-${i}`}
              />
              <ChoiceField
                label="And since entering has"
                value={b.event ?? ''}
                options={EVENT_OPTIONS}
                none="(no event needed)"
                onChange={(v) => setBranch(i, { ...b, event: v || null })}
              />
              <ConditionList
                conditions={b.conditions}
                onChange={(conditions: FlowCondition[]) => setBranch(i, { ...b, conditions })}
                fields={fields}
                segments={segments}
                currency={currency}
                label={name}
                testId={`split-conditions-${i}`}
              />
              {next(`${name} goes to`, b.next, (n) => setBranch(i, { ...b, next: n }), `split-next-${i}`)}
            </li>
          );
        })}
      </ol>
      <div>
        <button
          type="button"
          className="btn btn--sm"
          onClick={() =>
            onChange({ ...node, branches: [...node.branches, { segment: segments[0]?.id ?? null, event: null, conditions: [], next: node.otherwise }] })
          }
          data-testid="split-add"
        >
          Add a way
        </button>
      </div>
      {next('Everyone else goes to', node.otherwise, (n) => onChange({ ...node, otherwise: n }), 'split-otherwise')}
    </>
  );
}

function AbForm({
  node,
  onChange,
  next,
}: {
  node: Extract<FlowNode, { kind: 'ab' }>;
  onChange: (node: FlowNode) => void;
  next: NextField;
}) {
  const setArm = (i: number, a: FlowArm) => onChange({ ...node, arms: node.arms.map((old, j) => (j === i ? a : old)) });
  const total = node.arms.reduce((sum, a) => sum + (Number.isFinite(a.weight) ? a.weight : 0), 0);
  return (
    <>
      <p className="field__hint">Each customer is given one arm at random, by weight, and keeps it.</p>
      <ol className="flow-editor__ways">
        {node.arms.map((a, i) => (
          <li key={i} className="flow-editor__way" data-testid="ab-arm">
            <div className="flow-editor__pair">
              <Field label={`Arm ${i + 1} name`}>
                {(id) => <input id={id} className="input" value={a.name} onChange={(e) => setArm(i, { ...a, name: e.target.value })} />}
              </Field>
              <Field label="Weight">
                {(id) => <UnitNumber id={id} value={a.weight} onChange={(weight) => setArm(i, { ...a, weight })} unit="%" data-testid={`ab-weight-${i}`} />}
              </Field>
            </div>
            {next(`Arm ${a.name || i + 1} goes to`, a.next, (n) => setArm(i, { ...a, next: n }), `ab-next-${i}`)}
            <div>
              <button
                type="button"
                className="btn btn--ghost btn--sm"
                onClick={() => onChange({ ...node, arms: node.arms.filter((_, j) => j !== i) })}
                aria-label={`Remove arm ${a.name || i + 1}`}
              >
                Remove arm
              </button>
            </div>
          </li>
        ))}
      </ol>
      <p className={total === 100 ? 'muted small' : 'field__error'} data-testid="ab-total" aria-live="polite">
        The weights add up to {total}%{total === 100 ? '.' : ' — they must add up to 100%.'}
      </p>
      <div>
        <button
          type="button"
          className="btn btn--sm"
          onClick={() =>
            onChange({
              ...node,
              arms: [...node.arms, { name: String.fromCharCode(65 + (node.arms.length % 26)), weight: 0, next: node.arms[0]?.next ?? '' }],
            })
          }
          data-testid="ab-add"
        >
          Add an arm
        </button>
      </div>
    </>
  );
}
