// The owner's approval of a flow version that needs it (a new offer, customers at risk…): why it
// is needed, a name and an Approve button; once given, who approved it and when.

import { useId, useState } from 'react';
import { approveFlow } from '../api';
import type { FlowApproval, FlowDetail } from '../api';
import { defaultLocale, formatDateTime } from '../format';
import { useAction } from '../useAction';

export interface ApprovalBoxProps {
  slug: string;
  version: number;
  approval: FlowApproval;
  timeZone: string;
  onApproved: (detail: FlowDetail) => void;
  locale?: string;
}

export function ApprovalBox({ slug, version, approval, timeZone, onApproved, locale = defaultLocale() }: ApprovalBoxProps) {
  const [name, setName] = useState('');
  const action = useAction();
  const busy = action.running !== null;
  const error = action.error;
  const [missing, setMissing] = useState(false);
  const id = useId();

  // Approved: say who and when (the core stops listing reasons once a version is approved).
  // Not approved and nothing needs approval: nothing to show.
  if (approval.reasons.length === 0 && approval.approved_by === null) return null;

  const reasons = (
    <ul className="approval__reasons" data-testid="approval-reasons">
      {approval.reasons.map((r) => (
        <li key={r}>{r}</li>
      ))}
    </ul>
  );

  if (approval.approved_by !== null) {
    return (
      <section className="banner banner--success approval" aria-labelledby={`${id}-title`} data-testid="approval">
        <p id={`${id}-title`} className="banner__title" data-testid="approval-done">
          Approved by {approval.approved_by}
          {approval.approved_at ? ` on ${formatDateTime(approval.approved_at, timeZone, locale)}` : ''}
        </p>
        {approval.reasons.length > 0 ? (
          <>
            <p>Version {version} needed your approval because:</p>
            {reasons}
          </>
        ) : (
          <p>Version {version} is approved to go live.</p>
        )}
      </section>
    );
  }

  const approve = async () => {
    const by = name.trim();
    if (by === '') {
      setMissing(true);
      return;
    }
    await action.run(async () => onApproved(await approveFlow(slug, by)));
  };

  return (
    <section className="card card--stack approval approval--needed" aria-labelledby={`${id}-title`} data-testid="approval">
      <h2 id={`${id}-title`} className="card__title">
        Version {version} needs your approval before it can go live
      </h2>
      <p>Because:</p>
      {reasons}
      <form
        className="approval__form"
        onSubmit={(e) => {
          e.preventDefault();
          void approve();
        }}
      >
        <div className={`field${missing ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={`${id}-name`}>
            Your name
          </label>
          <input
            id={`${id}-name`}
            className="input"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setMissing(false);
            }}
            autoComplete="name"
            aria-invalid={missing}
            aria-describedby={`${id}-hint`}
            data-testid="approval-name"
          />
          <span id={`${id}-hint`} className={missing ? 'field__error' : 'field__hint'}>
            {missing ? 'Type your name to approve.' : 'Kept with the flow, so you can always see who approved what.'}
          </span>
        </div>
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="approval-approve">
          {busy ? 'Approving…' : 'Approve this version'}
        </button>
      </form>
      {error ? (
        <pre className="message-box" role="alert" data-testid="approval-error">
          {error.message}
        </pre>
      ) : null}
    </section>
  );
}
