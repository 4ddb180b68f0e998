// The backend as one object: an open ledger file, its services, and the dispatcher every door uses.
// A restore swaps the file underneath: the object stays, its connection, context and handlers are
// replaced, and calls that arrive meanwhile wait for the new file.
import type { BackupInfo, BackupKind, RestoreAccept, RestoreResult } from '../../shared/api/backup';
import { LedgerError, type ErrorPayload } from '../../shared/errors';
import { backupAndRotate, restoreLedger } from './backup/backups';
import type { LedgerHost } from './backup/handlers';
import { createBackupScheduler, type BackupScheduler, type Timer } from './backup/scheduler';
import { createContext, type ServiceContext } from './context';
import type { Db } from './db/db';
import { auditPendingState } from './audit';
import { anchorIfNew, auditHead as trailHead, updateHeadFile } from './audit-anchors';
import { acquireWriterLock, heldMessage, type WriterLock } from './db/lock';
import { openLedger, openLedgerReadOnly, type OpenOptions } from './db/open';
import { createDispatcher, type Dispatch } from './dispatch';
import { createHandlers, type Handlers } from './handlers';
import { createJobManager, type JobManager } from './jobs/manager';
import type { SpawnWorker } from './jobs/messages';
import { threadSpawner } from './jobs/threads';

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
  restore(source: string, accept?: readonly RestoreAccept[]): Promise<RestoreResult>;
  /** A backup into the folder beside the file, then rotation; skipped when nothing changed since the last. */
  backup(kind: BackupKind, opts?: { force?: boolean }): Promise<BackupInfo | null>;
  /** The same, made by a worker (the integrity check of a large copy takes seconds): what the hosts use. */
  backupInBackground(kind: 'start' | 'auto', opts?: { force?: boolean }): Promise<BackupInfo | null>;
  /** Long work in workers: import, export, the 考核 packet, backups, the audit check. */
  readonly jobs: JobManager;
}

interface Open {
  db: Db;
  ctx: ServiceContext;
  handlers: Handlers;
  dispatch: Dispatch;
}

export interface BackendOptions extends OpenOptions {
  openPath?: LedgerHost['openPath'];
  /** How a job's worker is started: a worker thread unless the host brings its own (utilityProcess). */
  spawnWorker?: SpawnWorker;
  /**
   * 'read' for commands that only read (evaluate, info, verify, export): when another program holds the
   * file they still run, on a read-only connection; otherwise they take the lock like any writer.
   */
  access?: 'write' | 'read';
}

export async function openBackend(dbPath: string, opts: BackendOptions = {}): Promise<Backend> {
  let current: Open | null = null;
  let gate: Promise<unknown> | null = null;
  let lastBackedUp: number | null = null;
  /** Calls being answered now: a restore waits for them to finish before it swaps the file. */
  let active = 0;
  let drained: (() => void) | null = null;

  // One writer process per file, held from here to close(), across a restore's close and reopen.
  let writerLock: WriterLock | null;
  try {
    // A ledger in memory (a scratch ledger of the CLI) has no file for another process to share.
    writerLock =
      dbPath === ':memory:'
        ? { path: '', release: () => undefined }
        : acquireWriterLock(dbPath, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  } catch (e) {
    if (opts.access !== 'read' || !(e instanceof LedgerError) || e.code !== 'DB_LOCKED') throw e;
    writerLock = null;
  }
  const readOnlyMessage = () =>
    `${heldMessage(dbPath).replace(/请在那个程序中操作.*$/, '')}这条命令只能读取台账，不能保存改动；请在那个程序中操作。`;
  let spawn: SpawnWorker | null = opts.spawnWorker ?? null;
  const jobs = createJobManager({
    dbPath,
    // The worker is located on first use, so that hosts that never start a job never need it.
    spawn: () => (spawn ??= threadSpawner())(),
    ...(opts.now ? { now: opts.now } : {}),
    // While a job writes, this connection must not wait for the file synchronously (that would freeze
    // the thread answering the UI): its writes fail at once and are answered again after the job.
    onWriteWindow: (open) => {
      current?.db.sqlite.pragma(`busy_timeout = ${open ? 0 : 5000}`);
      if (!open) afterWrites();
    },
  });
  const host: LedgerHost = {
    restore: (source, accept) => backend.restore(source, accept),
    openPath: opts.openPath,
    jobs,
  };
  const open = async () => {
    const db = writerLock
      ? await openLedger(dbPath, { ...opts, writerLock })
      : openLedgerReadOnly(dbPath, {
          ...(opts.migrations ? { migrations: opts.migrations } : {}),
          holder: heldMessage(dbPath),
        });
    const ctx: ServiceContext & { host: LedgerHost } = { ...createContext(db, opts.now), host };
    const handlers = createHandlers(ctx);
    const dispatch = createDispatcher(handlers);
    current = {
      db,
      ctx,
      handlers,
      // Read-only because another program writes: say that, not that the file is read-only.
      dispatch: writerLock
        ? dispatch
        : async (method, input) => {
            const env = await dispatch(method, input);
            return !env.ok && env.error.code === 'FORBIDDEN' && env.error.message.startsWith('数据库文件是只读的')
              ? { ok: false, error: { code: 'FORBIDDEN', message: readOnlyMessage() } }
              : env;
          },
    };
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
  /**
   * After every call: a change of a kept-whole table the call left unaudited gets its state entry, and
   * the head of the trail is written outside the file (only ever forward: audit-anchors.ts).
   */
  let headSeen = -1;
  const afterWrites = () => {
    const db = current?.db;
    if (!db || !writerLock || db.path === ':memory:') return;
    try {
      db.tx(() => auditPendingState(current!.ctx));
      const { id } = trailHead(db);
      if (id !== headSeen) {
        headSeen = id;
        updateHeadFile(db, opts.now ? { at: opts.now() } : {});
      }
    } catch {
      /* the call's own answer stands; the next call tries again */
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
    if (writerLock && dbPath !== ':memory:') anchorIfNew(current!.db);
    afterWrites();
  } catch (e) {
    writerLock?.release();
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
      return track(async () => {
        for (let attempt = 0; ; attempt++) {
          const duringJob = jobs.writing;
          const env = await live().dispatch(method, input);
          afterWrites();
          // Refused because a job was writing: nothing of it was kept (its transaction rolled back);
          // answer it again once the job has written.
          if (env.ok || env.error.code !== 'DB_LOCKED' || attempt >= 5 || !(duringJob || jobs.writing)) return env;
          await jobs.writeDone();
        }
      });
    },
    close: () => {
      jobs.close();
      current?.db.close();
      current = null;
      writerLock?.release();
    },
    reopen: () =>
      exclusive(async () => {
        current?.db.close();
        current = null;
        await open();
      }),
    restore: (source, accept = []) =>
      exclusive(() => {
        if (!writerLock) throw new LedgerError('FORBIDDEN', readOnlyMessage());
        const busy = jobs.running();
        if (busy.length)
          throw new LedgerError(
            'CONFLICT',
            `正在进行：${busy.map((j) => j.title).join('、')}。请等它完成或取消后再恢复备份。`,
          );
        return restoreLedger(
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
          accept,
        );
      }),
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
    backupInBackground: async (kind, o = {}) => {
      while (gate) await gate;
      const head = auditHead();
      if (!o.force && lastBackedUp === head) return null;
      const done = await jobs.wait(jobs.startTask({ kind: 'backup', backupKind: kind }).id);
      if (done.state !== 'done') throw LedgerError.fromPayload(done.error as ErrorPayload);
      lastBackedUp = head;
      return done.result as BackupInfo;
    },
    jobs,
  };
  return backend;
}

/**
 * What the hosts (the Electron shell, the browser host) start after opening: a backup now, then one
 * every few hours of use when something changed. Stop it before closing the backend.
 */
export function startBackupRoutine(
  backend: Backend,
  opts: { intervalMs?: number; timer?: Timer; onError?: (e: unknown) => void; verify?: boolean } = {},
): BackupScheduler {
  const onError = opts.onError ?? ((e: unknown) => console.error('备份失败：', e));
  const scheduler = createBackupScheduler({ run: () => backend.backupInBackground('auto'), ...opts, onError });
  // In a worker: the integrity check of a large copy takes seconds, and the window must answer meanwhile.
  // Then the audit check, in the background too, its result shown on 数据安全.
  void backend
    .backupInBackground('start', { force: true })
    .catch(onError)
    .finally(() => {
      try {
        if (opts.verify !== false) backend.jobs.startTask({ kind: 'verify' });
      } catch (e) {
        onError(e);
      }
    });
  scheduler.start();
  return scheduler;
}
