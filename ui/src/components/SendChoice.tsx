// "How email leaves this computer": the local outbox (the default), an SMTP server or an email
// service provider, each with its fields. Passwords and API keys go to the keychain.

import { useId } from 'react';
import type { SendingSettings } from '../api';
import { savedSecretApplies } from '../sendingChoice';
import type { Method, SendingDraft } from '../sendingChoice';
import type { SecretDrafts } from '../useSendingSettings';
import { ProviderFields } from './ProviderFields';
import { SmtpFields } from './SmtpFields';

export interface SendChoiceProps {
  draft: SendingDraft;
  onChange: (draft: SendingDraft) => void;
  /** The settings as saved: whether the keychain holds the secret the form names. */
  saved: SendingSettings;
  secrets: SecretDrafts;
  onSecrets: (secrets: SecretDrafts) => void;
  /** Saving would change how email leaves. */
  unsaved: boolean;
  /** The data folder, where the outbox folder is. */
  dataDir: string;
  /** Above 0 once a save was refused for the form's problems: show them all. */
  reveal: number;
}

const METHODS: ReadonlyArray<{ id: Method; label: string; explain: string }> = [
  {
    id: 'outbox',
    label: 'Local outbox',
    explain: 'Nothing leaves this computer — each email is saved as a file you can open.',
  },
  {
    id: 'smtp',
    label: 'SMTP server',
    explain: 'Your email provider’s or hosting’s mail server sends it on to the recipient.',
  },
  {
    id: 'provider',
    label: 'Email service provider',
    explain: 'Postmark, SendGrid, Mailgun or Resend sends it, through their API, with an API key from your account.',
  },
];

export function SendChoice({ draft, onChange, saved, secrets, onSecrets, unsaved, dataDir, reveal }: SendChoiceProps) {
  const id = useId();
  const secretSaved = savedSecretApplies(saved, draft);

  return (
    <section className="card card--stack" aria-labelledby={`${id}-title`} data-testid="send-choice">
      <div className="card__head">
        <h2 id={`${id}-title`} className="card__title">
          How email leaves this computer
        </h2>
        {unsaved ? (
          <span className="badge badge--warning" data-testid="send-choice-unsaved">
            Not saved
          </span>
        ) : null}
      </div>
      <fieldset className="choice">
        <legend className="visually-hidden">Send email through</legend>
        {METHODS.map((m) => {
          const on = draft.method === m.id;
          return (
            <label key={m.id} className={`choice__option${on ? ' is-on' : ''}`}>
              <input
                type="radio"
                name={`${id}-method`}
                value={m.id}
                checked={on}
                onChange={() => onChange({ ...draft, method: m.id })}
                // The whole card is the click target; its title is the name, the rest describes it.
                aria-labelledby={`${id}-${m.id}-label`}
                aria-describedby={`${id}-${m.id}-explain`}
                data-testid={`send-method-${m.id}`}
              />
              <span id={`${id}-${m.id}-label`} className="choice__label">
                {m.label}
              </span>
              <span id={`${id}-${m.id}-explain`} className="choice__explain">
                {m.explain}
                {m.id === 'outbox' ? (
                  <>
                    {' '}
                    The files are in the “outbox” folder of your data folder, <span className="mono">{dataDir}</span>.
                  </>
                ) : null}
              </span>
            </label>
          );
        })}
      </fieldset>

      {draft.method === 'smtp' ? (
        <SmtpFields
          smtp={draft.smtp}
          onChange={(smtp) => onChange({ ...draft, smtp })}
          showAll={reveal > 0}
          passwordSaved={secretSaved}
          password={secrets.smtp}
          onPassword={(smtp) => onSecrets({ ...secrets, smtp })}
        />
      ) : null}

      {draft.method === 'provider' ? (
        <ProviderFields
          provider={draft.provider}
          onChange={(provider) => onChange({ ...draft, provider })}
          showAll={reveal > 0}
          keySaved={secretSaved}
          apiKey={secrets.provider}
          onApiKey={(provider) => onSecrets({ ...secrets, provider })}
        />
      ) : null}

      <p className="muted small" data-testid="send-choice-note">
        Storeloop uses the saved choice for the test below and for every email it sends. Passwords and API keys are kept
        in your computer’s keychain, not in Storeloop’s data folder, and are never shown again: to change one, replace
        it.
      </p>
    </section>
  );
}
