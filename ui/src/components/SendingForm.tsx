// The sending settings form: how email leaves and who it is from, with one Save for both. Unsaved
// changes are marked on each card and beside the buttons; an error from the core is shown there as
// it is, and the form keeps what was typed.

import { useEffect, useId, useRef } from 'react';
import type { FormEvent } from 'react';
import { draftProblems, hasProblems } from '../sendingChoice';
import type { SendingSettingsState } from '../useSendingSettings';
import { SendChoice } from './SendChoice';
import { SenderFields } from './SenderFields';
import { ErrorState, LoadingState } from './States';

export interface SendingFormProps {
  settings: SendingSettingsState;
  /** The data folder, where the outbox folder is. */
  dataDir: string;
}

export function SendingForm({ settings, dataDir }: SendingFormProps) {
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const { load, draft, setDraft, secrets, setSecrets, changed, migrated, save, reveal, submit, discard, reload } = settings;

  useEffect(() => {
    // A refused save takes the owner to the first problem, once; typing afterwards does not move focus.
    if (reveal > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [reveal]);

  if (load.state !== 'ready') {
    return (
      <section className="card card--stack" aria-labelledby={`${id}-title`} data-testid="send-choice">
        <h2 id={`${id}-title`} className="card__title">
          How email leaves this computer
        </h2>
        {load.state === 'loading' ? (
          <LoadingState title="Reading the sending settings…" />
        ) : (
          <ErrorState error={load.error} onRetry={reload} title="Couldn’t read the sending settings" />
        )}
      </section>
    );
  }

  const saving = save.step === 'saving';
  const refused = reveal > 0 && hasProblems(draftProblems(draft, load.saved.from));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void submit();
  };

  return (
    <form ref={formRef} className="sending-form" noValidate onSubmit={onSubmit} aria-label="Sending settings">
      {migrated ? (
        <div className="banner" role="note" data-testid="sending-migrated">
          <p>
            <strong className="banner__title">Filled in, not saved yet</strong> — this is the SMTP server this computer
            remembered from before settings were saved. Check it, then press Save; or Discard changes to keep the
            local outbox.
          </p>
        </div>
      ) : null}

      <SendChoice
        draft={draft}
        onChange={setDraft}
        saved={load.saved}
        secrets={secrets}
        onSecrets={setSecrets}
        unsaved={changed.via || changed.secret}
        dataDir={dataDir}
        reveal={reveal}
      />

      <SenderFields
        sender={draft.sender}
        onChange={(sender) => setDraft({ ...draft, sender })}
        fromRequired={load.saved.from !== null}
        unsaved={changed.sender}
        reveal={reveal}
      />

      <div className="card save-bar" data-testid="save-bar" data-unsaved={changed.any || undefined}>
        <div className="save-bar__status" aria-live="polite" data-testid="save-status">
          {saving ? (
            <span>Saving…</span>
          ) : changed.any ? (
            <span>
              <span className="badge badge--warning">Unsaved changes</span>{' '}
              <span className="muted small">The test and every email use the saved settings until you save.</span>
            </span>
          ) : save.step === 'saved' ? (
            <span className="badge badge--success">Saved</span>
          ) : (
            <span className="muted small">Everything here is saved.</span>
          )}
        </div>
        <div className="save-bar__actions">
          <button
            type="button"
            className="btn"
            onClick={discard}
            disabled={!changed.any && !migrated}
            data-testid="sending-discard"
          >
            Discard changes
          </button>
          {/* aria-disabled rather than disabled: the button keeps keyboard focus while it saves. */}
          <button type="submit" className="btn btn--primary" aria-disabled={saving} data-testid="sending-save">
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
        {save.step === 'failed' ? (
          <div className="send-result__body save-bar__error" role="alert" data-testid="save-error" data-kind={save.error.kind}>
            <p className="send-result__title">Couldn’t save the sending settings</p>
            <pre className="message-box">{save.error.message}</pre>
            <p className="muted small">What you typed is still here: fix what the message says, then save again.</p>
          </div>
        ) : refused ? (
          <p className="field__error save-bar__error" data-testid="save-refused">
            Not saved: fix the fields marked above first.
          </p>
        ) : null}
      </div>
    </form>
  );
}
