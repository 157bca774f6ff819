// Vite config for the Storeloop webview. The Tauri shell serves `dist/` under a strict CSP
// (`default-src 'self'`), so the build must be self-contained: relative asset paths, no remote
// fonts or CDNs, no inline scripts, no eval.
/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  clearScreen: false,
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'react' },
  },
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // Vite may inline tiny assets as data: URLs; the CSP allows data: only for images, so keep
    // every asset a real file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
  },
});
