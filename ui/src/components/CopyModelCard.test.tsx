// The language model card on its own, against a mocked core (../api): what it says is sent where,
// each field checked before saving with the field named, what is saved (an empty address as none, a
// key only when typed), a saved key shown as in the keychain and never filled in, Ollama without a
// key, forgetting only after a confirm step, and the core's refusal shown as it is.

import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as api from '../api';
import type { CopyGenerator } from '../gen/api';
import { NO_MODEL, OPENAI_MODEL } from '../test/copyFixtures';
import { resetApi } from '../test/mockApi';
import type { Loaded } from '../useLoad';
import { CopyModelCard } from './CopyModelCard';

vi.mock('../api', async (importOriginal) => (await import('../test/mockApi')).mockedApi(importOriginal));

const mock = vi.mocked(api);

beforeEach(() => {
  resetApi(api, '#/copy');
});

function renderCard(load: Loaded<CopyGenerator>) {
  const onChanged = vi.fn();
  const onRetry = vi.fn();
  render(<CopyModelCard load={load} onRetry={onRetry} onChanged={onChanged} />);
  return { onChanged, onRetry };
}

const ready = (value: CopyGenerator): Loaded<CopyGenerator> => ({ state: 'ready', value });
const value = (testId: string) => (screen.getByTestId(testId) as HTMLInputElement | HTMLSelectElement).value;
const type = (testId: string, text: string) => fireEvent.change(screen.getByTestId(testId), { target: { value: text } });

describe('the card', () => {
  it('says it is optional, what is sent where, and offers every provider by its label', () => {
    renderCard(ready(NO_MODEL));
    const card = screen.getByTestId('copy-model-card');
    expect(screen.getByRole('heading', { name: 'Language model (optional)' })).toBeTruthy();
    expect(card.textContent).toContain('checked like any other and wait for your approval');
    expect(card.textContent).toContain('the product’s facts are sent to the provider you choose');
    expect(card.textContent).toContain('drafting on this computer sends nothing anywhere');
    expect(screen.getByTestId('copy-model-state').textContent).toBe('Not set up');
    const provider = screen.getByTestId('copy-model-provider') as HTMLSelectElement;
    expect(Array.from(provider.options).map((o) => o.textContent)).toEqual([
      'OpenAI',
      'Anthropic',
      'Google Gemini',
      'Ollama on this computer',
      'OpenAI-compatible server',
    ]);
    expect(provider.value).toBe('openai');
    expect((screen.getByTestId('copy-model-address') as HTMLInputElement).placeholder).toBe('https://api.openai.com/v1');
    expect((screen.getByTestId('copy-model-name') as HTMLInputElement).placeholder).toBe('gpt-4.1-mini');
    expect(screen.queryByTestId('copy-model-forget')).toBeNull();
    expect(screen.getByTestId('copy-model-status').textContent).toBe('None set up: drafts are written on this computer.');
  });

  it('says Ollama runs on this computer, and asks it for no key', () => {
    renderCard(ready(NO_MODEL));
    type('copy-model-provider', 'ollama');
    expect(screen.getByTestId('copy-model-where').textContent).toContain('Ollama runs on this computer');
    expect(screen.queryByTestId('copy-model-key')).toBeNull();
    expect((screen.getByTestId('copy-model-address') as HTMLInputElement).placeholder).toBe('http://127.0.0.1:11434');
  });

  it('shows the saved model, and a saved key as in the keychain, never filled in', () => {
    renderCard(ready({ ...OPENAI_MODEL, base_url: 'https://eu.api.openai.com/v1' }));
    expect(screen.getByTestId('copy-model-state').textContent).toBe('Set up');
    expect(value('copy-model-provider')).toBe('openai');
    expect(value('copy-model-name')).toBe('gpt-4.1-mini');
    expect(value('copy-model-address')).toBe('https://eu.api.openai.com/v1');
    expect(screen.getByTestId('copy-model-key-saved').textContent).toContain('An API key is saved in your computer’s keychain.');
    expect(screen.queryByTestId('copy-model-key-input')).toBeNull();
    expect(screen.getByTestId('copy-model-save').hasAttribute('disabled')).toBe(true);
    expect(screen.getByTestId('copy-model-status').textContent).toBe('No changes to save.');
  });

  it('shows the core’s message when the settings cannot be read, with Try again', () => {
    const { onRetry } = renderCard({ state: 'error', error: { kind: 'database', message: 'Reading settings failed.' } });
    expect(screen.getByTestId('copy-model-load-error').textContent).toContain('Reading settings failed.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(onRetry).toHaveBeenCalled();
  });
});

describe('checking before saving', () => {
  it('names the model and the key when they are missing, and saves nothing', () => {
    renderCard(ready(NO_MODEL));
    fireEvent.click(screen.getByTestId('copy-model-save'));
    expect(screen.getByTestId('copy-model-name-error').textContent).toBe('Type the model’s name in “Model”, e.g. gpt-4.1-mini.');
    expect(screen.getByTestId('copy-model-key-error').textContent).toBe('Paste your OpenAI API key in “API key”: OpenAI needs one.');
    expect(screen.queryByTestId('copy-model-address-error')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('copy-model-name'));
    expect(screen.getByTestId('copy-model-name').getAttribute('aria-invalid')).toBe('true');
    expect(mock.saveCopyGenerator).not.toHaveBeenCalled();
  });

  it('needs a compatible server’s address, and an address that is a web address', () => {
    renderCard(ready(NO_MODEL));
    type('copy-model-provider', 'openai-compatible');
    type('copy-model-name', 'qwen2');
    fireEvent.click(screen.getByTestId('copy-model-save'));
    expect(screen.getByTestId('copy-model-address-error').textContent).toBe(
      'Type your server’s address in “Address”, e.g. http://127.0.0.1:1234/v1.',
    );
    // The key is optional for a compatible server.
    expect(screen.queryByTestId('copy-model-key-error')).toBeNull();
    type('copy-model-address', 'localhost:1234');
    fireEvent.click(screen.getByTestId('copy-model-save'));
    expect(screen.getByTestId('copy-model-address-error').textContent).toBe(
      '“Address” must start with https:// (or http:// for a server on this computer).',
    );
    expect(mock.saveCopyGenerator).not.toHaveBeenCalled();
  });

  it('wants a model name without spaces', () => {
    renderCard(ready(OPENAI_MODEL));
    type('copy-model-name', 'gpt 4.1');
    fireEvent.click(screen.getByTestId('copy-model-save'));
    expect(screen.getByTestId('copy-model-name-error').textContent).toBe('“Model” is one word with no spaces, as OpenAI spells it.');
    expect(mock.saveCopyGenerator).not.toHaveBeenCalled();
  });

  it('starts another provider empty: its model and key are its own', () => {
    renderCard(ready(OPENAI_MODEL));
    type('copy-model-provider', 'anthropic');
    expect(value('copy-model-name')).toBe('');
    expect(screen.getByTestId('copy-model-key-input')).toBeTruthy();
    fireEvent.click(screen.getByTestId('copy-model-save'));
    expect(screen.getByTestId('copy-model-key-error').textContent).toContain('Anthropic needs one');
    type('copy-model-provider', 'openai');
    expect(value('copy-model-name')).toBe('gpt-4.1-mini');
    expect(screen.getByTestId('copy-model-key-saved')).toBeTruthy();
  });
});

describe('saving', () => {
  it('saves the provider, the model, no address when empty and the key typed, then says so', async () => {
    mock.saveCopyGenerator.mockResolvedValue(OPENAI_MODEL);
    const { onChanged } = renderCard(ready(NO_MODEL));
    type('copy-model-name', ' gpt-4.1-mini ');
    type('copy-model-key-input', ' sk-test-123 ');
    fireEvent.click(screen.getByTestId('copy-model-save'));
    expect(mock.saveCopyGenerator).toHaveBeenCalledWith('openai', 'gpt-4.1-mini', null, 'sk-test-123');
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(OPENAI_MODEL));
    expect(screen.getByTestId('copy-model-status').textContent).toBe(
      'Saved. Choose it under “Who writes them” when you generate drafts.',
    );
  });

  it('keeps a saved key when none is typed, and sends the address given', async () => {
    mock.saveCopyGenerator.mockResolvedValue({ ...OPENAI_MODEL, model: 'gpt-5.4', base_url: 'https://eu.api.openai.com/v1' });
    renderCard(ready(OPENAI_MODEL));
    type('copy-model-name', 'gpt-5.4');
    type('copy-model-address', 'https://eu.api.openai.com/v1');
    fireEvent.click(screen.getByTestId('copy-model-save'));
    expect(mock.saveCopyGenerator).toHaveBeenCalledWith('openai', 'gpt-5.4', 'https://eu.api.openai.com/v1', null);
    await screen.findByText('Saved. Choose it under “Who writes them” when you generate drafts.');
  });

  it('saves Ollama without a key', () => {
    mock.saveCopyGenerator.mockResolvedValue({ ...NO_MODEL, provider: 'ollama', model: 'llama3.2' });
    renderCard(ready(NO_MODEL));
    type('copy-model-provider', 'ollama');
    type('copy-model-name', 'llama3.2');
    fireEvent.click(screen.getByTestId('copy-model-save'));
    expect(mock.saveCopyGenerator).toHaveBeenCalledWith('ollama', 'llama3.2', null, null);
  });

  it('shows the core’s refusal as it is', async () => {
    const message = 'The address `http://[::1` is not a web address: it should start with https://.';
    mock.saveCopyGenerator.mockRejectedValue({ kind: 'invalid_input', message });
    const { onChanged } = renderCard(ready(OPENAI_MODEL));
    type('copy-model-address', 'http://[::1');
    fireEvent.click(screen.getByTestId('copy-model-save'));
    const error = await screen.findByTestId('copy-error');
    expect(error.textContent).toBe(message);
    expect(error.getAttribute('data-for')).toBe('model');
    expect(onChanged).not.toHaveBeenCalled();
  });
});

describe('forgetting', () => {
  it('asks first, says the keys are deleted, and forgets only when confirmed', async () => {
    mock.forgetCopyGenerator.mockResolvedValue(NO_MODEL);
    const { onChanged } = renderCard(ready(OPENAI_MODEL));
    fireEvent.click(screen.getByTestId('copy-model-forget'));
    const step = screen.getByTestId('copy-model-forget-step');
    expect(step.textContent).toContain('deleted from your computer’s keychain');
    expect(document.activeElement).toBe(screen.getByTestId('copy-model-forget-confirm'));
    expect(mock.forgetCopyGenerator).not.toHaveBeenCalled();

    // Escape keeps it.
    fireEvent.keyDown(step, { key: 'Escape' });
    expect(screen.queryByTestId('copy-model-forget-step')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('copy-model-forget'));
    expect(mock.forgetCopyGenerator).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId('copy-model-forget'));
    fireEvent.click(screen.getByTestId('copy-model-forget-confirm'));
    expect(mock.forgetCopyGenerator).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(NO_MODEL));
    expect(screen.queryByTestId('copy-model-forget-step')).toBeNull();
    expect(screen.getByTestId('copy-model-status').textContent).toBe(
      'Forgotten, and the keys deleted. Drafts are written on this computer.',
    );
  });

  it('shows the core’s message when the keychain refuses', async () => {
    const message = 'The system keychain refused to delete `copy.llm.openai`: unlock it and try again.';
    mock.forgetCopyGenerator.mockRejectedValue({ kind: 'io', message });
    const { onChanged } = renderCard(ready(OPENAI_MODEL));
    fireEvent.click(screen.getByTestId('copy-model-forget'));
    fireEvent.click(screen.getByTestId('copy-model-forget-confirm'));
    expect((await screen.findByTestId('copy-error')).textContent).toBe(message);
    expect(screen.getByTestId('copy-model-forget-step')).toBeTruthy();
    expect(onChanged).not.toHaveBeenCalled();
  });
});
