// "How email leaves this computer": the local outbox (the default) or an SMTP server, with the
// server's name, port and security checked as they are typed. What comes next is said, not faked.

import { useEffect, useId, useRef, useState } from 'react';
import {
  SECURITY_ORDER,
  SECURITY_WORDS,
  isLocalHost,
  smtpProblems,
  withSecurity,
} from '../sendingChoice';
import type { Method, SendingChoice, Security } from '../sendingChoice';

export interface SendChoiceProps {
  choice: SendingChoice;
  onChange: (choice: SendingChoice) => void;
  /** The data folder, where the outbox folder is. */
  dataDir: string;
  /** Goes up each time a send was refused for the form's problems: show them all and focus the first. */
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
];

export function SendChoice({ choice, onChange, dataDir, reveal }: SendChoiceProps) {
  const id = useId();
  const [touched, setTouched] = useState({ host: false, port: false });
  const hostRef = useRef<HTMLInputElement>(null);
  const portRef = useRef<HTMLInputElement>(null);
  const smtp = choice.smtp;
  const problems = smtpProblems(smtp);
  const showAll = reveal > 0;
  const hostError = touched.host || showAll ? problems.host : null;
  const portError = touched.port || showAll ? problems.port : null;

  useEffect(() => {
    if (reveal === 0) return;
    if (problems.host !== null) hostRef.current?.focus();
    else if (problems.port !== null) portRef.current?.focus();
    // Only a new refusal moves focus, not every keystroke after it: `problems` is read, not watched.
  }, [reveal]);

  const setSmtp = (next: Partial<typeof smtp>) => onChange({ ...choice, smtp: { ...smtp, ...next } });
  const plainToElsewhere = smtp.security === 'none' && smtp.host.trim() !== '' && problems.host === null && !isLocalHost(smtp.host);

  return (
    <section className="card card--stack" aria-labelledby={`${id}-title`} data-testid="send-choice">
      <h2 id={`${id}-title`} className="card__title">
        How email leaves this computer
      </h2>
      <fieldset className="choice">
        <legend className="visually-hidden">Send email through</legend>
        {METHODS.map((m) => {
          const on = choice.method === m.id;
          return (
            <label key={m.id} className={`choice__option${on ? ' is-on' : ''}`}>
              <input
                type="radio"
                name={`${id}-method`}
                value={m.id}
                checked={on}
                onChange={() => onChange({ ...choice, method: m.id })}
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

      {choice.method === 'smtp' ? (
        <div className="smtp" role="group" aria-label="SMTP server" data-testid="smtp-fields">
          <div className={`field smtp__host${hostError ? ' field--invalid' : ''}`}>
            <label className="field__label" htmlFor={`${id}-host`}>
              Server
            </label>
            <input
              id={`${id}-host`}
              ref={hostRef}
              className="input mono"
              value={smtp.host}
              placeholder="smtp.example.com"
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setSmtp({ host: e.target.value })}
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
              ref={portRef}
              className="input num"
              value={smtp.port}
              inputMode="numeric"
              autoComplete="off"
              onChange={(e) => setSmtp({ port: e.target.value })}
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
              onChange={(e) => onChange({ ...choice, smtp: withSecurity(smtp, e.target.value as Security) })}
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
              {smtp.host.trim()} is not this computer. Without encryption, the email and anything else sent could be
              read on the way: choose STARTTLS or TLS unless the server is on this computer.
            </p>
          ) : null}
        </div>
      ) : null}

      <p className="muted small" data-testid="send-choice-note">
        Storeloop remembers this choice on this computer and uses it for the test below; nothing sends email by itself
        yet. Coming next: sending through an email service provider (Postmark, SendGrid, Mailgun or Resend), and a
        user name and password for your SMTP server kept in your computer’s keychain. Until then, a server that asks
        you to sign in will refuse the test.
      </p>
    </section>
  );
}
