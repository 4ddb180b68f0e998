// Opens (or creates) a ledger file: safe pragmas, refuses files it must not touch, backs up and migrates.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { migrations as allMigrations, type Migration } from '../../../migrations/index';
import { LedgerError } from '../../../shared/errors';
import { backupDirFor } from '../paths';
import { Db } from './db';

export interface OpenOptions {
  /** Where the pre-migration backup goes; defaults to the folder beside the file. */
  backupDir?: string;
  now?: () => Date;
  /** better-sqlite3's compiled addon, when the host needs another ABI (Electron). */
  nativeBinding?: string;
  /** The migrations to apply; the shipped list unless a test brings its own. */
  migrations?: readonly Migration[];
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
}

function explainOpenError(e: unknown, path: string): LedgerError {
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT')
    return new LedgerError('DB_CORRUPT', `文件“${path}”不是台账数据库，或已经损坏，无法打开。`);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
    return new LedgerError('DB_LOCKED', `数据库文件“${path}”正被另一个程序使用，请关闭它后再试。`);
  if (code === 'SQLITE_CANTOPEN')
    return new LedgerError('DB_CORRUPT', `无法打开数据库文件“${path}”：文件夹不存在或没有权限。`);
  return new LedgerError('INTERNAL', `打开数据库“${path}”时出错：${(e as Error).message}`);
}

function userTableCount(sqlite: Database.Database): number {
  return (
    sqlite
      .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .get() as { n: number }
  ).n;
}

/** Copies the open file with SQLite's online backup API and checks the copy. */
export async function backupTo(db: Db, dest: string): Promise<string> {
  mkdirSync(dirname(dest), { recursive: true });
  await db.sqlite.backup(dest);
  // A backup is one self-contained file: no -wal or -shm beside it.
  const copy = new Database(dest);
  try {
    copy.pragma('journal_mode = DELETE');
    const result = copy.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new LedgerError('DB_CORRUPT', `备份“${dest}”校验失败：${String(result)}`);
  } finally {
    copy.close();
  }
  return dest;
}

export async function openLedger(path: string, opts: OpenOptions = {}): Promise<Db> {
  const now = opts.now ?? (() => new Date());
  const existed = existsSync(path) && statSync(path).size > 0;
  mkdirSync(dirname(path), { recursive: true });

  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, {
      timeout: 5000,
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    });
  } catch (e) {
    throw explainOpenError(e, path);
  }
  const db = new Db(sqlite, path);
  const migrations = opts.migrations ?? allMigrations;
  const latestVersion = migrations[migrations.length - 1]!.version;
  try {
    // WAL + FULL: a write the user saw acknowledged survives a crash or power cut.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');

    const version = sqlite.pragma('user_version', { simple: true }) as number;
    if (version > latestVersion) {
      throw new LedgerError(
        'DB_NEWER',
        `此数据库文件由更新版本的程序创建（数据结构版本 ${version}，本程序只支持到 ${latestVersion}）。` +
          '为避免损坏数据，程序没有打开它。请升级程序后再打开。',
      );
    }
    if (version === 0 && existed && userTableCount(sqlite) > 0) {
      throw new LedgerError('DB_CORRUPT', `文件“${path}”是其他程序的数据库，不是联系群众工作台账，程序没有改动它。`);
    }
    if (version < latestVersion) {
      if (existed && version > 0) {
        const dest = join(
          opts.backupDir ?? backupDirFor(path),
          `${basename(path)}.v${version}-before-v${latestVersion}.${stamp(now())}.sqlite`,
        );
        await backupTo(db, dest);
      }
      migrate(db, version, migrations);
    }
    return db;
  } catch (e) {
    db.close();
    throw e instanceof LedgerError ? e : explainOpenError(e, path);
  }
}

/** Runs each pending migration in its own transaction; the version moves with it or not at all. */
function migrate(db: Db, from: number, migrations: readonly Migration[]): void {
  for (const m of migrations) {
    if (m.version <= from) continue;
    db.tx(() => {
      m.up({
        db: db.q,
        exec: (q) => {
          if (typeof q === 'string') db.sqlite.exec(q);
          else db.run(q);
        },
      });
      db.sqlite.pragma(`user_version = ${m.version}`);
    });
  }
}
