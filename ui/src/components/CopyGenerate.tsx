// Generate: a product, what to write, how many and for whom, and who writes the drafts — this
// computer, from the catalog's facts (the default; no network), or the language model the owner set
// up (the product's facts go to its provider, and the wait is shown). Either way the drafts are put
// in the review queue, each checked, and wait for the owner's decision.

import { useId, useState } from 'react';
import { queueCopy } from '../api';
import type { CopyGenerator, CopyVia, QueuedVariant } from '../api';
import { isSetUp, modelLabel, providerLabel } from '../copyModel';
import { COPY_GROUPS, COPY_KINDS } from '../copyWords';
import { useAction } from '../useAction';
import { ProgressBar } from './ProgressBar';
import { SkuField } from './SkuField';

/** The most drafts one generation makes (the core's limit). */
export const MAX_DRAFTS = 50;

export interface CopyGenerateProps {
  /** The language model set up for drafts, if any; null while unread or unreadable (offline only). */
  generator: CopyGenerator | null;
  by: string;
  onNeedName: () => void;
  onGenerated: (made: QueuedVariant[]) => void;
}

export function CopyGenerate({ generator, by, onNeedName, onGenerated }: CopyGenerateProps) {
  const id = useId();
  const [sku, setSku] = useState('');
  const [kind, setKind] = useState('subject');
  const [count, setCount] = useState('10');
  const [group, setGroup] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [made, setMade] = useState<{ asked: number; got: number } | null>(null);
  const [via, setVia] = useState<CopyVia>('offline');
  // Keyed by who is writing, so the wait for a model can say so.
  const action = useAction<CopyVia>();
  const model = modelLabel(generator);
  // A model forgotten meanwhile leaves this computer to write them.
  const using: CopyVia = model !== null ? via : 'offline';
  const writer = isSetUp(generator) ? providerLabel(generator, generator.provider) : null;
  const busy = action.running !== null;

  const generate = () => {
    setMade(null);
    const n = Number(count.trim());
    if (sku.trim() === '') return setProblem('Type the product’s SKU, e.g. FH-SEN-050.');
    if (!Number.isInteger(n) || n < 1 || n > MAX_DRAFTS) return setProblem(`Ask for 1 to ${MAX_DRAFTS} drafts at a time.`);
    if (by.trim() === '') {
      onNeedName();
      return setProblem('Type your name in “Your name” at the top first: the drafts are recorded under it.');
    }
    setProblem(null);
    void action.run(async () => {
      const got = await queueCopy(sku.trim(), kind, n, group === '' ? null : group, by.trim(), using);
      setMade({ asked: n, got: got.length });
      onGenerated(got);
    }, using);
  };

  return (
    <section className="card card--stack copy-generate" aria-labelledby={`${id}-title`} data-testid="copy-generate-card">
      <h2 id={`${id}-title`} className="card__title">
        Generate drafts
      </h2>
      <form
        className="copy-generate__row"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          generate();
        }}
      >
        <SkuField id={`${id}-sku`} value={sku} onChange={setSku} testId="copy-sku" className="copy-generate__sku" />
        <div className="field copy-generate__kind">
          <label className="field__label" htmlFor={`${id}-kind`}>
            What to write
          </label>
          <select id={`${id}-kind`} className="select" value={kind} onChange={(e) => setKind(e.target.value)} data-testid="copy-kind">
            {COPY_KINDS.map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field copy-generate__count">
          <label className="field__label" htmlFor={`${id}-count`}>
            How many
          </label>
          <input
            id={`${id}-count`}
            className="input"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_DRAFTS}
            value={count}
            onChange={(e) => setCount(e.target.value)}
            data-testid="copy-count"
          />
        </div>
        <div className="field copy-generate__group">
          <label className="field__label" htmlFor={`${id}-group`}>
            Written for
          </label>
          <select id={`${id}-group`} className="select" value={group} onChange={(e) => setGroup(e.target.value)} data-testid="copy-group">
            {COPY_GROUPS.map((g) => (
              <option key={g.id} value={g.id}>
                {g.label}
              </option>
            ))}
          </select>
        </div>
        {model !== null ? (
          <div className="field copy-generate__via">
            <label className="field__label" htmlFor={`${id}-via`}>
              Who writes them
            </label>
            <select
              id={`${id}-via`}
              className="select"
              value={using}
              onChange={(e) => setVia(e.target.value === 'ai' ? 'ai' : 'offline')}
              disabled={busy}
              data-testid="copy-via"
            >
              <option value="offline">On this computer, from your catalog (no network)</option>
              <option value="ai">{model}</option>
            </select>
          </div>
        ) : null}
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="copy-generate">
          {action.running === 'ai' ? 'Asking…' : busy ? 'Writing…' : 'Generate'}
        </button>
      </form>
      {using === 'ai' && isSetUp(generator) ? (
        <p className="field__hint" data-testid="copy-ai-note">
          {generator.provider === 'ollama'
            ? `${writer} writes them from the product’s facts, on this computer.`
            : `The product’s facts are sent to ${writer}, which writes the drafts.`}{' '}
          Each one is checked like any other and waits in the queue below for your decision.
        </p>
      ) : (
        <p className="field__hint" data-testid="copy-offline">
          Drafts are written on this computer from your catalog’s facts: no network is needed and nothing is sent
          anywhere. Each one is checked and waits in the queue below for your decision.
          {model === null ? (
            <>
              {' '}
              <span data-testid="copy-via-hint">Set up a language model below to draft with AI.</span>
            </>
          ) : null}
        </p>
      )}
      {action.running === 'ai' ? (
        <div className="copy-generate__busy" data-testid="copy-asking">
          <ProgressBar value={null} label={`Asking ${writer ?? 'the language model'} for drafts`} />
          <p className="muted small" role="status">
            Asking {writer ?? 'the language model'}… this can take a minute or two. The drafts appear in the queue
            below when they are ready.
          </p>
        </div>
      ) : null}
      {problem !== null ? (
        <p className="field__error" role="alert" data-testid="copy-generate-problem">
          {problem}
        </p>
      ) : null}
      {action.error !== null ? (
        <pre className="message-box" role="alert" data-testid="copy-error" data-for="generate">
          {action.error.message}
        </pre>
      ) : null}
      {made !== null ? (
        <p className="small" role="status" data-testid="copy-generated">
          {made.got === 0
            ? 'Nothing new came out: every draft for this product and kind would have been too long or a repeat. Try another kind.'
            : `${made.got === 1 ? '1 new draft is' : `${made.got} new drafts are`} in the queue below, each checked.${
                made.got < made.asked ? ' Fewer than asked: drafts that would be too long or repeat one another are left out.' : ''
              }`}
        </p>
      ) : null}
    </section>
  );
}
