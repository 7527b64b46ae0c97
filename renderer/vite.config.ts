// Builds the renderer (React, DOM only) into renderer/dist: loaded by Electron from app://octroi/ and
// served by `npm run preview`. Relative base: the same build works under both origins.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { RENDERER_CSP } from '../electron/shared/content-security-policy';

/** Writes the one CSP definition into index.html's meta tag. */
const contentSecurityPolicy: Plugin = {
  name: 'octroi-csp',
  // frame-ancestors only works as a header (browsers ignore it, noisily, in a meta tag).
  transformIndexHtml: (html) => html.replace('%OCTROI_CSP%', RENDERER_CSP.replace(/; frame-ancestors [^;]+/, '')),
};

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react(), contentSecurityPolicy],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // plotly's bundle is large and is the point: no warning for it.
    chunkSizeWarningLimit: 8000,
    sourcemap: false,
  },
});
