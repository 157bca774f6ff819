// The copy queue's pure pieces: cutting a text by its findings in code points (emoji, overlaps,
// spans past the end), the rules an approval must answer, one-per-line lists, the words for states,
// which key presses come from somewhere the owner types, and what drafted a variant.

import { describe, expect, it } from 'vitest';
import { generatorWords, isTypingTarget, linesOf, markPieces, rulesNeedingReason, stateWords, textOfLines } from './copyWords';

const f = (rule: string, start: number, end: number) => ({ rule, start, end });

describe('markPieces', () => {
  it.each<[string, string, ReturnType<typeof f>[], Array<[string, string[]]>]>([
    ['no findings', 'Plain tea', [], [['Plain tea', []]]],
    ['a span in the middle', 'A miracle tea', [f('forbidden', 2, 9)], [['A ', []], ['miracle', ['forbidden']], [' tea', []]]],
    [
      'code points after an emoji (UTF-16 would be one off)',
      '🍵 miracle',
      [f('forbidden', 2, 9)],
      [['🍵 ', []], ['miracle', ['forbidden']]],
    ],
    [
      'an astral character inside the span',
      'Tea 𝒯ime!!',
      [f('spam', 4, 9)],
      [['Tea ', []], ['𝒯ime!', ['spam']], ['!', []]],
    ],
    [
      'overlapping findings name every rule over the overlap',
      'BEST ever',
      [f('claim', 0, 4), f('grounding', 2, 9)],
      [['BE', ['claim']], ['ST', ['claim', 'grounding']], [' ever', ['grounding']]],
    ],
    ['a span past the end is cut short', 'Hi!!', [f('spam', 2, 40)], [['Hi', []], ['!!', ['spam']]]],
    ['an empty or backwards span is ignored', 'Hello', [f('length', 3, 3), f('spam', 4, 1)], [['Hello', []]]],
    ['the whole text', 'Only a few left', [f('grounding', 0, 15)], [['Only a few left', ['grounding']]]],
  ])('%s', (_name, text, findings, expected) => {
    const pieces = markPieces(text, findings);
    expect(pieces.map((p) => [p.text, p.rules])).toEqual(expected);
    // Nothing is lost or repeated.
    expect(pieces.map((p) => p.text).join('')).toBe(text);
  });

  it('gives nothing for empty text', () => {
    expect(markPieces('', [f('length', 0, 3)])).toEqual([]);
  });
});

describe('rulesNeedingReason', () => {
  it('names each failing rule once, in order, leaving out what an approval answers itself', () => {
    expect(rulesNeedingReason([{ rule: 'spam' }, { rule: 'regulated' }, { rule: 'claim' }, { rule: 'spam' }])).toEqual([
      'spam',
      'claim',
    ]);
    expect(rulesNeedingReason([{ rule: 'regulated' }])).toEqual([]);
    expect(rulesNeedingReason([])).toEqual([]);
  });
});

describe('one-per-line lists', () => {
  it('trims entries and leaves blank lines out, and writes them back one per line', () => {
    expect(linesOf(' miracle \r\n\n  \ncheapest\n')).toEqual(['miracle', 'cheapest']);
    expect(linesOf('')).toEqual([]);
    expect(textOfLines(['miracle', 'cheapest'])).toBe('miracle\ncheapest');
  });
});

describe('stateWords', () => {
  it('says whether an approved draft may still be sent', () => {
    expect(stateWords({ state: 'approved', sendable: true })).toEqual({ label: 'Approved · may be sent', tone: 'success' });
    expect(stateWords({ state: 'approved', sendable: false }).tone).toBe('warning');
    expect(stateWords({ state: 'review', sendable: false }).label).toBe('To review');
    expect(stateWords({ state: 'rejected', sendable: false }).label).toBe('Rejected');
  });
});

describe('isTypingTarget', () => {
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, type?: string) => {
    const el = document.createElement(tag);
    if (type && el instanceof HTMLInputElement) el.type = type;
    return el;
  };

  it.each<[string, EventTarget | null, boolean]>([
    ['a text field', make('input'), true],
    ['a number field', make('input', 'number'), true],
    ['a text box', make('textarea'), true],
    ['a drop-down', make('select'), true],
    ['a checkbox', make('input', 'checkbox'), false],
    ['a button', make('button'), false],
    ['the page', document.body, false],
    ['nothing', null, false],
  ])('%s', (_name, target, typing) => {
    expect(isTypingTarget(target)).toBe(typing);
  });

  it('counts editable text as typing', () => {
    const div = document.createElement('div');
    div.contentEditable = 'true';
    // jsdom does not work out isContentEditable from the attribute.
    Object.defineProperty(div, 'isContentEditable', { value: true });
    expect(isTypingTarget(div)).toBe(true);
  });
});

describe('generatorWords', () => {
  it.each<[string, string | null]>([
    ['offline', 'Drafted on this computer'],
    ['openai gpt-4.1-mini · copy-rewrite v1', 'Drafted by openai gpt-4.1-mini · copy-rewrite v1'],
    ['', null],
  ])('%j', (generator, want) => {
    expect(generatorWords(generator)).toBe(want);
  });
});
