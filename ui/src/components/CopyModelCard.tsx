// The language model drafts may be asked of (optional): a provider, the model's name, its address
// and its API key (kept in the system keychain, never shown again), checked field by field before
// saving; and a way to forget it all, keys included, after a confirm step. Drafting on this computer
// works without any of it.

import { useId, useRef, useState } from 'react';
import { forgetCopyGenerator, saveCopyGenerator } from '../api';
import type { CopyGenerator } from '../api';
import {
  SERVER_EXAMPLE,
  draftChanged,
  draftOf,
  hasProblem,
  isSetUp,
  keyHelp,
  keySavedFor,
  modelExample,
  modelLabel,
  modelProblems,
  needsAddress,
  providerOf,
  takesKey,
} from '../copyModel';
import type { ModelDraft } from '../copyModel';
import { useAction } from '../useAction';
import { useConfirmStep } from '../useConfirmStep';
import type { Loaded } from '../useLoad';
import { SecretField } from './SecretField';
import { InlineError } from './States';

export interface CopyModelCardProps {
  load: Loaded<CopyGenerator>;
  onRetry: () => void;
  /** Called with the choice as the core now holds it, after a save or a forget. */
  onChanged: (generator: CopyGenerator) => void;
}

export function CopyModelCard({ load, onRetry, onChanged }: CopyModelCardProps) {
  const id = useId();
  const ready = load.state === 'ready' ? load.value : null;
  const label = modelLabel(ready);
  return (
    <section className="card card--stack copy-model" aria-labelledby={`${id}-title`} data-testid="copy-model-card">
      <div className="card__head">
        <h2 id={`${id}-title`} className="card__title">
          Language model (optional)
        </h2>
        {ready !== null ? (
          <span className={label !== null ? 'badge badge--success' : 'badge'} data-testid="copy-model-state">
            {label !== null ? 'Set up' : 'Not set up'}
          </span>
        ) : null}
      </div>
      <p className="muted small">
        A language model can write drafts too. They are checked like any other and wait for your approval. To write
        them, the product’s facts are sent to the provider you choose; drafting on this computer sends nothing
        anywhere.
      </p>
      {load.state === 'loading' ? <p className="muted small">Reading the settings…</p> : null}
      {load.state === 'error' ? <InlineError error={load.error} onRetry={onRetry} testId="copy-model-load-error" /> : null}
      {ready !== null ? <ModelForm saved={ready} onChanged={onChanged} /> : null}
    </section>
  );
}

type Done = 'saved' | 'forgotten' | null;

function ModelForm({ saved, onChanged }: { saved: CopyGenerator; onChanged: (generator: CopyGenerator) => void }) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<ModelDraft>(() => draftOf(saved));
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState<Done>(null);
  const action = useAction<'save' | 'forget'>();
  const forget = useConfirmStep(action.clearError);
  const busy = action.running !== null;

  const provider = providerOf(saved, draft.provider) ?? saved.providers[0];
  if (provider === undefined) {
    return <p className="muted small">This version of Storeloop offers no language model to choose.</p>;
  }
  const keySaved = keySavedFor(saved, provider.name);
  const problems = modelProblems(draft, provider, keySaved);
  const shown = tried ? problems : { model: null, address: null, key: null };
  const changed = draftChanged(draft, saved) || !isSetUp(saved);
  const example = modelExample(provider.name);
  const addressRequired = needsAddress(provider);

  const change = (next: Partial<ModelDraft>) => {
    setDraft((d) => ({ ...d, ...next }));
    setDone(null);
  };

  // The model and its address belong to one provider: another starts empty, the saved one as saved.
  const pick = (name: string) => {
    setDraft(name === saved.provider ? draftOf(saved) : { provider: name, model: '', address: '', key: null });
    setTried(false);
    setDone(null);
  };

  const focusFirstProblem = () => {
    const order = [
      [problems.model, 'copy-model-name'],
      [problems.address, 'copy-model-address'],
      [problems.key, 'copy-model-key-input'],
    ] as const;
    const first = order.find(([why]) => why !== null);
    if (first) formRef.current?.querySelector<HTMLElement>(`[data-testid="${first[1]}"]`)?.focus();
  };

  const save = () => {
    setTried(true);
    setDone(null);
    if (hasProblem(problems)) {
      focusFirstProblem();
      return;
    }
    const key = draft.key?.trim() ?? '';
    void action.run(async () => {
      const got = await saveCopyGenerator(
        provider.name,
        draft.model.trim(),
        draft.address.trim() === '' ? null : draft.address.trim(),
        takesKey(provider) && key !== '' ? key : null,
      );
      setDraft(draftOf(got));
      setTried(false);
      setDone('saved');
      onChanged(got);
    }, 'save');
  };

  const forgetNow = () =>
    action.run(async () => {
      const got = await forgetCopyGenerator();
      forget.setOpen(false);
      setDraft(draftOf(got));
      setTried(false);
      setDone('forgotten');
      onChanged(got);
    }, 'forget');

  const status =
    done === 'saved'
      ? 'Saved. Choose it under “Who writes them” when you generate drafts.'
      : done === 'forgotten'
        ? 'Forgotten, and the keys deleted. Drafts are written on this computer.'
        : isSetUp(saved) && !changed
          ? 'No changes to save.'
          : isSetUp(saved) || tried || draft.model.trim() !== ''
            ? 'Not saved yet.'
            : 'None set up: drafts are written on this computer.';

  return (
    <form
      ref={formRef}
      className="card--stack copy-model__form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <div className="field">
        <label className="field__label" htmlFor={`${id}-provider`}>
          Provider
        </label>
        <select
          id={`${id}-provider`}
          className="select"
          value={provider.name}
          onChange={(e) => pick(e.target.value)}
          aria-describedby={`${id}-provider-hint`}
          data-testid="copy-model-provider"
        >
          {saved.providers.map((p) => (
            <option key={p.name} value={p.name}>
              {p.label}
            </option>
          ))}
        </select>
        <span id={`${id}-provider-hint`} className="field__hint" data-testid="copy-model-where">
          {provider.name === 'ollama'
            ? 'Ollama runs on this computer: the product’s facts stay here, and no API key is needed.'
            : addressRequired
              ? 'A server that works like OpenAI’s (LM Studio, vLLM and the like): the product’s facts go to the address you give.'
              : `The product’s facts are sent to ${provider.label} each time you draft with it.`}
        </span>
      </div>

      <div className={`field${shown.model ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor={`${id}-model`}>
          Model
        </label>
        <input
          id={`${id}-model`}
          className="input mono"
          value={draft.model}
          placeholder={example ?? 'the name your server uses'}
          onChange={(e) => change({ model: e.target.value })}
          autoComplete="off"
          spellCheck={false}
          required
          aria-invalid={shown.model ? true : undefined}
          aria-describedby={`${id}-model-note`}
          data-testid="copy-model-name"
        />
        {shown.model ? (
          <span id={`${id}-model-note`} className="field__error" data-testid="copy-model-name-error">
            {shown.model}
          </span>
        ) : (
          <span id={`${id}-model-note`} className="field__hint">
            As {provider.label} spells it{example ? `, e.g. ${example}` : ''}.
          </span>
        )}
      </div>

      <div className={`field${shown.address ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor={`${id}-address`}>
          {addressRequired ? 'Address' : 'Address (optional)'}
        </label>
        <input
          id={`${id}-address`}
          className="input mono"
          value={draft.address}
          placeholder={provider.default_base_url ?? SERVER_EXAMPLE}
          onChange={(e) => change({ address: e.target.value })}
          autoComplete="off"
          spellCheck={false}
          required={addressRequired}
          aria-invalid={shown.address ? true : undefined}
          aria-describedby={`${id}-address-note`}
          data-testid="copy-model-address"
        />
        {shown.address ? (
          <span id={`${id}-address-note`} className="field__error" data-testid="copy-model-address-error">
            {shown.address}
          </span>
        ) : (
          <span id={`${id}-address-note`} className="field__hint">
            {provider.default_base_url !== null
              ? `Leave it empty to use ${provider.default_base_url}.`
              : 'Where your server answers, e.g. its address on this computer.'}
          </span>
        )}
      </div>

      {takesKey(provider) ? (
        <div className="copy-model__key">
          <SecretField
            label={provider.needs_key ? 'API key' : 'API key (optional)'}
            noun="API key"
            article="An API key"
            saved={keySaved}
            value={draft.key}
            onChange={(key) => change({ key })}
            hint={keyHelp(provider.name)}
            testId="copy-model-key"
          />
          {shown.key ? (
            <span className="field__error" role="alert" data-testid="copy-model-key-error">
              {shown.key}
            </span>
          ) : null}
        </div>
      ) : null}

      <div className="copy-actions">
        <button
          type="submit"
          className="btn btn--primary btn--sm"
          disabled={busy || !changed}
          data-testid="copy-model-save"
        >
          {action.running === 'save' ? 'Saving…' : 'Save'}
        </button>
        {isSetUp(saved) || saved.key_saved ? (
          <button
            ref={forget.openerRef}
            type="button"
            className="btn btn--sm"
            onClick={() => (forget.open ? forget.close() : forget.setOpen(true))}
            aria-expanded={forget.open}
            disabled={busy}
            data-testid="copy-model-forget"
          >
            Forget the model
          </button>
        ) : null}
      </div>
      <p className="muted small" role="status" data-testid="copy-model-status">
        {status}
      </p>

      {forget.open ? (
        <div
          className="copy-panel"
          role="group"
          aria-labelledby={`${id}-forget-title`}
          onKeyDown={forget.onKeyDown}
          data-testid="copy-model-forget-step"
        >
          <p id={`${id}-forget-title`} className="copy-panel__title">
            Forget the language model?
          </p>
          <p className="muted small">
            Its settings are cleared and every API key saved for drafting is deleted from your computer’s keychain.
            Drafts already written stay in the queue; new ones are written on this computer.
          </p>
          <div className="copy-actions">
            <button
              ref={forget.confirmRef}
              type="button"
              className="btn btn--danger btn--sm"
              onClick={() => void forgetNow()}
              disabled={busy}
              data-testid="copy-model-forget-confirm"
            >
              {action.running === 'forget' ? 'Forgetting…' : 'Forget it and delete the keys'}
            </button>
            <button type="button" className="btn btn--sm" onClick={forget.close} disabled={busy}>
              Keep it
            </button>
          </div>
        </div>
      ) : null}

      {action.error !== null ? (
        <pre className="message-box" role="alert" data-testid="copy-error" data-for="model">
          {action.error.message}
        </pre>
      ) : null}
    </form>
  );
}
