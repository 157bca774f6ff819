// The Copy area against a mocked core (./api): generating drafts on this computer, the review queue
// and its tabs, the problem words highlighted by code point (an emoji before a span does not shift
// it), copy made of markup shown as text, approving with and without written reasons and the core's
// refusal, rejecting with a note, editing (checked as it is typed, back to review when saved), the
// keyboard (J/K/A/R/E/N/H, never while typing), the history, an A/B test of approved subject lines
// on a flow's email step, the owner's lists, a language model set up on the page and then offered
// when generating, where each draft came from, and ad copy as CSV.

import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App';
import * as api from './api';
import type { CopyRules, QueuedVariant } from './gen/api';
import { NAME_NEEDED } from './components/CopyQueue';
import { REVIEWER_NAME_KEY } from './reviewerName';
import {
  APPROVED_A,
  APPROVED_B,
  EVIL_TEXT,
  FAILING,
  HISTORY,
  FROM_MODEL,
  MARKUP,
  NO_MODEL,
  OPENAI_MODEL,
  PASSING,
  QUEUE,
  REJECTED,
  RULES,
} from './test/copyFixtures';
import { CART_DEFINITION, FLOWS, KILL_OFF } from './test/flowFixtures';
import { deferred, resetApi } from './test/mockApi';

vi.mock('./api', async (importOriginal) => (await import('./test/mockApi')).mockedApi(importOriginal));

const mock = vi.mocked(api);

/** What the mocked core holds: drafts change as actions answer. */
let queue: QueuedVariant[];

beforeEach(() => {
  resetApi(api, '#/copy');
  window.localStorage.clear();
  window.localStorage.setItem(REVIEWER_NAME_KEY, 'Sam');
  queue = QUEUE.map((v) => ({ ...v }));
  mock.killState.mockResolvedValue(KILL_OFF);
  mock.copyQueue.mockImplementation((state) => Promise.resolve(queue.filter((v) => state === null || v.state === state)));
  mock.copyRules.mockResolvedValue(RULES);
  mock.flowsList.mockResolvedValue(FLOWS);
  mock.flowDefinition.mockResolvedValue(CART_DEFINITION);
  mock.copyHistory.mockResolvedValue(HISTORY);
  mock.copyGenerator.mockResolvedValue(NO_MODEL);
});

/** A core that answers an action with the draft changed as given. */
function answerWith(change: Partial<QueuedVariant>) {
  return (id: number) => {
    const at = queue.findIndex((v) => v.id === id);
    const next = { ...queue[at]!, ...change };
    queue[at] = next;
    return Promise.resolve(next);
  };
}

async function openQueue() {
  render(<App />);
  return screen.findAllByTestId('copy-variant');
}

function variant(id: number): HTMLElement {
  const found = screen.getAllByTestId('copy-variant').find((v) => v.getAttribute('data-id') === String(id));
  if (!found) throw new Error(`no variant ${id}`);
  return found;
}

const ids = (els: HTMLElement[]) => els.map((e) => Number(e.getAttribute('data-id')));
const currentId = () => Number(screen.getAllByTestId('copy-variant').find((v) => v.getAttribute('aria-current') === 'true')?.getAttribute('data-id'));
const key = (k: string, target: Element | Document = document.body) => fireEvent.keyDown(target, { key: k });

describe('the area', () => {
  it('is a real page now, listing the drafts waiting for review with their state', async () => {
    const shown = await openQueue();
    expect(screen.queryByTestId('coming-copy')).toBeNull();
    expect(screen.getByTestId('copy')).toBeTruthy();
    expect(mock.copyQueue).toHaveBeenCalledWith('review');
    expect(ids(shown)).toEqual([PASSING.id, FAILING.id, MARKUP.id]);
    expect(shown.map((v) => v.getAttribute('data-state'))).toEqual(['review', 'review', 'review']);
    expect(shown.map((v) => v.getAttribute('data-sendable'))).toEqual(['false', 'false', 'false']);
    expect(within(variant(PASSING.id)).getByTestId('copy-variant-text').textContent).toBe(PASSING.text);
    expect(variant(PASSING.id).textContent).toContain('Angle: a reminder');
    expect(variant(MARKUP.id).textContent).toContain('version 2');
    expect(screen.getByTestId('copy-tab-review').getAttribute('aria-pressed')).toBe('true');
  });

  it('shows each tab’s drafts, and says what to do when a tab is empty', async () => {
    await openQueue();
    fireEvent.click(screen.getByTestId('copy-tab-approved'));
    await waitFor(() => expect(mock.copyQueue).toHaveBeenLastCalledWith('approved'));
    await waitFor(() => expect(ids(screen.getAllByTestId('copy-variant'))).toEqual([24, 25, 27]));
    expect(within(variant(24)).getByTestId('copy-state').textContent).toBe('Approved · may be sent');
    expect(variant(24).getAttribute('data-sendable')).toBe('true');

    fireEvent.click(screen.getByTestId('copy-tab-rejected'));
    await waitFor(() => expect(ids(screen.getAllByTestId('copy-variant'))).toEqual([REJECTED.id]));
    expect(variant(REJECTED.id).textContent).toContain('Note: Too pushy for us.');

    fireEvent.click(screen.getByTestId('copy-tab-all'));
    await waitFor(() => expect(screen.getAllByTestId('copy-variant')).toHaveLength(QUEUE.length));
    expect(mock.copyQueue).toHaveBeenLastCalledWith(null);

    queue = queue.filter((v) => v.state !== 'review');
    fireEvent.click(screen.getByTestId('copy-tab-review'));
    expect((await screen.findByTestId('empty')).textContent).toContain('Nothing is waiting for your review');
  });

  it('shows the core’s message when the queue cannot be read', async () => {
    mock.copyQueue.mockRejectedValueOnce({ kind: 'database', message: 'Reading copy variants failed: disk I/O error.' });
    render(<App />);
    expect((await screen.findByTestId('error-message')).textContent).toBe('Reading copy variants failed: disk I/O error.');
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findAllByTestId('copy-variant')).toHaveLength(3);
  });
});

describe('generating drafts', () => {
  it('writes them on this computer under the owner’s name and shows them in the queue', async () => {
    window.localStorage.clear();
    const made: QueuedVariant[] = [
      { ...PASSING, id: 31, kind: 'preheader', text: 'A deep-steamed green tea, ready in two minutes.' },
      { ...PASSING, id: 32, kind: 'preheader', text: 'Where you left it: Sencha Fukamushi.' },
    ];
    mock.queueCopy.mockImplementation(() => {
      queue = [...made, ...queue];
      return Promise.resolve(made);
    });
    await openQueue();
    expect(screen.getByTestId('copy-offline').textContent).toContain('no network is needed and nothing is sent anywhere');
    expect((screen.getByTestId('copy-sku') as HTMLInputElement).placeholder).toBe('FH-SEN-050');
    expect((screen.getByTestId('copy-count') as HTMLInputElement).value).toBe('10');

    fireEvent.change(screen.getByTestId('copy-by'), { target: { value: 'Sam Baker' } });
    fireEvent.change(screen.getByTestId('copy-sku'), { target: { value: ' FH-SEN-050 ' } });
    fireEvent.change(screen.getByTestId('copy-kind'), { target: { value: 'preheader' } });
    fireEvent.change(screen.getByTestId('copy-count'), { target: { value: '5' } });
    fireEvent.change(screen.getByTestId('copy-group'), { target: { value: 'b' } });
    fireEvent.click(screen.getByTestId('copy-generate'));

    expect(mock.queueCopy).toHaveBeenCalledWith('FH-SEN-050', 'preheader', 5, 'b', 'Sam Baker', 'offline');
    expect((await screen.findByTestId('copy-generated')).textContent).toBe(
      '2 new drafts are in the queue below, each checked. Fewer than asked: drafts that would be too long or repeat one another are left out.',
    );
    await waitFor(() => expect(ids(screen.getAllByTestId('copy-variant'))).toEqual([31, 32, 21, 22, 23]));
    // The newest is the one the keys act on, and the name is remembered for next time.
    expect(currentId()).toBe(31);
    expect(window.localStorage.getItem(REVIEWER_NAME_KEY)).toBe('Sam Baker');
  });

  it('writes for anyone unless a group is chosen', async () => {
    mock.queueCopy.mockResolvedValue([]);
    await openQueue();
    fireEvent.change(screen.getByTestId('copy-sku'), { target: { value: 'FH-SEN-050' } });
    fireEvent.click(screen.getByTestId('copy-generate'));
    expect(mock.queueCopy).toHaveBeenCalledWith('FH-SEN-050', 'subject', 10, null, 'Sam', 'offline');
    expect((await screen.findByTestId('copy-generated')).textContent).toContain('Nothing new came out');
  });

  it('asks for a SKU, a sensible count and a name before asking the core', async () => {
    window.localStorage.clear();
    await openQueue();
    fireEvent.click(screen.getByTestId('copy-generate'));
    expect(screen.getByTestId('copy-generate-problem').textContent).toBe('Type the product’s SKU, e.g. FH-SEN-050.');
    fireEvent.change(screen.getByTestId('copy-sku'), { target: { value: 'FH-SEN-050' } });
    fireEvent.change(screen.getByTestId('copy-count'), { target: { value: '51' } });
    fireEvent.click(screen.getByTestId('copy-generate'));
    expect(screen.getByTestId('copy-generate-problem').textContent).toBe('Ask for 1 to 50 drafts at a time.');
    fireEvent.change(screen.getByTestId('copy-count'), { target: { value: '3' } });
    fireEvent.click(screen.getByTestId('copy-generate'));
    expect(screen.getByTestId('copy-generate-problem').textContent).toContain('Type your name');
    expect(document.activeElement).toBe(screen.getByTestId('copy-by'));
    expect(mock.queueCopy).not.toHaveBeenCalled();
  });

  it('shows the core’s message for a SKU the catalog does not have', async () => {
    mock.queueCopy.mockRejectedValue({
      kind: 'not_found',
      message: 'No product has the SKU `NOPE`: check it against your catalog (Data → products).',
    });
    await openQueue();
    fireEvent.change(screen.getByTestId('copy-sku'), { target: { value: 'NOPE' } });
    fireEvent.click(screen.getByTestId('copy-generate'));
    const error = await screen.findByTestId('copy-error');
    expect(error.getAttribute('data-for')).toBe('generate');
    expect(error.textContent).toBe('No product has the SKU `NOPE`: check it against your catalog (Data → products).');
  });
});

describe('what the checks found', () => {
  it('highlights the offending words by code point, even after an emoji, and lists each finding', async () => {
    await openQueue();
    const v = variant(FAILING.id);
    const marks = within(v).getAllByTestId('copy-mark');
    // With UTF-16 indices these would be " 40% of", " BES" and "a!!".
    expect(marks.map((m) => [m.textContent, m.getAttribute('data-rule')])).toEqual([
      ['40% off', 'discount'],
      ['BEST', 'claim'],
      ['!!!', 'spam'],
    ]);
    expect(within(v).getByTestId('copy-variant-text').textContent).toBe(FAILING.text);
    const findings = within(v).getAllByTestId('copy-finding');
    expect(findings.map((f) => f.getAttribute('data-rule'))).toEqual(['discount', 'claim', 'spam']);
    expect(findings[0]!.textContent).toContain('A discount your policy does not allow');
    expect(findings[0]!.textContent).toContain('“40% off”');
    expect(findings[0]!.textContent).toContain('40% is more than your discount policy allows (15% at most).');
    expect(within(v).queryByTestId('copy-pass')).toBeNull();
  });

  it('says a draft with no findings passes every check', async () => {
    await openQueue();
    const v = variant(PASSING.id);
    expect(within(v).getByTestId('copy-pass').textContent).toContain('Passes every check.');
    expect(within(v).queryByTestId('copy-mark')).toBeNull();
    expect(within(v).queryByTestId('copy-finding')).toBeNull();
  });

  it('shows copy made of markup as the characters typed, and runs none of it', async () => {
    await openQueue();
    const v = variant(MARKUP.id);
    const text = within(v).getByTestId('copy-variant-text');
    expect(text.textContent).toBe(EVIL_TEXT);
    expect(text.textContent).toContain('<script>');
    expect(screen.getByTestId('copy').querySelector('script, img')).toBeNull();
    // The highlighted tail is text too.
    expect(within(v).getByTestId('copy-mark').textContent).toBe(Array.from(EVIL_TEXT).slice(60).join(''));
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

describe('approving', () => {
  it('approves a passing draft at once, under the owner’s name, and moves on to the next', async () => {
    mock.approveCopy.mockImplementation(answerWith({ state: 'approved', sendable: true }));
    await openQueue();
    expect(currentId()).toBe(PASSING.id);
    fireEvent.click(within(variant(PASSING.id)).getByTestId('copy-approve'));
    expect(mock.approveCopy).toHaveBeenCalledWith(PASSING.id, 'Sam', []);
    await waitFor(() => expect(variant(PASSING.id).getAttribute('data-state')).toBe('approved'));
    expect(variant(PASSING.id).getAttribute('data-sendable')).toBe('true');
    expect(within(variant(PASSING.id)).getByTestId('copy-state').textContent).toBe('Approved · may be sent');
    expect(currentId()).toBe(FAILING.id);
    expect(document.activeElement).toBe(variant(FAILING.id));
  });

  it('asks for a written reason per failing rule, and sends them with the approval', async () => {
    mock.approveCopy.mockImplementation(answerWith({ state: 'approved', sendable: true }));
    await openQueue();
    const v = variant(FAILING.id);
    fireEvent.click(within(v).getByTestId('copy-approve'));
    expect(mock.approveCopy).not.toHaveBeenCalled();
    const reasons = within(v).getAllByTestId('copy-override-reason');
    expect(reasons.map((r) => r.getAttribute('data-rule'))).toEqual(['discount', 'claim', 'spam']);
    expect(document.activeElement).toBe(reasons[0]);
    fireEvent.change(reasons[0]!, { target: { value: 'Black Friday: the policy allows 40% this week.' } });
    fireEvent.change(reasons[1]!, { target: { value: '  Our best seller three years running. ' } });
    fireEvent.change(reasons[2]!, { target: { value: 'Tested fine with our sender.' } });
    fireEvent.click(within(v).getByTestId('copy-override-submit'));
    expect(mock.approveCopy).toHaveBeenCalledWith(FAILING.id, 'Sam', [
      { rule: 'discount', reason: 'Black Friday: the policy allows 40% this week.' },
      { rule: 'claim', reason: 'Our best seller three years running.' },
      { rule: 'spam', reason: 'Tested fine with our sender.' },
    ]);
    await waitFor(() => expect(variant(FAILING.id).getAttribute('data-state')).toBe('approved'));
    expect(within(variant(FAILING.id)).queryByTestId('copy-override-reason')).toBeNull();
  });

  it('shows the core’s refusal, naming the rules, and keeps the reasons typed', async () => {
    const message = 'Variant 22 does not pass: claim, spam. Edit it, or approve it anyway with a written reason for each.';
    mock.approveCopy.mockRejectedValue({ kind: 'invalid_input', message });
    await openQueue();
    const v = variant(FAILING.id);
    fireEvent.click(within(v).getByTestId('copy-approve'));
    const [discount] = within(v).getAllByTestId('copy-override-reason');
    fireEvent.change(discount!, { target: { value: 'Allowed this week.' } });
    fireEvent.click(within(v).getByTestId('copy-override-submit'));
    // Reasons left empty are not sent: the core decides, and says what is missing.
    expect(mock.approveCopy).toHaveBeenCalledWith(FAILING.id, 'Sam', [{ rule: 'discount', reason: 'Allowed this week.' }]);
    const error = await within(v).findByTestId('copy-error');
    expect(error.textContent).toBe(message);
    expect(error.getAttribute('role')).toBe('alert');
    expect(v.getAttribute('data-state')).toBe('review');
    expect((within(v).getAllByTestId('copy-override-reason')[0] as HTMLInputElement).value).toBe('Allowed this week.');
  });

  it('approves a regulated product’s draft without a reason: the approval is the look it needs', async () => {
    queue[0] = {
      ...PASSING,
      findings: [{ rule: 'regulated', start: 0, end: 4, span: 'Your', explanation: 'This product is regulated: a person must approve it.' }],
    };
    mock.approveCopy.mockImplementation(answerWith({ state: 'approved', sendable: true }));
    await openQueue();
    expect(variant(PASSING.id).textContent).toContain('Approving it is the look by a person this product needs.');
    fireEvent.click(within(variant(PASSING.id)).getByTestId('copy-approve'));
    expect(mock.approveCopy).toHaveBeenCalledWith(PASSING.id, 'Sam', []);
  });

  it('needs the owner’s name first, and points at the field', async () => {
    window.localStorage.clear();
    await openQueue();
    fireEvent.click(within(variant(PASSING.id)).getByTestId('copy-approve'));
    expect(within(variant(PASSING.id)).getByTestId('copy-error').textContent).toBe(NAME_NEEDED);
    expect(document.activeElement).toBe(screen.getByTestId('copy-by'));
    expect(mock.approveCopy).not.toHaveBeenCalled();
  });
});

describe('rejecting', () => {
  it('rejects at once, or with a note kept in the history', async () => {
    mock.rejectCopy.mockImplementation((id, _by, note) => answerWith({ state: 'rejected', note })(id));
    await openQueue();
    fireEvent.click(within(variant(PASSING.id)).getByTestId('copy-reject'));
    expect(mock.rejectCopy).toHaveBeenCalledWith(PASSING.id, 'Sam', null);
    await waitFor(() => expect(variant(PASSING.id).getAttribute('data-state')).toBe('rejected'));

    const v = variant(FAILING.id);
    fireEvent.click(within(v).getByTestId('copy-note'));
    fireEvent.change(within(v).getByTestId('copy-note-text'), { target: { value: '  Shouty. ' } });
    fireEvent.click(within(v).getByTestId('copy-note-reject'));
    expect(mock.rejectCopy).toHaveBeenLastCalledWith(FAILING.id, 'Sam', 'Shouty.');
    await waitFor(() => expect(variant(FAILING.id).textContent).toContain('Note: Shouty.'));
  });

  it('keeps a note without deciding anything (N, then Save note)', async () => {
    mock.noteCopy.mockImplementation((id, _by, note) => answerWith({ note })(id));
    await openQueue();
    const v = variant(FAILING.id);
    fireEvent.click(within(v).getByTestId('copy-note'));
    fireEvent.click(within(v).getByTestId('copy-note-save'));
    expect(mock.noteCopy).not.toHaveBeenCalled();
    expect(within(v).getByRole('alert').textContent).toBe('Write the note first.');
    fireEvent.change(within(v).getByTestId('copy-note-text'), { target: { value: ' Ask Lena about the tin size. ' } });
    fireEvent.keyDown(within(v).getByTestId('copy-note-text'), { key: 'Enter', ctrlKey: true });
    expect(mock.noteCopy).toHaveBeenCalledWith(FAILING.id, 'Sam', 'Ask Lena about the tin size.');
    expect(mock.rejectCopy).not.toHaveBeenCalled();
    await waitFor(() => expect(variant(FAILING.id).textContent).toContain('Note: Ask Lena about the tin size.'));
    expect(variant(FAILING.id).getAttribute('data-state')).not.toBe('rejected');
  });
});

describe('editing', () => {
  it('checks the words as they are typed, and saves a new version back to review', async () => {
    mock.checkCopy.mockResolvedValue([
      { rule: 'spam', start: 22, end: 24, span: '!!', explanation: 'Several exclamation marks in a row trip spam filters.' },
    ]);
    mock.editCopy.mockImplementation((id, text) => answerWith({ text, version: 2, findings: [], state: 'review' })(id));
    await openQueue();
    const v = variant(FAILING.id);
    fireEvent.click(within(v).getByTestId('copy-edit'));
    const box = within(v).getByTestId('copy-edit-text') as HTMLTextAreaElement;
    expect(box.value).toBe(FAILING.text);
    expect(document.activeElement).toBe(box);

    fireEvent.change(box, { target: { value: '🍵 Sencha, deep-steamed!!' } });
    await waitFor(() => expect(mock.checkCopy).toHaveBeenCalledWith('subject', '🍵 Sencha, deep-steamed!!', 'FH-SEN-050'));
    const live = await within(v).findByTestId('copy-live');
    expect(within(live).getByTestId('copy-mark').textContent).toBe('!!');
    expect(within(live).getByTestId('copy-live-finding').getAttribute('data-rule')).toBe('spam');

    fireEvent.change(box, { target: { value: 'Sencha Fukamushi, deep-steamed' } });
    fireEvent.click(within(v).getByTestId('copy-edit-save'));
    expect(mock.editCopy).toHaveBeenCalledWith(FAILING.id, 'Sencha Fukamushi, deep-steamed', 'Sam');
    await waitFor(() =>
      expect(within(variant(FAILING.id)).getByTestId('copy-variant-text').textContent).toBe('Sencha Fukamushi, deep-steamed'),
    );
    expect(within(variant(FAILING.id)).queryByTestId('copy-edit-text')).toBeNull();
    expect(variant(FAILING.id).textContent).toContain('version 2');
    expect(within(variant(FAILING.id)).getByTestId('copy-pass')).toBeTruthy();
  });

  it('sends an approved draft back to review: the approval was for the old words', async () => {
    mock.checkCopy.mockResolvedValue([]);
    mock.editCopy.mockImplementation((id, text) => answerWith({ text, version: 2, state: 'review', sendable: false })(id));
    await openQueue();
    fireEvent.click(screen.getByTestId('copy-tab-approved'));
    await waitFor(() => expect(ids(screen.getAllByTestId('copy-variant'))).toEqual([24, 25, 27]));
    const v = variant(APPROVED_A.id);
    expect(v.getAttribute('data-sendable')).toBe('true');
    fireEvent.click(within(v).getByTestId('copy-edit'));
    fireEvent.change(within(v).getByTestId('copy-edit-text'), { target: { value: 'Still thinking about your sencha?' } });
    fireEvent.click(within(v).getByTestId('copy-edit-save'));
    await waitFor(() => expect(variant(APPROVED_A.id).getAttribute('data-state')).toBe('review'));
    expect(variant(APPROVED_A.id).getAttribute('data-sendable')).toBe('false');
    expect(within(variant(APPROVED_A.id)).getByTestId('copy-state').textContent).toBe('To review');
    expect(within(variant(APPROVED_A.id)).queryByTestId('copy-select')).toBeNull();
  });

  it('will not save empty copy, and cancels with Escape', async () => {
    await openQueue();
    const v = variant(PASSING.id);
    fireEvent.click(within(v).getByTestId('copy-edit'));
    fireEvent.change(within(v).getByTestId('copy-edit-text'), { target: { value: '   ' } });
    expect(within(v).getByTestId('copy-edit-save').hasAttribute('disabled')).toBe(true);
    expect(v.textContent).toContain('Write the copy, or reject the variant instead.');
    fireEvent.keyDown(within(v).getByTestId('copy-edit-text'), { key: 'Escape' });
    expect(within(v).queryByTestId('copy-edit-text')).toBeNull();
    expect(mock.editCopy).not.toHaveBeenCalled();
  });

  it('shows the core’s message when an edit is refused', async () => {
    mock.editCopy.mockRejectedValue({ kind: 'not_found', message: 'There is no copy variant 21.' });
    await openQueue();
    const v = variant(PASSING.id);
    fireEvent.click(within(v).getByTestId('copy-edit'));
    fireEvent.change(within(v).getByTestId('copy-edit-text'), { target: { value: 'Something else' } });
    fireEvent.click(within(v).getByTestId('copy-edit-save'));
    expect((await within(v).findByTestId('copy-error')).textContent).toBe('There is no copy variant 21.');
    expect(within(v).getByTestId('copy-edit-text')).toBeTruthy();
  });
});

describe('the keyboard', () => {
  it('moves with J and K, and acts on the highlighted draft with A, R, E, N and H', async () => {
    mock.approveCopy.mockImplementation(answerWith({ state: 'approved', sendable: true }));
    mock.rejectCopy.mockImplementation(answerWith({ state: 'rejected' }));
    await openQueue();
    expect(currentId()).toBe(21);
    key('j');
    expect(currentId()).toBe(22);
    expect(document.activeElement).toBe(variant(22));
    key('J');
    expect(currentId()).toBe(23);
    key('j'); // the last stays current
    expect(currentId()).toBe(23);
    key('k');
    key('k');
    expect(currentId()).toBe(21);

    key('a');
    expect(mock.approveCopy).toHaveBeenCalledWith(21, 'Sam', []);
    await waitFor(() => expect(variant(21).getAttribute('data-state')).toBe('approved'));
    expect(currentId()).toBe(22);

    // A on a draft that fails opens the reasons instead of approving.
    key('a');
    expect(within(variant(22)).getAllByTestId('copy-override-reason')).toHaveLength(3);
    expect(mock.approveCopy).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(within(variant(22)).getAllByTestId('copy-override-reason')[0]!, { key: 'Escape' });
    expect(within(variant(22)).queryByTestId('copy-override-reason')).toBeNull();

    key('r');
    expect(mock.rejectCopy).toHaveBeenCalledWith(22, 'Sam', null);
    await waitFor(() => expect(variant(22).getAttribute('data-state')).toBe('rejected'));
    expect(currentId()).toBe(23);

    key('e');
    expect(within(variant(23)).getByTestId('copy-edit-text')).toBeTruthy();
    fireEvent.keyDown(within(variant(23)).getByTestId('copy-edit-text'), { key: 'Escape' });

    key('n');
    expect(within(variant(23)).getByTestId('copy-note-text')).toBeTruthy();
    fireEvent.keyDown(within(variant(23)).getByTestId('copy-note-text'), { key: 'Escape' });

    key('h');
    expect(await within(variant(23)).findByTestId('copy-history-list')).toBeTruthy();
    expect(mock.copyHistory).toHaveBeenCalledWith(23);
  });

  it('does nothing while the owner types in a box', async () => {
    mock.approveCopy.mockImplementation(answerWith({ state: 'approved', sendable: true }));
    mock.rejectCopy.mockImplementation(answerWith({ state: 'rejected' }));
    await openQueue();
    const name = screen.getByTestId('copy-by');
    for (const k of ['j', 'k', 'a', 'r', 'e', 'n', 'h']) key(k, name);
    key('j', screen.getByTestId('copy-sku'));
    key('a', screen.getByTestId('copy-kind'));
    key('r', screen.getByTestId('copy-rules-forbidden'));
    fireEvent.click(within(variant(22)).getByTestId('copy-edit'));
    const box = within(variant(22)).getByTestId('copy-edit-text');
    for (const k of ['j', 'a', 'r', 'e']) key(k, box);
    expect(currentId()).toBe(22);
    expect(mock.approveCopy).not.toHaveBeenCalled();
    expect(mock.rejectCopy).not.toHaveBeenCalled();
    expect(within(variant(21)).queryByTestId('copy-edit-text')).toBeNull();
    expect(mock.copyHistory).not.toHaveBeenCalled();
    // Nor with a modifier held (Ctrl+R, ⌘A belong to the window).
    fireEvent.keyDown(document.body, { key: 'a', ctrlKey: true });
    fireEvent.keyDown(document.body, { key: 'r', metaKey: true });
    expect(mock.approveCopy).not.toHaveBeenCalled();
    expect(mock.rejectCopy).not.toHaveBeenCalled();
  });
});

describe('the history', () => {
  it('is read on demand and says who did what, with the reasons given', async () => {
    await openQueue();
    const v = variant(PASSING.id);
    expect(mock.copyHistory).not.toHaveBeenCalled();
    fireEvent.click(within(v).getByTestId('copy-history-toggle'));
    const entries = await within(v).findAllByTestId('copy-history-entry');
    expect(mock.copyHistory).toHaveBeenCalledWith(PASSING.id);
    expect(entries.map((e) => e.getAttribute('data-action'))).toEqual(['generated', 'approved', 'tested']);
    expect(entries[1]!.textContent).toContain('Approved · version 1 · by Sam');
    expect(entries[1]!.textContent).toContain('Approved despite “Looks like spam”, because: Our customers like the excitement.');
    expect(entries[2]!.textContent).toContain('Put in an A/B test');
    expect(within(v).getByTestId('copy-history').textContent).toContain('Hide the history');
  });
});

describe('an A/B test of subject lines', () => {
  async function openApproved() {
    await openQueue();
    fireEvent.click(screen.getByTestId('copy-tab-approved'));
    await waitFor(() => expect(ids(screen.getAllByTestId('copy-variant'))).toEqual([24, 25, 27]));
    await waitFor(() => expect((screen.getByTestId('copy-test-node') as HTMLSelectElement).value).toBe('reminder'));
  }

  it('starts on a flow’s email step with the ticked lines, and says what happens next', async () => {
    const started = deferred<void>();
    mock.startCopyTest.mockReturnValue(started.promise);
    await openApproved();
    // Only approved subject lines that may be sent can be ticked.
    expect(within(variant(27)).queryByTestId('copy-select')).toBeNull();
    const flow = screen.getByTestId('copy-test-flow') as HTMLSelectElement;
    expect(flow.value).toBe('abandoned-cart');
    expect(mock.flowDefinition).toHaveBeenCalledWith('abandoned-cart');
    const nodes = Array.from((screen.getByTestId('copy-test-node') as HTMLSelectElement).options).map((o) => o.value);
    expect(nodes).toEqual(['reminder', 'offer-email', 'education']);

    const start = screen.getByTestId('copy-test-start');
    expect(start.hasAttribute('disabled')).toBe(true);
    fireEvent.click(within(variant(24)).getByTestId('copy-select'));
    expect(start.hasAttribute('disabled')).toBe(true);
    expect(screen.getByTestId('copy-test-why').textContent).toContain('Tick one more');
    fireEvent.click(within(variant(25)).getByTestId('copy-select'));
    expect(screen.getByTestId('copy-test-chosen').textContent).toContain(APPROVED_B.text);
    fireEvent.change(screen.getByTestId('copy-test-node'), { target: { value: 'education' } });
    expect(start.hasAttribute('disabled')).toBe(false);
    fireEvent.click(start);
    expect(mock.startCopyTest).toHaveBeenCalledWith('abandoned-cart', 'education', [24, 25], 'Sam');
    await act(async () => started.resolve());

    const done = await screen.findByTestId('copy-test-done');
    expect(done.textContent).toContain('nothing is sent yet');
    expect(done.textContent).toContain('needs a dry run, and your approval, on the flow’s page');
    const link = within(done).getByTestId('copy-test-link');
    expect(link.getAttribute('href')).toBe('#/flows/abandoned-cart');
    expect(screen.getByTestId('copy-test-chosen').textContent).toBe('None ticked yet.');
    fireEvent.click(link);
    expect(window.location.hash).toBe('#/flows/abandoned-cart');
  });

  it('lists the steps of the flow chosen, and shows the core’s refusal', async () => {
    mock.startCopyTest.mockRejectedValue({
      kind: 'invalid_input',
      message: 'Variant 25 is not approved for its current text: approve it first (an edit sends it back to review).',
    });
    mock.flowDefinition.mockImplementation((slug) =>
      Promise.resolve(
        slug === 'win-back'
          ? {
              ...CART_DEFINITION,
              slug,
              nodes: [{ id: 'miss-you', kind: 'email', template: 'win-back', subject: 'We miss you', variants: [], next: 'done' }, { id: 'done', kind: 'exit' }],
            }
          : CART_DEFINITION,
      ),
    );
    await openApproved();
    fireEvent.change(screen.getByTestId('copy-test-flow'), { target: { value: 'win-back' } });
    await waitFor(() => expect((screen.getByTestId('copy-test-node') as HTMLSelectElement).value).toBe('miss-you'));
    expect(mock.flowDefinition).toHaveBeenLastCalledWith('win-back');
    fireEvent.click(within(variant(24)).getByTestId('copy-select'));
    fireEvent.click(within(variant(25)).getByTestId('copy-select'));
    fireEvent.click(screen.getByTestId('copy-test-start'));
    expect(mock.startCopyTest).toHaveBeenCalledWith('win-back', 'miss-you', [24, 25], 'Sam');
    const error = await screen.findByTestId('copy-error');
    expect(error.getAttribute('data-for')).toBe('test');
    expect(error.textContent).toContain('Variant 25 is not approved for its current text');
    expect(screen.queryByTestId('copy-test-done')).toBeNull();
  });
});

describe('the lists', () => {
  it('shows them one per line and saves them, blank lines left out; the queue is checked again', async () => {
    const saved: CopyRules = { forbidden: ['miracle', 'cheapest', 'best ever'], claims: ['Hand-picked in Shizuoka', 'Steamed twice as long'] };
    mock.saveCopyRules.mockResolvedValue(saved);
    await openQueue();
    const forbidden = (await screen.findByTestId('copy-rules-forbidden')) as HTMLTextAreaElement;
    const claims = screen.getByTestId('copy-rules-claims') as HTMLTextAreaElement;
    expect(forbidden.value).toBe('miracle\nguaranteed results\ncheapest');
    expect(claims.value).toBe('Hand-picked in Shizuoka');
    expect(screen.getByTestId('copy-rules-save').hasAttribute('disabled')).toBe(true);

    const reads = mock.copyQueue.mock.calls.length;
    fireEvent.change(forbidden, { target: { value: 'miracle\n\n cheapest \nbest ever\n' } });
    fireEvent.change(claims, { target: { value: 'Hand-picked in Shizuoka\nSteamed twice as long' } });
    fireEvent.click(screen.getByTestId('copy-rules-save'));
    expect(mock.saveCopyRules).toHaveBeenCalledWith({
      forbidden: ['miracle', 'cheapest', 'best ever'],
      claims: ['Hand-picked in Shizuoka', 'Steamed twice as long'],
    });
    await waitFor(() => expect(screen.getByTestId('copy-rules-status').textContent).toBe('Saved. The queue was checked against them again.'));
    expect(forbidden.value).toBe('miracle\ncheapest\nbest ever');
    await waitFor(() => expect(mock.copyQueue.mock.calls.length).toBeGreaterThan(reads));
  });

  it('shows the core’s message when the lists are refused', async () => {
    mock.saveCopyRules.mockRejectedValue({
      kind: 'invalid_input',
      message: 'An entry is longer than 300 characters (“aaaa…”): keep each phrase or claim to one sentence.',
    });
    await openQueue();
    const forbidden = await screen.findByTestId('copy-rules-forbidden');
    fireEvent.change(forbidden, { target: { value: 'a'.repeat(301) } });
    fireEvent.click(screen.getByTestId('copy-rules-save'));
    const error = await screen.findByTestId('copy-error');
    expect(error.getAttribute('data-for')).toBe('rules');
    expect(error.textContent).toContain('longer than 300 characters');
  });
});

describe('a language model', () => {
  it('is offered when generating once it is saved on the page, and drafts with it', async () => {
    mock.saveCopyGenerator.mockResolvedValue(OPENAI_MODEL);
    const asked = deferred<QueuedVariant[]>();
    mock.queueCopy.mockReturnValue(asked.promise);
    await openQueue();
    await screen.findByTestId('copy-model-provider');
    expect(screen.queryByTestId('copy-via')).toBeNull();
    expect(screen.getByTestId('copy-via-hint').textContent).toBe('Set up a language model below to draft with AI.');

    fireEvent.change(screen.getByTestId('copy-model-name'), { target: { value: 'gpt-4.1-mini' } });
    fireEvent.change(screen.getByTestId('copy-model-key-input'), { target: { value: 'sk-test-123' } });
    fireEvent.click(screen.getByTestId('copy-model-save'));
    expect(mock.saveCopyGenerator).toHaveBeenCalledWith('openai', 'gpt-4.1-mini', null, 'sk-test-123');

    const via = (await screen.findByTestId('copy-via')) as HTMLSelectElement;
    expect(via.value).toBe('offline');
    expect(Array.from(via.options).map((o) => o.textContent)).toEqual([
      'On this computer, from your catalog (no network)',
      'OpenAI · gpt-4.1-mini',
    ]);
    expect(screen.queryByTestId('copy-via-hint')).toBeNull();
    // Saved, the key is in the keychain and the field says so instead of showing it.
    expect(screen.getByTestId('copy-model-key-saved').textContent).toContain('saved in your computer’s keychain');

    fireEvent.change(via, { target: { value: 'ai' } });
    expect(screen.getByTestId('copy-ai-note').textContent).toContain('The product’s facts are sent to OpenAI');
    fireEvent.change(screen.getByTestId('copy-sku'), { target: { value: 'FH-SEN-050' } });
    fireEvent.click(screen.getByTestId('copy-generate'));
    expect(mock.queueCopy).toHaveBeenCalledWith('FH-SEN-050', 'subject', 10, null, 'Sam', 'ai');
    expect(screen.getByTestId('copy-asking').textContent).toContain('Asking OpenAI… this can take a minute or two.');
    expect(within(screen.getByTestId('copy-asking')).getByTestId('progress').className).toContain('progress--indeterminate');
    expect(screen.getByTestId('copy-generate').hasAttribute('disabled')).toBe(true);

    const made = [{ ...FROM_MODEL, id: 41 }];
    queue = [...made, ...queue];
    await act(async () => asked.resolve(made));
    expect(screen.queryByTestId('copy-asking')).toBeNull();
    expect((await screen.findByTestId('copy-generated')).textContent).toContain('1 new draft is in the queue below');
    await waitFor(() => expect(within(variant(41)).getByTestId('copy-generator-line').textContent).toBe(
      'Drafted by openai gpt-4.1-mini · copy-rewrite v1',
    ));
    expect(within(variant(PASSING.id)).getByTestId('copy-generator-line').textContent).toBe('Drafted on this computer');
  });

  it('goes back to this computer once the model is forgotten', async () => {
    mock.copyGenerator.mockResolvedValue(OPENAI_MODEL);
    mock.forgetCopyGenerator.mockResolvedValue(NO_MODEL);
    mock.queueCopy.mockResolvedValue([]);
    await openQueue();
    fireEvent.change(await screen.findByTestId('copy-via'), { target: { value: 'ai' } });
    fireEvent.click(screen.getByTestId('copy-model-forget'));
    expect(mock.forgetCopyGenerator).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('copy-model-forget-confirm'));
    await waitFor(() => expect(screen.queryByTestId('copy-via')).toBeNull());
    expect(screen.getByTestId('copy-via-hint')).toBeTruthy();
    fireEvent.change(screen.getByTestId('copy-sku'), { target: { value: 'FH-SEN-050' } });
    fireEvent.click(screen.getByTestId('copy-generate'));
    expect(mock.queueCopy).toHaveBeenCalledWith('FH-SEN-050', 'subject', 10, null, 'Sam', 'offline');
  });

  it('still drafts on this computer when the settings cannot be read, and offers to read them again', async () => {
    mock.copyGenerator.mockRejectedValueOnce({ kind: 'database', message: 'Reading settings failed: disk I/O error.' });
    await openQueue();
    const failed = await screen.findByTestId('copy-model-load-error');
    expect(failed.textContent).toContain('Reading settings failed: disk I/O error.');
    expect(screen.queryByTestId('copy-via')).toBeNull();
    expect(screen.getByTestId('copy-offline')).toBeTruthy();
    mock.copyGenerator.mockResolvedValue(OPENAI_MODEL);
    fireEvent.click(within(failed).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByTestId('copy-via')).toBeTruthy();
  });
});

describe('ad copy', () => {
  it('exports a product’s ad copy as CSV to copy, and shows the core’s message for an unknown SKU', async () => {
    const csv = 'audience,pain,text,hook,passes,rules\nNew here,not sure how to use it,Brew it in two minutes,education,yes,\n';
    mock.adCopyCsv.mockResolvedValueOnce(csv);
    await openQueue();
    fireEvent.click(screen.getByTestId('copy-ads-export'));
    expect(screen.getByTestId('copy-ads-problem').textContent).toBe('Type the product’s SKU, e.g. FH-SEN-050.');
    expect(mock.adCopyCsv).not.toHaveBeenCalled();

    fireEvent.change(screen.getByTestId('copy-ads-sku'), { target: { value: ' FH-SEN-050 ' } });
    fireEvent.click(screen.getByTestId('copy-ads-export'));
    expect(mock.adCopyCsv).toHaveBeenCalledWith('FH-SEN-050');
    expect(((await screen.findByTestId('copy-ads-csv')) as HTMLTextAreaElement).value).toBe(csv);
    expect(screen.getByTestId('copy-ads-csv-copy').textContent).toBe('Copy');

    mock.adCopyCsv.mockRejectedValueOnce({
      kind: 'not_found',
      message: 'No product has the SKU `NOPE`: check it against your catalog (Data → products).',
    });
    fireEvent.change(screen.getByTestId('copy-ads-sku'), { target: { value: 'NOPE' } });
    fireEvent.click(screen.getByTestId('copy-ads-export'));
    const error = await screen.findByTestId('copy-error');
    expect(error.getAttribute('data-for')).toBe('ads');
    expect(error.textContent).toBe('No product has the SKU `NOPE`: check it against your catalog (Data → products).');
    expect(screen.queryByTestId('copy-ads-csv')).toBeNull();
  });
});
