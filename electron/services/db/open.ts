// Opens (or creates) a ledger file: safe pragmas, refuses files it must not touch, backs up and migrates.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { migrations as allMigrations, type Migration } from '../../../migrations/index';
import type { BackupInfo } from '../../../shared/api/backup';
import { LedgerError } from '../../../shared/errors';
import { latestGoodBackup } from '../backup/files';
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
  /** How long to wait for another program's write lock before explaining it (default 5 s). */
  lockTimeoutMs?: number;
}

const BUSY_TIMEOUT_MS = 5000;

/**
 * A ledger file that failed its integrity check: the message says so in Chinese and names the latest
 * backup that passes the check, which the host offers to restore.
 */
export class DamagedLedgerError extends LedgerError {
  constructor(
    message: string,
    readonly dbPath: string,
    readonly latestBackup: BackupInfo | null,
  ) {
    super('DB_CORRUPT', message);
  }
}

function localTime(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The sentence that offers the latest good backup, or says there is none. */
function offerBackup(path: string, backupDir: string): { text: string; backup: BackupInfo | null } {
  const backup = latestGoodBackup(backupDir);
  if (!backup)
    return { text: `备份文件夹“${backupDir}”中没有可用的备份。请不要再写入此文件，并联系技术人员。`, backup };
  return {
    text:
      `最近一次完好的备份是 ${localTime(backup.at)} 的“${backup.path}”` +
      `（联系记录 ${backup.counts.records} 条、干部 ${backup.counts.cadres} 名）。` +
      `可以从它恢复：ledger restore --db "${path}" --from "${backup.path}"；恢复前程序会先保留当前文件的副本。`,
    backup,
  };
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
}

function lockedMessage(path: string): string {
  return (
    `数据库文件“${path}”正被另一个程序锁定（它正在写入，或独占了这个文件）：` +
    '可能是另一个台账窗口、正在运行的 ledger 命令，或打开了此文件的数据库工具。请关闭它后再试；' +
    '如果没有这样的程序，请重启电脑后再试。'
  );
}

function explainOpenError(e: unknown, path: string, backupDir?: string): LedgerError {
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    const message = `文件“${path}”不是台账数据库，或已经损坏，无法打开。`;
    if (!backupDir) return new LedgerError('DB_CORRUPT', message);
    const offer = offerBackup(path, backupDir);
    return new DamagedLedgerError(`${message}${offer.text}`, path, offer.backup);
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return new LedgerError('DB_LOCKED', lockedMessage(path));
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

  const lockTimeout = opts.lockTimeoutMs ?? BUSY_TIMEOUT_MS;
  const backupDir = opts.backupDir ?? backupDirFor(path);
  let sqlite: Database.Database;
  try {
    sqlite = new Database(path, {
      timeout: lockTimeout,
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
    sqlite.pragma(`busy_timeout = ${lockTimeout}`);

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
    if (existed) {
      startupChecks(sqlite, path, backupDir);
    }
    if (version < latestVersion) {
      if (existed && version > 0) {
        const dest = join(backupDir, `${basename(path)}.v${version}-before-v${latestVersion}.${stamp(now())}.sqlite`);
        await backupTo(db, dest);
      }
      migrate(db, version, migrations);
    }
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return db;
  } catch (e) {
    db.close();
    throw e instanceof LedgerError ? e : explainOpenError(e, path, existed ? backupDir : undefined);
  }
}

/**
 * Before anything is read or written: is another program holding the write lock, and is the file
 * sound? A damaged file is not migrated or written; the error offers the latest good backup.
 */
function startupChecks(sqlite: Database.Database, path: string, backupDir: string): void {
  try {
    // Takes and drops the write lock: waits busy_timeout for a writer, then explains who may hold it.
    sqlite.exec('BEGIN IMMEDIATE');
    sqlite.exec('ROLLBACK');
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
      throw new LedgerError('DB_LOCKED', lockedMessage(path));
    throw e;
  }
  let result: unknown;
  try {
    result = sqlite.pragma('quick_check', { simple: true });
  } catch (e) {
    result = (e as Error).message;
  }
  if (result !== 'ok') {
    const offer = offerBackup(path, backupDir);
    throw new DamagedLedgerError(
      `数据库文件“${path}”已损坏（完整性检查未通过：${String(result).slice(0, 200)}）。为免损失扩大，程序没有打开它。` +
        offer.text,
      path,
      offer.backup,
    );
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
