// The generate form on its own, against a mocked core (../api): who writes the drafts — offered only
// once a language model is set up, this computer by default — passed on to the core as `via`; the
// wait for a model shown with a moving band and the button held; the core's refusal shown as it is.

import { act, fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import type { CopyGenerator, QueuedVariant } from '../gen/api';
import { FROM_MODEL, NO_MODEL, OPENAI_MODEL, PASSING } from '../test/copyFixtures';
import { deferred, resetApi } from '../test/mockApi';
import { CopyGenerate } from './CopyGenerate';

vi.mock('../api', async (importOriginal) => (await import('../test/mockApi')).mockedApi(importOriginal));

const mock = vi.mocked(api);

beforeEach(() => {
  resetApi(api, '#/copy');
});

function renderForm(generator: CopyGenerator | null) {
  const onGenerated = vi.fn();
  const form = (g: CopyGenerator | null) => (
    <CopyGenerate generator={g} by="Sam" onNeedName={() => {}} onGenerated={onGenerated} />
  );
  const view = render(form(generator));
  return { onGenerated, rerender: (g: CopyGenerator | null) => view.rerender(form(g)) };
}

function generate(sku = 'FH-SEN-050') {
  fireEvent.change(screen.getByTestId('copy-sku'), { target: { value: sku } });
  fireEvent.click(screen.getByTestId('copy-generate'));
}

describe('who writes the drafts', () => {
  it('is this computer alone, with a pointer to the model card, while no model is set up', () => {
    mock.queueCopy.mockResolvedValue([]);
    renderForm(NO_MODEL);
    expect(screen.queryByTestId('copy-via')).toBeNull();
    expect(screen.getByTestId('copy-offline').textContent).toContain('nothing is sent anywhere');
    expect(screen.getByTestId('copy-via-hint').textContent).toBe('Set up a language model below to draft with AI.');
    generate();
    expect(mock.queueCopy).toHaveBeenCalledWith('FH-SEN-050', 'subject', 10, null, 'Sam', 'offline');
  });

  it('is this computer alone while the settings are unread', () => {
    renderForm(null);
    expect(screen.queryByTestId('copy-via')).toBeNull();
    expect(screen.getByTestId('copy-via-hint')).toBeTruthy();
  });

  it('offers the model set up, this computer first, and passes the choice on', async () => {
    mock.queueCopy.mockResolvedValue([]);
    renderForm(OPENAI_MODEL);
    const via = screen.getByTestId('copy-via') as HTMLSelectElement;
    expect(via.value).toBe('offline');
    expect(Array.from(via.options).map((o) => [o.value, o.textContent])).toEqual([
      ['offline', 'On this computer, from your catalog (no network)'],
      ['ai', 'OpenAI · gpt-4.1-mini'],
    ]);
    expect(screen.queryByTestId('copy-via-hint')).toBeNull();
    generate();
    expect(mock.queueCopy).toHaveBeenLastCalledWith('FH-SEN-050', 'subject', 10, null, 'Sam', 'offline');
    await screen.findByTestId('copy-generated');

    fireEvent.change(via, { target: { value: 'ai' } });
    expect(screen.queryByTestId('copy-offline')).toBeNull();
    expect(screen.getByTestId('copy-ai-note').textContent).toBe(
      'The product’s facts are sent to OpenAI, which writes the drafts. Each one is checked like any other and waits in the queue below for your decision.',
    );
    generate();
    expect(mock.queueCopy).toHaveBeenLastCalledWith('FH-SEN-050', 'subject', 10, null, 'Sam', 'ai');
  });

  it('says Ollama writes them on this computer', () => {
    renderForm({ ...OPENAI_MODEL, provider: 'ollama', model: 'llama3.2', key_saved: false });
    const via = screen.getByTestId('copy-via') as HTMLSelectElement;
    expect(via.options[1]!.textContent).toBe('Ollama on this computer · llama3.2');
    fireEvent.change(via, { target: { value: 'ai' } });
    expect(screen.getByTestId('copy-ai-note').textContent).toContain('writes them from the product’s facts, on this computer');
  });

  it('falls back to this computer when the model is forgotten meanwhile', () => {
    mock.queueCopy.mockResolvedValue([]);
    const { rerender } = renderForm(OPENAI_MODEL);
    fireEvent.change(screen.getByTestId('copy-via'), { target: { value: 'ai' } });
    rerender(NO_MODEL);
    expect(screen.queryByTestId('copy-via')).toBeNull();
    generate();
    expect(mock.queueCopy).toHaveBeenCalledWith('FH-SEN-050', 'subject', 10, null, 'Sam', 'offline');
  });
});

describe('waiting for a model', () => {
  it('shows a moving band and what is happening, and holds the button until the drafts come', async () => {
    const asked = deferred<QueuedVariant[]>();
    mock.queueCopy.mockReturnValue(asked.promise);
    const { onGenerated } = renderForm(OPENAI_MODEL);
    fireEvent.change(screen.getByTestId('copy-via'), { target: { value: 'ai' } });
    generate();

    const busy = screen.getByTestId('copy-asking');
    expect(busy.textContent).toContain('Asking OpenAI… this can take a minute or two.');
    const bar = screen.getByRole('progressbar');
    expect(bar.className).toContain('progress--indeterminate');
    expect(bar.getAttribute('aria-valuenow')).toBeNull();
    expect(bar.getAttribute('aria-label')).toBe('Asking OpenAI for drafts');
    const button = screen.getByTestId('copy-generate');
    expect(button.hasAttribute('disabled')).toBe(true);
    expect(button.textContent).toBe('Asking…');
    expect(screen.getByTestId('copy-via').hasAttribute('disabled')).toBe(true);
    fireEvent.click(button);
    expect(mock.queueCopy).toHaveBeenCalledTimes(1);

    const made = [FROM_MODEL];
    await act(async () => asked.resolve(made));
    expect(screen.queryByTestId('copy-asking')).toBeNull();
    expect(screen.getByTestId('copy-generate').hasAttribute('disabled')).toBe(false);
    expect(onGenerated).toHaveBeenCalledWith(made);
  });

  it('shows no band for drafts written on this computer', async () => {
    const asked = deferred<QueuedVariant[]>();
    mock.queueCopy.mockReturnValue(asked.promise);
    renderForm(OPENAI_MODEL);
    generate();
    expect(screen.queryByTestId('copy-asking')).toBeNull();
    expect(screen.getByTestId('copy-generate').textContent).toBe('Writing…');
    await act(async () => asked.resolve([PASSING]));
  });

  it('shows the core’s message as it is when the model fails', async () => {
    const message =
      'OpenAI refused the API key (401 Incorrect API key provided). Paste a new key in Settings → Copy generator; nothing was drafted.';
    mock.queueCopy.mockRejectedValue({ kind: 'invalid_input', message });
    renderForm(OPENAI_MODEL);
    fireEvent.change(screen.getByTestId('copy-via'), { target: { value: 'ai' } });
    generate();
    const error = await screen.findByTestId('copy-error');
    expect(error.textContent).toBe(message);
    expect(error.getAttribute('data-for')).toBe('generate');
    expect(screen.queryByTestId('copy-asking')).toBeNull();
  });
});
