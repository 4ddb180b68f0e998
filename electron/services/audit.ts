// The audit trail: every write appended with who, when, what, before and after, each entry chained to
// the previous one by SHA-256, so that a row changed outside the app breaks the chain.
import { createHash } from 'node:crypto';
import type { ServiceContext } from './context';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  action: 'create' | 'update' | 'delete' | 'restore' | 'import' | 'lock' | 'unlock' | string;
  table: string;
  rowId: number | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditRow {
  at: string;
  operator: string;
  os_user: string;
  action: string;
  table_name: string;
  row_id: number | null;
  before: string | null;
  after: string | null;
}

export function auditHash(prevHash: string, row: AuditRow): string {
  const canonical = JSON.stringify([
    row.at,
    row.operator,
    row.os_user,
    row.action,
    row.table_name,
    row.row_id,
    row.before,
    row.after,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** Appends one entry; call it inside the transaction of the write it describes. */
export function appendAudit(ctx: ServiceContext, entry: AuditEntry): void {
  const { db } = ctx;
  const last = db.first(db.q.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1));
  const prevHash = last?.hash ?? GENESIS_HASH;
  const who = ctx.operator();
  const row: AuditRow = {
    at: ctx.now().toISOString(),
    operator: who.operator,
    os_user: who.osUser,
    action: entry.action,
    table_name: entry.table,
    row_id: entry.rowId,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  };
  db.run(db.q.insertInto('audit_log').values({ ...row, prev_hash: prevHash, hash: auditHash(prevHash, row) }));
}

export interface ChainBreak {
  id: number;
  table: string;
  rowId: number | null;
  reason: string;
}

/** Walks the chain from the start; returns every entry whose hash or link does not hold. */
export function verifyAuditChain(ctx: ServiceContext): { entries: number; breaks: ChainBreak[] } {
  const { db } = ctx;
  const rows = db.all(db.q.selectFrom('audit_log').selectAll().orderBy('id'));
  const breaks: ChainBreak[] = [];
  let prev = GENESIS_HASH;
  for (const r of rows) {
    if (r.prev_hash !== prev)
      breaks.push({
        id: r.id,
        table: r.table_name,
        rowId: r.row_id,
        reason: '与上一条记录的链接不符（有记录被删除或插入）',
      });
    if (auditHash(r.prev_hash, r) !== r.hash)
      breaks.push({ id: r.id, table: r.table_name, rowId: r.row_id, reason: '内容与校验值不符（记录被改动）' });
    prev = r.hash;
  }
  return { entries: rows.length, breaks };
}
