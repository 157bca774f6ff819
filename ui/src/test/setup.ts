// Test setup: unmount whatever a test rendered, so tests never see each other's DOM; and the few
// browser APIs jsdom lacks that the flow canvas (@xyflow/react) needs to lay nodes out.

import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
});

// React Flow measures nodes with a ResizeObserver and reads the zoom from a DOMMatrixReadOnly.
// A node's size comes from its inline style (the canvas gives every node a width), so nodes count
// as measured and the edges between them are drawn too. Minimal stand-ins, after React Flow's testing guide.
if (typeof globalThis.ResizeObserver === 'undefined') {
  class ResizeObserverStub {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element) {
      // Like the real one, report after the current work (React Flow finishes mounting first).
      setTimeout(() => this.callback([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver), 0);
    }
    unobserve() {}
    disconnect() {}
  }
  globalThis.ResizeObserver = ResizeObserverStub as unknown as typeof ResizeObserver;
}

if (typeof globalThis.DOMMatrixReadOnly === 'undefined') {
  class DOMMatrixReadOnlyStub {
    m22: number;
    constructor(transform?: string) {
      const scale = transform?.match(/scale\(([\d.]+)\)/)?.[1];
      this.m22 = scale !== undefined ? Number(scale) : 1;
    }
  }
  globalThis.DOMMatrixReadOnly = DOMMatrixReadOnlyStub as unknown as typeof DOMMatrixReadOnly;
}

if (!('getBBox' in SVGElement.prototype)) {
  Object.defineProperty(SVGElement.prototype, 'getBBox', {
    value: () => ({ x: 0, y: 0, width: 0, height: 0 }),
    configurable: true,
  });
}

for (const [prop, dim] of [
  ['offsetWidth', 'width'],
  ['offsetHeight', 'height'],
] as const) {
  const own = Object.getOwnPropertyDescriptor(HTMLElement.prototype, prop);
  Object.defineProperty(HTMLElement.prototype, prop, {
    configurable: true,
    get(this: HTMLElement) {
      // Inside React Flow: the styled size, at least 1 (jsdom lays nothing out, so it says 0).
      if (this.closest('.react-flow')) return parseFloat(this.style[dim]) || 1;
      return own?.get ? (own.get.call(this) as number) : 0;
    },
  });
}
