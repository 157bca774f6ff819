import { describe, expect, it } from 'vitest';
import { hashFor, routeFromHash } from './areas';

describe('routes', () => {
  it.each<[string, ReturnType<typeof routeFromHash>]>([
    ['', { area: 'home', path: [] }],
    ['#/customers', { area: 'customers', path: [] }],
    ['#/customers/42', { area: 'customers', path: ['42'] }],
    ['#customers/42/', { area: 'customers', path: ['42'] }],
    ['#/data/health?from=home', { area: 'data', path: ['health'] }],
    ['#/nowhere/42', { area: 'home', path: [] }],
    ['#/customers/a%20b', { area: 'customers', path: ['a b'] }],
    ['#/customers/%E0%A4%A', { area: 'customers', path: ['%E0%A4%A'] }],
  ])('%s is %j', (hash, route) => {
    expect(routeFromHash(hash)).toEqual(route);
  });

  it('writes the hash a route is read from', () => {
    expect(hashFor('customers')).toBe('#/customers');
    expect(hashFor('customers', '42')).toBe('#/customers/42');
    expect(routeFromHash(hashFor('data', 'health'))).toEqual({ area: 'data', path: ['health'] });
  });
});
