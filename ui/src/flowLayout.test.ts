// Where the canvas puts each step and how its arrows run: ranks are the longest path from the
// start, loops and unreachable steps do not break the layout, branches fan out under their split,
// and an arrow that skips ranks runs in a lane of its own, turning only between ranks.

import { describe, expect, it } from 'vitest';
import type { FlowNodeView } from './gen/api';
import {
  LANE_WIDTH,
  NODE_WIDTH,
  RANK_GAP_Y,
  SLOT_GAP_X,
  TURN_ABOVE,
  edgeKey,
  labelPoint,
  layoutFlow,
  mergeEdges,
  rankNodes,
  roundedPath,
  routePoints,
} from './flowLayout';
import { CART_DETAIL } from './test/flowFixtures';

const node = (id: string, ...to: string[]): FlowNodeView => ({
  id,
  kind: 'wait',
  title: id,
  detail: '',
  edges: to.map((t) => ({ to: t, label: '' })),
});

const ranks = (start: string, nodes: FlowNodeView[]) => Object.fromEntries(rankNodes(start, nodes));

describe('rankNodes', () => {
  it('is the longest path from the start, not the shortest', () => {
    // a → b → c → d, and a → d directly: d sits under c.
    expect(ranks('a', [node('a', 'b', 'd'), node('b', 'c'), node('c', 'd'), node('d')])).toEqual({ a: 0, b: 1, c: 2, d: 3 });
  });

  it('ranks the abandoned-cart playbook', () => {
    expect(ranks(CART_DETAIL.start, CART_DETAIL.nodes)).toEqual({
      'wait-1h': 0,
      'by-intent': 1,
      'wait-second-look': 2,
      education: 2,
      offer: 3,
      reminder: 3,
      'offer-email': 4,
      done: 5,
    });
  });

  it('ignores an edge that loops back', () => {
    expect(ranks('a', [node('a', 'b'), node('b', 'c'), node('c', 'a', 'd'), node('d')])).toEqual({ a: 0, b: 1, c: 2, d: 3 });
  });

  it('puts steps the start never reaches after the last rank, and ignores edges to missing steps', () => {
    expect(ranks('a', [node('a', 'b', 'ghost'), node('b'), node('island', 'b')])).toEqual({ a: 0, b: 1, island: 2 });
  });

  it('copes with a start that is not a step', () => {
    expect(ranks('missing', [node('a'), node('b')])).toEqual({ a: 0, b: 0 });
  });

  it('handles a long chain without running out of stack', () => {
    const chain = Array.from({ length: 5000 }, (_, i) => node(`n${i}`, ...(i < 4999 ? [`n${i + 1}`] : [])));
    expect(rankNodes('n0', chain).get('n4999')).toBe(4999);
  });
});

describe('layoutFlow', () => {
  const centres = (start: string, nodes: FlowNodeView[]) =>
    Object.fromEntries(layoutFlow(start, nodes).nodes.map((p) => [p.id, [p.x + NODE_WIDTH / 2, p.y]]));

  it('places ranks top to bottom and centres each rank', () => {
    const half = (NODE_WIDTH + SLOT_GAP_X) / 2;
    expect(centres('a', [node('a', 'b', 'c'), node('b', 'd'), node('c', 'd'), node('d')])).toEqual({
      a: [0, 0],
      b: [-half, RANK_GAP_Y],
      c: [half, RANK_GAP_Y],
      d: [0, 2 * RANK_GAP_Y],
    });
  });

  it('keeps branches under their own split', () => {
    const x = Object.fromEntries(
      Object.entries(
        centres('s', [
          node('s', 'left', 'right'),
          node('left', 'l1', 'l2'),
          node('right', 'r1', 'r2'),
          node('r1'),
          node('r2'),
          node('l1'),
          node('l2'),
        ]),
      ).map(([id, [cx]]) => [id, cx!]),
    );
    expect(Math.max(x.l1!, x.l2!)).toBeLessThan(Math.min(x.r1!, x.r2!));
  });

  it('gives an arrow that skips a rank a lane beside the steps of that rank', () => {
    // a → b → c, and a → c: the direct arrow crosses b's rank in a lane of its own.
    const layout = layoutFlow('a', [node('a', 'b', 'c'), node('b', 'c'), node('c')]);
    const b = layout.nodes.find((n) => n.id === 'b')!;
    const route = layout.routes.get(edgeKey('a', 1))!;
    expect(route).toMatchObject({ fromRank: 0, toRank: 2 });
    expect(route.lanes).toHaveLength(1);
    const lane = route.lanes[0]!;
    const clear = lane + LANE_WIDTH / 2 <= b.x || lane - LANE_WIDTH / 2 >= b.x + NODE_WIDTH;
    expect(clear).toBe(true);
    expect(layout.routes.get(edgeKey('a', 0))).toEqual({ fromRank: 0, toRank: 1, lanes: [], turns: [RANK_GAP_Y - TURN_ABOVE] });
  });
});

describe('routePoints', () => {
  it('turns in the gap above the next rank and comes down into the target', () => {
    const points = routePoints({ x: 0, y: 60 }, { x: 100, y: RANK_GAP_Y }, { fromRank: 0, toRank: 1, lanes: [], turns: [RANK_GAP_Y - TURN_ABOVE] });
    const turn = RANK_GAP_Y - TURN_ABOVE;
    expect(points).toEqual([
      { x: 0, y: 60 },
      { x: 0, y: turn },
      { x: 100, y: turn },
      { x: 100, y: RANK_GAP_Y },
    ]);
    expect(labelPoint(points!)).toEqual({ x: 100, y: turn });
  });

  it('runs down a lane through the ranks it skips', () => {
    const points = routePoints({ x: 0, y: 60 }, { x: 0, y: 2 * RANK_GAP_Y }, { fromRank: 0, toRank: 2, lanes: [200], turns: [RANK_GAP_Y - TURN_ABOVE, 2 * RANK_GAP_Y - TURN_ABOVE] });
    expect(points?.map((p) => p.x)).toEqual([0, 0, 200, 200, 0, 0]);
  });

  it('goes straight down when nothing is in the way, with its label half-way', () => {
    const points = routePoints({ x: 5, y: 60 }, { x: 5, y: RANK_GAP_Y }, { fromRank: 0, toRank: 1, lanes: [], turns: [RANK_GAP_Y - TURN_ABOVE] })!;
    expect(points).toEqual([
      { x: 5, y: 60 },
      { x: 5, y: RANK_GAP_Y },
    ]);
    expect(labelPoint(points)).toEqual({ x: 5, y: (60 + RANK_GAP_Y) / 2 });
  });

  it('leaves loops to the canvas', () => {
    expect(routePoints({ x: 0, y: 400 }, { x: 0, y: 0 }, { fromRank: 2, toRank: 0, lanes: [], turns: [] })).toBeNull();
  });
});

describe('roundedPath', () => {
  it('rounds each corner, never by more than half a segment', () => {
    expect(
      roundedPath([
        { x: 0, y: 0 },
        { x: 0, y: 10 },
        { x: 100, y: 10 },
      ]),
    ).toBe('M 0 0 L 0 5 Q 0 10 5 10 L 100 10');
    expect(roundedPath([{ x: 1, y: 2 }])).toBe('M 1 2 L 1 2');
    expect(roundedPath([])).toBe('');
  });
});

describe('mergeEdges', () => {
  it('draws a step’s ways to one target as one arrow with both labels', () => {
    const split: FlowNodeView = {
      ...node('split'),
      edges: [
        { to: 'reminder', label: 'pays full price' },
        { to: 'offer', label: 'waits for a discount' },
        { to: 'reminder', label: 'everyone else' },
      ],
    };
    expect(mergeEdges([split])[0]!.edges).toEqual([
      { to: 'reminder', label: 'pays full price or everyone else' },
      { to: 'offer', label: 'waits for a discount' },
    ]);
    const plain = node('a', 'b');
    expect(mergeEdges([plain])[0]).toBe(plain);
  });
});
