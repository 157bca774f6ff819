// "Good to know": what the core says a report could not see or should be read with, as a list.

export function Notes({ notes, testId }: { notes: string[]; testId: string }) {
  if (notes.length === 0) return null;
  return (
    <div className="banner" role="note" data-testid={testId}>
      <p className="banner__title">Good to know</p>
      <ul className="dry-run__notes">
        {notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
    </div>
  );
}
