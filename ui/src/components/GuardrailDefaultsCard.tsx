// The Settings area's way to the guardrail defaults — how often one person may be emailed, quiet
// hours, the discount policy, who stops being emailed — which live with the flows they govern.

import { hashFor } from '../areas';
import type { Navigate } from '../useHashRoute';

export function GuardrailDefaultsCard({ navigate }: { navigate: Navigate }) {
  return (
    <section className="card card--stack" aria-labelledby="settings-guardrails-title" data-testid="settings-guardrails">
      <h2 id="settings-guardrails-title" className="card__title">
        Guardrail defaults
      </h2>
      <p className="muted">
        How often one person may be emailed, quiet hours, the discount policy and who stops being emailed. Every
        flow follows them; a flow may only be stricter.
      </p>
      <div>
        <a
          className="btn"
          href={hashFor('flows', 'guardrails')}
          onClick={(e) => {
            e.preventDefault();
            navigate('flows', 'guardrails');
          }}
          data-testid="settings-guardrails-link"
        >
          Open the guardrails
        </a>
      </div>
    </section>
  );
}
