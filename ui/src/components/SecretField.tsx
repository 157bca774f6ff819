// A password or API key field whose value goes to the OS keychain. The secret never comes back,
// so the field is never filled in: when the keychain already holds one, the field says so and
// offers to replace it instead.

import { useEffect, useId, useRef } from 'react';
import type { ReactNode } from 'react';

export interface SecretFieldProps {
  /** "Password" or "API key": the field's label. */
  label: string;
  /** "password" or "API key": the word in sentences and buttons. */
  noun: string;
  /** "A password" / "An API key", to start the saved sentence. */
  article: string;
  /** The keychain holds one for what the form says now. */
  saved: boolean;
  /** What was typed; null when nothing was (the saved one is kept). */
  value: string | null;
  onChange: (value: string | null) => void;
  /** Where to find it, or what happens without it. */
  hint: ReactNode;
  testId: string;
  /** What is wrong with what was typed (an empty field, say); shown under it, named by the field. */
  error?: string | null;
  /** An example of what goes in, e.g. "shpat_…". */
  placeholder?: string;
  /** While what it belongs to is being saved or checked. */
  disabled?: boolean;
}

export function SecretField({
  label,
  noun,
  article,
  saved,
  value,
  onChange,
  hint,
  testId,
  error = null,
  placeholder,
  disabled = false,
}: SecretFieldProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const replacing = saved && value !== null;
  const wasReplacing = useRef(replacing);

  useEffect(() => {
    // "Replace" takes the owner straight to the new field; "Keep" needs nothing.
    if (replacing && !wasReplacing.current) inputRef.current?.focus();
    wasReplacing.current = replacing;
  }, [replacing]);

  if (saved && value === null) {
    return (
      <div className="field secret" data-testid={testId}>
        <span className="field__label">{label}</span>
        <div className="secret__saved" data-testid={`${testId}-saved`}>
          <span>{article} is saved in your computer’s keychain.</span>
          <button type="button" className="btn btn--sm" onClick={() => onChange('')} data-testid={`${testId}-replace`}>
            Replace {noun}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className={`field secret${error ? ' field--invalid' : ''}`} data-testid={testId}>
      <label className="field__label" htmlFor={`${id}-input`}>
        {replacing ? `New ${noun}` : label}
      </label>
      <div className="secret__row">
        <input
          id={`${id}-input`}
          ref={inputRef}
          type="password"
          className="input mono"
          value={value ?? ''}
          // Never offered or filled in by the webview: it belongs in the keychain only.
          autoComplete="new-password"
          spellCheck={false}
          placeholder={placeholder}
          disabled={disabled}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error ${id}-hint` : `${id}-hint`}
          data-testid={`${testId}-input`}
        />
        {replacing ? (
          <button type="button" className="btn btn--sm btn--ghost" onClick={() => onChange(null)} data-testid={`${testId}-keep`}>
            Keep the saved {noun}
          </button>
        ) : null}
      </div>
      {error ? (
        <span id={`${id}-error`} className="field__error" data-testid={`${testId}-error`}>
          {error}
        </span>
      ) : null}
      <span id={`${id}-hint`} className="field__hint">
        {hint} It goes straight to your computer’s keychain and is never shown again.
      </span>
    </div>
  );
}
