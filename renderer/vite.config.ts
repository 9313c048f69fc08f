// Vite config of the dashboard: relative asset URLs so the same build loads from file:// in
// Electron and from `/` when the supervisor serves it; no inline scripts or styles (strict CSP).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The renderer's build and dev config (scripts/build/renderer.ts and `vite` use it). */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Never inline assets as data: URLs into CSS/JS beyond what img-src allows; keep CSS a file.
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
