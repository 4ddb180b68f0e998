// Three builds: the main process and the preload as CommonJS for Electron, the renderer for any browser.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // The jobs' worker, run as Electron's utilityProcess (electron/main/utility.ts).
          'job-worker': resolve(__dirname, 'electron/services/jobs/worker.ts'),
          // The document pool's worker threads, started by the job worker (electron/services/documents/pool.ts).
          'render-worker': resolve(__dirname, 'electron/services/documents/render-worker.ts'),
          // A large workbook's reader, a worker thread of the job worker (electron/services/workbook/xlsx-thread.ts).
          'xlsx-worker': resolve(__dirname, 'electron/services/workbook/xlsx-worker.ts'),
        },
        // .cjs for chunks too: the package is "type": "module", so a .js chunk would be read as ESM.
        output: { format: 'cjs', entryFileNames: '[name].cjs', chunkFileNames: 'chunks/[name]-[hash].cjs' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require nothing but 'electron': bundle everything it uses.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
      chunkSizeWarningLimit: 4096,
    },
  },
});
