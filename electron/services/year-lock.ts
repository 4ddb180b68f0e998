// 年度锁定: after the year-end evaluation (考核) a year's records, contact points and rules become
// read-only, so that the figures the evaluation used cannot be changed quietly afterwards.
import type { YearLock, YearLockState } from '../../shared/api/years';
import { formatChineseDate } from '../../shared/format/date';
import { LedgerError } from '../../shared/errors';
import { appendAudit } from './audit';
import { auditHead, recordAnchor } from './audit-anchors';
import type { ServiceContext } from './context';

function localIsoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** 2026-01-20T02:00:00Z → 2026年1月20日 (the day the office saw on its clock). */
function lockDay(lockedAt: string): string {
  const d = new Date(lockedAt);
  return Number.isNaN(d.getTime()) ? lockedAt : formatChineseDate(localIsoDate(d));
}

function readLock(ctx: ServiceContext, year: number): YearLock | null {
  const { db } = ctx;
  const r = db.first(db.q.selectFrom('year_locks').selectAll().where('year', '=', year));
  return r ? { year: r.year, lockedAt: r.locked_at, operator: r.operator, reason: r.reason } : null;
}

/** Whether the year was locked, for reports to state it beside their figures. */
export function yearLockState(ctx: ServiceContext, year: number): YearLockState {
  const lock = readLock(ctx, year);
  return lock
    ? { year, locked: true, lockedAt: lock.lockedAt, operator: lock.operator, reason: lock.reason }
    : { year, locked: false };
}

/**
 * The guard every service that writes year-bound data calls inside its transaction.
 * `what` names the data in Chinese: 联系记录, 联系点, 制度要求 …
 */
export function assertYearOpen(ctx: ServiceContext, year: number, what: string): void {
  const lock = readLock(ctx, year);
  if (!lock) return;
  throw new LedgerError(
    'FORBIDDEN',
    `${year}年度已锁定（考核完成于${lockDay(lock.lockedAt)}），不能修改${what}。如需修改，请先解锁并填写理由。`,
  );
}

/**
 * A cadre's or contact object's name is part of what a locked year's records say: renaming it would make
 * every record of that year read differently after the evaluation. Refused while such a year is locked.
 */
export function assertNameKept(
  ctx: ServiceContext,
  who: { table: 'cadres' | 'contact_objects'; id: number; noun: string; name: string },
  newName: string,
): void {
  if (newName === who.name) return;
  const link =
    who.table === 'cadres'
      ? 'SELECT record_id FROM record_cadres WHERE cadre_id = ?'
      : 'SELECT record_id FROM record_objects WHERE object_id = ?';
  const years = (
    ctx.db.sqlite
      .prepare(
        `SELECT DISTINCT l.year FROM year_locks l JOIN records r ON r.date >= l.year || '-01-01' AND r.date <= l.year || '-12-31'
         WHERE r.id IN (${link}) ORDER BY l.year`,
      )
      .all(who.id) as { year: number }[]
  ).map((r) => r.year);
  if (!years.length) return;
  throw new LedgerError(
    'FORBIDDEN',
    `${who.noun}“${who.name}”出现在已锁定的${years.join('、')}年度的联系记录中，改名会改变这些记录的内容，所以没有改名。` +
      '如确需改名，请先解锁该年度并填写理由。',
  );
}

/** Whether a year is locked, for services that allow some changes in it (督办事项 may still be closed). */
export function isYearLocked(ctx: ServiceContext, year: number): boolean {
  return readLock(ctx, year) !== null;
}

export function listYearLocks(ctx: ServiceContext): YearLock[] {
  const { db } = ctx;
  return db
    .all(db.q.selectFrom('year_locks').selectAll().orderBy('year'))
    .map((r) => ({ year: r.year, lockedAt: r.locked_at, operator: r.operator, reason: r.reason }));
}

export function lockYear(ctx: ServiceContext, year: number, reason = ''): YearLock {
  const { db } = ctx;
  return db.tx(() => {
    const existing = readLock(ctx, year);
    if (existing) throw new LedgerError('CONFLICT', `${year}年度已于${lockDay(existing.lockedAt)}锁定，无需再次锁定。`);
    // The head of the trail as the year is closed: kept in the lock and in the anchors log outside the
    // file, so a later rewrite of anything before it contradicts both.
    const head = auditHead(db);
    const row = {
      year,
      locked_at: ctx.now().toISOString(),
      operator: ctx.operator().operator,
      reason,
      audit_head_id: head.id,
      audit_head_hash: head.hash,
    };
    db.run(db.q.insertInto('year_locks').values(row));
    const lock = readLock(ctx, year)!;
    appendAudit(ctx, { action: 'lock', table: 'year_locks', rowId: year, after: lock });
    recordAnchor(db.path, 'lock', head, `${year}年度`, ctx.now());
    return lock;
  });
}

/** Unlocking needs a reason: it is what the 考核小组 reads in the audit trail afterwards. */
export function unlockYear(ctx: ServiceContext, year: number, reason: string): YearLock {
  const { db } = ctx;
  if (!reason.trim()) throw new LedgerError('INVALID_INPUT', '解锁年度必须填写理由。');
  return db.tx(() => {
    const lock = readLock(ctx, year);
    if (!lock) throw new LedgerError('NOT_FOUND', `${year}年度没有锁定，无需解锁。`);
    db.run(db.q.deleteFrom('year_locks').where('year', '=', year));
    appendAudit(ctx, {
      action: 'unlock',
      table: 'year_locks',
      rowId: year,
      before: lock,
      after: { unlockReason: reason.trim() },
    });
    return lock;
  });
}

export function yearHandlers(ctx: ServiceContext) {
  return {
    'years.list': (): YearLock[] => listYearLocks(ctx),
    'years.lock': ({ year, reason }: { year: number; reason?: string | undefined }): YearLock =>
      lockYear(ctx, year, reason ?? ''),
    'years.unlock': ({ year, reason }: { year: number; reason: string }): YearLock => unlockYear(ctx, year, reason),
  };
}
