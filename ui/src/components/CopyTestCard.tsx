// "Use in an A/B test": the approved subject lines the owner ticked, a flow and one of its email
// steps, and Start — which saves a new version of the flow whose step picks one line per customer.
// Nothing is sent by starting: the page says the new version needs a dry run and approval on the
// flow's own page, and links there.

import { useEffect, useId, useState } from 'react';
import { flowDefinition, flowsList, startCopyTest } from '../api';
import type { FlowNode, FlowSummary, QueuedVariant } from '../api';
import { useAction } from '../useAction';
import type { Navigate } from '../useHashRoute';
import { useLoad } from '../useLoad';
import { AreaLink } from './AreaLink';

export interface CopyTestCardProps {
  /** The ticked subject lines, in the order ticked. */
  chosen: readonly QueuedVariant[];
  onUnselect: (id: number) => void;
  by: string;
  onNeedName: () => void;
  /** Called once the core saved the new version of the flow. */
  onStarted: () => void;
  navigate: Navigate;
}

type EmailNode = Extract<FlowNode, { kind: 'email' }>;

/** The playbook flow the owner most likely means, else the first. */
function defaultFlow(flows: readonly FlowSummary[]): string {
  return flows.find((f) => f.slug === 'abandoned-cart')?.slug ?? flows[0]?.slug ?? '';
}

export function CopyTestCard({ chosen, onUnselect, by, onNeedName, onStarted, navigate }: CopyTestCardProps) {
  const id = useId();
  const flows = useLoad(flowsList, []);
  const flowList = flows.load.state === 'ready' ? flows.load.value : [];
  const [flow, setFlow] = useState('');
  const [node, setNode] = useState('');
  const definition = useLoad(flow === '' ? null : () => flowDefinition(flow), [flow]);
  const emailNodes: EmailNode[] =
    definition.load.state === 'ready'
      ? definition.load.value.nodes.filter((n): n is EmailNode => n.kind === 'email')
      : [];
  const action = useAction();
  const [done, setDone] = useState<{ flow: FlowSummary | { slug: string; name: string }; node: string; count: number } | null>(
    null,
  );
  const [problem, setProblem] = useState<string | null>(null);

  // Pick the likely flow once the list is read, and the first email step once its steps are.
  useEffect(() => {
    if (flow === '' && flowList.length > 0) setFlow(defaultFlow(flowList));
  }, [flowList, flow]);
  const nodeIds = emailNodes.map((n) => n.id).join(' ');
  useEffect(() => {
    if (emailNodes.length > 0 && !emailNodes.some((n) => n.id === node)) setNode(emailNodes[0]!.id);
    // Only when the steps read change: a step the owner chose stays chosen.
  }, [nodeIds]);

  const enough = chosen.length >= 2;
  const ready = enough && flow !== '' && emailNodes.some((n) => n.id === node);

  const start = () => {
    const name = by.trim();
    setProblem(null);
    if (name === '') {
      setProblem('Type your name in “Your name” at the top first: the test is recorded under it.');
      onNeedName();
      return;
    }
    const ids = chosen.map((v) => v.id);
    const summary = flowList.find((f) => f.slug === flow) ?? { slug: flow, name: flow };
    void action.run(async () => {
      await startCopyTest(flow, node, ids, name);
      setDone({ flow: summary, node, count: ids.length });
      onStarted();
    });
  };

  return (
    <section className="card card--stack copy-test" aria-labelledby={`${id}-title`} data-testid="copy-test">
      <h2 id={`${id}-title`} className="card__title">
        Use in an A/B test
      </h2>
      <p className="muted small">
        Tick two or more approved subject lines (“Use in an A/B test” on each, under Approved), then choose the email
        they should take turns on. Each customer gets one of them, always the same one, and Measurement compares them.
      </p>

      {chosen.length === 0 ? (
        <p className="small" data-testid="copy-test-chosen">
          None ticked yet.
        </p>
      ) : (
        <ul className="copy-test__chosen" data-testid="copy-test-chosen">
          {chosen.map((v) => (
            <li key={v.id}>
              <span className="copy-test__line">{v.text}</span>
              <button
                type="button"
                className="btn btn--ghost btn--sm"
                onClick={() => onUnselect(v.id)}
                aria-label={`Take #${v.id} out of the test`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}

      <div className="field">
        <label className="field__label" htmlFor={`${id}-flow`}>
          Flow
        </label>
        <select
          id={`${id}-flow`}
          className="select"
          value={flow}
          onChange={(e) => {
            setFlow(e.target.value);
            setDone(null);
          }}
          disabled={flowList.length === 0}
          data-testid="copy-test-flow"
        >
          {flowList.length === 0 ? <option value="">{flows.load.state === 'loading' ? 'Reading flows…' : 'No flows'}</option> : null}
          {flowList.map((f) => (
            <option key={f.slug} value={f.slug}>
              {f.name}
            </option>
          ))}
        </select>
        {flows.load.state === 'error' ? (
          <p className="field__error">
            The flows could not be read: {flows.load.error.message}{' '}
            <button type="button" className="btn btn--ghost btn--sm" onClick={flows.retry}>
              Try again
            </button>
          </p>
        ) : null}
      </div>

      <div className="field">
        <label className="field__label" htmlFor={`${id}-node`}>
          Email step
        </label>
        <select
          id={`${id}-node`}
          className="select"
          value={node}
          onChange={(e) => setNode(e.target.value)}
          disabled={emailNodes.length === 0}
          data-testid="copy-test-node"
        >
          {emailNodes.length === 0 ? (
            <option value="">{definition.load.state === 'loading' && flow !== '' ? 'Reading its steps…' : 'No email steps'}</option>
          ) : null}
          {emailNodes.map((n) => (
            <option key={n.id} value={n.id}>
              {n.id} — “{n.subject}”
            </option>
          ))}
        </select>
        {definition.load.state === 'error' ? (
          <p className="field__error">Its steps could not be read: {definition.load.error.message}</p>
        ) : null}
      </div>

      <div>
        <button
          type="button"
          className="btn btn--primary"
          onClick={start}
          disabled={!ready || action.running !== null}
          data-testid="copy-test-start"
        >
          {action.running !== null ? 'Starting…' : 'Start a test'}
        </button>
      </div>
      {!enough ? (
        <p className="field__hint" data-testid="copy-test-why">
          {chosen.length === 0 ? 'Tick at least two subject lines first.' : 'Tick one more subject line: a test needs two or more.'}
        </p>
      ) : null}

      {problem !== null || action.error !== null ? (
        <pre className="message-box" role="alert" data-testid="copy-error" data-for="test">
          {problem ?? action.error?.message}
        </pre>
      ) : null}

      {done !== null ? (
        <div className="banner banner--success" role="status" data-testid="copy-test-done">
          <p className="banner__title">The test is set up — nothing is sent yet</p>
          <p>
            “{done.flow.name}” has a new version whose “{done.node}” email uses one of these {done.count} subject lines
            per customer. It needs a dry run, and your approval, on the flow’s page before it can go live.
          </p>
          <p>
            <AreaLink area="flows" path={[done.flow.slug]} navigate={navigate} testId="copy-test-link">
              Open “{done.flow.name}” for its dry run
            </AreaLink>
          </p>
        </div>
      ) : null}
    </section>
  );
}
