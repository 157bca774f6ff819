// An SMTP server's fields: name, port and security checked as they are typed, and the user name
// and password for a server that asks to sign in (the password goes to the keychain).

import { useId, useState } from 'react';
import { SECURITY_ORDER, SECURITY_WORDS, isLocalHost, smtpProblems, withSecurity } from '../sendingChoice';
import type { Security, SmtpDraft } from '../sendingChoice';
import { SecretField } from './SecretField';

export interface SmtpFieldsProps {
  smtp: SmtpDraft;
  onChange: (smtp: SmtpDraft) => void;
  /** Show every problem, touched or not (a save was refused). */
  showAll: boolean;
  /** The keychain holds the password for this user at this server. */
  passwordSaved: boolean;
  password: string | null;
  onPassword: (password: string | null) => void;
}

export function SmtpFields({ smtp, onChange, showAll, passwordSaved, password, onPassword }: SmtpFieldsProps) {
  const id = useId();
  const [touched, setTouched] = useState({ host: false, port: false });
  const problems = smtpProblems(smtp);
  const hostError = touched.host || showAll ? problems.host : null;
  const portError = touched.port || showAll ? problems.port : null;
  const set = (next: Partial<SmtpDraft>) => onChange({ ...smtp, ...next });
  const plainToElsewhere =
    smtp.security === 'none' && smtp.host.trim() !== '' && problems.host === null && !isLocalHost(smtp.host);
  const user = smtp.username.trim();

  return (
    <div className="smtp" role="group" aria-label="SMTP server" data-testid="smtp-fields">
      <div className={`field smtp__host${hostError ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor={`${id}-host`}>
          Server
        </label>
        <input
          id={`${id}-host`}
          className="input mono"
          value={smtp.host}
          placeholder="smtp.example.com"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => set({ host: e.target.value })}
          onBlur={() => setTouched((t) => ({ ...t, host: true }))}
          aria-invalid={hostError ? true : undefined}
          aria-describedby={hostError ? `${id}-host-error` : `${id}-host-hint`}
          data-testid="smtp-host"
        />
        {hostError ? (
          <span id={`${id}-host-error`} className="field__error" data-testid="smtp-host-error">
            {hostError}
          </span>
        ) : (
          <span id={`${id}-host-hint`} className="field__hint">
            The name your provider gives for sending (outgoing) mail.
          </span>
        )}
      </div>
      <div className={`field smtp__port${portError ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor={`${id}-port`}>
          Port
        </label>
        <input
          id={`${id}-port`}
          className="input num"
          value={smtp.port}
          inputMode="numeric"
          autoComplete="off"
          onChange={(e) => set({ port: e.target.value })}
          onBlur={() => setTouched((t) => ({ ...t, port: true }))}
          aria-invalid={portError ? true : undefined}
          aria-describedby={portError ? `${id}-port-error` : undefined}
          data-testid="smtp-port"
        />
        {portError ? (
          <span id={`${id}-port-error`} className="field__error" data-testid="smtp-port-error">
            {portError}
          </span>
        ) : null}
      </div>
      <div className="field smtp__security">
        <label className="field__label" htmlFor={`${id}-security`}>
          Security
        </label>
        <select
          id={`${id}-security`}
          className="select"
          value={smtp.security}
          onChange={(e) => onChange(withSecurity(smtp, e.target.value as Security))}
          aria-describedby={`${id}-security-explain`}
          data-testid="smtp-security"
        >
          {SECURITY_ORDER.map((s) => (
            <option key={s} value={s}>
              {SECURITY_WORDS[s].label}
            </option>
          ))}
        </select>
        <span id={`${id}-security-explain`} className="field__hint" data-testid="smtp-security-explain">
          {SECURITY_WORDS[smtp.security].explain}
        </span>
      </div>
      {plainToElsewhere ? (
        <p className="smtp__warning" role="note" data-testid="smtp-plain-warning">
          {smtp.host.trim()} is not this computer. Without encryption, the email and anything else sent could be read
          on the way: choose STARTTLS or TLS unless the server is on this computer.
        </p>
      ) : null}

      <div className="smtp__login">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-user`}>
            User name <span className="muted">(optional)</span>
          </label>
          <input
            id={`${id}-user`}
            className="input"
            value={smtp.username}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => set({ username: e.target.value })}
            aria-describedby={`${id}-user-hint`}
            data-testid="smtp-username"
          />
          <span id={`${id}-user-hint`} className="field__hint">
            Often your email address. Leave it empty if the server does not ask you to sign in.
          </span>
        </div>
        {user !== '' ? (
          <SecretField
            label="Password"
            noun="password"
            article="A password"
            saved={passwordSaved}
            value={password}
            onChange={onPassword}
            hint={`The password for ${user} on this server; some providers ask for an app password here.`}
            testId="smtp-password"
          />
        ) : null}
      </div>
    </div>
  );
}
