// The guardrail form's values: typed text to settings and back, amounts in minor units, problems
// named per field, and the field an error from the core names.

import { describe, expect, it } from 'vitest';
import { draftFrom, fieldInMessage, minorToText, sameDraft, settingsFrom, textToMinor, withCategory } from './guardrailForm';
import { GUARDRAILS } from './test/flowFixtures';

const en = 'en-US';

describe('amounts', () => {
  it.each<[number, number, string]>([
    [20_000, 2, '200.00'],
    [5, 2, '0.05'],
    [0, 2, '0.00'],
    [1500, 0, '1500'],
    [-250, 2, '-2.50'],
  ])('%s minor units with %s digits read %s', (minor, digits, text) => {
    expect(minorToText(minor, digits)).toBe(text);
  });

  it.each<[string, number, number | null]>([
    ['200', 2, 20_000],
    ['200.5', 2, 20_050],
    ['200,50', 2, 20_050],
    [' 1 200.00 ', 2, 120_000],
    ['0.05', 2, 5],
    ['12.345', 2, null],
    ['-3', 2, null],
    ['€200', 2, null],
    ['', 2, null],
    ['1500', 0, 1500],
    ['1500.5', 0, null],
  ])('“%s” with %s digits is %s minor units', (text, digits, minor) => {
    expect(textToMinor(text, digits)).toBe(minor);
  });
});

describe('settingsFrom', () => {
  it('gives back the same settings when nothing was changed', () => {
    expect(settingsFrom(draftFrom(GUARDRAILS, en), GUARDRAILS, en)).toEqual({ settings: GUARDRAILS });
  });

  it('reads each kind of field', () => {
    const draft = draftFrom(GUARDRAILS, en);
    draft.numbers.frequency_cap = ' 4 ';
    draft.numbers.auto_pause_unsubscribe_percent = '0,5';
    draft.budget = '99.9';
    draft.no_stacking = false;
    expect(settingsFrom(draft, GUARDRAILS, en)).toEqual({
      settings: {
        ...GUARDRAILS,
        frequency_cap: 4,
        auto_pause_unsubscribe_percent: 0.5,
        weekly_discount_budget: { minor: 9990, currency: 'EUR' },
        no_stacking: false,
      },
    });
  });

  it('names every field that is wrong, and changes nothing', () => {
    const draft = draftFrom(GUARDRAILS, en);
    draft.numbers.frequency_days = '7.5';
    draft.numbers.max_discount_percent = '150';
    draft.numbers.quiet_end_hour = '24';
    draft.numbers.auto_pause_complaint_percent = 'lots';
    draft.budget = 'a lot';
    const made = settingsFrom(draft, GUARDRAILS, en);
    expect('errors' in made && Object.keys(made.errors).sort()).toEqual([
      'auto_pause_complaint_percent',
      'frequency_days',
      'max_discount_percent',
      'quiet_end_hour',
      'weekly_discount_budget',
    ]);
  });

  it('saves the excluded categories as ticked, each once', () => {
    const saved = { ...GUARDRAILS, excluded_categories: ['Supplements'] };
    const draft = draftFrom(saved, en);
    expect(draft.excluded_categories).toEqual(['Supplements']);
    draft.excluded_categories = withCategory(draft.excluded_categories, 'Gift cards', true);
    draft.excluded_categories = withCategory(draft.excluded_categories, 'Gift cards', true);
    draft.excluded_categories = withCategory(draft.excluded_categories, 'Supplements', false);
    expect(settingsFrom(draft, saved, en)).toEqual({ settings: { ...saved, excluded_categories: ['Gift cards'] } });
  });

  it('keeps the kill switch as the base has it', () => {
    const made = settingsFrom(draftFrom(GUARDRAILS, en), { ...GUARDRAILS, kill_all: true }, en);
    expect('settings' in made && made.settings.kill_all).toBe(true);
  });

  it('uses the currency’s own digits', () => {
    const yen = { ...GUARDRAILS, weekly_discount_budget: { minor: 5000, currency: 'JPY' } };
    const draft = draftFrom(yen, en);
    expect(draft.budget).toBe('5000');
    draft.budget = '6000';
    expect(settingsFrom(draft, yen, en)).toEqual({
      settings: { ...yen, weekly_discount_budget: { minor: 6000, currency: 'JPY' } },
    });
  });
});

describe('sameDraft', () => {
  it('ignores spaces around what was typed', () => {
    const a = draftFrom(GUARDRAILS, en);
    const b = draftFrom(GUARDRAILS, en);
    b.numbers.frequency_cap = ' 3 ';
    expect(sameDraft(a, b)).toBe(true);
    b.no_stacking = false;
    expect(sameDraft(a, b)).toBe(false);
  });

  it('compares excluded categories whatever their order', () => {
    const base = { ...GUARDRAILS, excluded_categories: ['Gift cards', 'Supplements'] };
    const a = draftFrom(base, en);
    const b = draftFrom(base, en);
    b.excluded_categories = ['Supplements', 'Gift cards'];
    expect(sameDraft(a, b)).toBe(true);
    b.excluded_categories = ['Supplements'];
    expect(sameDraft(a, b)).toBe(false);
  });
});

describe('fieldInMessage', () => {
  it.each<[string, string | null]>([
    ['frequency_days must be between 1 and 90.', 'frequency_days'],
    ['quiet_start_hour: 25 is not an hour', 'quiet_start_hour'],
    ['Invalid weekly_discount_budget currency USD; the store uses EUR.', 'weekly_discount_budget'],
    ['excluded_categories: `Nope` is not a category of your products.', 'excluded_categories'],
    ['The database is busy.', null],
  ])('finds the field in “%s”', (message, field) => {
    expect(fieldInMessage(message)).toBe(field);
  });
});
