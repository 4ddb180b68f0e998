// Opens (or creates) a ledger file: safe pragmas, refuses files it must not touch, backs up and migrates.
import type Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { migrations as allMigrations, type Migration } from '../../../migrations/index';
import type { BackupInfo } from '../../../shared/api/backup';
import { LedgerError } from '../../../shared/errors';
import { WHOLE_TABLES, baselineWholeTables, installAuditTriggers, wholeTablesInAccord } from '../audit';
import { recordAnchor, type AuditHead } from '../audit-anchors';
import { latestGoodBackup } from '../backup/files';
import { createContext } from '../context';
import { backupDirFor } from '../paths';
import { Db } from './db';
import { acquireWriterLock, type WriterLock } from './lock';
import { openSqlite } from './sqlite';

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
  /**
   * The writer lock, when the caller already holds it (the backend keeps it across a restore's close and
   * reopen). Without it the lock is taken here and released when the Db closes.
   */
  writerLock?: WriterLock;
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

function tableNames(sqlite: Database.Database): string[] {
  return (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
    (r) => r.name,
  );
}

const hasAuditLog = (sqlite: Database.Database) => tableNames(sqlite).includes('audit_log');

function userTableCount(sqlite: Database.Database): number {
  return (
    sqlite
      .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .get() as { n: number }
  ).n;
}

/**
 * Copies the open file with SQLite's online backup API and checks the copy. The head of the copy's audit
 * trail goes into the anchors log: the backup is one of the places a rewrite of the trail must match.
 */
export async function backupTo(db: Db, dest: string): Promise<string> {
  mkdirSync(dirname(dest), { recursive: true });
  await db.sqlite.backup(dest);
  // A backup is one self-contained file: no -wal or -shm beside it.
  const copy = openSqlite(dest);
  let head: AuditHead | undefined;
  try {
    copy.pragma('journal_mode = DELETE');
    const result = copy.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new LedgerError('DB_CORRUPT', `备份“${dest}”校验失败：${String(result)}`);
    head = copy.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as AuditHead | undefined;
  } finally {
    copy.close();
  }
  if (head) recordAnchor(db.path, 'backup', head, basename(dest));
  return dest;
}

export async function openLedger(path: string, opts: OpenOptions = {}): Promise<Db> {
  // The lock first: no other process may migrate, check or write the file while this one opens it.
  const ownLock =
    opts.writerLock || path === ':memory:'
      ? null
      : acquireWriterLock(path, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  try {
    const db = await openLocked(path, opts);
    if (ownLock) db.ownLock(ownLock);
    return db;
  } catch (e) {
    ownLock?.release();
    throw e;
  }
}

async function openLocked(path: string, opts: OpenOptions): Promise<Db> {
  const now = opts.now ?? (() => new Date());
  const size = existsSync(path) ? statSync(path).size : -1;
  const existed = size > 0;
  const lockTimeout = opts.lockTimeoutMs ?? BUSY_TIMEOUT_MS;
  const backupDir = opts.backupDir ?? backupDirFor(path);
  // A ledger that vanished or was emptied (a failed copy, a sync tool, a disk error) must not quietly
  // become a new, empty ledger while its backups sit beside it.
  if (!existed && path !== ':memory:') refuseLostLedger(path, size, backupDir);
  mkdirSync(dirname(path), { recursive: true });

  let sqlite: Database.Database;
  try {
    sqlite = openSqlite(path, {
      timeout: lockTimeout,
      ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
    });
  } catch (e) {
    throw explainOpenError(e, path);
  }
  const db = new Db(sqlite, path);
  const migrations = opts.migrations ?? allMigrations;
  const latestVersion = Math.max(...migrations.map((m) => m.version));
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
      const message = `文件“${path}”是其他程序的数据库，不是联系群众工作台账，程序没有改动它。`;
      const backup = latestGoodBackup(backupDir);
      if (!backup) throw new LedgerError('DB_CORRUPT', message);
      throw new DamagedLedgerError(`${message}${offerBackup(path, backupDir).text}`, path, backup);
    }
    if (existed) {
      startupChecks(sqlite, path, backupDir);
    }
    const state = migrationState(sqlite, version, migrations);
    if (state.pending.length) {
      if (existed && version > 0) {
        const dest = join(backupDir, `${basename(path)}.v${version}-before-v${latestVersion}.${stamp(now())}.sqlite`);
        await backupTo(db, dest);
      }
      // What the audit trail says of the lists and settings before the migration touches them.
      const inAccord = version > 0 && hasAuditLog(sqlite) ? wholeTablesInAccord(createContext(db, now)) : null;
      const tablesBefore = new Set(tableNames(sqlite));
      migrate(db, state);
      // The migration's own changes (and a ledger from before these tables were kept) are recorded as
      // the program's; a table changed outside the app before it stays as it was, for verify to report.
      const moved = new Set(
        Object.keys(WHOLE_TABLES).filter((t) => !tablesBefore.has(t) || !inAccord || inAccord.has(t)),
      );
      db.tx(() => baselineWholeTables(createContext(db, now), moved, 'migrate'));
    } else if (!state.recorded && version > 0) {
      // Record what this file has, once, so that a migration landed later out of order is recognised.
      db.tx(() => recordApplied(sqlite, state.applied));
    }
    installAuditTriggers(db);
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    return db;
  } catch (e) {
    db.close();
    throw e instanceof LedgerError ? e : explainOpenError(e, path, existed ? backupDir : undefined);
  }
}

/**
 * Opens a ledger another process holds, for reading only (ledger evaluate, info, verify, export while
 * the app is open): no lock, no checks or migrations — the holder did them — and SQLite refuses any write.
 */
export function openLedgerReadOnly(path: string, opts: { migrations?: readonly Migration[]; holder: string }): Db {
  let sqlite: Database.Database;
  try {
    sqlite = openSqlite(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  } catch (e) {
    throw explainOpenError(e, path);
  }
  const migrations = opts.migrations ?? allMigrations;
  const latestVersion = Math.max(...migrations.map((m) => m.version));
  const version = sqlite.pragma('user_version', { simple: true }) as number;
  if (version !== latestVersion) {
    sqlite.close();
    throw new LedgerError(
      version > latestVersion ? 'DB_NEWER' : 'DB_LOCKED',
      version > latestVersion
        ? `此数据库文件由更新版本的程序创建（数据结构版本 ${version}，本程序只支持到 ${latestVersion}）。`
        : `${opts.holder}（这个文件还需要由本程序升级数据结构，只能在没有其他程序使用它时进行。）`,
    );
  }
  return new Db(sqlite, path);
}

/** An empty or missing file where backups exist: refuse, and offer the latest good backup. */
function refuseLostLedger(path: string, size: number, backupDir: string): void {
  if (!existsSync(backupDir)) return;
  const backup = latestGoodBackup(backupDir);
  if (!backup) return;
  const what =
    size === 0
      ? `数据库文件“${path}”是空的（0 字节），可能在复制、同步或断电时被清空。`
      : `找不到数据库文件“${path}”，但它旁边的备份文件夹中有备份：文件可能被移动、改名或删除了。`;
  throw new DamagedLedgerError(
    `${what}为免把它当作一份新的空台账，程序没有打开它。${offerBackup(path, backupDir).text}` +
      (size === 0 ? '' : '如果确实要新建一份台账，请换一个文件名。'),
    path,
    backup,
  );
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

/**
 * The migrations not yet applied to this file. Applied ones are recorded by name, so that one landed
 * out of numeric order (0005 before 0003, by different people) is still applied; files from before the
 * record existed count every migration up to their user_version as applied.
 */
function migrationState(
  sqlite: Database.Database,
  version: number,
  migrations: readonly Migration[],
): { pending: Migration[]; applied: Migration[]; recorded: boolean } {
  const recorded = !!sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  const names = new Set(
    recorded
      ? (sqlite.prepare('SELECT name FROM schema_migrations').all() as { name: string }[]).map((r) => r.name)
      : migrations.filter((m) => m.version <= version).map((m) => m.name),
  );
  return {
    pending: migrations
      .filter((m) => !names.has(m.name))
      .sort((a, b) => a.version - b.version || a.name.localeCompare(b.name)),
    applied: migrations.filter((m) => names.has(m.name)),
    recorded,
  };
}

function recordApplied(sqlite: Database.Database, done: readonly Migration[]): void {
  sqlite.exec('CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, version INTEGER NOT NULL)');
  const ins = sqlite.prepare('INSERT OR IGNORE INTO schema_migrations (name, version) VALUES (?, ?)');
  for (const m of done) ins.run(m.name, m.version);
}

/** Runs each pending migration in its own transaction; its record and the version move with it or not at all. */
function migrate(db: Db, state: ReturnType<typeof migrationState>): void {
  for (const m of state.pending) {
    db.tx(() => {
      if (!state.recorded) recordApplied(db.sqlite, state.applied);
      m.up({
        db: db.q,
        exec: (q) => {
          if (typeof q === 'string') db.sqlite.exec(q);
          else db.run(q);
        },
      });
      recordApplied(db.sqlite, [m]);
      const version = db.sqlite.pragma('user_version', { simple: true }) as number;
      db.sqlite.pragma(`user_version = ${Math.max(version, m.version)}`);
    });
  }
}
