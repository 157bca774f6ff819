// Plausible core answers for the Copy area's tests (test-only; never imported by the app): drafts in
// each state — one that passes, one that breaks three rules after an emoji (so code points and UTF-16
// units differ), one made of markup, approved subject lines that may be sent, a rejected one — with
// a review trail, the owner's lists, and the language model as set up or not.

import type { CopyGenerator, CopyProvider, CopyReview, CopyRules, QueuedVariant } from '../gen/api';

const BASE: QueuedVariant = {
  id: 0,
  kind: 'subject',
  sku: 'FH-SEN-050',
  text: '',
  hook: 'reminder',
  generator: 'offline',
  version: 1,
  state: 'review',
  note: null,
  findings: [],
  sendable: false,
  updated_at: '2026-11-25T12:00:00Z',
};

export const PASSING: QueuedVariant = { ...BASE, id: 21, text: 'Your Sencha Fukamushi is where you left it' };

/** "🍵" is one code point but two UTF-16 units: every span after it is off by one in UTF-16. */
export const FAILING: QueuedVariant = {
  ...BASE,
  id: 22,
  hook: 'benefit',
  text: '🍵 40% off the BEST sencha!!!',
  findings: [
    {
      rule: 'discount',
      start: 2,
      end: 9,
      span: '40% off',
      explanation: '40% is more than your discount policy allows (15% at most).',
    },
    {
      rule: 'claim',
      start: 14,
      end: 18,
      span: 'BEST',
      explanation: '“BEST” is a claim that is not on your approved list.',
    },
    {
      rule: 'spam',
      start: 25,
      end: 28,
      span: '!!!',
      explanation: 'Several exclamation marks in a row trip spam filters: use one at most.',
    },
  ],
};

export const EVIL_TEXT = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

export const MARKUP: QueuedVariant = {
  ...BASE,
  id: 23,
  version: 2,
  hook: null,
  text: EVIL_TEXT,
  findings: [
    {
      rule: 'length',
      start: 60,
      end: Array.from(EVIL_TEXT).length,
      span: Array.from(EVIL_TEXT).slice(60).join(''),
      explanation: 'This subject line is longer than 60 characters: shorten it.',
    },
  ],
};

export const APPROVED_A: QueuedVariant = {
  ...BASE,
  id: 24,
  text: 'Still thinking about Sencha Fukamushi?',
  state: 'approved',
  sendable: true,
};

export const APPROVED_B: QueuedVariant = {
  ...BASE,
  id: 25,
  hook: 'education',
  text: 'How to brew Sencha Fukamushi in two minutes',
  state: 'approved',
  sendable: true,
};

/** An approved opening line: sendable, but not a subject line, so it cannot go into a test. */
export const APPROVED_HOOK: QueuedVariant = {
  ...BASE,
  id: 27,
  kind: 'hook',
  text: 'A deep-steamed green tea for slow mornings.',
  state: 'approved',
  sendable: true,
};

export const REJECTED: QueuedVariant = {
  ...BASE,
  id: 26,
  text: 'Only a few left!',
  hook: 'scarcity',
  state: 'rejected',
  note: 'Too pushy for us.',
};

/** Every draft, newest first. */
export const QUEUE: QueuedVariant[] = [PASSING, FAILING, MARKUP, APPROVED_A, APPROVED_B, APPROVED_HOOK, REJECTED];

export const HISTORY: CopyReview[] = [
  { version: 1, at: '2026-11-25T11:00:00Z', by: 'Sam', action: 'generated', checks: [], overridden: [], note: null },
  {
    version: 1,
    at: '2026-11-25T11:30:00Z',
    by: 'Sam',
    action: 'approved',
    checks: ['spam'],
    overridden: [{ rule: 'spam', reason: 'Our customers like the excitement.' }],
    note: null,
  },
  {
    version: 1,
    at: '2026-11-25T11:40:00Z',
    by: 'Sam',
    action: 'tested',
    checks: [],
    overridden: [],
    note: 'in an A/B test on abandoned-cart / reminder',
  },
];

export const RULES: CopyRules = {
  forbidden: ['miracle', 'guaranteed results', 'cheapest'],
  claims: ['Hand-picked in Shizuoka'],
};

/** The providers as the core lists them. */
export const PROVIDERS: CopyProvider[] = [
  { name: 'openai', label: 'OpenAI', needs_key: true, default_base_url: 'https://api.openai.com/v1' },
  { name: 'anthropic', label: 'Anthropic', needs_key: true, default_base_url: 'https://api.anthropic.com' },
  { name: 'gemini', label: 'Google Gemini', needs_key: true, default_base_url: 'https://generativelanguage.googleapis.com' },
  { name: 'ollama', label: 'Ollama on this computer', needs_key: false, default_base_url: 'http://127.0.0.1:11434' },
  { name: 'openai-compatible', label: 'OpenAI-compatible server', needs_key: false, default_base_url: null },
];

/** No language model set up: drafts are written on this computer only. */
export const NO_MODEL: CopyGenerator = {
  provider: null,
  model: '',
  base_url: null,
  key_saved: false,
  prompt: 'copy-rewrite v1',
  providers: PROVIDERS,
};

/** OpenAI's gpt-4.1-mini, its key in the keychain. */
export const OPENAI_MODEL: CopyGenerator = { ...NO_MODEL, provider: 'openai', model: 'gpt-4.1-mini', key_saved: true };

/** A draft a language model wrote. */
export const FROM_MODEL: QueuedVariant = {
  ...BASE,
  id: 28,
  text: 'Sencha Fukamushi, steamed longer for a softer cup',
  hook: 'benefit',
  generator: 'openai gpt-4.1-mini · copy-rewrite v1',
};
