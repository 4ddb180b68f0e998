// Making, rotating and restoring backups of the open ledger, always through SQLite's online backup
// API (a copy of the open file could catch it mid-write), each copy checked with integrity_check.
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { latestVersion } from '../../../migrations/index';
import {
  RESTORE_ACCEPT_LABELS,
  type BackupInfo,
  type BackupKind,
  type RestoreAccept,
  type RestoreResult,
} from '../../../shared/api/backup';
import { LedgerError } from '../../../shared/errors';
import type { Db } from '../db/db';
import { walkChain } from '../audit';
import { fileHead, recordAnchor, updateHeadFile, writeHeadFile } from '../audit-anchors';
import { acquireWriterLock } from '../db/lock';
import { openSqlite } from '../db/sqlite';
import { backupTo } from '../db/open';
import { backupDirFor } from '../paths';
import { backupFileName, inspectBackup, listBackups, parseBackupName } from './files';
import { backupsToKeep } from './rotation';

export interface CreateBackupOptions {
  kind: BackupKind;
  /** Defaults to the folder beside the database. */
  dir?: string;
  now?: () => Date;
}

/** Flushes a folder's entry list, so that a rename survives a power cut (no-op where unsupported). */
function fsyncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    /* Windows cannot open a folder; NTFS journals the rename itself */
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** A full, checked copy of the open ledger; written under a temporary name and renamed when good. */
export async function createBackup(db: Db, opts: CreateBackupOptions): Promise<BackupInfo> {
  const dir = opts.dir ?? backupDirFor(db.path);
  if (!isAbsolute(dir)) throw new LedgerError('INVALID_INPUT', `备份文件夹必须是完整路径：“${dir}”`);
  const at = (opts.now ?? (() => new Date()))();
  let name = backupFileName(basename(db.path), opts.kind, at);
  for (let n = 2; existsSync(join(dir, name)); n++)
    name = backupFileName(basename(db.path), opts.kind, at).replace(/\.([a-z-]+)\.sqlite$/, `-${n}.$1.sqlite`);
  const dest = join(dir, name);
  const partial = `${dest}.partial.sqlite`;
  try {
    await backupTo(db, partial);
  } catch (e) {
    rmSync(partial, { force: true });
    if (e instanceof LedgerError) throw e;
    throw new LedgerError('INTERNAL', `备份到“${dir}”失败：${(e as Error).message}`);
  }
  renameSync(partial, dest);
  fsyncDir(dir);
  return inspectBackup(dest);
}

/** Deletes the backups the policy no longer keeps (never a file whose name is not one of ours); returns their names. */
export function rotateBackups(dir: string, now: Date): string[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .map((name) => ({ name, parsed: parseBackupName(name) }))
    .filter((f) => f.parsed)
    .map((f) => ({ name: f.name, at: f.parsed!.at, kind: f.parsed!.kind }));
  const keep = backupsToKeep(files, now);
  const gone = files.filter((f) => !keep.has(f.name)).map((f) => f.name);
  for (const name of gone) rmSync(join(dir, name), { force: true });
  return gone;
}

/** Backs up into the folder beside the database and rotates that folder. */
export async function backupAndRotate(
  db: Db,
  kind: BackupKind,
  now: () => Date = () => new Date(),
): Promise<BackupInfo> {
  const info = await createBackup(db, { kind, now });
  rotateBackups(dirname(info.path), now());
  return info;
}

/** What a restore needs from whoever holds the open ledger: close it, and open it again. */
export interface RestoreTarget {
  path: string;
  db(): Db;
  close(): void;
  open(): Promise<void>;
  now?: () => Date;
}

/** Refuses a file that is not a sound ledger this program can open. */
export function checkRestorable(path: string): BackupInfo {
  if (!existsSync(path)) throw new LedgerError('NOT_FOUND', `找不到备份文件“${path}”。`);
  const info = inspectBackup(path, 'full');
  if (!info.ok) throw new LedgerError('DB_CORRUPT', `备份文件“${path}”不能用于恢复：${info.problem ?? '未知原因'}。`);
  if (info.schemaVersion > latestVersion)
    throw new LedgerError(
      'DB_NEWER',
      `备份文件“${path}”由更新版本的程序创建（数据结构版本 ${info.schemaVersion}，本程序只支持到 ${latestVersion}），不能恢复。`,
    );
  return info;
}

/** The file's identity (schema v4 on) and the institution its settings name, read from any ledger file. */
function ledgerIdentity(sqlite: ReturnType<typeof openSqlite>): { id: string | null; institution: string } {
  const has = (t: string) => !!sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t);
  const id = has('ledger_meta')
    ? ((sqlite.prepare("SELECT value FROM ledger_meta WHERE key = 'ledgerId'").get() as { value: string } | undefined)
        ?.value ?? null)
    : null;
  let institution = '';
  try {
    const row = sqlite.prepare("SELECT value FROM settings WHERE key = 'institution'").get() as
      { value: string } | undefined;
    if (row) institution = String(JSON.parse(row.value) ?? '');
  } catch {
    /* an old or odd settings table: the name is only for the message */
  }
  return { id, institution };
}

/** The identity of the open ledger, to compare a backup with. */
export function currentLedgerId(db: Db): string | null {
  return ledgerIdentity(db.sqlite).id;
}

/**
 * What makes a sound file still not a backup to restore without a word: it belongs to another ledger
 * (another institution's, or another file of this office made from scratch), or its own audit trail does
 * not hold (rewritten or damaged since it was taken). Each is refused with a Chinese message saying why,
 * changing nothing, unless the secretary chose 仍要恢复 for exactly that reason (`accept`).
 */
export function assertProvenance(
  src: string,
  currentId: string | null,
  accept: readonly RestoreAccept[] = [],
): RestoreAccept[] {
  const s = openSqlite(src, { readonly: true, fileMustExist: true });
  const problems: { accept: RestoreAccept; message: string }[] = [];
  try {
    const file = ledgerIdentity(s);
    // A file from before schema v4 carries no identity: nothing to compare, as before.
    if (currentId && file.id && file.id !== currentId)
      problems.push({
        accept: 'otherLedger',
        message:
          `备份文件“${basename(src)}”不是本台账的备份，而是另一个台账的数据` +
          `${file.institution ? `（单位名称：${file.institution}）` : ''}，恢复会用它替换本单位的全部数据`,
      });
    const chain = walkChain(s);
    if (chain.breaks.length) {
      const first = chain.breaks[0]!;
      problems.push({
        accept: 'brokenTrail',
        message:
          `备份文件“${basename(src)}”的审计记录校验链断裂（共${chain.breaks.length}处，第一处在第${first.id}条：${first.reason}），` +
          '其中的数据可能在备份后被改动过',
      });
    }
  } finally {
    s.close();
  }
  const refused = problems.filter((p) => !accept.includes(p.accept));
  // What was there and chosen anyway: said in the anchors log and in the answer.
  if (!refused.length) return problems.map((p) => p.accept);
  throw new LedgerError(
    'CONFLICT',
    `没有恢复，台账未作任何改动：${refused.map((p) => p.message).join('；')}。` +
      '如确认要用这个文件，请再次恢复并选择“仍要恢复”。',
    refused.map((p) => ({
      path: ['accept'],
      field: '仍要恢复',
      message: p.message,
      value: p.accept,
    })),
  );
}

/** The anchors log's note for a restore: the file, and what was restored anyway. */
function restoreNote(src: string, accepted: readonly RestoreAccept[]): string {
  return accepted.length
    ? `${basename(src)}（仍要恢复：${accepted.map((a) => RESTORE_ACCEPT_LABELS[a]).join('、')}）`
    : basename(src);
}

const stagingPath = (path: string) => `${path}.restoring`;

/** Copies a backup beside the ledger under a temporary name, standing alone (no WAL) and checked. */
function stageCopy(from: string, path: string): void {
  const staging = stagingPath(path);
  rmSync(staging, { force: true });
  copyFileSync(from, staging);
  const s = openSqlite(staging);
  try {
    s.pragma('journal_mode = DELETE');
    const r = s.pragma('quick_check', { simple: true });
    if (r !== 'ok') throw new LedgerError('DB_CORRUPT', `复制的备份校验失败：${String(r)}`);
  } finally {
    s.close();
  }
  const fd = openSync(staging, 'r+');
  fsyncSync(fd);
  closeSync(fd);
}

/** Renames the staged copy over the ledger; the old file's -wal and -shm must never meet the new one. */
function swapIn(path: string): void {
  rmSync(`${path}-wal`, { force: true });
  rmSync(`${path}-shm`, { force: true });
  renameSync(stagingPath(path), path);
  fsyncDir(dirname(path));
}

/**
 * Restores over a ledger that cannot be opened (it failed its start-up check). Nothing holds it open,
 * so the damaged file and its -wal are kept by plain copy, for whoever investigates it later.
 */
export function restoreOverDamaged(
  path: string,
  source: string,
  now: () => Date = () => new Date(),
  accept: readonly RestoreAccept[] = [],
): RestoreResult {
  const src = resolve(source);
  path = resolve(path);
  if (src === path) throw new LedgerError('INVALID_INPUT', '不能用数据库文件恢复它自己。');
  // Nobody may have the file open meanwhile: the writer lock refuses while another program runs.
  const lock = acquireWriterLock(path);
  try {
    return restoreOverDamagedLocked(path, src, now, accept);
  } finally {
    lock.release();
  }
}

function restoreOverDamagedLocked(
  path: string,
  src: string,
  now: () => Date,
  accept: readonly RestoreAccept[],
): RestoreResult {
  const backup = checkRestorable(src);
  // The damaged file's identity is read if it still can be: a foreign file is no cure for it.
  let currentId: string | null = null;
  try {
    const s = openSqlite(path, { readonly: true, fileMustExist: true });
    try {
      currentId = ledgerIdentity(s).id;
    } finally {
      s.close();
    }
  } catch {
    /* unreadable: nothing to compare with */
  }
  const accepted = assertProvenance(src, currentId, accept);
  const dir = backupDirFor(path);
  mkdirSync(dir, { recursive: true });
  const copy = join(
    dir,
    backupFileName(basename(path), 'before-restore', now()).replace(/\.sqlite$/, '.damaged.sqlite'),
  );
  if (existsSync(path)) copyFileSync(path, copy);
  for (const ext of ['-wal', '-shm']) if (existsSync(path + ext)) copyFileSync(path + ext, copy + ext);
  stageCopy(src, path);
  swapIn(path);
  const head = fileHead(path);
  if (head) {
    recordAnchor(path, 'restore', head, restoreNote(src, accepted), now());
    writeHeadFile(path, head, now());
  }
  return { restoredFrom: src, safetyCopy: copy, backup, ...(accepted.length ? { accepted } : {}) };
}

/**
 * Replaces the ledger with a backup while the app holds it open: check the backup, keep a copy of the
 * current file, stage the backup beside the file, close, swap by rename, open again. If the reopened
 * file is refused, the copy just made is put back, so the user is never left without a ledger.
 */
export async function restoreLedger(
  target: RestoreTarget,
  source: string,
  accept: readonly RestoreAccept[] = [],
): Promise<RestoreResult> {
  const now = target.now ?? (() => new Date());
  const src = resolve(source);
  const path = resolve(target.path);
  if (src === path) throw new LedgerError('INVALID_INPUT', '不能用正在使用的数据库文件恢复它自己。');
  const backup = checkRestorable(src);
  const accepted = assertProvenance(src, currentLedgerId(target.db()), accept);
  const restoredHead = fileHead(src);

  // Another process (a second window, the ledger command) reading the file would see it change
  // underneath it; a checkpoint that cannot finish says someone is there.
  const [cp] = target.db().sqlite.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  if (cp && cp.busy)
    throw new LedgerError(
      'DB_LOCKED',
      '另一个程序（如另一个台账窗口或 ledger 命令）正在使用此数据库，请关闭它后再恢复。',
    );

  const safety = await createBackup(target.db(), { kind: 'before-restore', dir: backupDirFor(path), now });
  const stage = (from: string) => stageCopy(from, path);
  const swap = () => swapIn(path);

  stage(src);
  target.close();
  try {
    swap();
    await target.open();
    // From here the trail is the backup's: anchors before this line no longer describe it.
    if (restoredHead) recordAnchor(path, 'restore', restoredHead, restoreNote(src, accepted), now());
    updateHeadFile(target.db(), { force: true, at: now() });
  } catch (e) {
    // Put back the file as it was; whatever happens, the safety copy stays in the backup folder.
    stage(safety.path);
    swap();
    await target.open();
    throw e instanceof LedgerError
      ? new LedgerError(e.code, `恢复失败，已换回恢复前的数据库：${e.message}`)
      : new LedgerError('INTERNAL', `恢复失败，已换回恢复前的数据库：${(e as Error).message}`);
  }
  return { restoredFrom: src, safetyCopy: safety.path, backup, ...(accepted.length ? { accepted } : {}) };
}

export { listBackups };
