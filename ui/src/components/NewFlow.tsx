// "New flow" on the list of flows: a name, a short name for its address (made from the name until
// typed), and what to start from — a blank flow (one email, then the end) or a copy of a flow's
// current version. Saved as version 1 by the core, then opened in the editor.

import { useId, useState } from 'react';
import { flowDefinition, flowTemplates, flowsList, saveFlow } from '../api';
import type { FlowSummary } from '../api';
import { blankFlow, slugFrom, slugProblem } from '../flowDraft';
import { useAction } from '../useAction';
import type { Action } from '../useAction';
import { useConfirmStep } from '../useConfirmStep';
import type { Navigate } from '../useHashRoute';
import { useLoad } from '../useLoad';
import { useToast } from './Toast';

export function NewFlow({ navigate }: { navigate: Navigate }) {
  const action = useAction();
  const step = useConfirmStep(action.clearError);
  return (
    <div className="new-flow" onKeyDown={step.onKeyDown}>
      <div className="new-flow__bar">
        <button
          ref={step.openerRef}
          type="button"
          className="btn btn--primary"
          onClick={() => step.setOpen((o) => !o)}
          aria-expanded={step.open}
          data-testid="flow-new"
        >
          New flow
        </button>
      </div>
      {step.open ? <NewFlowForm navigate={navigate} onCancel={step.close} action={action} /> : null}
    </div>
  );
}

function NewFlowForm({ navigate, onCancel, action }: { navigate: Navigate; onCancel: () => void; action: Action<true> }) {
  const { load } = useLoad(() => flowsList(), []);
  const flows: FlowSummary[] = load.state === 'ready' ? load.value : [];
  const [name, setName] = useState('');
  const [typedSlug, setTypedSlug] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [tried, setTried] = useState(false);
  const toast = useToast();
  const id = useId();

  const slug = typedSlug ?? slugFrom(name);
  const slugWhy = slugProblem(slug, flows.map((f) => f.slug));
  const nameWhy = name.trim() === '' ? 'Give the flow a name.' : null;

  const create = () => {
    setTried(true);
    if (nameWhy || slugWhy) return;
    void action.run(async () => {
      const definition =
        from === ''
          ? blankFlow(name.trim(), slug, (await flowTemplates().catch(() => []))[0]?.name ?? 'cart-reminder')
          : { ...(await flowDefinition(from)), slug, name: name.trim() };
      const saved = await saveFlow(definition);
      toast.show({ tone: 'success', text: `“${saved.name}” is saved as a draft (version ${saved.version}). Set up its steps, then run a dry run.` });
      navigate('flows', saved.slug, 'edit');
    });
  };

  return (
    <section className="card card--stack new-flow__form" role="group" aria-labelledby={`${id}-title`} data-testid="flow-new-form">
      <h2 id={`${id}-title`} className="card__title">
        New flow
      </h2>
      <form
        className="new-flow__fields"
        onSubmit={(e) => {
          e.preventDefault();
          create();
        }}
      >
        <div className={`field${tried && nameWhy ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={`${id}-name`}>
            Name
          </label>
          <input
            id={`${id}-name`}
            className="input"
            value={name}
            placeholder="e.g. Welcome for first-time buyers"
            onChange={(e) => setName(e.target.value)}
            // The name is what the owner came to type.
            autoFocus
            data-testid="flow-new-name"
          />
          {tried && nameWhy ? <span className="field__error">{nameWhy}</span> : null}
        </div>
        <div className={`field${(tried || typedSlug !== null) && slugWhy ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={`${id}-slug`}>
            Short name, for its address and the command line
          </label>
          <input
            id={`${id}-slug`}
            className="input mono"
            value={slug}
            onChange={(e) => setTypedSlug(e.target.value)}
            aria-describedby={`${id}-slug-hint`}
            data-testid="flow-new-slug"
          />
          {(tried || typedSlug !== null) && slugWhy ? (
            <span className="field__error" id={`${id}-slug-hint`}>
              {slugWhy}
            </span>
          ) : (
            <span className="field__hint" id={`${id}-slug-hint`}>
              Lower-case letters, digits and dashes; it cannot be changed later.
            </span>
          )}
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-from`}>
            Start from
          </label>
          <select id={`${id}-from`} className="select" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="flow-new-from">
            <option value="">A blank flow: one email, then the end</option>
            {flows.map((f) => (
              <option key={f.slug} value={f.slug}>
                A copy of “{f.name}” (version {f.version})
              </option>
            ))}
          </select>
        </div>
        <div className="new-flow__actions">
          <button type="submit" className="btn btn--primary" disabled={action.running !== null} data-testid="flow-new-create">
            {action.running ? 'Saving…' : 'Create and edit'}
          </button>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
      <p className="muted small">It is saved as a draft: nothing is sent until it has had a dry run and you launch it.</p>
      {action.error ? (
        <pre className="message-box" role="alert" data-testid="flow-new-error">
          {action.error.message}
        </pre>
      ) : null}
    </section>
  );
}
