// The Copy area (#/copy): the words emails use, drafted on this computer or by a language model the
// owner chose, and checked, then approved, rejected or edited by the owner in a keyboard-first review
// queue; approved subject lines put into an A/B test on a flow's email step; the owner's lists every
// draft is checked against; the language model (optional); and ad copy as CSV.

import { useId, useRef, useState } from 'react';
import { copyGenerator } from '../api';
import type { QueuedVariant, StoreInfo } from '../api';
import type { QueueTab } from '../copyWords';
import { useReviewerName } from '../reviewerName';
import type { Navigate } from '../useHashRoute';
import { useLoad } from '../useLoad';
import { CopyAdsCard } from '../components/CopyAdsCard';
import { CopyGenerate } from '../components/CopyGenerate';
import { CopyListsCard } from '../components/CopyListsCard';
import { CopyModelCard } from '../components/CopyModelCard';
import { CopyQueue } from '../components/CopyQueue';
import { CopyTestCard } from '../components/CopyTestCard';

export interface CopyAreaProps {
  store: StoreInfo;
  navigate: Navigate;
}

export function CopyArea({ store, navigate }: CopyAreaProps) {
  const id = useId();
  const [by, setBy] = useReviewerName();
  const nameRef = useRef<HTMLInputElement>(null);
  const [tab, setTab] = useState<QueueTab>('review');
  const [reloadKey, setReloadKey] = useState(0);
  // The ticked subject lines, by id, in the order ticked.
  const [chosen, setChosen] = useState<ReadonlyMap<number, QueuedVariant>>(new Map());
  // The language model, read once: the generate form offers it, the model card changes it.
  const model = useLoad(copyGenerator, []);

  const reload = () => setReloadKey((k) => k + 1);
  const needName = () => nameRef.current?.focus();

  const choose = (v: QueuedVariant, on: boolean) =>
    setChosen((m) => {
      const next = new Map(m);
      if (on) next.set(v.id, v);
      else next.delete(v.id);
      return next;
    });

  // A ticked line that an action changed is kept up to date, and dropped once it may not be sent.
  const onChanged = (v: QueuedVariant) =>
    setChosen((m) => {
      if (!m.has(v.id)) return m;
      const next = new Map(m);
      if (v.kind === 'subject' && v.state === 'approved' && v.sendable) next.set(v.id, v);
      else next.delete(v.id);
      return next;
    });

  return (
    <div className="page copy-page" data-testid="copy">
      <header className="page__header copy-page__header">
        <div>
          <div className="page__title-row">
            <h1>Copy</h1>
          </div>
          <p className="page__lede">
            The words your emails use. Nothing is sent until you approve it: every draft is checked against your lists,
            the product’s facts and your discount policy, and the words that break a rule are highlighted.
          </p>
        </div>
        <div className="field copy-who">
          <label className="field__label" htmlFor={`${id}-by`}>
            Your name
          </label>
          <input
            id={`${id}-by`}
            ref={nameRef}
            className="input"
            value={by}
            onChange={(e) => setBy(e.target.value)}
            autoComplete="name"
            aria-describedby={`${id}-by-hint`}
            data-testid="copy-by"
          />
          <p id={`${id}-by-hint`} className="field__hint">
            Kept with every draft, approval, rejection and edit, and remembered on this computer.
          </p>
        </div>
      </header>

      <CopyGenerate
        generator={model.load.state === 'ready' ? model.load.value : null}
        by={by}
        onNeedName={needName}
        onGenerated={() => {
          setTab('review');
          reload();
        }}
      />

      <div className="copy-layout">
        <CopyQueue
          tab={tab}
          onTab={setTab}
          reloadKey={reloadKey}
          by={by}
          onNeedName={needName}
          timeZone={store.timezone}
          selected={new Set(chosen.keys())}
          onSelect={choose}
          onChanged={onChanged}
        />
        <aside className="copy-aside" aria-label="Tests, lists and settings">
          <CopyTestCard
            chosen={Array.from(chosen.values())}
            onUnselect={(vid) =>
              setChosen((m) => {
                const next = new Map(m);
                next.delete(vid);
                return next;
              })
            }
            by={by}
            onNeedName={needName}
            onStarted={() => {
              setChosen(new Map());
              reload();
            }}
            navigate={navigate}
          />
          <CopyListsCard onSaved={reload} />
          <CopyModelCard load={model.load} onRetry={model.retry} onChanged={model.show} />
          <CopyAdsCard />
        </aside>
      </div>
    </div>
  );
}
