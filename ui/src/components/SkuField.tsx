// A product's SKU, typed as the catalog spells it (monospace, no autocorrect): the one way the
// Copy screen asks which product it is about.

export interface SkuFieldProps {
  /** The input's id (its label points at it). */
  id: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  /** Extra class names for the field's wrapper. */
  className?: string;
}

export function SkuField({ id, value, onChange, testId, className }: SkuFieldProps) {
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label className="field__label" htmlFor={id}>
        Product SKU
      </label>
      <input
        id={id}
        className="input mono"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder="FH-SEN-050"
        autoComplete="off"
        spellCheck={false}
        data-testid={testId}
      />
    </div>
  );
}
