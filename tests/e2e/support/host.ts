// Starts the real backend on a temporary ledger file and the browser host in front of it.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Backend } from '../../../electron/services/backend';
import { startBrowserHost, type BrowserHost } from '../../../electron/doors/http/host';
import { pageDispatch } from '../../../electron/doors/page-calls';
import { threadSpawner } from '../../../electron/services/jobs/threads';
import { openWorkspace, type Workspace } from '../../../electron/services/workspace';

export interface TestHost {
  /** Her ledger (the real file). */
  backend: Backend;
  /** What the window talks to: her ledger, or the demo ledger while it is shown. */
  workspace?: Workspace;
  host: BrowserHost;
  dbPath: string;
  stop(): Promise<void>;
}

export async function startTestHost(): Promise<TestHost> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  const dbPath = join(dir, 'ledger.sqlite');
  // Jobs run in the worker the build made (npm test builds first), as the browser host runs them.
  const builtWorker = join(process.cwd(), 'out', 'node', 'job-worker.mjs');
  const workspace = await openWorkspace(
    dbPath,
    existsSync(builtWorker) ? { spawnWorker: threadSpawner(builtWorker) } : {},
  );
  const backend = workspace.real;
  const host = await startBrowserHost({
    // As the browser host's own main: the page names no backup outside the ledger's backup folder.
    dispatch: pageDispatch(workspace.dispatch, () => workspace.current().db.path),
    rendererDir: join(process.cwd(), 'out', 'renderer'),
  });
  return {
    backend,
    workspace,
    host,
    dbPath,
    stop: async () => {
      await host.close();
      workspace.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const ARTIFACTS = join(process.cwd(), 'tests', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });
