// The language-model form's pure pieces: what each field needs before saving (named by its label),
// when the form differs from what is saved, and the chosen model's name on the "who writes them"
// choice.

import { describe, expect, it } from 'vitest';
import {
  draftChanged,
  draftOf,
  hasProblem,
  isSetUp,
  modelLabel,
  modelProblems,
  providerOf,
  takesKey,
} from './copyModel';
import type { ModelDraft } from './copyModel';
import type { CopyProvider } from './gen/api';
import { NO_MODEL, OPENAI_MODEL } from './test/copyFixtures';

const p = (name: string): CopyProvider => providerOf(NO_MODEL, name)!;
const d = (provider: string, model: string, address = '', key: string | null = null): ModelDraft => ({
  provider,
  model,
  address,
  key,
});

describe('modelProblems', () => {
  it.each<[string, ModelDraft, boolean, Partial<Record<'model' | 'address' | 'key', string>>]>([
    ['all there', d('openai', 'gpt-4.1-mini', '', 'sk-1'), false, {}],
    ['a saved key is enough', d('openai', 'gpt-4.1-mini'), true, {}],
    [
      'no model',
      d('openai', '  ', '', 'sk-1'),
      false,
      { model: 'Type the model’s name in “Model”, e.g. gpt-4.1-mini.' },
    ],
    [
      'a model with a space',
      d('gemini', 'gemini 2.5', '', 'k'),
      false,
      { model: '“Model” is one word with no spaces, as Google Gemini spells it.' },
    ],
    [
      'no key, none saved',
      d('anthropic', 'claude-sonnet-4-5'),
      false,
      { key: 'Paste your Anthropic API key in “API key”: Anthropic needs one.' },
    ],
    [
      'replacing with nothing typed',
      d('openai', 'gpt-4.1-mini', '', ' '),
      true,
      { key: 'Paste the new key in “New API key”, or keep the saved one.' },
    ],
    [
      'a key with a line break',
      d('openai', 'gpt-4.1-mini', '', 'sk-1\nsk-2'),
      false,
      { key: 'The API key has spaces or line breaks in it: paste the key alone.' },
    ],
    ['Ollama needs no key', d('ollama', 'llama3.2'), false, {}],
    [
      'a compatible server needs its address',
      d('openai-compatible', 'qwen2'),
      false,
      { address: 'Type your server’s address in “Address”, e.g. http://127.0.0.1:1234/v1.' },
    ],
    ['but not a key', d('openai-compatible', 'qwen2', 'http://127.0.0.1:1234/v1'), false, {}],
    [
      'an address that is not a web address',
      d('ollama', 'llama3.2', 'ftp://box'),
      false,
      { address: '“Address” must start with https:// (or http:// for a server on this computer).' },
    ],
  ])('%s', (_, draft, keySaved, want) => {
    const got = modelProblems(draft, p(draft.provider), keySaved);
    expect(got).toEqual({ model: want.model ?? null, address: want.address ?? null, key: want.key ?? null });
    expect(hasProblem(got)).toBe(Object.keys(want).length > 0);
  });
});

describe('the choice as saved', () => {
  it('names the model set up, and nothing when none is', () => {
    expect(modelLabel(OPENAI_MODEL)).toBe('OpenAI · gpt-4.1-mini');
    expect(modelLabel(NO_MODEL)).toBeNull();
    expect(modelLabel(null)).toBeNull();
    expect(isSetUp({ ...OPENAI_MODEL, model: ' ' })).toBe(false);
  });

  it('starts the form from what is saved, or the first provider', () => {
    expect(draftOf(NO_MODEL)).toEqual(d('openai', ''));
    expect(draftOf({ ...OPENAI_MODEL, base_url: 'https://x/v1' })).toEqual(d('openai', 'gpt-4.1-mini', 'https://x/v1'));
  });

  it('tells a changed form from the saved one', () => {
    expect(draftChanged(draftOf(OPENAI_MODEL), OPENAI_MODEL)).toBe(false);
    expect(draftChanged(d('openai', ' gpt-4.1-mini '), OPENAI_MODEL)).toBe(false);
    expect(draftChanged(d('openai', 'gpt-5.4'), OPENAI_MODEL)).toBe(true);
    expect(draftChanged(d('openai', 'gpt-4.1-mini', '', 'sk-new'), OPENAI_MODEL)).toBe(true);
    expect(draftChanged(d('anthropic', 'gpt-4.1-mini'), OPENAI_MODEL)).toBe(true);
  });

  it('offers a key field to every provider but Ollama', () => {
    const names = NO_MODEL.providers.filter(takesKey).map((x) => x.name);
    expect(names).toEqual(['openai', 'anthropic', 'gemini', 'openai-compatible']);
  });
});
