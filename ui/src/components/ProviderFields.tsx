// An email service provider's fields: which provider, where its API key is (the key goes to the
// keychain), and for Mailgun the sending domain and the EU region.

import { useId, useState } from 'react';
import { MAILGUN_EU_URL, PROVIDER_ORDER, PROVIDER_WORDS, checkDomain, isProvider } from '../sendingChoice';
import type { ProviderDraft } from '../sendingChoice';
import { SecretField } from './SecretField';

export interface ProviderFieldsProps {
  provider: ProviderDraft;
  onChange: (provider: ProviderDraft) => void;
  /** Show every problem, touched or not (a save was refused). */
  showAll: boolean;
  /** The keychain holds this provider's API key. */
  keySaved: boolean;
  apiKey: string | null;
  onApiKey: (key: string | null) => void;
}

export function ProviderFields({ provider, onChange, showAll, keySaved, apiKey, onApiKey }: ProviderFieldsProps) {
  const id = useId();
  const [touched, setTouched] = useState(false);
  const words = PROVIDER_WORDS[provider.provider];
  const mailgun = provider.provider === 'mailgun';
  const domainProblem = checkDomain(provider.domain);
  const domainError = mailgun && (touched || showAll) ? domainProblem : null;
  const base = provider.baseUrl.trim();
  const otherBase = base !== '' && base !== MAILGUN_EU_URL;

  return (
    <div className="provider" role="group" aria-label="Email service provider" data-testid="provider-fields">
      <div className="field provider__which">
        <label className="field__label" htmlFor={`${id}-provider`}>
          Provider
        </label>
        <select
          id={`${id}-provider`}
          className="select"
          value={provider.provider}
          onChange={(e) => {
            const next = e.target.value;
            // An API address belongs to one provider (Mailgun's EU region): a new provider starts without it.
            if (isProvider(next)) onChange({ ...provider, provider: next, baseUrl: '' });
          }}
          data-testid="provider-select"
        >
          {PROVIDER_ORDER.map((p) => (
            <option key={p} value={p}>
              {PROVIDER_WORDS[p].name}
            </option>
          ))}
        </select>
        <span className="field__hint">
          The address your emails come from (below) must be on a domain you have verified with {words.name}.
        </span>
      </div>

      {mailgun ? (
        <div className={`field provider__domain${domainError ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={`${id}-domain`}>
            Sending domain
          </label>
          <input
            id={`${id}-domain`}
            className="input mono"
            value={provider.domain}
            placeholder="mg.yourshop.com"
            autoComplete="off"
            spellCheck={false}
            required
            onChange={(e) => onChange({ ...provider, domain: e.target.value })}
            onBlur={() => setTouched(true)}
            aria-invalid={domainError ? true : undefined}
            aria-describedby={domainError ? `${id}-domain-error` : `${id}-domain-hint`}
            data-testid="provider-domain"
          />
          {domainError ? (
            <span id={`${id}-domain-error`} className="field__error" data-testid="provider-domain-error">
              {domainError}
            </span>
          ) : (
            <span id={`${id}-domain-hint`} className="field__hint">
              The domain you set up in Mailgun for sending.
            </span>
          )}
        </div>
      ) : null}

      {mailgun ? (
        <div className="field provider__region">
          <label className="check">
            <input
              type="checkbox"
              checked={base === MAILGUN_EU_URL}
              onChange={(e) => onChange({ ...provider, baseUrl: e.target.checked ? MAILGUN_EU_URL : '' })}
              aria-describedby={`${id}-eu-hint`}
              data-testid="provider-eu"
            />
            <span>EU region</span>
          </label>
          <span id={`${id}-eu-hint`} className="field__hint">
            Tick it if the domain was set up in Mailgun’s EU region: Storeloop then uses {MAILGUN_EU_URL}.
          </span>
        </div>
      ) : null}

      {otherBase ? (
        <p className="field__hint provider__base" data-testid="provider-base-url">
          Sends through the API address <span className="mono">{base}</span>, set outside this screen.
        </p>
      ) : null}

      <div className="provider__key">
        <SecretField
          label="API key"
          noun="API key"
          article="An API key"
          saved={keySaved}
          value={apiKey}
          onChange={onApiKey}
          hint={<span data-testid="provider-help">{words.keyHelp}</span>}
          testId="provider-key"
        />
      </div>
    </div>
  );
}
