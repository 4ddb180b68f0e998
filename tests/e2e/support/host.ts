// Starts the real backend on a temporary ledger file and the browser host in front of it.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend, type Backend } from '../../../electron/services/backend';
import { startBrowserHost, type BrowserHost } from '../../../electron/doors/http/host';
import { threadSpawner } from '../../../electron/services/jobs/threads';

export interface TestHost {
  backend: Backend;
  host: BrowserHost;
  dbPath: string;
  stop(): Promise<void>;
}

export async function startTestHost(): Promise<TestHost> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  const dbPath = join(dir, 'ledger.sqlite');
  // Jobs run in the worker the build made (npm test builds first), as the browser host runs them.
  const builtWorker = join(process.cwd(), 'out', 'node', 'job-worker.mjs');
  const backend = await openBackend(dbPath, existsSync(builtWorker) ? { spawnWorker: threadSpawner(builtWorker) } : {});
  const host = await startBrowserHost({
    dispatch: backend.dispatch,
    rendererDir: join(process.cwd(), 'out', 'renderer'),
  });
  return {
    backend,
    host,
    dbPath,
    stop: async () => {
      await host.close();
      backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const ARTIFACTS = join(process.cwd(), 'tests', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });
