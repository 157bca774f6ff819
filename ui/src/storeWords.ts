// The words of the store connection (Connections → Your store): platform names, what a sync run
// read in the owner's words ("412 new orders, 3 updated"), a run's status, and what is missing from
// the connect forms before the core is asked at all.

import type { SyncCount, SyncRun } from './gen/api';
import { formatCount } from './format';

export type Platform = 'shopify' | 'woocommerce';

export const PLATFORM_ORDER: readonly Platform[] = ['shopify', 'woocommerce'];

const PLATFORM_NAMES: Record<Platform, string> = { shopify: 'Shopify', woocommerce: 'WooCommerce' };

export function isPlatform(value: string): value is Platform {
  return Object.hasOwn(PLATFORM_NAMES, value);
}

/** "Shopify", "WooCommerce"; anything else as it came. */
export function platformName(platform: string): string {
  return isPlatform(platform) ? PLATFORM_NAMES[platform] : platform;
}

/** How often the app syncs by itself while it is open (the shell's timer; said on the page). */
export const AUTO_SYNC_MINUTES = 15;

const RESOURCE_NOUNS: Record<string, [string, string]> = {
  products: ['product', 'products'],
  customers: ['customer', 'customers'],
  orders: ['order', 'orders'],
  checkouts: ['abandoned checkout', 'abandoned checkouts'],
};

/** ["order", "orders"] for "orders"; an unknown resource is its own noun. */
export function resourceNouns(resource: string): [string, string] {
  return Object.hasOwn(RESOURCE_NOUNS, resource) ? (RESOURCE_NOUNS[resource] as [string, string]) : [resource, resource];
}

/** "Orders", for a table's row label. */
export function resourceLabel(resource: string): string {
  const plural = resourceNouns(resource)[1];
  return plural.charAt(0).toUpperCase() + plural.slice(1);
}

/**
 * What one resource's sync found: "412 new orders, 3 updated, 1,203 unchanged", "no new customers,
 * 12 unchanged", "1 new product"; "no abandoned checkouts" when there were none at all.
 */
export function countPhrase(c: SyncCount, locale?: string): string {
  const [one, many] = resourceNouns(c.resource);
  if (c.inserted + c.updated + c.unchanged === 0) return `no ${many}`;
  const parts = [
    c.inserted === 0 ? `no new ${many}` : `${formatCount(c.inserted, locale)} new ${c.inserted === 1 ? one : many}`,
  ];
  if (c.updated > 0) parts.push(`${formatCount(c.updated, locale)} updated`);
  if (c.unchanged > 0) parts.push(`${formatCount(c.unchanged, locale)} unchanged`);
  return parts.join(', ');
}

/** Every resource of one run: "412 new orders, 3 updated; no new customers, 12 unchanged". */
export function runPhrase(run: SyncRun, locale?: string): string {
  if (run.counts.length === 0) return 'nothing read yet';
  return run.counts.map((c) => countPhrase(c, locale)).join('; ');
}

/** True when the run brought in or changed anything. */
export function runChangedAnything(run: SyncRun): boolean {
  return run.counts.some((c) => c.inserted > 0 || c.updated > 0);
}

export type StatusTone = 'success' | 'danger' | 'accent' | 'neutral';

/** A sync's status (`ok`, `failed`, `running`, or none yet) in words, with the badge's tone. */
export function syncStatusWords(status: string | null): { label: string; tone: StatusTone } {
  switch (status) {
    case 'ok':
      return { label: 'Finished', tone: 'success' };
    case 'failed':
      return { label: 'Failed', tone: 'danger' };
    case 'running':
      return { label: 'Running', tone: 'accent' };
    case null:
      return { label: 'Not synced yet', tone: 'neutral' };
    default:
      return { label: status, tone: 'neutral' };
  }
}

/** "1 warning", "3 warnings". */
export function warningsPhrase(n: number, locale?: string): string {
  return n === 1 ? '1 warning' : `${formatCount(n, locale)} warnings`;
}

// The connect forms: what must be there before the core is asked. Only emptiness is checked here;
// the core checks the rest (the address, the key's format, whether the shop answers) and says so.

export interface ShopifyDraft {
  shop: string;
  token: string;
}

export interface WooDraft {
  url: string;
  key: string;
  secret: string;
}

export type Problems<T> = { [K in keyof T]: string | null };

export function shopifyProblems(d: ShopifyDraft): Problems<ShopifyDraft> {
  return {
    shop:
      d.shop.trim() === '' ? 'Enter the shop name, such as your-shop or your-shop.myshopify.com.' : null,
    token: d.token.trim() === '' ? 'Paste the Admin API access token (it starts with shpat_).' : null,
  };
}

export function wooProblems(d: WooDraft): Problems<WooDraft> {
  return {
    url: d.url.trim() === '' ? 'Enter the shop address, such as https://your-shop.com.' : null,
    key: d.key.trim() === '' ? 'Paste the consumer key (it starts with ck_).' : null,
    secret: d.secret.trim() === '' ? 'Paste the consumer secret (it starts with cs_).' : null,
  };
}

export function hasProblems(p: Readonly<Record<string, string | null>>): boolean {
  return Object.values(p).some((v) => v !== null);
}
