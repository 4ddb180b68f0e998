// The backend as one object: an open ledger file, its services, and the dispatcher every door uses.
// A restore swaps the file underneath: the object stays, its connection, context and handlers are
// replaced, and calls that arrive meanwhile wait for the new file.
import type { BackupInfo, BackupKind, RestoreResult } from '../../shared/api/backup';
import { backupAndRotate, restoreLedger } from './backup/backups';
import type { LedgerHost } from './backup/handlers';
import { createBackupScheduler, type BackupScheduler, type Timer } from './backup/scheduler';
import { createContext, type ServiceContext } from './context';
import type { Db } from './db/db';
import { openLedger, type OpenOptions } from './db/open';
import { createDispatcher, type Dispatch } from './dispatch';
import { createHandlers, type Handlers } from './handlers';

export interface Backend {
  readonly path: string;
  readonly db: Db;
  readonly ctx: ServiceContext;
  readonly handlers: Handlers;
  /** Stable across restores: hosts may keep it. */
  dispatch: Dispatch;
  close(): void;
  /** Closes and opens the file again (start-up checks and migrations run again). */
  reopen(): Promise<void>;
  /** Replaces the file with a backup, keeping a copy of the current one first. */
  restore(source: string): Promise<RestoreResult>;
  /** A backup into the folder beside the file, then rotation; skipped when nothing changed since the last. */
  backup(kind: BackupKind, opts?: { force?: boolean }): Promise<BackupInfo | null>;
}

interface Open {
  db: Db;
  ctx: ServiceContext;
  handlers: Handlers;
  dispatch: Dispatch;
}

export async function openBackend(
  dbPath: string,
  opts: OpenOptions & { openPath?: LedgerHost['openPath'] } = {},
): Promise<Backend> {
  let current: Open | null = null;
  let gate: Promise<unknown> | null = null;
  let lastBackedUp: number | null = null;

  const host: LedgerHost = { restore: (source) => backend.restore(source), openPath: opts.openPath };
  const open = async () => {
    const db = await openLedger(dbPath, opts);
    const ctx: ServiceContext & { host: LedgerHost } = { ...createContext(db, opts.now), host };
    const handlers = createHandlers(ctx);
    current = { db, ctx, handlers, dispatch: createDispatcher(handlers) };
  };
  const live = (): Open => {
    if (!current) throw new Error('ledger is closed');
    return current;
  };
  /** Runs fn with no call in between: calls that arrive meanwhile wait for it. */
  const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
    while (gate) await gate;
    const run = fn();
    gate = run.catch(() => undefined);
    try {
      return await run;
    } finally {
      gate = null;
    }
  };
  const auditHead = () =>
    (live().db.sqlite.prepare('SELECT ifnull(max(id), 0) AS n FROM audit_log').get() as { n: number }).n;

  await open();
  const backend: Backend = {
    path: dbPath,
    get db() {
      return live().db;
    },
    get ctx() {
      return live().ctx;
    },
    get handlers() {
      return live().handlers;
    },
    dispatch: async (method, input) => {
      while (gate) await gate;
      return live().dispatch(method, input);
    },
    close: () => {
      current?.db.close();
      current = null;
    },
    reopen: () =>
      exclusive(async () => {
        current?.db.close();
        current = null;
        await open();
      }),
    restore: (source) =>
      exclusive(() =>
        restoreLedger(
          {
            path: dbPath,
            db: () => live().db,
            close: () => {
              current?.db.close();
              current = null;
            },
            open,
            ...(opts.now ? { now: opts.now } : {}),
          },
          source,
        ),
      ),
    backup: async (kind, o = {}) => {
      while (gate) await gate;
      // Every write is audited, so the head of the trail says whether anything changed.
      const head = auditHead();
      if (!o.force && lastBackedUp === head) return null;
      const info = await backupAndRotate(live().db, kind, opts.now);
      lastBackedUp = head;
      return info;
    },
  };
  return backend;
}

/**
 * What the hosts (the Electron shell, the browser host) start after opening: a backup now, then one
 * every few hours of use when something changed. Stop it before closing the backend.
 */
export function startBackupRoutine(
  backend: Backend,
  opts: { intervalMs?: number; timer?: Timer; onError?: (e: unknown) => void } = {},
): BackupScheduler {
  const onError = opts.onError ?? ((e: unknown) => console.error('备份失败：', e));
  const scheduler = createBackupScheduler({ run: () => backend.backup('auto'), ...opts, onError });
  void backend.backup('start', { force: true }).catch(onError);
  scheduler.start();
  return scheduler;
}
