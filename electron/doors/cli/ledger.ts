// The CLI's way into a ledger: an in-process client of the one contract. Every call is validated by the
// contract and dispatched into the same handler table as the Electron IPC and the browser host, so a
// command can do nothing a user of the app could not. The backend is loaded on first use only.
import type { Input, MethodName, Output } from '../../../shared/api/contract';
import type { CliIo } from './command';

export interface LedgerClient {
  /** The ledger file this client has open. */
  readonly path: string;
  /** Validates the input with the contract and calls the handler; a refusal throws its LedgerError. */
  send<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>>;
}

export interface LedgerOptions {
  /** Refuse a file that does not exist instead of creating a new ledger there. */
  mustExist?: boolean;
  /** Where the file does not exist, a fresh ledger in memory instead: nothing is written anywhere. */
  scratch?: boolean;
  /**
   * The command only reads (evaluate, info, verify, export, a backup copy): while the app has the file it
   * still runs, on a read-only connection, instead of being refused by the writer lock.
   */
  readOnly?: boolean;
}

/** --db PATH, else LEDGER_DB, else the default file in the user's data folder. */
export async function ledgerPath(io: CliIo, db: string | undefined): Promise<string> {
  if (db !== undefined) return db;
  const { resolveDbPath } = await import('../../services/paths');
  return resolveDbPath([], io.env);
}

/** Opens the ledger, runs fn with a client of it, closes it whatever happens. */
export async function withLedger<T>(
  io: CliIo,
  db: string | undefined,
  opts: LedgerOptions,
  fn: (ledger: LedgerClient) => Promise<T>,
): Promise<T> {
  const path = await ledgerPath(io, db);
  const [{ existsSync }, { openBackend }, { unwrap }, { LedgerError }, { setLockProgram }] = await Promise.all([
    import('node:fs'),
    import('../../services/backend'),
    import('../../../shared/api/client'),
    import('../../../shared/errors'),
    import('../../services/db/lock-program'),
  ]);
  // What another program that finds the ledger taken is told holds it.
  setLockProgram('ledger 命令');
  if (opts.mustExist && !existsSync(path))
    throw new LedgerError('NOT_FOUND', `找不到数据库文件：${path}。可用 ledger init --db ${path} 新建。`);
  const backend = await openBackend(
    opts.scratch && !existsSync(path) ? ':memory:' : path,
    opts.readOnly ? { access: 'read' } : {},
  );
  const client: LedgerClient = {
    path,
    send: async (method, input) => unwrap(await backend.dispatch(method, input)) as Output<typeof method>,
  };
  try {
    return await fn(client);
  } finally {
    backend.close();
  }
}
