// Starts the real backend on a temporary ledger file and the browser host in front of it.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend, type Backend } from '../../../electron/services/backend';
import { startBrowserHost, type BrowserHost } from '../../../electron/doors/http/host';

export interface TestHost {
  backend: Backend;
  host: BrowserHost;
  dbPath: string;
  stop(): Promise<void>;
}

export async function startTestHost(): Promise<TestHost> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  const dbPath = join(dir, 'ledger.sqlite');
  const backend = await openBackend(dbPath);
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
