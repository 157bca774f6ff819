// The mocked core (./api) the behaviour tests render the whole window against: the real module with
// every function a mock (one a test gives no answer to behaves as outside the desktop app: a call
// into the core fails, progress and dropped files never come), the answers every window needs
// before it shows anything (an open store, listeners that stop quietly), and a promise a test
// settles itself.
//
// Each test file mocks ./api through this module, imported inside the factory because `vi.mock`
// runs before the file's imports:
//
//   vi.mock('./api', async (importOriginal) => (await import('./test/mockApi')).mockedApi(importOriginal));
//
// This module only names ./api's types, so loading it inside that factory never loads ./api itself.

import { vi } from 'vitest';
import type * as Api from '../api';
import { STATUS } from './fixtures';

type ApiModule = typeof Api;

/**
 * For `vi.mock('./api', …)`: ./api with each function a mock of itself. A test answers the calls it
 * cares about (`vi.mocked(api).flowsList.mockResolvedValue(…)`); resetting a mock brings back the
 * real function, which outside the desktop app refuses to reach the core.
 */
export async function mockedApi(importOriginal: <T>() => Promise<T>): Promise<ApiModule> {
  const actual: Record<string, unknown> = await importOriginal<ApiModule>();
  const mocked = Object.entries(actual).map(([name, value]) => [
    name,
    typeof value === 'function' ? vi.fn(value as (...args: unknown[]) => unknown) : value,
  ]);
  return Object.fromEntries(mocked) as ApiModule;
}

/**
 * For `beforeEach`: forgets every mock's calls and answers, opens the window at `hash`, and
 * answers what every window asks — an open store, and listeners that stop quietly.
 */
export function resetApi(api: ApiModule, hash: string): void {
  vi.resetAllMocks();
  window.location.hash = hash;
  vi.mocked(api.appStatus).mockResolvedValue(STATUS);
  vi.mocked(api.onProgress).mockResolvedValue(() => {});
  vi.mocked(api.onFileDrop).mockResolvedValue(() => {});
}

/** A promise with its `resolve` and `reject` handed out, for answers a test gives when it chooses. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
