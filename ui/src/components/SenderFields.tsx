// "Who the email is from": the sender's address (checked as it is typed) and name, and the postal
// address every marketing email's footer carries.

import { useId, useState } from 'react';
import { checkAddress } from '../emailAddress';
import { checkFromName, checkPostalAddress, checkSender } from '../sendingChoice';
import type { SenderDraft } from '../sendingChoice';

export interface SenderFieldsProps {
  sender: SenderDraft;
  onChange: (sender: SenderDraft) => void;
  /** A sender address is saved: it cannot be left empty now. */
  fromRequired: boolean;
  /** Saving would change who the email is from. */
  unsaved: boolean;
  /** Above 0 once a save was refused for the form's problems: show them all. */
  reveal: number;
}

export function SenderFields({ sender, onChange, fromRequired, unsaved, reveal }: SenderFieldsProps) {
  const id = useId();
  const [touched, setTouched] = useState({ from: false, fromName: false, postal: false });
  const showAll = reveal > 0;
  const fromError = touched.from || showAll ? checkSender(sender.from, fromRequired) : null;
  const suggestion = fromError === null && touched.from && sender.from.trim() !== '' ? checkAddress(sender.from).suggestion : null;
  const nameError = touched.fromName || showAll ? checkFromName(sender.fromName) : null;
  const postalError = touched.postal || showAll ? checkPostalAddress(sender.postalAddress) : null;
  const noPostal = sender.postalAddress.trim() === '';
  const set = (next: Partial<SenderDraft>) => onChange({ ...sender, ...next });
  const touch = (field: keyof typeof touched) => setTouched((t) => ({ ...t, [field]: true }));

  return (
    <section className="card card--stack" aria-labelledby={`${id}-title`} data-testid="sender">
      <div className="card__head">
        <h2 id={`${id}-title`} className="card__title">
          Who the email is from
        </h2>
        {unsaved ? (
          <span className="badge badge--warning" data-testid="sender-unsaved">
            Not saved
          </span>
        ) : null}
      </div>

      <div className="sender">
        <div className={`field${fromError ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={`${id}-from`}>
            Sender address
          </label>
          <input
            id={`${id}-from`}
            type="email"
            className="input"
            value={sender.from}
            placeholder="hello@yourshop.com"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => set({ from: e.target.value })}
            onBlur={() => touch('from')}
            aria-invalid={fromError ? true : undefined}
            aria-describedby={fromError ? `${id}-from-error` : `${id}-from-hint`}
            data-testid="sender-from"
          />
          {fromError ? (
            <span id={`${id}-from-error`} className="field__error" data-testid="sender-from-error">
              {fromError}
            </span>
          ) : (
            <span id={`${id}-from-hint`} className="field__hint">
              {suggestion ? (
                <span data-testid="sender-from-suggestion">Did you mean {suggestion}? </span>
              ) : null}
              What customers see and reply to. Use an address on your store’s own domain.
            </span>
          )}
        </div>

        <div className={`field${nameError ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={`${id}-name`}>
            Sender name
          </label>
          <input
            id={`${id}-name`}
            className="input"
            value={sender.fromName}
            autoComplete="off"
            onChange={(e) => set({ fromName: e.target.value })}
            onBlur={() => touch('fromName')}
            aria-invalid={nameError ? true : undefined}
            aria-describedby={nameError ? `${id}-name-error` : `${id}-name-hint`}
            data-testid="sender-name"
          />
          {nameError ? (
            <span id={`${id}-name-error`} className="field__error" data-testid="sender-name-error">
              {nameError}
            </span>
          ) : (
            <span id={`${id}-name-hint`} className="field__hint">
              Shown beside the address in the inbox, usually your store’s name.
            </span>
          )}
        </div>

        <div className={`field sender__postal${postalError ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={`${id}-postal`}>
            Postal address
          </label>
          <textarea
            id={`${id}-postal`}
            className="textarea"
            rows={3}
            value={sender.postalAddress}
            placeholder={'Your store’s name\nStreet and number\nPostcode, town, country'}
            onChange={(e) => set({ postalAddress: e.target.value })}
            onBlur={() => touch('postal')}
            aria-invalid={postalError ? true : undefined}
            aria-describedby={`${postalError ? `${id}-postal-error ` : ''}${id}-postal-law`}
            data-testid="sender-postal"
          />
          {postalError ? (
            <span id={`${id}-postal-error`} className="field__error" data-testid="sender-postal-error">
              {postalError}
            </span>
          ) : null}
          <span
            id={`${id}-postal-law`}
            className={`field__hint${noPostal ? ' sender__missing' : ''}`}
            data-testid="sender-postal-law"
          >
            {noPostal ? 'Not set yet. ' : ''}Marketing emails cannot be sent until it is set: the law in most countries asks
            for a postal address in every one. It appears in each email’s footer.
          </span>
        </div>
      </div>
    </section>
  );
}
