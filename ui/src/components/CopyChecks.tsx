// A piece of copy as plain text with the words its checks found highlighted, and the list of those
// findings under it (or that it passes every check). The text only ever goes into text nodes: copy
// holding markup shows the markup's characters and runs nothing.

import type { CopyFinding } from '../api';
import { markPieces, ruleLabel } from '../copyWords';

export interface MarkedTextProps {
  text: string;
  findings: readonly CopyFinding[];
  /** The test id of the element holding the text, for the variant shown (not a preview). */
  testId?: string;
  id?: string;
}

export function MarkedText({ text, findings, testId, id }: MarkedTextProps) {
  return (
    <p className="copy-text" data-testid={testId} id={id}>
      {markPieces(text, findings).map((p, i) =>
        p.rules.length === 0 ? (
          p.text
        ) : (
          <mark
            key={i}
            className="copy-mark"
            data-testid="copy-mark"
            data-rule={p.rules.join(' ')}
            title={p.rules.map(ruleLabel).join('; ')}
          >
            {p.text}
          </mark>
        ),
      )}
    </p>
  );
}

export interface FindingListProps {
  findings: readonly CopyFinding[];
  /** Test id of each finding; the variant's own use "copy-finding", a live preview another. */
  itemTestId?: string;
  passTestId?: string;
}

export function FindingList({ findings, itemTestId = 'copy-finding', passTestId = 'copy-pass' }: FindingListProps) {
  if (findings.length === 0) {
    return (
      <p className="copy-pass" data-testid={passTestId}>
        <span className="dot" aria-hidden="true" /> Passes every check.
      </p>
    );
  }
  return (
    <ul className="copy-findings" aria-label="What the checks found">
      {findings.map((f, i) => (
        <li key={`${f.rule}-${f.start}-${i}`} className="copy-finding" data-testid={itemTestId} data-rule={f.rule}>
          <span className="copy-finding__rule">{ruleLabel(f.rule)}</span>
          {f.span.trim() !== '' ? <span className="copy-finding__span">“{f.span}”</span> : null}
          <span className="copy-finding__why">{f.explanation}</span>
        </li>
      ))}
    </ul>
  );
}
