// The flow editor's model: the checks that mirror the core's (each case the core refuses, named by
// step), new steps and ids, short names, and the step a core message names.

import { describe, expect, it } from 'vitest';
import type { FlowDefinition, FlowNode } from './gen/api';
import { addStep, blankFlow, checkFlow, deleteStep, durationOf, nodeInMessage, slugFrom, slugProblem, uniqueId, viewsOf } from './flowDraft';
import type { Known } from './flowDraft';
import { CART_DEFINITION } from './test/flowFixtures';

const KNOWN: Known = {
  templates: ['cart-reminder', 'cart-offer', 'cart-education'],
  segments: ['a', 'b', 'c', 'other'],
  fields: [
    { name: 'consent', kind: 'choice' },
    { name: 'orders', kind: 'number' },
  ],
};

function withNode(node: FlowNode, def: FlowDefinition = CART_DEFINITION): FlowDefinition {
  return { ...def, nodes: def.nodes.map((n) => (n.id === node.id ? node : n)) };
}

describe('checkFlow', () => {
  it('finds nothing wrong with a playbook', () => {
    expect(checkFlow(CART_DEFINITION, KNOWN)).toEqual([]);
    expect(checkFlow(blankFlow('Welcome', 'welcome', 'cart-reminder'), KNOWN)).toEqual([]);
  });

  it.each<[string, FlowNode, string]>([
    ['a wait of 0', { id: 'wait-1h', kind: 'wait', minutes: 0, next: 'by-intent' }, 'a wait must be between 1 minute and a year'],
    ['a wait over a year', { id: 'wait-1h', kind: 'wait', minutes: 366 * 1440, next: 'by-intent' }, 'a wait must be between 1 minute and a year'],
    ['a half-typed wait', { id: 'wait-1h', kind: 'wait', minutes: Number.NaN, next: 'by-intent' }, 'a wait must be between 1 minute and a year'],
    ['an offer of 95%', { id: 'offer', kind: 'offer', percent: 95, next: 'offer-email' }, 'an offer is 1–90% off'],
    ['an empty task', { id: 'offer', kind: 'task', text: '  ', next: 'offer-email' }, 'the task says nothing to do'],
    ['a missing next', { id: 'offer', kind: 'offer', percent: 10, next: 'gone' }, 'goes to “gone”, which is not a step'],
    ['no next yet', { id: 'offer', kind: 'offer', percent: 10, next: '' }, 'a way out goes nowhere yet'],
    ['an unknown template', { id: 'reminder', kind: 'email', template: 'x', subject: 'Hi', variants: [], next: 'done' }, 'sends the template “x”'],
    [
      'weights of 90',
      {
        id: 'offer',
        kind: 'ab',
        arms: [
          { name: 'A', weight: 50, next: 'offer-email' },
          { name: 'B', weight: 40, next: 'done' },
        ],
      },
      'the arms’ weights add up to 90%, not 100%',
    ],
    ['one arm', { id: 'offer', kind: 'ab', arms: [{ name: 'A', weight: 100, next: 'offer-email' }] }, 'at least two arms'],
    [
      'an unknown group',
      { id: 'by-intent', kind: 'split', branches: [{ segment: 'custom-9', event: null, conditions: [], next: 'reminder' }], otherwise: 'wait-second-look' },
      'uses the group “custom-9”, which no longer exists',
    ],
    [
      'a way with no condition',
      { id: 'by-intent', kind: 'split', branches: [{ segment: null, event: null, conditions: [], next: 'reminder' }], otherwise: 'wait-second-look' },
      'way 1 has no condition',
    ],
    ['an empty window', { id: 'wait-1h', kind: 'wait_window', from_hour: 9, to_hour: 9, next: 'by-intent' }, 'the time window'],
  ])('names the step for %s', (_, node, text) => {
    const problems = checkFlow(withNode(node), KNOWN);
    expect(problems.some((p) => p.node === node.id && p.text.includes(text))).toBe(true);
  });

  it('finds loops and steps the start never reaches', () => {
    const looped = withNode({ id: 'offer-email', kind: 'email', template: 'cart-offer', subject: 'Hi', variants: [], next: 'offer' });
    expect(checkFlow(looped, KNOWN)).toContainEqual({ node: 'offer', text: 'is part of a loop; a flow must always move on to an end' });
    const island: FlowDefinition = { ...CART_DEFINITION, nodes: [...CART_DEFINITION.nodes, { id: 'island', kind: 'exit' }] };
    expect(checkFlow(island, KNOWN)).toEqual([{ node: 'island', text: 'cannot be reached from the start' }]);
  });

  it('checks the flow’s own settings', () => {
    const bad: FlowDefinition = {
      ...CART_DEFINITION,
      slug: 'Bad Slug',
      name: ' ',
      holdout_percent: 51,
      start: 'gone',
      trigger: { kind: 'score_crossed', score: 'mood', above: Number.NaN },
      entry: [{ field: 'orders', op: 'ge', value: 'many' }],
    };
    const texts = checkFlow(bad, KNOWN).filter((p) => p.node === null).map((p) => p.text);
    expect(texts).toEqual([
      'The flow’s short name “Bad Slug” must be lower-case letters, digits and dashes.',
      'The flow needs a name.',
      'The share held back must be a whole number from 0 to 50%.',
      'Choose the score the trigger watches.',
      'The trigger needs a number for its threshold.',
      'Who may enter, condition 1: a condition needs a number.',
      'The flow starts at “gone”, which is not a step any more.',
    ]);
  });

  it('does not check what it could not read', () => {
    const custom = withNode({
      id: 'by-intent',
      kind: 'split',
      branches: [
        { segment: 'custom-3', event: null, conditions: [], next: 'reminder' },
        { segment: null, event: null, conditions: [{ field: 'orders', op: 'ge', value: '2' }], next: 'education' },
      ],
      otherwise: 'wait-second-look',
    });
    expect(checkFlow(custom, { templates: null, segments: null, fields: null })).toEqual([]);
  });
});

describe('editing steps', () => {
  it('adds a step after one with a single way out, pointing on to where it went', () => {
    const { def, id } = addStep(CART_DEFINITION, 'wait', 'offer', 'cart-reminder');
    expect(id).toBe('wait');
    expect(def.nodes.find((n) => n.id === 'offer')).toMatchObject({ next: 'wait' });
    expect(def.nodes.find((n) => n.id === 'wait')).toEqual({ id: 'wait', kind: 'wait', minutes: 60, next: 'offer-email' });
    expect(checkFlow(def, KNOWN)).toEqual([]);
  });

  it('adds a step on its own after a split', () => {
    const { def, id } = addStep(CART_DEFINITION, 'exit', 'by-intent', 'cart-reminder');
    expect(id).toBe('end');
    expect(def.nodes.find((n) => n.id === 'by-intent')).toEqual(CART_DEFINITION.nodes[1]);
    expect(checkFlow(def, KNOWN)).toEqual([{ node: 'end', text: 'cannot be reached from the start' }]);
  });

  it('deletes a step and leaves the ways to it for the owner to re-point', () => {
    expect(checkFlow(deleteStep(CART_DEFINITION, 'done'), KNOWN).map((p) => p.node)).toEqual(['reminder', 'offer-email', 'education']);
  });

  it('makes unique ids', () => {
    expect(uniqueId('email', ['email', 'email-2'])).toBe('email-3');
    expect(uniqueId('wait_event', [])).toBe('wait-event');
  });

  it('draws waits in the largest unit', () => {
    expect(durationOf(2880)).toEqual({ amount: 2, unit: 'days' });
    expect(durationOf(90)).toEqual({ amount: 90, unit: 'minutes' });
    expect(viewsOf(CART_DEFINITION, [])[3]).toMatchObject({ title: 'Wait for “viewed a product”', detail: 'at most 2 days' });
  });
});

describe('names', () => {
  it('makes a short name from a name', () => {
    expect(slugFrom('Café: second try!')).toBe('cafe-second-try');
    expect(slugProblem('audit', [])).toContain('name of a page');
    expect(slugProblem('win-back', ['win-back'])).toContain('exists already');
    expect(slugProblem('Win', [])).toBe('Use lower-case letters, digits and dashes only.');
    expect(slugProblem('welcome', ['win-back'])).toBeNull();
  });

  it('reads the step a core message names', () => {
    expect(nodeInMessage('Node `wait-4h`: waits 0 minutes; remove the wait or give it a length')).toBe('wait-4h');
    expect(nodeInMessage('The flow’s slug `X` must be lower-case letters, digits and dashes.')).toBeNull();
  });
});
