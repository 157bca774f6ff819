// A flow's A/B test: each version's emailed customers against the held-back customers who would
// have got the same version, with the profit difference per person, its 95% range and the core's
// verdict (coloured only when it is a clear result).

import type { ArmLift } from '../gen/api';
import { badgeClass } from '../customerWords';
import { defaultLocale, formatCount, formatMoneyChange } from '../format';
import { liftBadge, liftTone } from '../measureWords';

export function ArmTable({ arms, currency, locale = defaultLocale() }: { arms: ArmLift[]; currency: string; locale?: string }) {
  const change = (v: number) => formatMoneyChange(v, currency, locale);
  return (
    <section className="card card--stack" aria-labelledby="measure-arms-title" data-testid="measure-arms">
      <h2 id="measure-arms-title" className="card__title">
        The A/B test: each version against the people held back
      </h2>
      <p className="muted small">
        Each version’s emailed customers are compared with the held-back customers who would have got that same
        version, so every row is a fair comparison on its own. Versions have fewer people than the whole flow, so their
        ranges are wider.
      </p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col" className="right">
                Emailed
              </th>
              <th scope="col" className="right">
                Held back
              </th>
              <th scope="col" className="right">
                Profit per person, difference
              </th>
              <th scope="col" className="right">
                Could be anywhere from
              </th>
              <th scope="col">Verdict</th>
            </tr>
          </thead>
          <tbody>
            {arms.map((a) => {
              const abs = a.margin.absolute;
              const badge = liftBadge(a.margin);
              return (
                <tr key={a.arm} data-testid="measure-arm" data-arm={a.arm} data-tone={liftTone(a.margin)}>
                  <th scope="row">{a.arm}</th>
                  <td className="right">{formatCount(a.margin.treatment.recipients, locale)}</td>
                  <td className="right">{formatCount(a.margin.holdout.recipients, locale)}</td>
                  <td className="right">{abs ? change(abs.estimate) : '—'}</td>
                  <td className="right">{abs ? `${change(abs.low)} to ${change(abs.high)}` : '—'}</td>
                  <td>
                    <span className={badgeClass(badge.tone)}>{badge.label}</span>
                    <div className="muted small" data-testid="measure-arm-verdict">
                      {a.margin.verdict}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
