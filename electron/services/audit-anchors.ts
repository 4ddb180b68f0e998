// The audit trail anchored outside the ledger file. A chain of hashes inside one file can be rewritten
// whole by whoever holds the file (re-hash every entry after an edit; delete the last row with its
// entry). So the head of the chain — the last entry's number and hash — is also kept where a rewrite of
// the file cannot reach it: a head file updated after every write, an append-only anchors log (each
// backup, year lock, printed 考核 packet, restore), every backup file (which carries its own chain), and
// the year-lock record. Verify checks the live chain against each of them.
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { AnchorBreak } from '../../shared/api/audit';
import { GENESIS_HASH } from './audit';
import { listBackups } from './backup/files';
import type { ServiceContext } from './context';
import type { Db } from './db/db';
import { openSqlite } from './db/sqlite';
import { backupDirFor } from './paths';

export interface AuditHead {
  id: number;
  hash: string;
}

export type AnchorWhy = 'start' | 'backup' | 'lock' | 'packet' | 'restore';

interface AnchorLine extends AuditHead {
  at: string;
  why: AnchorWhy;
  note?: string;
}

/** Beside the ledger, apart from the backups: ledger.sqlite → ledger.sqlite.audit/. */
export const anchorDirFor = (dbPath: string) => join(dirname(dbPath), `${basename(dbPath)}.audit`);
export const anchorsPathFor = (dbPath: string) => join(anchorDirFor(dbPath), 'anchors.jsonl');
export const headPathFor = (dbPath: string) => join(anchorDirFor(dbPath), 'head.json');

/** The last entry of the trail (number 0 and the genesis hash for an empty trail). */
export function auditHead(db: Db): AuditHead {
  const r = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as AuditHead | undefined;
  return r ?? { id: 0, hash: GENESIS_HASH };
}

/** The head in words, as a report or a printed packet shows it: 审计日志第 1234 条，校验值 3f9a…c2d1. */
export function describeHead(head: AuditHead): string {
  return `审计日志第 ${head.id} 条，校验值 ${head.hash.slice(0, 12)}…${head.hash.slice(-8)}`;
}

/** Appends to the anchors log beside the backups. Never throws: an anchor is extra evidence, not the write. */
export function recordAnchor(dbPath: string, why: AnchorWhy, head: AuditHead, note?: string, at = new Date()): void {
  if (dbPath === ':memory:') return;
  try {
    mkdirSync(anchorDirFor(dbPath), { recursive: true });
    const line: AnchorLine = { at: at.toISOString(), why, id: head.id, hash: head.hash, ...(note ? { note } : {}) };
    appendFileSync(anchorsPathFor(dbPath), `${JSON.stringify(line)}\n`);
  } catch {
    /* a full or read-only disk: the write itself was kept; verify will say the anchor is missing */
  }
}

function readHeadFile(dbPath: string): (AuditHead & { at: string }) | null {
  try {
    const h = JSON.parse(readFileSync(headPathFor(dbPath), 'utf8')) as AuditHead & { at: string };
    return typeof h.id === 'number' && typeof h.hash === 'string' ? h : null;
  } catch {
    return null;
  }
}

function readAnchors(dbPath: string): AnchorLine[] {
  let text: string;
  try {
    text = readFileSync(anchorsPathFor(dbPath), 'utf8');
  } catch {
    return [];
  }
  const lines: AnchorLine[] = [];
  for (const l of text.split('\n')) {
    if (!l.trim()) continue;
    try {
      const a = JSON.parse(l) as AnchorLine;
      if (typeof a.id === 'number' && typeof a.hash === 'string') lines.push(a);
    } catch {
      /* a line cut by a crash: the ones before and after still count */
    }
  }
  return lines;
}

const liveHash = (db: Db, id: number) =>
  (db.prepare('SELECT hash FROM audit_log WHERE id = ?').get(id) as { hash: string } | undefined)?.hash;

/**
 * Writes the head file with the trail's present head — only when the trail still holds the head the file
 * had (or `force`, after a restore): a trail cut or rewritten while the program was closed must not
 * overwrite the evidence against it. Returns whether it wrote.
 */
export function updateHeadFile(db: Db, opts: { force?: boolean; at?: Date } = {}): boolean {
  if (db.path === ':memory:') return false;
  const head = auditHead(db);
  const old = readHeadFile(db.path);
  if (!opts.force && old) {
    if (old.id === head.id && old.hash === head.hash) return false;
    if (old.id > head.id || (old.id > 0 && liveHash(db, old.id) !== old.hash)) return false;
  }
  return writeHeadFile(db.path, head, opts.at);
}

/** Writes the head file as given (after a restore, when the trail is a backup's). */
export function writeHeadFile(dbPath: string, head: AuditHead, at = new Date()): boolean {
  try {
    mkdirSync(anchorDirFor(dbPath), { recursive: true });
    const file = headPathFor(dbPath);
    writeFileSync(`${file}.tmp`, JSON.stringify({ ...head, at: at.toISOString() }));
    renameSync(`${file}.tmp`, file);
    return true;
  } catch {
    return false;
  }
}

/** The head of a ledger file's own trail (a backup about to be restored), or null when unreadable. */
export function fileHead(path: string): AuditHead | null {
  return backupHead(path)?.head ?? null;
}

/** The last entry of a backup file's own trail, and its entry at `at` when asked. */
function backupHead(path: string, at?: number): { head: AuditHead; hashAt?: string } | null {
  let db = null;
  try {
    db = openSqlite(path, { readonly: true, fileMustExist: true });
    const head = db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as AuditHead | undefined;
    if (!head) return { head: { id: 0, hash: GENESIS_HASH } };
    const hashAt =
      at === undefined
        ? undefined
        : (db.prepare('SELECT hash FROM audit_log WHERE id = ?').get(at) as { hash: string } | undefined)?.hash;
    return { head, ...(hashAt !== undefined ? { hashAt } : {}) };
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日 ${p(d.getHours())}:${p(d.getMinutes())}`;
}

const WHY: Record<AnchorWhy, string> = {
  start: '首次记录',
  backup: '备份',
  lock: '年度锁定',
  packet: '考核材料包',
  restore: '恢复',
};

/**
 * The live trail against every anchor kept outside it. An anchor the trail no longer reaches means its
 * last entries were deleted (or the file was replaced by an older one); a different hash at the anchored
 * number means the trail was rewritten. After a restore only what was anchored since counts, and older
 * backups are compared on the part they share with the restored trail.
 */
export function verifyAnchors(ctx: ServiceContext): { checked: number; breaks: AnchorBreak[]; notes: string[] } {
  const { db } = ctx;
  const breaks: AnchorBreak[] = [];
  const notes: string[] = [];
  let checked = 0;
  if (db.path === ':memory:') return { checked, breaks, notes };
  const head = auditHead(db);
  const check = (source: string, at: string | null, id: number, hash: string) => {
    checked++;
    if (id === 0) return;
    if (id > head.id)
      breaks.push({
        source,
        at,
        id,
        message: `${source}记载审计日志已有第 ${id} 条，但现在只到第 ${head.id} 条：最后的记录连同数据被删除了，或台账被换成了旧文件。`,
      });
    else if (liveHash(db, id) !== hash)
      breaks.push({
        source,
        at,
        id,
        message: `审计日志第 ${id} 条与${source}记载的校验值不同：审计日志被改写过。`,
      });
  };

  const anchors = readAnchors(db.path);
  // After a restore the trail is the restored backup's: only anchors since count, and older backups are
  // compared on the part every branch shares (up to the earliest point ever restored to).
  let restoreAt: string | null = null;
  let restoreId = Infinity;
  for (const a of anchors)
    if (a.why === 'restore') {
      restoreAt = a.at;
      restoreId = Math.min(restoreId, a.id);
    }
  for (const a of anchors) {
    if (restoreAt !== null && a.at < restoreAt) continue;
    check(`${localTime(a.at)}的${WHY[a.why] ?? a.why}锚点${a.note ? `（${a.note}）` : ''}`, a.at, a.id, a.hash);
  }
  const hf = readHeadFile(db.path);
  if (hf && (restoreAt === null || hf.at >= restoreAt)) check('台账旁保存的审计日志末条记录', hf.at, hf.id, hf.hash);
  if (!hf && anchors.length === 0 && head.id > 0)
    notes.push(
      `台账旁没有审计日志的外部锚点（“${anchorDirFor(db.path)}”，台账可能是从别处复制来的，或锚点被删除）：只核对了文件内部的校验链和备份。`,
    );

  for (const lock of db
    .prepare('SELECT year, locked_at, audit_head_id, audit_head_hash FROM year_locks WHERE audit_head_id IS NOT NULL')
    .all() as { year: number; locked_at: string; audit_head_id: number; audit_head_hash: string }[])
    check(`${lock.year}年度锁定记录`, lock.locked_at, lock.audit_head_id, lock.audit_head_hash);

  for (const b of listBackups(backupDirFor(db.path))) {
    if (!b.ok) continue;
    const before = restoreAt !== null && b.at < restoreAt;
    const got = backupHead(b.path, before ? restoreId : undefined);
    if (!got || got.head.id === 0) continue;
    const source = `${localTime(b.at)}的备份“${b.fileName}”`;
    if (!before) check(source, b.at, got.head.id, got.head.hash);
    else if (got.head.id <= restoreId) check(source, b.at, got.head.id, got.head.hash);
    else if (got.hashAt !== undefined) check(source, b.at, restoreId, got.hashAt);
  }
  return { checked, breaks, notes };
}

/** The first anchor of a ledger that has none yet (one from before anchors were kept). */
export function anchorIfNew(db: Db): void {
  if (db.path === ':memory:' || existsSync(anchorsPathFor(db.path)) || existsSync(headPathFor(db.path))) return;
  const head = auditHead(db);
  if (head.id === 0) return;
  recordAnchor(db.path, 'start', head);
  updateHeadFile(db, { force: true });
}
