// Editing a flow (#/flows/<slug>/edit): the same diagram as the flow's page with the step being
// edited marked, a form for that step and one for the flow's settings beside it, every problem the
// core would refuse listed (and marked on the diagram) before saving, then Save — a new version,
// back to draft — or Cancel. The layout is automatic; only the definition is saved.

import { Suspense, lazy, useMemo, useRef, useState } from 'react';
import { flowDefinition, flowTemplates, flowsList, ruleFields, saveFlow, scoreSummary, toApiError } from '../api';
import type { FlowDefinition, FlowNode, FlowSummary, FlowTemplate, RuleField, StoreInfo } from '../api';
import { hashFor } from '../areas';
import { badgeClass } from '../customerWords';
import { STEP_KINDS, addStep, checkFlow, deleteStep, newStep, nodeInMessage, problemSteps, replaceStep, segmentChoices, uniqueId, viewsOf } from '../flowDraft';
import type { Known, StepKind } from '../flowDraft';
import { kindWords } from '../flowWords';
import { defaultLocale } from '../format';
import { useAction } from '../useAction';
import { useConfirmStep } from '../useConfirmStep';
import type { Navigate } from '../useHashRoute';
import { useLoad } from '../useLoad';
import { StepOptions } from '../components/FlowInputs';
import { FlowSettingsForm } from '../components/FlowSettingsForm';
import { FlowStepForm } from '../components/FlowStepForm';
import { ErrorState, LoadingState } from '../components/States';
import { useToast } from '../components/Toast';

const FlowCanvas = lazy(() => import('../components/FlowCanvas').then((m) => ({ default: m.FlowCanvas })));

/** What the editor reads before it shows anything; the lists it can do without are null or empty. */
interface EditorData {
  definition: FlowDefinition;
  templates: FlowTemplate[] | null;
  fields: RuleField[];
  segments: Array<{ id: string; name: string }>;
  /** The scoring's segment ids (built-in and custom), or null when never scored (then unchecked). */
  segmentIds: string[] | null;
  summary: FlowSummary | null;
}

async function readForEditor(slug: string): Promise<EditorData> {
  const [definition, templates, fields, score, flows] = await Promise.all([
    flowDefinition(slug),
    flowTemplates().catch(() => null),
    ruleFields().catch(() => [] as RuleField[]),
    scoreSummary().catch(() => null),
    flowsList().catch(() => null),
  ]);
  return {
    definition,
    templates,
    fields,
    segments: segmentChoices(score?.segments ?? null),
    segmentIds: score ? score.segments.map((s) => s.id) : null,
    summary: flows?.find((f) => f.slug === slug) ?? null,
  };
}

export interface FlowEditorPageProps {
  slug: string;
  store: StoreInfo;
  navigate: Navigate;
}

export function FlowEditorPage({ slug, store, navigate }: FlowEditorPageProps) {
  const { load, retry } = useLoad(() => readForEditor(slug), [slug]);
  if (load.state !== 'ready') {
    return (
      <div className="page" data-testid="flow-editor">
        <BackLink slug={slug} navigate={navigate} />
        {load.state === 'loading' ? (
          <LoadingState title="Reading the flow…" />
        ) : (
          <ErrorState title="This flow could not be read for editing" error={load.error} onRetry={retry} />
        )}
      </div>
    );
  }
  return <FlowEditor key={slug} data={load.value} currency={store.currency} navigate={navigate} />;
}

function BackLink({ slug, navigate, onClick }: { slug: string; navigate: Navigate; onClick?: () => void }) {
  return (
    <a
      className="back-link"
      href={hashFor('flows', slug)}
      onClick={(e) => {
        e.preventDefault();
        if (onClick) onClick();
        else navigate('flows', slug);
      }}
      data-testid="flow-editor-back"
    >
      ← Back to the flow
    </a>
  );
}

function FlowEditor({ data, currency, navigate }: { data: EditorData; currency: string; navigate: Navigate }) {
  const initial = data.definition;
  const slug = initial.slug;
  const [draft, setDraft] = useState<FlowDefinition>(initial);
  const [selected, setSelected] = useState<string | null>(initial.start);
  const [newKind, setNewKind] = useState<StepKind>('email');
  const [added, setAdded] = useState<string | null>(null);
  const [blocked, setBlocked] = useState(false);
  const [coreNode, setCoreNode] = useState<string | null>(null);
  const latest = useRef(draft);
  latest.current = draft;
  const problemsRef = useRef<HTMLDivElement>(null);
  const save = useAction();
  const discard = useConfirmStep();
  const toast = useToast();
  const locale = defaultLocale();

  const known: Known = { templates: data.templates?.map((t) => t.name) ?? null, segments: data.segmentIds, fields: data.fields.length > 0 ? data.fields : null };
  const views = useMemo(() => viewsOf(draft, data.segments), [draft, data.segments]);
  const problems = useMemo(() => checkFlow(draft, known), [draft, data]);
  const marked = useMemo(() => {
    const m = problemSteps(problems);
    if (coreNode) m.add(coreNode);
    return m;
  }, [problems, coreNode]);
  const steps = views.map((v) => ({ id: v.id, title: v.title }));
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial);
  const live = data.summary?.status === 'live';
  const node = draft.nodes.find((n) => n.id === selected) ?? null;
  const template = data.templates?.[0]?.name ?? 'cart-reminder';

  const change = (f: (d: FlowDefinition) => FlowDefinition) => {
    setDraft(f);
    setBlocked(false);
  };

  /** "＋ New step…" from a "next" list: the step is made, the list points at it, and the owner is told. */
  const createStep = (kind: StepKind, then: string): string => {
    const id = uniqueId(kind === 'exit' ? 'end' : kind, latest.current.nodes.map((n) => n.id));
    const made = newStep(kind, id, then, template);
    latest.current = { ...latest.current, nodes: [...latest.current.nodes, made] };
    change((d) => ({ ...d, nodes: [...d.nodes, made] }));
    setAdded(id);
    return id;
  };

  const select = (id: string | null) => {
    setSelected(id);
    setAdded(null);
  };

  const onSave = () => {
    if (live) return;
    if (problems.length > 0) {
      setBlocked(true);
      problemsRef.current?.focus();
      return;
    }
    void save.run(async () => {
      setCoreNode(null);
      try {
        const saved = await saveFlow(draft);
        toast.show({ tone: 'success', text: `Saved as version ${saved.version} — run a dry run before launching.` });
        navigate('flows', saved.slug);
      } catch (e) {
        const at = nodeInMessage(toApiError(e).message);
        if (at !== null && draft.nodes.some((n) => n.id === at)) {
          setCoreNode(at);
          select(at);
        }
        throw e;
      }
    });
  };

  const leave = () => {
    if (dirty) discard.setOpen(true);
    else navigate('flows', slug);
  };

  return (
    <div className="page" data-testid="flow-editor" data-slug={slug}>
      <BackLink slug={slug} navigate={navigate} onClick={leave} />
      <header className="page__header">
        <p className="page__eyebrow">Editing flow</p>
        <div className="page__title-row">
          <h1>{draft.name.trim() || initial.name}</h1>
          <span className={badgeClass(dirty ? 'warning' : 'neutral')} data-testid="flow-editor-state">
            {dirty ? 'Unsaved changes' : 'No changes yet'}
          </span>
        </div>
        <p className="page__lede">
          Choose a step on the diagram to change it. Saving makes {data.summary ? `version ${data.summary.version + 1}` : 'a new version'}, a
          draft: it sends nothing until it has had a dry run and is launched again.
        </p>
      </header>

      {live ? (
        <div className="banner banner--warning" role="status" data-testid="flow-editor-live">
          <p className="banner__title">This flow is live</p>
          <p>Pause the flow to edit it; a changed flow starts again as a draft.</p>
        </div>
      ) : null}

      <div className="flow-editor__bar" onKeyDown={discard.onKeyDown}>
        <div className="action-bar flow-editor__actions">
          <button
            type="button"
            className="btn btn--primary"
            onClick={onSave}
            disabled={save.running !== null || live || discard.open}
            data-testid="flow-editor-save"
          >
            {save.running ? 'Saving…' : 'Save as a new version'}
          </button>
          <button
            ref={discard.openerRef}
            type="button"
            className="btn"
            onClick={leave}
            aria-expanded={dirty ? discard.open : undefined}
            data-testid="flow-editor-cancel"
          >
            Cancel
          </button>
        </div>
        {discard.open ? (
          <div className="launch__confirm" role="group" aria-labelledby="discard-title" data-testid="flow-editor-discard">
            <p id="discard-title">
              <strong>Discard your changes?</strong> The flow stays as it was last saved.
            </p>
            <div className="killconfirm__actions">
              <button
                ref={discard.confirmRef}
                type="button"
                className="btn btn--danger"
                onClick={() => navigate('flows', slug)}
                data-testid="flow-editor-discard-confirm"
              >
                Discard changes
              </button>
              <button type="button" className="btn" onClick={discard.close}>
                Keep editing
              </button>
            </div>
          </div>
        ) : null}
      </div>

      {save.error ? (
        <div className="banner banner--danger" role="alert" data-testid="flow-editor-error">
          <p className="banner__title">Storeloop did not save this version</p>
          <p>{save.error.message}</p>
          <p className="small">Nothing was saved; your changes are still here.{coreNode ? ' The step it names is chosen below.' : ''}</p>
        </div>
      ) : null}

      <section
        ref={problemsRef}
        tabIndex={-1}
        className={`card card--stack flow-editor__problems${problems.length > 0 ? ' has-problems' : ''}`}
        aria-labelledby="flow-problems-title"
        data-testid="flow-editor-problems"
      >
        <h2 id="flow-problems-title" className="card__title">
          {problems.length === 0
            ? 'Nothing to fix'
            : problems.length === 1
              ? '1 thing to fix before saving'
              : `${problems.length} things to fix before saving`}
        </h2>
        {problems.length === 0 ? (
          <p className="muted small">Storeloop checks the flow again when you save.</p>
        ) : (
          <>
            {blocked ? (
              <p className="field__error" role="alert">
                Fix these first; nothing was saved.
              </p>
            ) : null}
            <ul className="flow-editor__problem-list">
              {problems.map((p, i) => (
                <li key={i} data-testid="flow-problem" data-node={p.node ?? ''}>
                  {p.node !== null ? (
                    <button type="button" className="link-button" onClick={() => select(draft.nodes.some((n) => n.id === p.node) ? p.node : null)}>
                      {views.find((v) => v.id === p.node)?.title ?? 'Step'} ({p.node})
                    </button>
                  ) : (
                    <strong>Flow settings</strong>
                  )}
                  : {p.text}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <div className="flow-editor">
        <div className="flow-editor__canvas">
          <Suspense fallback={<LoadingState title="Drawing the flow…" />}>
            <FlowCanvas start={draft.start} nodes={views} counts={null} locale={locale} selected={selected} marked={marked} onSelect={select} />
          </Suspense>
        </div>

        <div className="flow-editor__panel">
          <section className="card card--stack" aria-labelledby="flow-step-title" data-testid="flow-editor-step">
            <div className="flow-editor__step-head">
              <h2 id="flow-step-title" className="card__title">
                {node ? `Step: ${kindWords(node.kind)}` : 'Steps'}
              </h2>
              <select
                className="select"
                value={selected ?? ''}
                onChange={(e) => select(e.target.value || null)}
                aria-label="Step being edited"
                data-testid="flow-editor-pick"
              >
                <option value="">Choose a step…</option>
                <StepOptions steps={steps} value={selected ?? ''} />
              </select>
            </div>
            {node ? (
              <div className="flow-editor__form" key={node.id} data-testid="flow-step-form" data-node={node.id} data-kind={node.kind}>
                <p className="subtle small">
                  Id <span className="mono">{node.id}</span>
                  {node.id === draft.start ? ' · the first step' : ''}
                  {node.id === coreNode
                    ? ' · Storeloop refused this step (see the message above)'
                    : marked.has(node.id)
                      ? ' · needs fixing (see the list above)'
                      : ''}
                </p>
                <FlowStepForm
                  node={node}
                  onChange={(n: FlowNode) => change((d) => replaceStep(d, node.id, () => n))}
                  steps={steps}
                  onCreate={createStep}
                  templates={data.templates}
                  segments={data.segments}
                  fields={data.fields}
                  currency={currency}
                />
                {added ? (
                  <p className="banner banner--success small" role="status" data-testid="flow-editor-added">
                    Added the step <span className="mono">{added}</span>.{' '}
                    <button type="button" className="link-button" onClick={() => select(added)}>
                      Set it up now
                    </button>
                  </p>
                ) : null}
                <div>
                  <button
                    type="button"
                    className="btn btn--ghost btn--sm flow-editor__delete"
                    onClick={() => {
                      change((d) => deleteStep(d, node.id));
                      select(null);
                    }}
                    data-testid="flow-editor-delete"
                  >
                    Delete this step
                  </button>
                </div>
              </div>
            ) : (
              <p className="muted">Choose a step on the diagram, or in the list, to change it.</p>
            )}
            <div className="flow-editor__add">
              <label className="field">
                <span className="field__label">{node && 'next' in node ? 'Add a step after this one' : 'Add a step'}</span>
                <select className="select" value={newKind} onChange={(e) => setNewKind(e.target.value as StepKind)} data-testid="flow-editor-add-kind">
                  {STEP_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {kindWords(k)}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="btn btn--sm"
                onClick={() => {
                  const made = addStep(latest.current, newKind, selected, template);
                  change(() => made.def);
                  select(made.id);
                }}
                data-testid="flow-editor-add"
              >
                Add step
              </button>
            </div>
          </section>

          <section className="card card--stack" aria-labelledby="flow-settings-title">
            <h2 id="flow-settings-title" className="card__title">
              Flow settings
            </h2>
            <FlowSettingsForm def={draft} onChange={change} steps={steps} fields={data.fields} segments={data.segments} currency={currency} />
          </section>
        </div>
      </div>
    </div>
  );
}
