// The backend as one object: an open ledger file, its services, and the dispatcher every door uses.
import { createContext, type ServiceContext } from './context';
import type { Db } from './db/db';
import { openLedger, type OpenOptions } from './db/open';
import { createDispatcher, type Dispatch } from './dispatch';
import { createHandlers, type Handlers } from './handlers';

export interface Backend {
  db: Db;
  ctx: ServiceContext;
  handlers: Handlers;
  dispatch: Dispatch;
  close(): void;
}

export async function openBackend(dbPath: string, opts: OpenOptions = {}): Promise<Backend> {
  const db = await openLedger(dbPath, opts);
  const ctx = createContext(db, opts.now);
  const handlers = createHandlers(ctx);
  return { db, ctx, handlers, dispatch: createDispatcher(handlers), close: () => db.close() };
}
