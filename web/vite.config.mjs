/**
 * Vite config of the dashboard page: `web/` → `dist/web/` (scripts/build.mjs builds it with
 * `npm run build`). JSX through esbuild for Preact (no plugin needed). `npx vite --config
 * web/vite.config.mjs` serves it in development, proxying /graphql to a gateway on :4000.
 */
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/** @type {import('vite').UserConfig} */
export default {
  root,
  base: '/',
  configFile: false,
  logLevel: 'warn',
  clearScreen: false,
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // No inline polyfill script: the page's CSP allows only its own script files.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
    sourcemap: false,
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000' } },
};
