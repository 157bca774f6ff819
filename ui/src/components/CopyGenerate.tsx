// Generate: a product, what to write, how many and for whom — written on this computer from the
// catalog's facts (no network, no AI service) and put in the review queue, each draft checked.

import { useId, useState } from 'react';
import { queueCopy } from '../api';
import type { QueuedVariant } from '../api';
import { COPY_GROUPS, COPY_KINDS } from '../copyWords';
import { useAction } from '../useAction';

/** The most drafts one generation makes (the core's limit). */
export const MAX_DRAFTS = 50;

export interface CopyGenerateProps {
  by: string;
  onNeedName: () => void;
  onGenerated: (made: QueuedVariant[]) => void;
}

export function CopyGenerate({ by, onNeedName, onGenerated }: CopyGenerateProps) {
  const id = useId();
  const [sku, setSku] = useState('');
  const [kind, setKind] = useState('subject');
  const [count, setCount] = useState('10');
  const [group, setGroup] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [made, setMade] = useState<{ asked: number; got: number } | null>(null);
  const action = useAction();

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
      const got = await queueCopy(sku.trim(), kind, n, group === '' ? null : group, by.trim());
      setMade({ asked: n, got: got.length });
      onGenerated(got);
    });
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
        <div className="field copy-generate__sku">
          <label className="field__label" htmlFor={`${id}-sku`}>
            Product SKU
          </label>
          <input
            id={`${id}-sku`}
            className="input mono"
            value={sku}
            onChange={(e) => setSku(e.target.value)}
            placeholder="FH-SEN-050"
            autoComplete="off"
            spellCheck={false}
            data-testid="copy-sku"
          />
        </div>
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
        <button type="submit" className="btn btn--primary" disabled={action.running !== null} data-testid="copy-generate">
          {action.running !== null ? 'Writing…' : 'Generate'}
        </button>
      </form>
      <p className="field__hint" data-testid="copy-offline">
        Drafts are written on this computer from your catalog’s facts: no network and no AI service are needed, and
        nothing is sent. Each one is checked and waits in the queue below for your decision.
      </p>
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
