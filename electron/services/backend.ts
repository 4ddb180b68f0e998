// The backend as one object: an open ledger file, its services, and the dispatcher every door uses.
// A restore swaps the file underneath: the object stays, its connection, context and handlers are
// replaced, and calls that arrive meanwhile wait for the new file.
import type { BackupInfo, BackupKind, RestoreResult } from '../../shared/api/backup';
import { backupAndRotate, restoreLedger } from './backup/backups';
import type { LedgerHost } from './backup/handlers';
import { createBackupScheduler, type BackupScheduler, type Timer } from './backup/scheduler';
import { createContext, type ServiceContext } from './context';
import type { Db } from './db/db';
import { acquireWriterLock } from './db/lock';
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
  /** Calls being answered now: a restore waits for them to finish before it swaps the file. */
  let active = 0;
  let drained: (() => void) | null = null;

  // One writer process per file, held from here to close(), across a restore's close and reopen.
  const writerLock = acquireWriterLock(dbPath, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  const host: LedgerHost = { restore: (source) => backend.restore(source), openPath: opts.openPath };
  const open = async () => {
    const db = await openLedger(dbPath, { ...opts, writerLock });
    const ctx: ServiceContext & { host: LedgerHost } = { ...createContext(db, opts.now), host };
    const handlers = createHandlers(ctx);
    current = { db, ctx, handlers, dispatch: createDispatcher(handlers) };
  };
  const live = (): Open => {
    if (!current) throw new Error('ledger is closed');
    return current;
  };
  /**
   * Runs fn alone: calls that arrive meanwhile wait for it, and calls already being answered finish
   * first — a write acknowledged just before a restore is in the copy the restore keeps.
   */
  const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
    while (gate) await gate;
    let open!: () => void;
    gate = new Promise<void>((r) => (open = r));
    try {
      if (active > 0) await new Promise<void>((r) => (drained = r));
      return await fn();
    } finally {
      gate = null;
      open();
    }
  };
  const track = async <T>(fn: () => Promise<T>): Promise<T> => {
    active++;
    try {
      return await fn();
    } finally {
      if (--active === 0 && drained) {
        const d = drained;
        drained = null;
        d();
      }
    }
  };
  const auditHead = () =>
    (live().db.sqlite.prepare('SELECT ifnull(max(id), 0) AS n FROM audit_log').get() as { n: number }).n;

  try {
    await open();
  } catch (e) {
    writerLock.release();
    throw e;
  }
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
      // A restore is answered through the gate itself; counting it as in flight would wait on itself.
      if (method === 'backups.restore') return live().dispatch(method, input);
      return track(() => live().dispatch(method, input));
    },
    close: () => {
      current?.db.close();
      current = null;
      writerLock.release();
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
      return track(async () => {
        // Every write is audited, so the head of the trail says whether anything changed.
        const head = auditHead();
        if (!o.force && lastBackedUp === head) return null;
        const info = await backupAndRotate(live().db, kind, opts.now);
        lastBackedUp = head;
        return info;
      });
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
