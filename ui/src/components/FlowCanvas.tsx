// A flow drawn as a diagram (with @xyflow/react): its steps top to bottom by rank (the longest path
// from the start; see flowLayout), joined by arrows labelled with what takes each way, and, once a
// dry run exists, how many people reached each step and what happened there. The same steps are
// listed in words under it for anyone who prefers, or needs, text. In the editor a step is chosen
// by clicking it or pressing Enter on it; the chosen one and those with problems are marked.

import { memo, useEffect, useMemo, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { BaseEdge, Controls, Handle, MarkerType, Position, ReactFlow, getSmoothStepPath, useReactFlow } from '@xyflow/react';
import type { Edge, EdgeProps, Node, NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { FlowNodeView, NodeCount } from '../gen/api';
import { NODE_WIDTH, RANK_GAP_Y, edgeKey, labelPoint, layoutFlow, mergeEdges, roundedPath, routePoints } from '../flowLayout';
import type { EdgeRoute } from '../flowLayout';
import { kindWords } from '../flowWords';
import { defaultLocale, formatCount } from '../format';

interface StepData extends Record<string, unknown> {
  view: FlowNodeView;
  count: NodeCount | null;
  isStart: boolean;
  locale: string;
  selected: boolean;
  marked: boolean;
}

type StepNode = Node<StepData, 'step'>;

type RouteEdge = Edge<{ route: EdgeRoute | null }, 'route'>;

/** "1,234 reached · 980 sent · 12 held" (only what applies; would-send when the holdout had any). */
export function countWords(count: NodeCount, locale = defaultLocale()): string {
  const parts = [`${formatCount(count.reached, locale)} reached`];
  if (count.sent > 0 || count.would_send > 0) parts.push(`${formatCount(count.sent, locale)} sent`);
  if (count.would_send > 0) parts.push(`${formatCount(count.would_send, locale)} would have been sent (held back)`);
  if (count.held > 0) parts.push(`${formatCount(count.held, locale)} held`);
  return parts.join(' · ');
}

const StepNodeView = memo(function StepNodeView({ data }: NodeProps<StepNode>) {
  const { view, count, isStart, locale, selected, marked } = data;
  return (
    <div
      className={`flow-node flow-node--${view.kind}${isStart ? ' flow-node--start' : ''}${selected ? ' is-selected' : ''}${marked ? ' has-problem' : ''}`}
      data-testid="flow-node"
      data-node={view.id}
      data-selected={selected || undefined}
      data-problem={marked || undefined}
      data-reached={count?.reached ?? ''}
      data-sent={count?.sent ?? ''}
      data-held={count?.held ?? ''}
    >
      {isStart ? null : <Handle type="target" position={Position.Top} isConnectable={false} />}
      <span className="flow-node__kind">{isStart ? `Start · ${kindWords(view.kind)}` : kindWords(view.kind)}</span>
      <span className="flow-node__title">{view.title}</span>
      {marked ? <span className="flow-node__problem">Needs fixing</span> : null}
      {view.detail ? <span className="flow-node__detail">{view.detail}</span> : null}
      {count ? (
        <span className="flow-node__counts num" data-testid="flow-node-counts">
          <span title="People who reached this step">
            <strong>{formatCount(count.reached, locale)}</strong> reached
          </span>
          {count.sent > 0 || count.would_send > 0 ? (
            <span title="Emails sent to people not held back">
              <strong>{formatCount(count.sent, locale)}</strong> sent
            </span>
          ) : null}
          {count.held > 0 ? (
            <span className="flow-node__held" title="Held or skipped by a guardrail">
              <strong>{formatCount(count.held, locale)}</strong> held
            </span>
          ) : null}
        </span>
      ) : null}
      {view.edges.length > 0 ? <Handle type="source" position={Position.Bottom} isConnectable={false} /> : null}
    </div>
  );
});

/** An arrow that turns only between ranks and crosses ranks in its own lane (see flowLayout). */
function RouteEdgeView(props: EdgeProps<RouteEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, label, markerEnd } = props;
  const points = data?.route ? routePoints({ x: sourceX, y: sourceY }, { x: targetX, y: targetY }, data.route) : null;
  let path: string;
  let at: { x: number; y: number };
  if (points) {
    path = roundedPath(points);
    at = labelPoint(points);
  } else {
    const [d, x, y] = getSmoothStepPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
    path = d;
    at = { x, y };
  }
  return (
    <BaseEdge
      id={id}
      path={path}
      markerEnd={markerEnd}
      label={label}
      labelX={at.x}
      labelY={at.y}
      labelBgPadding={[6, 3]}
      labelBgBorderRadius={4}
    />
  );
}

const NODE_TYPES = { step: StepNodeView };
const EDGE_TYPES = { route: RouteEdgeView };

const ARIA = {
  'node.a11yDescription.default': 'A step of the flow. Press Tab for the next step.',
  'node.a11yDescription.keyboardDisabled': 'A step of the flow. Press Tab for the next step.',
  'edge.a11yDescription.default': 'The way from one step to the next.',
  'controls.ariaLabel': 'Diagram controls',
  'controls.zoomIn.ariaLabel': 'Zoom in',
  'controls.zoomOut.ariaLabel': 'Zoom out',
  'controls.fitView.ariaLabel': 'Fit the whole flow in view',
};

export interface FlowCanvasProps {
  start: string;
  nodes: FlowNodeView[];
  /** The latest dry run's counts per node, or null when there is none. */
  counts: NodeCount[] | null;
  locale?: string;
  /** The editor's: the step being edited, steps with problems, and choosing a step. */
  selected?: string | null;
  marked?: ReadonlySet<string>;
  onSelect?: (id: string) => void;
}

const NONE: ReadonlySet<string> = new Set();

/** Fits the whole flow in view again when steps come or go (the editor adds and deletes them). */
function FitOnChange({ ids }: { ids: string }) {
  const flow = useReactFlow();
  const first = useRef(ids);
  useEffect(() => {
    // The first fit is the canvas's own, once the steps are measured.
    if (ids !== first.current) void flow.fitView({ padding: 0.12, maxZoom: 1 });
  }, [ids]);
  return null;
}

export function FlowCanvas({
  start,
  nodes: given,
  counts,
  locale = defaultLocale(),
  selected = null,
  marked = NONE,
  onSelect,
}: FlowCanvasProps) {
  const { flowNodes, flowEdges, height } = useMemo(() => {
    const nodes = mergeEdges(given);
    const byNode = new Map((counts ?? []).map((c) => [c.node, c]));
    const layout = layoutFlow(start, nodes);
    const placed = layout.nodes;
    const position = new Map(placed.map((p) => [p.id, p]));
    const ranks = Math.max(1, ...placed.map((p) => p.rank + 1));
    const flowNodes: StepNode[] = nodes.map((view) => {
      const p = position.get(view.id);
      const count = byNode.get(view.id) ?? null;
      return {
        id: view.id,
        type: 'step',
        position: { x: p?.x ?? 0, y: p?.y ?? 0 },
        data: { view, count, isStart: view.id === start, locale, selected: view.id === selected, marked: marked.has(view.id) },
        draggable: false,
        selectable: false,
        connectable: false,
        ariaLabel: [
          kindWords(view.kind),
          view.title,
          view.detail,
          count ? countWords(count, locale) : '',
          marked.has(view.id) ? 'Needs fixing' : '',
          view.id === selected ? 'Being edited' : '',
        ]
          .filter((s) => s !== '')
          .join('. '),
        style: { width: NODE_WIDTH },
      };
    });
    const known = new Set(nodes.map((n) => n.id));
    const flowEdges: RouteEdge[] = nodes.flatMap((n) =>
      n.edges.flatMap((e, i) =>
        known.has(e.to)
          ? [
              {
                id: `${n.id}->${e.to}#${i}`,
                source: n.id,
                target: e.to,
                type: 'route' as const,
                label: e.label || undefined,
                data: { route: layout.routes.get(edgeKey(n.id, i)) ?? null },
                className: 'flow-edge',
                markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
                focusable: false,
                selectable: false,
              },
            ]
          : [],
      ),
    );
    // Tall enough to read every step at a comfortable size, short enough to scroll past.
    const height = Math.min(1000, Math.max(320, ranks * RANK_GAP_Y + 80));
    return { flowNodes, flowEdges, height };
  }, [start, given, counts, locale, selected, marked]);

  // Enter or Space on a focused step chooses it, as a click does.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!onSelect || (e.key !== 'Enter' && e.key !== ' ')) return;
    const id = (e.target as HTMLElement).closest('.react-flow__node')?.getAttribute('data-id');
    if (id) {
      e.preventDefault();
      onSelect(id);
    }
  };

  return (
    <div className="flow-canvas-wrap">
      <div
        className="flow-canvas"
        style={{ height }}
        role="group"
        aria-label={
          onSelect
            ? 'The flow as a diagram: choose a step to edit it (Tab to a step, then Enter)'
            : 'The flow as a diagram: each step with how many people reached it'
        }
        data-testid="flow-canvas"
        data-editing={onSelect ? 'true' : undefined}
        onKeyDown={onKeyDown}
      >
        <ReactFlow
          nodes={flowNodes}
          edges={flowEdges}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          fitView
          fitViewOptions={{ padding: 0.12, maxZoom: 1 }}
          minZoom={0.25}
          maxZoom={1.5}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          edgesFocusable={false}
          zoomOnScroll={false}
          panOnScroll={false}
          preventScrolling={false}
          zoomOnDoubleClick={false}
          ariaLabelConfig={ARIA}
          onNodeClick={onSelect ? (_, node) => onSelect(node.id) : undefined}
        >
          <Controls showInteractive={false} position="top-right" />
          {onSelect ? <FitOnChange ids={given.map((n) => n.id).join('\u0000')} /> : null}
        </ReactFlow>
      </div>
      <details className="flow-steps">
        <summary>The steps in words</summary>
        <ol className="flow-steps__list" data-testid="flow-steps">
          {given.map((n) => {
            const count = counts?.find((c) => c.node === n.id) ?? null;
            const known = n.edges.filter((e) => given.some((m) => m.id === e.to));
            return (
              <li key={n.id}>
                <strong>{n.title}</strong>
                {n.detail ? <span className="muted"> — {n.detail}</span> : null}
                {count ? <span className="subtle num"> ({countWords(count, locale)})</span> : null}
                {known.length > 0 ? (
                  <ul className="flow-steps__ways">
                    {known.map((e, i) => {
                      const to = given.find((m) => m.id === e.to);
                      return (
                        <li key={`${e.to}#${i}`}>
                          {e.label ? `${e.label}: ` : 'Then: '}
                          {to?.title ?? e.to}
                        </li>
                      );
                    })}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ol>
      </details>
    </div>
  );
}
