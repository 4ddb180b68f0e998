// One writer at a time, across processes: a lock the operating system holds for the process and drops
// when it ends, however it ends (a crash, a kill, a power cut). SQLite's own file locks do that on every
// platform (fcntl on Linux and macOS, LockFileEx on Windows), so the lock is an empty SQLite file beside
// the ledger held in an open EXCLUSIVE transaction. It is a file of its own, not the ledger, so that a
// restore can swap the ledger underneath while the lock stays held, and readers of the ledger (a backup
// being inspected, a worker of this process) are never blocked by it.
import type Database from 'better-sqlite3';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { LedgerError } from '../../../shared/errors';
import { lockProgram } from './lock-program';
import { openSqlite } from './sqlite';

/** Who holds the lock, written beside it so that the refusal can name them. */
export interface LockOwner {
  pid: number;
  /** The door: 桌面程序, 浏览器方式, ledger 命令 … */
  program: string;
  since: string;
  host: string;
}

export interface WriterLock {
  readonly path: string;
  release(): void;
}

export const lockPathFor = (dbPath: string) => `${dbPath}.lock`;
const ownerPathFor = (dbPath: string) => `${dbPath}.lock-owner.json`;

export { setLockProgram } from './lock-program';

function readOwner(dbPath: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(ownerPathFor(dbPath), 'utf8')) as LockOwner;
  } catch {
    return null;
  }
}

function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getMonth() + 1}月${d.getDate()}日 ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The refusal: who has the file, and what to do. */
export function heldMessage(dbPath: string, owner: LockOwner | null = readOwner(dbPath)): string {
  const who = owner
    ? `${owner.program}（进程 ${owner.pid}${owner.pid === process.pid ? '，就是本程序' : ''}，${localTime(owner.since)} 起）`
    : '另一个程序';
  return (
    `台账文件“${dbPath}”正由${who}使用：同一时间只能有一个程序写入台账，以免数据丢失。` +
    '请在那个程序中操作（恢复备份在它的「数据安全」页），或先关闭它再试。'
  );
}

/**
 * Takes the writer lock of a ledger file or refuses at once with a Chinese message naming the holder.
 * Held until release() or the end of the process.
 */
export function acquireWriterLock(dbPath: string, opts: { nativeBinding?: string } = {}): WriterLock {
  const path = lockPathFor(dbPath);
  let conn: Database.Database;
  try {
    conn = openSqlite(path, { timeout: 0, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  } catch (e) {
    throw new LedgerError(
      'DB_LOCKED',
      `无法在台账文件旁建立锁文件“${path}”：${(e as Error).message}。请检查文件夹是否可写。`,
    );
  }
  try {
    conn.exec('BEGIN EXCLUSIVE');
  } catch (e) {
    conn.close();
    const code = (e as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
      throw new LedgerError('DB_LOCKED', heldMessage(dbPath));
    throw new LedgerError('DB_LOCKED', `无法锁定台账文件“${dbPath}”：${(e as Error).message}`);
  }
  const owner: LockOwner = {
    pid: process.pid,
    program: lockProgram(),
    since: new Date().toISOString(),
    host: hostname(),
  };
  try {
    writeFileSync(ownerPathFor(dbPath), JSON.stringify(owner));
  } catch {
    /* the name of the holder is a courtesy; the lock itself is what counts */
  }
  let held = true;
  return {
    path,
    release() {
      if (!held) return;
      held = false;
      if (readOwner(dbPath)?.pid === process.pid) rmSync(ownerPathFor(dbPath), { force: true });
      try {
        conn.exec('ROLLBACK');
      } catch {
        /* closing drops the lock anyway */
      }
      conn.close();
    },
  };
}
