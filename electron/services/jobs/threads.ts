// Jobs in worker threads: how the browser host, the CLI and the tests run them. (The Electron shell runs
// the same worker as a utilityProcess: electron/main/utility.ts.)
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker-entry';
import type { FromWorker, SpawnWorker } from './messages';

/**
 * The worker to start: from the sources (through tsx) when they are here, else the bundled one a build
 * puts beside this module (job-worker.js). A host built elsewhere passes its own path.
 */
export function defaultWorkerEntry(): string {
  const entry = workerEntry(import.meta.url, 'worker.ts', 'boot.mjs', 'job-worker');
  if (!entry) throw new Error(`job worker not found beside ${fileURLToPath(new URL('.', import.meta.url))}`);
  return entry;
}

export function threadSpawner(entry: string = defaultWorkerEntry()): SpawnWorker {
  return () => {
    const worker = new Worker(entry);
    let exited = false;
    return {
      post: (m) => worker.postMessage(m),
      onMessage: (h) => worker.on('message', (m: FromWorker) => h(m)),
      onExit: (h) => {
        let error: string | undefined;
        worker.on('error', (e) => (error = e.message));
        worker.on('exit', (code) => {
          if (exited) return;
          exited = true;
          h(code, error);
        });
      },
      kill: () => void worker.terminate(),
    };
  };
}
