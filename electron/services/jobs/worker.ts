// A job's worker: its own connection to the ledger file the backend holds (the backend keeps the writer
// lock and lets the worker write when it asks), the same handler table, and a JobControl in the context.
// Runs as a worker thread beside the browser host and as Electron's utilityProcess under the shell.
import { parentPort as threadPort } from 'node:worker_threads';
import type { Envelope } from '../../../shared/api/contract';
import { LedgerError } from '../../../shared/errors';
import { createContext } from '../context';
import { Db } from '../db/db';
import { openSqlite, useSqliteBinding } from '../db/sqlite';
import type { JobControl } from './control';
import type { FromWorker, Task, ToWorker } from './messages';

interface Port {
  post(m: FromWorker): void;
  on(handler: (m: ToWorker) => void): void;
  close(): void;
}

/** Electron's utilityProcess gives process.parentPort; a worker thread gives worker_threads' parentPort. */
function port(): Port {
  const electronPort = (
    process as unknown as {
      parentPort?: {
        postMessage(m: unknown): void;
        on(e: 'message', h: (ev: { data: unknown }) => void): void;
      };
    }
  ).parentPort;
  if (threadPort) {
    const p = threadPort;
    return { post: (m) => p.postMessage(m), on: (h) => p.on('message', h), close: () => p.close() };
  }
  if (electronPort)
    return {
      post: (m) => electronPort.postMessage(m),
      on: (h) => electronPort.on('message', (ev) => h(ev.data as ToWorker)),
      close: () => process.exit(0),
    };
  throw new Error('job worker started outside a worker');
}

const p = port();
// Under Electron's utilityProcess the shell passes the addon built for its ABI.
if (process.env.LEDGER_SQLITE_BINDING) useSqliteBinding(process.env.LEDGER_SQLITE_BINDING);
const abort = new AbortController();
let granted: (() => void) | null = null;
let started = false;

p.on((m) => {
  if (m.type === 'cancel') abort.abort();
  else if (m.type === 'write-granted') granted?.();
  else if (m.type === 'start' && !started) {
    started = true;
    void run(m.dbPath, m.task, m.clockOffsetMs).then((envelope) => {
      p.post({ type: 'result', envelope });
      p.close();
    });
  }
});

let lastProgress = 0;
/** Audits what the job changed in kept-whole tables without an entry of its own (set once connected). */
let pendingState: () => void = () => undefined;
const job: JobControl = {
  signal: abort.signal,
  progress(done, total, phase, unit) {
    const now = Date.now();
    // A few reports a second are enough for a progress bar; the last one always goes out.
    if (now - lastProgress < 100 && total !== null && done < total) return;
    lastProgress = now;
    p.post({ type: 'progress', done, total, ...(phase ? { phase } : {}), ...(unit ? { unit } : {}) });
  },
  async writing(fn) {
    await new Promise<void>((r) => {
      granted = r;
      p.post({ type: 'want-write' });
    });
    granted = null;
    try {
      const r = await fn();
      pendingState();
      return r;
    } finally {
      p.post({ type: 'write-done' });
    }
  },
};

async function run(dbPath: string, task: Task, clockOffsetMs: number): Promise<Envelope> {
  let db: Db | null = null;
  try {
    const sqlite = openSqlite(dbPath, { fileMustExist: true });
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    // The worker may wait for the backend's own short writes; it never blocks the UI by doing so.
    sqlite.pragma('busy_timeout = 60000');
    db = new Db(sqlite, dbPath);
    const { installAuditTriggers, auditPendingState } = await import('../audit');
    // The lists and settings this job changes are audited as on the backend's own connection.
    installAuditTriggers(db);
    const ctx = { ...createContext(db, () => new Date(Date.now() + clockOffsetMs)), job };
    const conn = db;
    pendingState = () => conn.tx(() => auditPendingState(ctx));
    // Only what the task needs is loaded: a backup at start must not wait for the document engine.
    if (task.kind === 'method') {
      const [{ createDispatcher }, { createHandlers }] = await Promise.all([
        import('../dispatch'),
        import('../handlers'),
      ]);
      return await createDispatcher(createHandlers(ctx))(task.method, task.input);
    }
    if (task.kind === 'backup') {
      const { backupAndRotate } = await import('../backup/backups');
      return { ok: true, value: await backupAndRotate(db, task.backupKind, ctx.now) };
    }
    const { verifyLedger } = await import('../audit');
    return { ok: true, value: verifyLedger(ctx) };
  } catch (e) {
    const err =
      e instanceof LedgerError ? e : new LedgerError('INTERNAL', `后台任务出错：${(e as Error)?.message ?? String(e)}`);
    return { ok: false, error: err.toPayload() };
  } finally {
    db?.close();
  }
}
