// A progress bar: determinate with a value, or a moving band while the total is not yet known.

export interface ProgressBarProps {
  /** Share done, 0..1; null while unknown (indeterminate). */
  value: number | null;
  label: string;
}

export function ProgressBar({ value, label }: ProgressBarProps) {
  const indeterminate = value === null || !Number.isFinite(value);
  const clamped = indeterminate ? 0 : Math.min(1, Math.max(0, value));
  return (
    <div
      className={`progress${indeterminate ? ' progress--indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={indeterminate ? undefined : Math.round(clamped * 100)}
      data-testid="progress"
    >
      <div
        className="progress__fill"
        style={indeterminate ? undefined : { width: `${clamped * 100}%` }}
      />
    </div>
  );
}
