// One variant in the review queue: its text with the problem words highlighted, what the checks
// found, where it stands, what drafted it, and what the owner can do to it — approve (giving a
// reason for each rule it fails), reject (with a note if they like), edit (checked again as they
// type) and read its history. The queue decides which variant is current and runs the actions;
// this shows them.

import { useEffect, useId, useState } from 'react';
import type { KeyboardEvent, Ref } from 'react';
import { checkCopy, toApiError } from '../api';
import type { CopyFinding, CopyOverride, QueuedVariant } from '../api';
import { badgeClass } from '../customerWords';
import { generatorWords, hookWords, kindLabel, ruleLabel, rulesNeedingReason, stateWords } from '../copyWords';
import { defaultLocale, formatDateTime } from '../format';
import { useDebounced } from '../useDebounced';
import { FindingList, MarkedText } from './CopyChecks';
import { CopyHistoryList } from './CopyHistory';

/** What is open under a variant besides its history. */
export type VariantPanel = 'approve' | 'edit' | 'note';

export interface CopyVariantCardProps {
  v: QueuedVariant;
  /** The variant the keys act on. */
  current: boolean;
  panel: VariantPanel | null;
  historyOpen: boolean;
  /** An action on this variant is running. */
  busy: boolean;
  /** Why the last action on this variant did not happen, as the owner should read it. */
  error: string | null;
  /** Whether it can go into an A/B test (an approved subject line that may be sent). */
  selectable: boolean;
  selected: boolean;
  timeZone: string;
  cardRef: Ref<HTMLElement>;
  onFocusIn: () => void;
  onSelect: (checked: boolean) => void;
  onApprove: () => void;
  onApproveWith: (overrides: CopyOverride[]) => void;
  onReject: (note: string | null) => void;
  /** Keeps a note without deciding anything. */
  onNote: (note: string) => void;
  onSaveEdit: (text: string) => void;
  onPanel: (panel: VariantPanel | null) => void;
  onToggleHistory: () => void;
}

export function CopyVariantCard(props: CopyVariantCardProps) {
  const { v, current, panel, historyOpen, busy, error, selectable, selected, timeZone } = props;
  const id = useId();
  const state = stateWords(v);
  const hook = hookWords(v.hook);
  const from = generatorWords(v.generator);
  const textId = `${id}-text`;

  return (
    <article
      ref={props.cardRef}
      className={`copy-variant${current ? ' is-current' : ''}`}
      tabIndex={current ? 0 : -1}
      aria-current={current ? 'true' : undefined}
      aria-labelledby={`${id}-title`}
      aria-describedby={textId}
      onFocus={props.onFocusIn}
      data-testid="copy-variant"
      data-id={v.id}
      data-state={v.state}
      data-sendable={v.sendable ? 'true' : 'false'}
    >
      <header className="copy-variant__head">
        <h3 id={`${id}-title`} className="copy-variant__title">
          {kindLabel(v.kind)} <span className="muted">#{v.id}</span>
        </h3>
        <span className={badgeClass(state.tone)} data-testid="copy-state">
          {state.label}
        </span>
        {selectable ? (
          <label className="copy-variant__select">
            <input
              type="checkbox"
              checked={selected}
              onChange={(e) => props.onSelect(e.target.checked)}
              data-testid="copy-select"
            />
            Use in an A/B test
          </label>
        ) : null}
      </header>

      <MarkedText text={v.text} findings={v.findings} testId="copy-variant-text" id={textId} />

      <p className="copy-variant__meta muted small">
        {hook ? `Angle: ${hook} · ` : ''}version {v.version}
        {v.sku ? ` · about ${v.sku}` : ''} · changed {formatDateTime(v.updated_at, timeZone, defaultLocale())}
      </p>
      {from !== null ? (
        <p className="copy-variant__from muted small" data-testid="copy-generator-line">
          {from}
        </p>
      ) : null}
      {v.note ? <p className="copy-variant__note small">Note: {v.note}</p> : null}

      <FindingList findings={v.findings} />
      {v.findings.some((f) => f.rule === 'regulated') ? (
        <p className="muted small">Approving it is the look by a person this product needs.</p>
      ) : null}

      {panel === 'edit' ? (
        <EditPanel v={v} busy={busy} onSave={props.onSaveEdit} onCancel={() => props.onPanel(null)} />
      ) : panel === 'approve' ? (
        <OverridePanel v={v} busy={busy} onSubmit={props.onApproveWith} onCancel={() => props.onPanel(null)} />
      ) : panel === 'note' ? (
        <NotePanel
          busy={busy}
          onReject={(note) => props.onReject(note)}
          onNote={(note) => props.onNote(note)}
          onCancel={() => props.onPanel(null)}
        />
      ) : (
        <div className="copy-actions">
          <button
            type="button"
            className="btn btn--primary btn--sm"
            onClick={props.onApprove}
            disabled={busy || (v.state === 'approved' && v.sendable)}
            aria-keyshortcuts="A"
            data-testid="copy-approve"
          >
            {busy ? 'Working…' : v.state === 'approved' && v.sendable ? 'Approved' : 'Approve'}
          </button>
          <button
            type="button"
            className="btn btn--sm"
            onClick={() => props.onReject(null)}
            disabled={busy || v.state === 'rejected'}
            aria-keyshortcuts="R"
            data-testid="copy-reject"
          >
            Reject
          </button>
          <button
            type="button"
            className="btn btn--sm"
            onClick={() => props.onPanel('edit')}
            disabled={busy}
            aria-keyshortcuts="E"
            data-testid="copy-edit"
          >
            Edit
          </button>
          <button
            type="button"
            className="btn btn--sm"
            onClick={() => props.onPanel('note')}
            disabled={busy || v.state === 'rejected'}
            aria-keyshortcuts="N"
            data-testid="copy-note"
          >
            Reject with a note
          </button>
        </div>
      )}

      {error !== null ? (
        <pre className="message-box" role="alert" data-testid="copy-error" data-for="variant">
          {error}
        </pre>
      ) : null}

      <div className="copy-history" data-testid="copy-history">
        <button
          type="button"
          className="btn btn--ghost btn--sm"
          aria-expanded={historyOpen}
          aria-keyshortcuts="H"
          onClick={props.onToggleHistory}
          data-testid="copy-history-toggle"
        >
          {historyOpen ? 'Hide the history' : 'Show the history'}
        </button>
        {historyOpen ? <CopyHistoryList id={v.id} timeZone={timeZone} stamp={`${v.version}-${v.state}-${v.updated_at}`} /> : null}
      </div>
    </article>
  );
}

/** The text in a box, checked again a moment after each change; Save makes it a new version. */
function EditPanel({
  v,
  busy,
  onSave,
  onCancel,
}: {
  v: QueuedVariant;
  busy: boolean;
  onSave: (text: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [text, setText] = useState(v.text);
  const settled = useDebounced(text, 300);
  const [live, setLive] = useState<{ text: string; findings: CopyFinding[] } | { text: string; error: string } | null>(
    null,
  );

  useEffect(() => {
    if (settled === v.text || settled.trim() === '') {
      setLive(null);
      return;
    }
    let on = true;
    checkCopy(v.kind, settled, v.sku)
      .then((findings) => on && setLive({ text: settled, findings: findings ?? [] }))
      .catch((e: unknown) => on && setLive({ text: settled, error: toApiError(e).message }));
    return () => {
      on = false;
    };
  }, [settled, v.kind, v.sku, v.text]);

  const empty = text.trim() === '';
  const save = () => {
    if (!empty && !busy) onSave(text);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      onCancel();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      save();
    }
  };

  return (
    <form
      className="copy-panel"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <label className="field__label" htmlFor={`${id}-text`}>
        New text
      </label>
      <textarea
        id={`${id}-text`}
        className="textarea"
        rows={v.kind === 'subject' || v.kind === 'preheader' ? 2 : 5}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        autoFocus
        aria-describedby={`${id}-hint`}
        data-testid="copy-edit-text"
      />
      <p id={`${id}-hint`} className="field__hint">
        Checked again as you type. Saving makes a new version that goes back to review: an approval was for the old
        words. Ctrl+Enter saves, Esc cancels.
      </p>
      <div className="copy-actions">
        <button type="submit" className="btn btn--primary btn--sm" disabled={busy || empty} data-testid="copy-edit-save">
          {busy ? 'Saving…' : 'Save as a new version'}
        </button>
        <button type="button" className="btn btn--sm" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
      {empty ? (
        <p className="field__error">Write the copy, or reject the variant instead.</p>
      ) : live !== null ? (
        'error' in live ? (
          <p className="muted small" data-testid="copy-live-error">
            Could not check it as you type: {live.error}
          </p>
        ) : (
          // The last check stays while the next one runs, so the box does not flicker with each key.
          <div className="copy-live" data-testid="copy-live" data-fresh={live.text === text} aria-live="polite">
            <p className="copy-live__title">{live.text === text ? 'As it stands now:' : 'Checking again…'}</p>
            <MarkedText text={live.text} findings={live.findings} />
            <FindingList findings={live.findings} itemTestId="copy-live-finding" passTestId="copy-live-pass" />
          </div>
        )
      ) : null}
    </form>
  );
}

/** A reason per failing rule: what the owner writes to approve copy the checks object to. */
function OverridePanel({
  v,
  busy,
  onSubmit,
  onCancel,
}: {
  v: QueuedVariant;
  busy: boolean;
  onSubmit: (overrides: CopyOverride[]) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const rules = rulesNeedingReason(v.findings);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const submit = () => {
    const overrides = rules
      .map((rule) => ({ rule, reason: (reasons[rule] ?? '').trim() }))
      .filter((o) => o.reason !== '');
    onSubmit(overrides);
  };
  return (
    <form
      className="copy-panel"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
      data-testid="copy-override"
    >
      <p className="copy-panel__title">Approve it anyway?</p>
      <p className="muted small">
        The checks found {rules.length === 1 ? 'a problem' : `${rules.length} kinds of problem`}. Write why each is fine
        here; your reasons are kept in its history. Or cancel and edit the words instead.
      </p>
      {rules.map((rule, i) => (
        <div className="field" key={rule}>
          <label className="field__label" htmlFor={`${id}-${rule}`}>
            Why “{ruleLabel(rule)}” is fine here
          </label>
          <input
            id={`${id}-${rule}`}
            className="input"
            value={reasons[rule] ?? ''}
            onChange={(e) => setReasons((r) => ({ ...r, [rule]: e.target.value }))}
            autoFocus={i === 0}
            data-testid="copy-override-reason"
            data-rule={rule}
          />
        </div>
      ))}
      <div className="copy-actions">
        <button type="submit" className="btn btn--primary btn--sm" disabled={busy} data-testid="copy-override-submit">
          {busy ? 'Approving…' : 'Approve with these reasons'}
        </button>
        <button type="button" className="btn btn--sm" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** A note to keep with a rejection: Storeloop saves notes with the decision to reject. */
function NotePanel({
  busy,
  onReject,
  onNote,
  onCancel,
}: {
  busy: boolean;
  onReject: (note: string | null) => void;
  onNote: (note: string) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  // Ctrl+Enter keeps the note; rejecting is its own button.
  const submit = () => {
    if (note.trim() === '') return setProblem('Write the note first.');
    setProblem(null);
    onNote(note.trim());
  };
  return (
    <form
      className="copy-panel"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label className="field__label" htmlFor={`${id}-note`}>
        Note (kept on the variant and in its history)
      </label>
      <textarea
        id={`${id}-note`}
        className="textarea"
        rows={2}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
        autoFocus
        data-testid="copy-note-text"
      />
      {problem ? (
        <p className="field__error small" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="copy-actions">
        <button type="submit" className="btn btn--primary btn--sm" disabled={busy} data-testid="copy-note-save">
          {busy ? 'Saving…' : 'Save note'}
        </button>
        <button
          type="button"
          className="btn btn--sm"
          disabled={busy}
          onClick={() => onReject(note.trim() === '' ? null : note.trim())}
          data-testid="copy-note-reject"
        >
          Reject with this note
        </button>
        <button type="button" className="btn btn--sm" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
      </div>
    </form>
  );
}
