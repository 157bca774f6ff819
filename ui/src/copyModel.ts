// The language model the owner may choose to draft copy with, in their words: the form as typed,
// what each field needs before it is saved (each problem naming its field), an example model and
// where to find an API key for each provider, and the name of the model on the "who writes them"
// choice.

import type { CopyGenerator, CopyProvider } from './gen/api';

/** The model form as typed. `key` is null while nothing is typed (a saved key is kept). */
export interface ModelDraft {
  provider: string;
  model: string;
  address: string;
  key: string | null;
}

/** A model name each provider knows, for the placeholder; a compatible server names its own. */
const MODEL_EXAMPLES: Record<string, string> = {
  openai: 'gpt-4.1-mini',
  anthropic: 'claude-sonnet-4-5',
  gemini: 'gemini-2.5-flash',
  ollama: 'llama3.2',
};

export function modelExample(provider: string): string | null {
  return MODEL_EXAMPLES[provider] ?? null;
}

/** Where the owner gets an API key, for the key field's hint. */
const KEY_HELP: Record<string, string> = {
  openai: 'Create one at platform.openai.com, under API keys.',
  anthropic: 'Create one at console.anthropic.com, under API keys.',
  gemini: 'Create one in Google AI Studio (aistudio.google.com), under Get API key.',
  'openai-compatible': 'Only if your server asks for one.',
};

export function keyHelp(provider: string): string {
  return KEY_HELP[provider] ?? 'From your account with the provider.';
}

/** An address to show when the provider has none of its own (a compatible server). */
export const SERVER_EXAMPLE = 'http://127.0.0.1:1234/v1';

/** The form for what is saved; the first provider when none is. */
export function draftOf(g: CopyGenerator): ModelDraft {
  return {
    provider: g.provider ?? g.providers[0]?.name ?? 'openai',
    model: g.model,
    address: g.base_url ?? '',
    key: null,
  };
}

export function providerOf(g: CopyGenerator, name: string): CopyProvider | undefined {
  return g.providers.find((p) => p.name === name);
}

/** "OpenAI" for "openai"; an unknown name as it is. */
export function providerLabel(g: CopyGenerator, name: string): string {
  return providerOf(g, name)?.label ?? name;
}

/** A model is chosen, so drafts may be asked of it. */
export function isSetUp(g: CopyGenerator | null): g is CopyGenerator & { provider: string } {
  return g !== null && g.provider !== null && g.model.trim() !== '';
}

/** "OpenAI · gpt-4.1-mini", the chosen model on the "who writes them" choice; null when none is. */
export function modelLabel(g: CopyGenerator | null): string | null {
  if (!isSetUp(g)) return null;
  return `${providerLabel(g, g.provider)} · ${g.model}`;
}

/** The keychain holds the key of the provider the form names (it only says so for the saved one). */
export function keySavedFor(g: CopyGenerator, provider: string): boolean {
  return g.key_saved && g.provider === provider;
}

/** Whether the form offers a key field: Ollama runs on this computer and takes none. */
export function takesKey(p: CopyProvider): boolean {
  return p.needs_key || p.name !== 'ollama';
}

/** The server's address must be given: the provider has none of its own. */
export function needsAddress(p: CopyProvider): boolean {
  return p.default_base_url === null;
}

export interface ModelProblems {
  model: string | null;
  address: string | null;
  key: string | null;
}

const hasSpace = (s: string) => /[\s\p{Cc}]/u.test(s);

/** What stops the form being saved, field by field (the core checks the same before saving). */
export function modelProblems(draft: ModelDraft, p: CopyProvider, keySaved: boolean): ModelProblems {
  const model = draft.model.trim();
  const address = draft.address.trim();
  const key = draft.key?.trim() ?? '';
  const example = modelExample(p.name);

  let modelWhy: string | null = null;
  if (model === '') {
    modelWhy = example
      ? `Type the model’s name in “Model”, e.g. ${example}.`
      : 'Type the model’s name in “Model”, as your server names it.';
  } else if (hasSpace(model)) {
    modelWhy = `“Model” is one word with no spaces, as ${p.label} spells it.`;
  }

  let addressWhy: string | null = null;
  if (address === '') {
    if (needsAddress(p)) addressWhy = `Type your server’s address in “Address”, e.g. ${SERVER_EXAMPLE}.`;
  } else if (!/^https?:\/\//i.test(address)) {
    addressWhy = '“Address” must start with https:// (or http:// for a server on this computer).';
  }

  let keyWhy: string | null = null;
  if (takesKey(p)) {
    if (key !== '' && hasSpace(key)) {
      keyWhy = 'The API key has spaces or line breaks in it: paste the key alone.';
    } else if (key === '' && keySaved && draft.key !== null) {
      keyWhy = 'Paste the new key in “New API key”, or keep the saved one.';
    } else if (key === '' && p.needs_key && !keySaved) {
      keyWhy = `Paste your ${p.label} API key in “API key”: ${p.label} needs one.`;
    }
  }

  return { model: modelWhy, address: addressWhy, key: keyWhy };
}

export function hasProblem(problems: ModelProblems): boolean {
  return problems.model !== null || problems.address !== null || problems.key !== null;
}

/** The form says something other than what is saved. */
export function draftChanged(draft: ModelDraft, g: CopyGenerator): boolean {
  const saved = draftOf(g);
  return (
    draft.provider !== (g.provider ?? saved.provider) ||
    draft.model.trim() !== saved.model.trim() ||
    draft.address.trim() !== saved.address.trim() ||
    (draft.key !== null && draft.key.trim() !== '')
  );
}
