// One variant card on its own: the line saying what drafted it — this computer, or the model and
// prompt the core names — shown as text, so a name made of markup runs nothing.

import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { QueuedVariant } from '../gen/api';
import { FROM_MODEL, PASSING } from '../test/copyFixtures';
import { CopyVariantCard } from './CopyVariantCard';
import type { CopyVariantCardProps } from './CopyVariantCard';

const noop = () => {};

function renderCard(v: QueuedVariant) {
  const props: CopyVariantCardProps = {
    v,
    current: true,
    panel: null,
    historyOpen: false,
    busy: false,
    error: null,
    selectable: false,
    selected: false,
    timeZone: 'Europe/Berlin',
    cardRef: null,
    onFocusIn: noop,
    onSelect: noop,
    onApprove: noop,
    onApproveWith: noop,
    onReject: noop,
    onNote: noop,
    onSaveEdit: noop,
    onPanel: noop,
    onToggleHistory: noop,
  };
  return render(<CopyVariantCard {...props} />);
}

describe('what drafted it', () => {
  it('says a draft was written on this computer', () => {
    renderCard(PASSING);
    const line = screen.getByTestId('copy-generator-line');
    expect(line.textContent).toBe('Drafted on this computer');
    expect(line.className).toContain('muted');
  });

  it('names the model and prompt that wrote it', () => {
    renderCard(FROM_MODEL);
    expect(screen.getByTestId('copy-generator-line').textContent).toBe('Drafted by openai gpt-4.1-mini · copy-rewrite v1');
  });

  it('shows a name made of markup as text, and runs none of it', () => {
    const evil = 'openai <img src=x onerror="window.__pwnedGen=1"><script>window.__pwnedGen=2</script> · copy-rewrite v1';
    const { container } = renderCard({ ...FROM_MODEL, generator: evil });
    expect(screen.getByTestId('copy-generator-line').textContent).toBe(`Drafted by ${evil}`);
    expect(container.querySelector('script, img')).toBeNull();
    expect((window as unknown as { __pwnedGen?: number }).__pwnedGen).toBeUndefined();
  });

  it('says nothing when the core names nothing', () => {
    renderCard({ ...PASSING, generator: '' });
    expect(screen.queryByTestId('copy-generator-line')).toBeNull();
  });
});
