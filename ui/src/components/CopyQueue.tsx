// The review queue: drafts in one state (to review, approved, rejected, or all), newest first, one
// of them current. Keyboard first — J/K move, A approves, R rejects, E edits, N rejects with a note,
// H shows the history — and never while the owner is typing in a box. A decided draft stays where
// it is, showing its new state, until the list is read again; the current one moves on to the next.

import { useEffect, useRef, useState } from 'react';
import { approveCopy, editCopy, rejectCopy, copyQueue, noteCopy } from '../api';
import type { CopyOverride, QueuedVariant } from '../api';
import { QUEUE_TABS, isTypingTarget, rulesNeedingReason, tabState } from '../copyWords';
import type { QueueTab } from '../copyWords';
import { useAction } from '../useAction';
import { useLoad } from '../useLoad';
import { CopyVariantCard } from './CopyVariantCard';
import type { VariantPanel } from './CopyVariantCard';
import { EmptyState, ErrorState, LoadingState } from './States';

export const NAME_NEEDED =
  'Type your name in “Your name” at the top first: every draft, approval, rejection and edit is recorded under it.';

export interface CopyQueueProps {
  tab: QueueTab;
  onTab: (tab: QueueTab) => void;
  /** Changes when the list should be read again (new drafts, new lists, a test started). */
  reloadKey: number;
  /** The reviewer's name, as typed. */
  by: string;
  /** Called when an action needs the name and it is empty: the page points at the field. */
  onNeedName: () => void;
  timeZone: string;
  selected: ReadonlySet<number>;
  onSelect: (v: QueuedVariant, checked: boolean) => void;
  /** Called with each variant an action changed. */
  onChanged: (v: QueuedVariant) => void;
}

const EMPTY: Record<QueueTab, { title: string; body: string }> = {
  review: {
    title: 'Nothing is waiting for your review',
    body: 'Generate drafts above: they land here, checked, for you to approve, reject or edit.',
  },
  approved: {
    title: 'Nothing is approved yet',
    body: 'Approve drafts under “To review”. Approved subject lines can then go into an A/B test on a flow.',
  },
  rejected: { title: 'Nothing is rejected', body: 'Drafts you reject are kept here with their notes.' },
  all: { title: 'No drafts yet', body: 'Generate some above: pick a product and what to write.' },
};

export function CopyQueue(props: CopyQueueProps) {
  const { tab, reloadKey, by, timeZone, selected } = props;
  const { load, retry, update } = useLoad(() => copyQueue(tabState(tab)), [tab, reloadKey]);
  const items = load.state === 'ready' ? load.value : [];
  const [cursorId, setCursorId] = useState<number | null>(null);
  const current = items.find((v) => v.id === cursorId) ?? items[0] ?? null;
  const [panel, setPanel] = useState<{ id: number; kind: VariantPanel } | null>(null);
  const [history, setHistory] = useState<ReadonlySet<number>>(new Set());
  const action = useAction<number>();
  const [errorFor, setErrorFor] = useState<number | null>(null);
  const [nameMissingFor, setNameMissingFor] = useState<number | null>(null);
  const cards = useRef(new Map<number, HTMLElement>());

  const focusCard = (id: number) => {
    setCursorId(id);
    cards.current.get(id)?.focus();
  };

  /** After a decision: the next draft in the list becomes current (the last one stays). */
  const advance = (id: number) => {
    const at = items.findIndex((v) => v.id === id);
    const next = at >= 0 ? items[at + 1] : undefined;
    focusCard(next ? next.id : id);
  };

  const changed = (v: QueuedVariant) => {
    update((list) => list.map((x) => (x.id === v.id ? v : x)));
    props.onChanged(v);
  };

  const run = (id: number, work: (name: string) => Promise<void>) => {
    if (action.running !== null) return;
    const name = by.trim();
    if (name === '') {
      setNameMissingFor(id);
      props.onNeedName();
      return;
    }
    setNameMissingFor(null);
    setErrorFor(id);
    void action.run(() => work(name), id);
  };

  const openPanel = (id: number, kind: VariantPanel | null) => {
    setNameMissingFor(null);
    action.clearError();
    setPanel(kind === null ? null : { id, kind });
    if (kind === null) focusCard(id);
  };

  const approveWith = (v: QueuedVariant, overrides: CopyOverride[]) =>
    run(v.id, async (name) => {
      changed(await approveCopy(v.id, name, overrides));
      setPanel(null);
      advance(v.id);
    });

  const approve = (v: QueuedVariant) => {
    if (v.state === 'approved' && v.sendable) return;
    if (rulesNeedingReason(v.findings).length > 0) openPanel(v.id, 'approve');
    else approveWith(v, []);
  };

  const reject = (v: QueuedVariant, note: string | null) => {
    if (v.state === 'rejected' && note === null) return;
    run(v.id, async (name) => {
      changed(await rejectCopy(v.id, name, note));
      setPanel(null);
      advance(v.id);
    });
  };

  const saveNote = (v: QueuedVariant, note: string) =>
    run(v.id, async (name) => {
      changed(await noteCopy(v.id, name, note));
      setPanel(null);
      focusCard(v.id);
    });

  const saveEdit = (v: QueuedVariant, text: string) =>
    run(v.id, async (name) => {
      changed(await editCopy(v.id, text, name));
      setPanel(null);
      focusCard(v.id);
    });

  const toggleHistory = (id: number) =>
    setHistory((open) => {
      const next = new Set(open);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    if (isTypingTarget(e.target)) return;
    if (e.target instanceof Element && e.target.closest('[role="dialog"], [role="alertdialog"]')) return;
    if (current === null) return;
    const at = items.indexOf(current);
    switch (e.key.toLowerCase()) {
      case 'j': {
        const next = items[Math.min(at + 1, items.length - 1)];
        if (next) focusCard(next.id);
        break;
      }
      case 'k': {
        const prev = items[Math.max(at - 1, 0)];
        if (prev) focusCard(prev.id);
        break;
      }
      case 'a':
        approve(current);
        break;
      case 'r':
        reject(current, null);
        break;
      case 'e':
        openPanel(current.id, 'edit');
        break;
      case 'n':
        if (current.state !== 'rejected') openPanel(current.id, 'note');
        break;
      case 'h':
        toggleHistory(current.id);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  // One listener for the page's life, always calling the latest handler.
  const onKeyRef = useRef(onKey);
  onKeyRef.current = onKey;
  useEffect(() => {
    const listen = (e: KeyboardEvent) => onKeyRef.current(e);
    document.addEventListener('keydown', listen);
    return () => document.removeEventListener('keydown', listen);
  }, []);

  // A new list: panels and errors were about drafts that may no longer be shown.
  useEffect(() => {
    setPanel(null);
    setErrorFor(null);
    setNameMissingFor(null);
  }, [tab, reloadKey]);

  return (
    <section className="card card--stack copy-queue" aria-labelledby="copy-queue-title" data-testid="copy-queue">
      <div className="copy-queue__head">
        <h2 id="copy-queue-title" className="card__title">
          Review queue
        </h2>
        <div className="tabs copy-tabs" role="group" aria-label="Show drafts">
          {QUEUE_TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              className="tabs__tab"
              aria-pressed={t.id === tab}
              onClick={() => props.onTab(t.id)}
              data-testid={`copy-tab-${t.id}`}
            >
              {t.label}
            </button>
          ))}
        </div>
      </div>
      <p className="copy-keys small muted" data-testid="copy-keys">
        Keys: <kbd>J</kbd> next, <kbd>K</kbd> previous, <kbd>A</kbd> approve, <kbd>R</kbd> reject, <kbd>E</kbd> edit,{' '}
        <kbd>N</kbd> reject with a note, <kbd>H</kbd> history. They act on the highlighted draft, and do nothing while
        you type in a box.
      </p>

      {load.state === 'loading' ? <LoadingState title="Reading the queue…" /> : null}
      {load.state === 'error' ? (
        <ErrorState title="The review queue could not be read" error={load.error} onRetry={retry} />
      ) : null}
      {load.state === 'ready' && items.length === 0 ? (
        <EmptyState title={EMPTY[tab].title}>
          <p>{EMPTY[tab].body}</p>
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <>
          <p className="muted small" data-testid="copy-count-shown">
            {items.length === 1 ? '1 draft' : `${items.length} drafts`}, newest first.
          </p>
          <div className="copy-list">
            {items.map((v) => (
              <CopyVariantCard
                key={v.id}
                v={v}
                current={current?.id === v.id}
                panel={panel?.id === v.id ? panel.kind : null}
                historyOpen={history.has(v.id)}
                busy={action.running === v.id}
                error={
                  nameMissingFor === v.id
                    ? NAME_NEEDED
                    : errorFor === v.id && action.error !== null
                      ? action.error.message
                      : null
                }
                selectable={v.kind === 'subject' && v.state === 'approved' && v.sendable}
                selected={selected.has(v.id)}
                timeZone={timeZone}
                cardRef={(el) => {
                  if (el) cards.current.set(v.id, el);
                  else cards.current.delete(v.id);
                }}
                onFocusIn={() => setCursorId(v.id)}
                onSelect={(checked) => props.onSelect(v, checked)}
                onApprove={() => approve(v)}
                onApproveWith={(overrides) => approveWith(v, overrides)}
                onReject={(note) => reject(v, note)}
                onNote={(note) => saveNote(v, note)}
                onSaveEdit={(text) => saveEdit(v, text)}
                onPanel={(kind) => openPanel(v.id, kind)}
                onToggleHistory={() => toggleHistory(v.id)}
              />
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}
