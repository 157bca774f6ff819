// Ad copy for a product the owner names by SKU: a few ad texts per kind of customer and what holds
// them back, written on this computer from the catalog's facts and checked, as CSV in a box with a
// Copy button (the desktop window cannot save a file from a download link) for an ad platform's
// bulk upload or a spreadsheet.

import { useId, useState } from 'react';
import { adCopyCsv } from '../api';
import { useAction } from '../useAction';
import { CopyBox } from './CopyBox';
import { SkuField } from './SkuField';

export function CopyAdsCard() {
  const id = useId();
  const [sku, setSku] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [csv, setCsv] = useState<{ sku: string; text: string } | null>(null);
  const action = useAction();

  const exportCsv = () => {
    const wanted = sku.trim();
    if (wanted === '') return setProblem('Type the product’s SKU, e.g. FH-SEN-050.');
    setProblem(null);
    void action.run(async () => {
      setCsv(null);
      setCsv({ sku: wanted, text: await adCopyCsv(wanted) });
    });
  };

  const rows = csv === null ? 0 : csv.text.trimEnd().split('\n').length;

  return (
    <section className="card card--stack copy-ads" aria-labelledby={`${id}-title`} data-testid="copy-ads">
      <h2 id={`${id}-title`} className="card__title">
        Ad copy
      </h2>
      <p className="muted small">
        A few ad texts for each kind of customer — those who pay full price, those who wait for a discount, newcomers
        and those with a question — written on this computer from the product’s facts and checked. As CSV, to copy into
        your ad platform or a spreadsheet; the “passes” column says whether each one passes every check.
      </p>
      <form
        className="copy-ads__row"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          exportCsv();
        }}
      >
        <SkuField id={`${id}-sku`} value={sku} onChange={setSku} testId="copy-ads-sku" />
        <button type="submit" className="btn btn--sm" disabled={action.running !== null} data-testid="copy-ads-export">
          {action.running !== null ? 'Writing…' : 'Export ad copy (CSV)'}
        </button>
      </form>
      {problem !== null ? (
        <p className="field__error" role="alert" data-testid="copy-ads-problem">
          {problem}
        </p>
      ) : null}
      {action.error !== null ? (
        <pre className="message-box" role="alert" data-testid="copy-error" data-for="ads">
          {action.error.message}
        </pre>
      ) : null}
      {csv !== null ? (
        <CopyBox
          text={csv.text}
          label={`Ad copy for ${csv.sku}, as CSV`}
          rows={Math.min(12, rows + 1)}
          wrap={false}
          testId="copy-ads-csv"
        />
      ) : null}
    </section>
  );
}
