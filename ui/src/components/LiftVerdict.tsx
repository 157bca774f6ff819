// A result in one glance: its label (coloured only when the core calls it significant) and the
// core's verdict in words. Also what goes with a flow's margin verdict: the groups it compares (and,
// while there is not enough data, how many more people each needs), and its single interval bar.

import type { FlowMeasurement, LiftReport } from '../gen/api';
import { badgeClass } from '../customerWords';
import { defaultLocale, formatCount, formatMoneyChange } from '../format';
import { liftBadge, liftTone } from '../measureWords';
import { IntervalChart } from './IntervalChart';

export function LiftVerdict({ report }: { report: LiftReport }) {
  const badge = liftBadge(report);
  const tone = liftTone(report);
  return (
    <div
      className={`verdict verdict--${tone}`}
      data-testid="measure-verdict"
      data-tone={tone}
      data-significant={String(report.significant)}
      data-enough={String(report.enough_data)}
    >
      <span className={badgeClass(badge.tone)} data-testid="measure-badge">
        {badge.label}
      </span>
      <p className="verdict__text" data-testid="measure-verdict-text">
        {report.verdict}
      </p>
    </div>
  );
}

/**
 * Who the margin verdict is about: the two groups, the window, with `pace` how many customers enter
 * a week lately, and, without enough data, how many more are needed.
 */
export function GroupFacts({ m, locale = defaultLocale(), pace = false }: { m: FlowMeasurement; locale?: string; pace?: boolean }) {
  const needed = m.margin.enough_data ? null : m.margin.more_recipients_needed;
  return (
    <dl className="measure-facts">
      <div>
        <dt>Emailed</dt>
        <dd className="num" data-testid="measure-recipients-treatment" data-value={m.treatment.recipients}>
          {formatCount(m.treatment.recipients, locale)}
        </dd>
      </div>
      <div>
        <dt>Held back</dt>
        <dd className="num" data-testid="measure-recipients-holdout" data-value={m.holdout.recipients}>
          {formatCount(m.holdout.recipients, locale)}
        </dd>
      </div>
      <div>
        <dt>Orders counted within</dt>
        <dd className="num">{m.window_days} days</dd>
      </div>
      {pace && m.recipients_per_week > 0 ? (
        <div>
          <dt>Entering lately</dt>
          <dd className="num" data-testid="measure-pace" data-value={m.recipients_per_week}>
            about {formatCount(Math.max(1, Math.round(m.recipients_per_week)), locale)} a week
          </dd>
        </div>
      ) : null}
      {needed !== null ? (
        <div className="measure-facts__needed">
          <dt>Not enough data yet: still needed</dt>
          <dd className="num" data-testid="measure-needed" data-needed={needed}>
            about {formatCount(needed, locale)} more customers, both groups together
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** The flow's margin per recipient against its holdout, as one interval bar (nothing when there is no interval yet). */
export function MarginChart({ m, locale = defaultLocale() }: { m: FlowMeasurement; locale?: string }) {
  if (m.margin.absolute === null) return null;
  return (
    <IntervalChart
      testId="measure-margin-chart"
      title={`${m.name}: profit per person who entered, emailed minus held back.`}
      format={(v) => formatMoneyChange(v, m.currency, locale)}
      rows={[{ key: m.slug, label: 'Everyone', interval: m.margin.absolute, tone: liftTone(m.margin) }]}
    />
  );
}
