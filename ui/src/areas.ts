// The areas of the left navigation, their routes and, for areas not built yet, what they will do.
// Descriptions follow shared/UX.md in the owner's words.

export type AreaId =
  | 'home'
  | 'customers'
  | 'flows'
  | 'copy'
  | 'measurement'
  | 'data'
  | 'connections'
  | 'settings';

export interface Area {
  id: AreaId;
  label: string;
  /** One sentence: what the area is for. */
  summary: string;
  /** What the owner will be able to do there. */
  points: string[];
}

export const AREAS: readonly Area[] = [
  {
    id: 'home',
    label: 'Home',
    summary: "Your store's pulse, what your flows did, and what needs you.",
    points: [],
  },
  {
    id: 'customers',
    label: 'Customers',
    summary: 'Who buys from you, in groups you can understand.',
    points: [
      'Groups such as "customers who usually pay full price", with how many people are in each and whether that is growing.',
      'A searchable list of everyone, and a page per customer: their orders, when they are likely to order next, what they are likely to be worth over the next year, and the reasons behind each score.',
      'Each customer’s email consent and where it came from, and every message sent or held back — and why.',
      'Export what Storeloop holds about a customer, or forget them.',
    ],
  },
  {
    id: 'flows',
    label: 'Flows',
    summary: 'Emails that go out by themselves when customers do something — leave a cart, place a first order, go quiet.',
    points: [
      'A list of your flows and where each one stands: draft, dry run, live for a share of customers, paused or stopped.',
      'A canvas to build a flow — what starts it, its steps and splits — with how many people reached each step.',
      'A checklist beside the canvas, a dry run before every launch, and controls to launch slowly or stop.',
    ],
  },
  {
    id: 'copy',
    label: 'Copy',
    summary: 'The words your emails use, checked and approved by you before anything is sent.',
    points: [
      'A review queue: generate drafts, see the checks under each one with any problem words highlighted, then approve, reject, edit or add a note.',
      'Keyboard first: J and K to move, A to approve, R to reject, E to edit, N for a note.',
      'Your lists of claims you allow and phrases you never want used, and settings for how drafts are written.',
    ],
  },
  {
    id: 'measurement',
    label: 'Measurement',
    summary: 'Whether each flow really earns you more than it costs.',
    points: [
      'Each flow compared with a small group of customers held back from it, so you see what the flow itself added — not what would have happened anyway.',
      'Results in money, with an honest range, e.g. “€4.10 more profit per person emailed (could be anywhere from €0.80 to €7.40)”.',
      'Discounts given to people who would have paid full price, charts, and an export of every number.',
    ],
  },
  {
    id: 'data',
    label: 'Data & audit',
    summary: 'What Storeloop knows about your store, and how far to trust it.',
    points: [
      'Import order and customer exports by dragging the files in.',
      'A data audit listing gaps, duplicates and oddities in plain words.',
      'How well predictions have matched what customers actually did.',
    ],
  },
  {
    id: 'connections',
    label: 'Connections',
    summary: 'Links to your store platform, your email sender and AI providers.',
    points: [
      'Connect Shopify or WooCommerce so orders and customers stay up to date.',
      'Connect the service that delivers your emails.',
      'Add AI providers for drafting copy. Keys are kept in your computer’s keychain, never in Storeloop’s files.',
    ],
  },
  {
    id: 'settings',
    label: 'Settings',
    summary: 'The rules every flow must follow, and where your data lives.',
    points: [
      'Guardrails: how often one person may be emailed, quiet hours, your discount policy, and who is never emailed.',
      'Your business address for the email footer.',
      'Where your data is kept on this computer, and backups.',
    ],
  },
];

export function areaById(id: AreaId): Area {
  const area = AREAS.find((a) => a.id === id);
  if (!area) throw new Error(`unknown area ${id}`);
  return area;
}

/** Where the window is: an area and, inside it, a path such as ["42"] for "#/customers/42". */
export interface Route {
  area: AreaId;
  /** The hash's segments after the area, decoded; empty for the area's own page. */
  path: string[];
}

/** The route named by a location hash such as "#/customers/42"; Home for anything unknown. */
export function routeFromHash(hash: string): Route {
  const parts = (hash.replace(/^#\/?/, '').split('?')[0] ?? '').split('/').filter((p) => p !== '');
  const [first = '', ...rest] = parts;
  if (!AREAS.some((a) => a.id === first)) return { area: 'home', path: [] };
  return { area: first as AreaId, path: rest.map(safeDecode) };
}

/** "#/customers", or "#/customers/42" with a path. */
export function hashFor(id: AreaId, ...path: string[]): string {
  return `#/${[id, ...path.map(encodeURIComponent)].join('/')}`;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
