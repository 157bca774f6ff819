// Building and editing flows against a mocked core (./api): Edit on a flow's page (not while it is
// live), the editor's forms sending the definition the owner meant, problems listed and marked on
// the diagram before saving, the core's error selecting the step it names, steps made from a
// "next" list, Cancel, and New flow from a copy.

import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import * as api from './api';
import type { FlowDefinition, FlowNode, FlowSummary } from './gen/api';
import { RULE_FIELDS, SUMMARY } from './test/fixtures';
import { CART, CART_DEFINITION, CART_DETAIL, FLOWS, KILL_OFF, TEMPLATES } from './test/flowFixtures';
import { resetApi } from './test/mockApi';

vi.mock('./api', async (importOriginal) => (await import('./test/mockApi')).mockedApi(importOriginal));

const mock = vi.mocked(api);

beforeEach(() => {
  resetApi(api, '#/flows');
  mock.scoreSummary.mockResolvedValue(SUMMARY);
  mock.flowsList.mockResolvedValue(FLOWS);
  mock.flowDetail.mockResolvedValue(CART_DETAIL);
  mock.killState.mockResolvedValue(KILL_OFF);
  mock.flowDefinition.mockResolvedValue(CART_DEFINITION);
  mock.flowTemplates.mockResolvedValue(TEMPLATES);
  mock.ruleFields.mockResolvedValue(RULE_FIELDS);
  mock.saveFlow.mockImplementation((d: FlowDefinition) =>
    Promise.resolve<FlowSummary>({ ...CART, slug: d.slug, name: d.name, version: 3, status: 'draft' }),
  );
});

/** Opens the editor of `def` and waits for its form. */
async function openEditor(def: FlowDefinition = CART_DEFINITION) {
  mock.flowDefinition.mockResolvedValue(def);
  window.location.hash = `#/flows/${def.slug}/edit`;
  render(<App />);
  await screen.findByTestId('flow-step-form');
  return screen.getByTestId('flow-editor');
}

function canvasNode(id: string): HTMLElement {
  const node = screen.getAllByTestId('flow-node').find((n) => n.getAttribute('data-node') === id);
  if (!node) throw new Error(`no node ${id} on the canvas`);
  return node;
}

function pick(id: string) {
  fireEvent.change(screen.getByTestId('flow-editor-pick'), { target: { value: id } });
}

function withNode(def: FlowDefinition, node: FlowNode): FlowDefinition {
  return { ...def, nodes: def.nodes.map((n) => (n.id === node.id ? node : n)) };
}

describe('Edit on a flow’s page', () => {
  it('opens the editor for a draft', async () => {
    window.location.hash = '#/flows/abandoned-cart';
    render(<App />);
    const edit = await screen.findByTestId('flow-edit');
    expect((edit as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(edit);
    expect(window.location.hash).toBe('#/flows/abandoned-cart/edit');
    await screen.findByTestId('flow-step-form');
    expect(mock.flowDefinition).toHaveBeenCalledWith('abandoned-cart');
  });

  it('is disabled while the flow is live, and says why', async () => {
    mock.flowDetail.mockResolvedValue({ ...CART_DETAIL, summary: { ...CART, status: 'live', live_percent: 25 } });
    window.location.hash = '#/flows/abandoned-cart';
    render(<App />);
    const edit = (await screen.findByTestId('flow-edit')) as HTMLButtonElement;
    expect(edit.disabled).toBe(true);
    expect(screen.getByTestId('flow-edit-why').textContent).toBe(
      'Pause the flow to edit it; a changed flow starts again as a draft.',
    );
    expect(edit.getAttribute('aria-describedby')).toBe('flow-edit-why');
  });
});

describe('the flow editor', () => {
  it('starts on the first step, marked on the canvas', async () => {
    await openEditor();
    expect(screen.getByTestId('flow-step-form').getAttribute('data-node')).toBe('wait-1h');
    await waitFor(() => expect(canvasNode('wait-1h').getAttribute('data-selected')).toBe('true'));
    expect(screen.getByTestId('flow-editor-problems').textContent).toContain('Nothing to fix');
    // Clicking a step on the canvas chooses it.
    fireEvent.click(canvasNode('offer'));
    expect(screen.getByTestId('flow-step-form').getAttribute('data-node')).toBe('offer');
    // So does Enter on a step reached with Tab.
    const wrapper = canvasNode('education').closest('.react-flow__node') as HTMLElement;
    expect(wrapper.getAttribute('tabindex')).toBe('0');
    fireEvent.keyDown(wrapper, { key: 'Enter' });
    expect(screen.getByTestId('flow-step-form').getAttribute('data-node')).toBe('education');
  });

  it('saves an edited wait as minutes and goes back to the flow', async () => {
    await openEditor();
    expect((screen.getByTestId('step-wait') as HTMLInputElement).value).toBe('1');
    expect((screen.getByTestId('step-wait-unit') as HTMLSelectElement).value).toBe('hours');
    fireEvent.change(screen.getByTestId('step-wait'), { target: { value: '4' } });
    expect(screen.getByTestId('flow-editor-state').textContent).toBe('Unsaved changes');
    await waitFor(() => expect(canvasNode('wait-1h').textContent).toContain('Wait 4 hours'));
    fireEvent.click(screen.getByTestId('flow-editor-save'));

    await waitFor(() => expect(window.location.hash).toBe('#/flows/abandoned-cart'));
    expect(mock.saveFlow).toHaveBeenCalledTimes(1);
    expect(mock.saveFlow).toHaveBeenCalledWith(withNode(CART_DEFINITION, { id: 'wait-1h', kind: 'wait', minutes: 240, next: 'by-intent' }));
    expect((await screen.findByText('Saved as version 3 — run a dry run before launching.')).textContent).toBeTruthy();
    await screen.findByTestId('flow-page');
  });

  it('keeps the minutes when the unit changes', async () => {
    await openEditor();
    fireEvent.change(screen.getByTestId('step-wait-unit'), { target: { value: 'days' } });
    fireEvent.click(screen.getByTestId('flow-editor-save'));
    await waitFor(() => expect(mock.saveFlow).toHaveBeenCalledTimes(1));
    expect(mock.saveFlow.mock.calls[0]![0].nodes[0]).toEqual({ id: 'wait-1h', kind: 'wait', minutes: 1440, next: 'by-intent' });
  });

  it('lists A/B weights that do not add up to 100 before saving, and marks the step', async () => {
    const ab: FlowDefinition = {
      ...CART_DEFINITION,
      nodes: [
        ...withNode(CART_DEFINITION, {
          id: 'reminder',
          kind: 'ab',
          arms: [
            { name: 'A', weight: 50, next: 'done' },
            { name: 'B', weight: 50, next: 'education' },
          ],
        }).nodes,
      ],
    };
    await openEditor(ab);
    pick('reminder');
    expect(screen.getByTestId('ab-total').textContent).toBe('The weights add up to 100%.');
    fireEvent.change(screen.getByTestId('ab-weight-1'), { target: { value: '40' } });

    expect(screen.getByTestId('ab-total').textContent).toBe('The weights add up to 90% — they must add up to 100%.');
    const problems = screen.getAllByTestId('flow-problem');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.getAttribute('data-node')).toBe('reminder');
    expect(problems[0]!.textContent).toContain('the arms’ weights add up to 90%, not 100%');
    await waitFor(() => expect(canvasNode('reminder').getAttribute('data-problem')).toBe('true'));

    fireEvent.click(screen.getByTestId('flow-editor-save'));
    expect(within(screen.getByTestId('flow-editor-problems')).getByRole('alert').textContent).toContain('nothing was saved');
    expect(mock.saveFlow).not.toHaveBeenCalled();
  });

  it('selects and marks the step the core’s error names', async () => {
    mock.saveFlow.mockRejectedValue({ kind: 'invalid_input', message: 'Node `offer-email`: sends the template `gone`, which does not exist' });
    await openEditor();
    fireEvent.change(screen.getByTestId('step-wait'), { target: { value: '2' } });
    fireEvent.click(screen.getByTestId('flow-editor-save'));

    const error = await screen.findByTestId('flow-editor-error');
    expect(error.textContent).toContain('Node `offer-email`: sends the template `gone`, which does not exist');
    expect(screen.getByTestId('flow-step-form').getAttribute('data-node')).toBe('offer-email');
    await waitFor(() => expect(canvasNode('offer-email').getAttribute('data-problem')).toBe('true'));
    expect(window.location.hash).toBe('#/flows/abandoned-cart/edit');
  });

  it('makes a new step from a “next” list and points there', async () => {
    await openEditor();
    pick('reminder');
    fireEvent.change(screen.getByTestId('step-next'), { target: { value: '\u0000new' } });
    fireEvent.change(screen.getByTestId('step-next-kind'), { target: { value: 'task' } });
    fireEvent.click(screen.getByTestId('step-next-create'));

    expect((screen.getByTestId('step-next') as HTMLSelectElement).value).toBe('task');
    // The new step goes on to where the old way went; a task must say something.
    expect(screen.getAllByTestId('flow-problem').map((p) => p.textContent)).toEqual(['Task for you (task): the task says nothing to do']);
    pick('task');
    fireEvent.change(screen.getByTestId('step-task'), { target: { value: 'Call them' } });
    fireEvent.click(screen.getByTestId('flow-editor-save'));
    await waitFor(() => expect(mock.saveFlow).toHaveBeenCalledTimes(1));
    const saved = mock.saveFlow.mock.calls[0]![0];
    expect(saved.nodes.find((n) => n.id === 'reminder')).toMatchObject({ next: 'task' });
    expect(saved.nodes.find((n) => n.id === 'task')).toEqual({ id: 'task', kind: 'task', text: 'Call them', next: 'done' });
  });

  it('shows ways to a deleted step, and unreachable steps, as problems', async () => {
    await openEditor();
    pick('education');
    fireEvent.click(screen.getByTestId('flow-editor-delete'));
    const texts = screen.getAllByTestId('flow-problem').map((p) => p.textContent);
    expect(texts).toEqual(['Split (by-intent): goes to “education”, which is not a step']);
    pick('offer');
    fireEvent.click(screen.getByTestId('flow-editor-delete'));
    expect(screen.getAllByTestId('flow-problem').map((p) => p.getAttribute('data-node'))).toEqual([
      'by-intent',
      'wait-second-look',
      'offer-email',
    ]);
    expect(screen.getAllByTestId('flow-problem')[2]!.textContent).toContain('cannot be reached from the start');
  });

  it('changes the flow’s settings', async () => {
    await openEditor();
    fireEvent.change(screen.getByTestId('flow-settings-name'), { target: { value: 'Cart, kinder' } });
    fireEvent.change(screen.getByTestId('flow-settings-trigger'), { target: { value: 'score_crossed' } });
    fireEvent.change(screen.getByTestId('flow-settings-above'), { target: { value: '80' } });
    fireEvent.click(screen.getByTestId('flow-settings-exit-ticket_opened'));
    fireEvent.change(screen.getByTestId('flow-settings-holdout'), { target: { value: '60' } });
    expect(screen.getAllByTestId('flow-problem').map((p) => p.textContent)).toEqual([
      'Flow settings: The share held back must be a whole number from 0 to 50%.',
    ]);
    fireEvent.change(screen.getByTestId('flow-settings-holdout'), { target: { value: '20' } });
    fireEvent.click(screen.getByTestId('flow-editor-save'));
    await waitFor(() => expect(mock.saveFlow).toHaveBeenCalledTimes(1));
    expect(mock.saveFlow.mock.calls[0]![0]).toMatchObject({
      name: 'Cart, kinder',
      trigger: { kind: 'score_crossed', score: 'churn_risk', above: 0.8 },
      exit: ['ordered', 'unsubscribed'],
      holdout_percent: 20,
    });
  });

  it('asks before discarding changes, and leaves at once without any', async () => {
    await openEditor();
    fireEvent.change(screen.getByTestId('step-wait'), { target: { value: '3' } });
    fireEvent.click(screen.getByTestId('flow-editor-cancel'));
    const confirm = screen.getByTestId('flow-editor-discard');
    expect(document.activeElement).toBe(screen.getByTestId('flow-editor-discard-confirm'));
    fireEvent.keyDown(confirm, { key: 'Escape' });
    expect(screen.queryByTestId('flow-editor-discard')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('flow-editor-cancel'));
    fireEvent.click(screen.getByTestId('flow-editor-cancel'));
    fireEvent.click(screen.getByTestId('flow-editor-discard-confirm'));
    expect(window.location.hash).toBe('#/flows/abandoned-cart');
    await screen.findByTestId('flow-page');
    expect(mock.saveFlow).not.toHaveBeenCalled();
  });

  it('says the flow is live and saves nothing', async () => {
    mock.flowsList.mockResolvedValue([{ ...CART, status: 'live', live_percent: 10 }]);
    await openEditor();
    expect(screen.getByTestId('flow-editor-live').textContent).toContain('Pause the flow to edit it');
    expect((screen.getByTestId('flow-editor-save') as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('a new flow', () => {
  it('saves a copy of a flow under the new short name and opens its editor', async () => {
    render(<App />);
    fireEvent.click(await screen.findByTestId('flow-new'));
    fireEvent.change(screen.getByTestId('flow-new-name'), { target: { value: 'Cart, second try!' } });
    expect((screen.getByTestId('flow-new-slug') as HTMLInputElement).value).toBe('cart-second-try');
    await waitFor(() => expect(screen.getAllByRole('option', { name: /A copy of/ })).toHaveLength(4));
    fireEvent.change(screen.getByTestId('flow-new-from'), { target: { value: 'abandoned-cart' } });
    fireEvent.click(screen.getByTestId('flow-new-create'));

    await waitFor(() => expect(window.location.hash).toBe('#/flows/cart-second-try/edit'));
    expect(mock.flowDefinition).toHaveBeenCalledWith('abandoned-cart');
    expect(mock.saveFlow).toHaveBeenCalledWith({ ...CART_DEFINITION, slug: 'cart-second-try', name: 'Cart, second try!' });
  });

  it('starts blank with one email and an end, and refuses a short name in use', async () => {
    render(<App />);
    fireEvent.click(await screen.findByTestId('flow-new'));
    fireEvent.change(screen.getByTestId('flow-new-name'), { target: { value: 'Welcome' } });
    await waitFor(() => expect(screen.getAllByRole('option', { name: /A copy of/ })).toHaveLength(4));
    fireEvent.change(screen.getByTestId('flow-new-slug'), { target: { value: 'win-back' } });
    expect(screen.getByText('A flow called “win-back” exists already; choose another.')).toBeTruthy();
    fireEvent.click(screen.getByTestId('flow-new-create'));
    expect(mock.saveFlow).not.toHaveBeenCalled();

    fireEvent.change(screen.getByTestId('flow-new-slug'), { target: { value: 'welcome' } });
    fireEvent.click(screen.getByTestId('flow-new-create'));
    await waitFor(() => expect(mock.saveFlow).toHaveBeenCalledTimes(1));
    const saved = mock.saveFlow.mock.calls[0]![0];
    expect(saved).toMatchObject({ slug: 'welcome', name: 'Welcome', start: 'email' });
    expect(saved.nodes).toEqual([
      { id: 'email', kind: 'email', template: 'cart-reminder', subject: 'Welcome', variants: [], next: 'end' },
      { id: 'end', kind: 'exit' },
    ]);
  });

  it('closes with Escape', async () => {
    render(<App />);
    const open = await screen.findByTestId('flow-new');
    fireEvent.click(open);
    fireEvent.keyDown(screen.getByTestId('flow-new-name'), { key: 'Escape' });
    expect(screen.queryByTestId('flow-new-form')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('flow-new'));
  });
});

describe('Settings', () => {
  it('links to the guardrail defaults', async () => {
    window.location.hash = '#/settings';
    render(<App />);
    fireEvent.click(await screen.findByTestId('settings-guardrails-link'));
    expect(window.location.hash).toBe('#/flows/guardrails');
  });
});
