// Where the canvas puts each step of a flow, and the path of each arrow. Steps go top to bottom by
// rank (the longest path to them from the start); inside a rank they follow the steps that lead to
// them, so branches fan out under their split. An arrow that skips ranks gets a lane of its own in
// each rank it crosses, so it never runs behind a step; arrows turn only in the gaps between ranks,
// on a track of their own there unless they leave from the same point (a split's fan).

import type { FlowNodeView } from './gen/api';

export const NODE_WIDTH = 240;
/** From the top of one rank to the top of the next. */
export const RANK_GAP_Y = 180;
/** Space between neighbours in a rank. */
export const SLOT_GAP_X = 40;
/** The width a skipping arrow's lane takes in a rank it crosses. */
export const LANE_WIDTH = 16;
/** How far above a rank its arrows turn (the first track of the gap). */
export const TURN_ABOVE = 20;
/** Between the tracks of one gap, when arrows leaving from different points cross it. */
export const TRACK_GAP = 10;

export interface PlacedNode {
  id: string;
  /** Longest path from the start; unreachable steps come after the last rank. */
  rank: number;
  /** Left edge and top, in the canvas's units. */
  x: number;
  y: number;
}

/** An arrow's way down: the ranks it joins and, in each rank between, the middle of its lane. */
export interface EdgeRoute {
  fromRank: number;
  toRank: number;
  lanes: number[];
  /** The height it turns at in each gap it crosses, top to bottom (one more than the lanes). */
  turns: number[];
}

export interface FlowLayout {
  nodes: PlacedNode[];
  /** By `edgeKey(from, index of the edge in from's edges)`. */
  routes: Map<string, EdgeRoute>;
}

/**
 * The same steps with each step's ways to one target drawn as one arrow: a split whose "everyone
 * else" goes where one of its branches goes gets one arrow labelled "segment A or everyone else".
 */
export function mergeEdges(nodes: readonly FlowNodeView[]): FlowNodeView[] {
  return nodes.map((n) => {
    const byTarget = new Map<string, string[]>();
    for (const e of n.edges) {
      const labels = byTarget.get(e.to) ?? [];
      if (e.label !== '' && !labels.includes(e.label)) labels.push(e.label);
      byTarget.set(e.to, labels);
    }
    if (byTarget.size === n.edges.length) return n;
    return { ...n, edges: [...byTarget].map(([to, labels]) => ({ to, label: labels.join(' or ') })) };
  });
}

export function edgeKey(from: string, index: number): string {
  return `${from}#${index}`;
}

/**
 * Each node's rank: the longest path to it from `start`, ignoring edges that lead back to a step
 * already on the way (a loop). Steps the start never reaches share the rank after the last one.
 */
export function rankNodes(start: string, nodes: readonly FlowNodeView[]): Map<string, number> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const order: string[] = []; // reverse post-order = a topological order of the forward edges
  const state = new Map<string, 'open' | 'done'>();
  const back = new Set<string>(); // "from\0to" edges that close a loop

  // Iterative depth-first search, so a long flow cannot overflow the stack.
  if (byId.has(start)) {
    const stack: Array<{ id: string; next: number }> = [{ id: start, next: 0 }];
    state.set(start, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const edges = byId.get(top.id)?.edges ?? [];
      if (top.next < edges.length) {
        const to = edges[top.next]!.to;
        top.next += 1;
        if (!byId.has(to)) continue;
        const seen = state.get(to);
        if (seen === 'open') back.add(`${top.id}\u0000${to}`);
        else if (seen === undefined) {
          state.set(to, 'open');
          stack.push({ id: to, next: 0 });
        }
      } else {
        state.set(top.id, 'done');
        order.push(top.id);
        stack.pop();
      }
    }
  }
  order.reverse();

  const rank = new Map<string, number>();
  if (order.length > 0) rank.set(start, 0);
  for (const id of order) {
    const r = rank.get(id) ?? 0;
    for (const e of byId.get(id)?.edges ?? []) {
      if (!byId.has(e.to) || back.has(`${id}\u0000${e.to}`)) continue;
      rank.set(e.to, Math.max(rank.get(e.to) ?? 0, r + 1));
    }
  }
  const after = order.length === 0 ? 0 : Math.max(...rank.values()) + 1;
  for (const n of nodes) if (!rank.has(n.id)) rank.set(n.id, after);
  return rank;
}

interface Slot {
  id: string;
  rank: number;
  width: number;
  /** What leads here from the rank above (a step, or a lane of a skipping arrow). */
  preds: string[];
  /** The lowest place among its parent's ways out: siblings keep the order their parent lists them. */
  port: number;
  order: number;
}

/** Positions for every step, and a lane in each rank a skipping arrow crosses. */
export function layoutFlow(start: string, nodes: readonly FlowNodeView[]): FlowLayout {
  const rank = rankNodes(start, nodes);
  const slots = new Map<string, Slot>();
  for (const n of nodes) {
    slots.set(n.id, { id: n.id, rank: rank.get(n.id) ?? 0, width: NODE_WIDTH, preds: [], port: Infinity, order: slots.size });
  }
  const chains = new Map<string, { source: string; target: string; fromRank: number; toRank: number; lanes: string[] }>();
  for (const n of nodes) {
    const from = rank.get(n.id) ?? 0;
    n.edges.forEach((e, i) => {
      const target = slots.get(e.to);
      if (!target) return;
      const lanes: string[] = [];
      let prev = n.id;
      for (let r = from + 1; r < target.rank; r++) {
        const id = `\u0000${edgeKey(n.id, i)}@${r}`;
        slots.set(id, { id, rank: r, width: LANE_WIDTH, preds: [prev], port: prev === n.id ? i : 0, order: slots.size });
        lanes.push(id);
        prev = id;
      }
      if (target.rank > from) {
        target.preds.push(prev);
        target.port = Math.min(target.port, prev === n.id ? i : 0);
      }
      chains.set(edgeKey(n.id, i), { source: n.id, target: e.to, fromRank: from, toRank: target.rank, lanes });
    });
  }

  const byRank = new Map<number, Slot[]>();
  for (const s of slots.values()) byRank.set(s.rank, [...(byRank.get(s.rank) ?? []), s]);
  const centre = new Map<string, number>();
  for (const r of [...byRank.keys()].sort((a, b) => a - b)) {
    const weight = (s: Slot): number => {
      const xs = s.preds.map((p) => centre.get(p)).filter((v): v is number => v !== undefined);
      return xs.length === 0 ? Number.POSITIVE_INFINITY : xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    const row = [...(byRank.get(r) ?? [])].sort((a, b) => {
      const wa = weight(a);
      const wb = weight(b);
      if (wa !== wb) return wa < wb ? -1 : 1;
      return a.port !== b.port ? (a.port < b.port ? -1 : 1) : a.order - b.order;
    });
    const total = row.reduce((sum, s) => sum + s.width, 0) + SLOT_GAP_X * Math.max(0, row.length - 1);
    let cursor = -total / 2;
    for (const s of row) {
      centre.set(s.id, cursor + s.width / 2);
      cursor += s.width + SLOT_GAP_X;
    }
  }

  const placed: PlacedNode[] = nodes.map((n) => {
    const r = rank.get(n.id) ?? 0;
    return { id: n.id, rank: r, x: (centre.get(n.id) ?? 0) - NODE_WIDTH / 2, y: r * RANK_GAP_Y };
  });
  // The horizontal run of every arrow in every gap it crosses; runs leaving from the same point
  // share a track, others that would overlap get the next one up.
  const runs: Array<{ key: string; gap: number; from: number; to: number }> = [];
  for (const [key, c] of chains) {
    if (c.toRank <= c.fromRank) continue;
    const xs = [c.source, ...c.lanes, c.target].map((id) => centre.get(id) ?? 0);
    for (let j = 0; j + 1 < xs.length; j++) runs.push({ key, gap: c.fromRank + 1 + j, from: xs[j]!, to: xs[j + 1]! });
  }
  const track = assignTracks(runs);

  const routes = new Map<string, EdgeRoute>();
  for (const [key, c] of chains) {
    const turns: number[] = [];
    for (let k = c.fromRank + 1; k <= c.toRank; k++) {
      turns.push(k * RANK_GAP_Y - TURN_ABOVE - (track.get(`${k}\u0000${key}`) ?? 0) * TRACK_GAP);
    }
    routes.set(key, { fromRank: c.fromRank, toRank: c.toRank, lanes: c.lanes.map((l) => centre.get(l) ?? 0), turns });
  }
  return { nodes: placed, routes };
}

/**
 * A track per run in each gap ("gap\0key" → 0, 1, …): runs from the same x form one group (a fan);
 * groups whose spans overlap or touch get different tracks, the lowest one free.
 */
function assignTracks(runs: ReadonlyArray<{ key: string; gap: number; from: number; to: number }>): Map<string, number> {
  const out = new Map<string, number>();
  const byGap = new Map<number, typeof runs[number][]>();
  for (const r of runs) if (r.from !== r.to) byGap.set(r.gap, [...(byGap.get(r.gap) ?? []), r]);
  for (const [gap, list] of byGap) {
    const groups = new Map<number, { lo: number; hi: number; keys: string[] }>();
    for (const r of list) {
      const g = groups.get(r.from) ?? { lo: r.from, hi: r.from, keys: [] };
      g.lo = Math.min(g.lo, r.to);
      g.hi = Math.max(g.hi, r.to);
      g.keys.push(r.key);
      groups.set(r.from, g);
    }
    const taken: Array<Array<{ lo: number; hi: number }>> = [];
    for (const g of [...groups.values()].sort((a, b) => a.lo - b.lo || a.hi - b.hi)) {
      let t = 0;
      while (taken[t]?.some((s) => s.lo <= g.hi && g.lo <= s.hi)) t += 1;
      (taken[t] ??= []).push(g);
      for (const key of g.keys) out.set(`${gap}\u0000${key}`, t);
    }
  }
  return out;
}

export interface Point {
  x: number;
  y: number;
}

/**
 * The corners of an arrow from a step's bottom to another's top: down into the gap above the next
 * rank, across to its lane, down through the rank, and so on until the target. Null when the
 * arrow goes up or sideways (a loop): the canvas draws those its own way.
 */
export function routePoints(source: Point, target: Point, route: EdgeRoute): Point[] | null {
  if (route.toRank <= route.fromRank) return null;
  const points: Point[] = [source];
  let x = source.x;
  for (let k = route.fromRank + 1; k <= route.toRank; k++) {
    const planned = route.turns[k - route.fromRank - 1] ?? k * RANK_GAP_Y - TURN_ABOVE;
    const turn = Math.max(planned, points[points.length - 1]!.y);
    const next = k < route.toRank ? (route.lanes[k - route.fromRank - 1] ?? x) : target.x;
    if (next !== x) {
      points.push({ x, y: turn }, { x: next, y: turn });
      x = next;
    }
  }
  points.push({ x, y: target.y });
  return points;
}

/** Where an arrow's label goes: where it first turns toward its way, or half-way down if straight. */
export function labelPoint(points: readonly Point[]): Point {
  const first = points[0]!;
  const turn = points.find((p) => p.x !== first.x);
  if (turn) return turn;
  const last = points[points.length - 1]!;
  return { x: first.x, y: (first.y + last.y) / 2 };
}

/** An SVG path through the points, with rounded corners of up to `radius`. */
export function roundedPath(points: readonly Point[], radius = 8): string {
  if (points.length === 0) return '';
  const p0 = points[0]!;
  let d = `M ${p0.x} ${p0.y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const prev = points[i - 1]!;
    const at = points[i]!;
    const next = points[i + 1]!;
    const r = Math.min(radius, dist(prev, at) / 2, dist(at, next) / 2);
    const a = toward(at, prev, r);
    const b = toward(at, next, r);
    d += ` L ${a.x} ${a.y} Q ${at.x} ${at.y} ${b.x} ${b.y}`;
  }
  const end = points[points.length - 1]!;
  return `${d} L ${end.x} ${end.y}`;
}

function dist(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

/** The point `r` from `from` in the direction of `to`. */
function toward(from: Point, to: Point, r: number): Point {
  const d = dist(from, to);
  if (d === 0) return from;
  return { x: from.x + ((to.x - from.x) / d) * r, y: from.y + ((to.y - from.y) / d) * r };
}
