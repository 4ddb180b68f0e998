// 年度锁定: after the year-end evaluation (考核) a year's records, contact points and rules become
// read-only, so that the figures the evaluation used cannot be changed quietly afterwards.
import type { YearLock, YearLockState } from '../../shared/api/years';
import { formatChineseDate } from '../../shared/format/date';
import { LedgerError } from '../../shared/errors';
import { appendAudit } from './audit';
import { auditHead, recordAnchor } from './audit-anchors';
import type { ServiceContext } from './context';
import { loadRoster } from './locked-roster';

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
 * A thing whose name a locked year's records read: a cadre, a contact object, a unit (its cadres' and
 * objects' 所属单位), an activity type, or a value of one of the vocabulary lists (级别, 角色, 单位类别,
 * 对象类别) carried by the cadres, objects or units on those records.
 */
export type NameUse =
  | { table: 'cadres' | 'contact_objects' | 'units' | 'activity_types'; id: number }
  | { list: 'levels' | 'roles' | 'unitCategories' | 'objectCategories'; value: string };

const CADRE_RECORDS = 'SELECT rc.record_id FROM record_cadres rc JOIN cadres c ON c.id = rc.cadre_id';
const OBJECT_RECORDS = 'SELECT ro.record_id FROM record_objects ro JOIN contact_objects o ON o.id = ro.object_id';

/** The records that read the name, as a sub-select, with the arguments it takes. */
function recordsUsing(use: NameUse): { sql: string; args: (string | number)[] } {
  if ('table' in use) {
    const { id } = use;
    switch (use.table) {
      case 'cadres':
        return { sql: 'SELECT record_id FROM record_cadres WHERE cadre_id = ?', args: [id] };
      case 'contact_objects':
        return { sql: 'SELECT record_id FROM record_objects WHERE object_id = ?', args: [id] };
      case 'units':
        return {
          sql: `${CADRE_RECORDS} WHERE c.unit_id = ? UNION ${OBJECT_RECORDS} WHERE o.unit_id = ?`,
          args: [id, id],
        };
      case 'activity_types':
        return { sql: 'SELECT id FROM records WHERE activity_type_id = ?', args: [id] };
    }
  }
  const { value } = use;
  switch (use.list) {
    case 'levels':
      return { sql: `${CADRE_RECORDS} WHERE c.level = ?`, args: [value] };
    case 'roles':
      return {
        sql: `${CADRE_RECORDS} JOIN cadre_roles cr ON cr.cadre_id = c.id WHERE cr.role = ?`,
        args: [value],
      };
    case 'objectCategories':
      return { sql: `${OBJECT_RECORDS} WHERE o.category = ?`, args: [value] };
    case 'unitCategories':
      return {
        sql:
          `${CADRE_RECORDS} JOIN units u ON u.id = c.unit_id WHERE u.category = ? UNION ` +
          `${OBJECT_RECORDS} JOIN units u ON u.id = o.unit_id WHERE u.category = ?`,
        args: [value, value],
      };
  }
}

/** The locked years with a record that reads the name, oldest first. */
export function lockedYearsUsing(ctx: ServiceContext, use: NameUse): number[] {
  const { sqlite } = ctx.db;
  if (!(sqlite.prepare('SELECT 1 FROM year_locks LIMIT 1').get() as unknown)) return [];
  const { sql, args } = recordsUsing(use);
  return (
    sqlite
      .prepare(
        `SELECT DISTINCT l.year FROM year_locks l JOIN records r ON r.date >= l.year || '-01-01' AND r.date <= l.year || '-12-31'
         WHERE r.id IN (${sql}) ORDER BY l.year`,
      )
      .all(...args) as { year: number }[]
  ).map((r) => r.year);
}

/**
 * A name is part of what a locked year's records say: renaming a cadre, an object, a unit, an activity
 * type or a vocabulary value they carry would make every record of that year read differently after the
 * evaluation (and, for a type or a category, count differently). Refused while such a year is locked.
 * `verb` is what the secretary asked for: 改名, or 合并 when one value is folded into another.
 */
export function assertNameKept(
  ctx: ServiceContext,
  who: NameUse & { noun: string; name: string },
  newName: string,
  verb = '改名',
): void {
  if (newName === who.name) return;
  const years = lockedYearsUsing(ctx, who);
  if (!years.length) return;
  throw new LedgerError(
    'FORBIDDEN',
    `${who.noun}“${who.name}”出现在已锁定的${years.join('、')}年度的联系记录中，${verb}会改变这些记录的内容，所以没有${verb}。` +
      `如确需${verb}，请先解锁该年度并填写理由。`,
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
      // The people as the 考核 judged them: later promotions and moves leave this year's figures alone.
      roster: JSON.stringify(loadRoster(db)),
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
