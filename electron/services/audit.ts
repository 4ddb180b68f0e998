// The audit trail: every write appended with who, when, what, before and after, each entry chained to
// the previous one by SHA-256, and carrying the raw row(s) as written, so that a row changed, inserted
// or deleted outside the app shows when the ledger is verified.
import { createHash } from 'node:crypto';
import type { AuditHistoryEntry, RowFinding, VerifyReport } from '../../shared/api/audit';
import { LedgerError } from '../../shared/errors';
import type { ServiceContext } from './context';
import type { Db } from './db/db';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  action: 'create' | 'update' | 'delete' | 'restore' | 'import' | 'lock' | 'unlock' | string;
  table: string;
  rowId: number | null;
  before?: unknown;
  after?: unknown;
  /**
   * The row as just written (e.g. from INSERT … RETURNING *), when the writer has it: saves reading it
   * back. Must be what readRowState would read; build it with rowState().
   */
  state?: RowState | null;
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
  /** Schema v2: the raw row(s) after the write; absent or null in older entries. */
  row_state?: string | null;
}

/**
 * The tables whose every row is written through appendAudit, with the rows that belong to a row:
 * a record's cadres and objects, a cadre's roles. Vocabulary tables are left out: presets seed them
 * in bulk. The names here are fixed, never user input, so they may be spliced into SQL.
 */
export const VERIFIED_TABLES: Record<
  string,
  { key: string; label: string; children: { table: string; fk: string }[] }
> = {
  units: { key: 'id', label: '单位', children: [] },
  cadres: { key: 'id', label: '干部', children: [{ table: 'cadre_roles', fk: 'cadre_id' }] },
  contact_objects: { key: 'id', label: '联系对象', children: [] },
  assignments: { key: 'id', label: '联系点', children: [] },
  records: {
    key: 'id',
    label: '联系记录',
    children: [
      { table: 'record_cadres', fk: 'record_id' },
      { table: 'record_objects', fk: 'record_id' },
    ],
  },
  follow_ups: { key: 'id', label: '督办事项', children: [] },
  regulations: { key: 'id', label: '制度', children: [] },
  rules: { key: 'id', label: '要求', children: [] },
  year_locks: { key: 'year', label: '年度锁定', children: [] },
};

/**
 * JSON with keys sorted at every level: the same row always gives the same text. Written out by hand
 * (the same text JSON.stringify with a key-sorting replacer gives) because an import calls it per row.
 */
export function canonicalJson(value: unknown): string {
  return canonical(value) ?? 'null';
}

function canonical(v: unknown): string | undefined {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object': {
      if (typeof (v as { toJSON?: unknown }).toJSON === 'function')
        return canonical((v as { toJSON(): unknown }).toJSON());
      if (Array.isArray(v)) return `[${v.map((x) => canonical(x) ?? 'null').join(',')}]`;
      const parts: string[] = [];
      for (const k of Object.keys(v as object).sort()) {
        const s = canonical((v as Record<string, unknown>)[k]);
        if (s !== undefined) parts.push(`${JSON.stringify(k)}:${s}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      return undefined; // undefined, functions, symbols: left out, as JSON.stringify does
  }
}

type RawRow = Record<string, unknown>;
export interface RowState {
  row: RawRow;
  [child: string]: RawRow | RawRow[];
}

function sortRows(rows: RawRow[]): RawRow[] {
  if (rows.length < 2) return rows;
  return rows
    .map((r) => [canonicalJson(r), r] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r);
}

/** The raw row and its child rows as they are in the file now, or null when the row is not there. */
export function readRowState(db: Db, table: string, rowId: number): RowState | null {
  const spec = VERIFIED_TABLES[table];
  if (!spec) return null;
  const row = db.prepare(`SELECT * FROM ${table} WHERE ${spec.key} = ?`).get(rowId) as RawRow | undefined;
  if (!row) return null;
  const children: Record<string, RawRow[]> = {};
  for (const c of spec.children)
    children[c.table] = db.prepare(`SELECT * FROM ${c.table} WHERE ${c.fk} = ?`).all(rowId) as RawRow[];
  return rowState(table, row, children);
}

/** A row and its child rows in the form the audit keeps (children in canonical order). */
export function rowState(table: string, row: RawRow, children: Record<string, RawRow[]> = {}): RowState {
  const state: RowState = { row };
  for (const c of VERIFIED_TABLES[table]?.children ?? []) state[c.table] = sortRows(children[c.table] ?? []);
  return state;
}

export function auditHash(prevHash: string, row: AuditRow): string {
  const fields: unknown[] = [
    row.at,
    row.operator,
    row.os_user,
    row.action,
    row.table_name,
    row.row_id,
    row.before,
    row.after,
  ];
  // Entries from before schema v2 hash as they always did; a row state, once kept, is under the hash.
  if (row.row_state !== undefined && row.row_state !== null) fields.push(row.row_state);
  return createHash('sha256').update(prevHash).update('\n').update(JSON.stringify(fields)).digest('hex');
}

/**
 * Appends one entry. Call it inside the transaction of the write it describes, after the write: the
 * entry keeps the row as it then is (for a verified table), and a deletion keeps 'null'.
 */
export function appendAudit(ctx: ServiceContext, entry: AuditEntry): void {
  auditWriter(ctx)(entry);
}

/**
 * An appender for many entries in one transaction (an import): the chain's last hash is read once and
 * then carried along, since the transaction's write lock keeps every other writer out meanwhile. Use it
 * only inside the transaction that makes the writes, after the first of them.
 */
export function auditWriter(ctx: ServiceContext): (entry: AuditEntry) => void {
  const { db } = ctx;
  let prevHash: string | null = null;
  const who = ctx.operator();
  // Raw cached statements: an import appends one entry per row, so this path must stay cheap.
  const insert = db.prepare(
    `INSERT INTO audit_log (at, operator, os_user, action, table_name, row_id, before, after, row_state, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (entry) => {
    if (prevHash === null) {
      const last = db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
        { hash: string } | undefined;
      prevHash = last?.hash ?? GENESIS_HASH;
    }
    const tracked = entry.rowId !== null && Object.prototype.hasOwnProperty.call(VERIFIED_TABLES, entry.table);
    const state =
      entry.state !== undefined ? entry.state : tracked ? readRowState(db, entry.table, entry.rowId!) : null;
    const row: AuditRow = {
      at: ctx.now().toISOString(),
      operator: who.operator,
      os_user: who.osUser,
      action: entry.action,
      table_name: entry.table,
      row_id: entry.rowId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      row_state: tracked ? canonicalJson(state) : null,
    };
    const hash = auditHash(prevHash, row);
    insert.run(
      row.at,
      row.operator,
      row.os_user,
      row.action,
      row.table_name,
      row.row_id,
      row.before,
      row.after,
      row.row_state ?? null,
      prevHash,
      hash,
    );
    prevHash = hash;
  };
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
  const breaks: ChainBreak[] = [];
  let prev = GENESIS_HASH;
  let entries = 0;
  // Iterated, not loaded whole: the trail of a large county runs to millions of entries.
  const rows = db.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<
    AuditRow & { id: number; prev_hash: string; hash: string }
  >;
  for (const r of rows) {
    entries++;
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
  return { entries, breaks };
}

/** Only the columns the snapshot knew: a column added by a later migration is not a change. */
function differingFields(kept: RowState, now: RowState): string[] {
  const fields: string[] = [];
  for (const [col, v] of Object.entries(kept.row))
    if (canonicalJson(now.row[col]) !== canonicalJson(v)) fields.push(col);
  for (const [child, keptRows] of Object.entries(kept)) {
    if (child === 'row' || !Array.isArray(keptRows)) continue;
    const nowRows = Array.isArray(now[child]) ? (now[child] as RawRow[]) : [];
    const cols = keptRows[0] ? Object.keys(keptRows[0]) : null;
    const pick = (r: RawRow) => canonicalJson(cols ? Object.fromEntries(cols.map((c) => [c, r[c]])) : r);
    const a = keptRows.map(pick).sort();
    const b = nowRows.map(pick).sort();
    if (a.length !== b.length || a.some((x, i) => x !== b[i])) fields.push(child);
  }
  return fields;
}

/**
 * Compares every row of the verified tables with its latest audited state: a row changed, a row with
 * no entry at all (inserted outside the app), and a row whose latest entry says it exists but which is
 * gone (deleted outside the app).
 */
export function verifyRows(ctx: ServiceContext): {
  checked: number;
  unverifiable: number;
  findings: RowFinding[];
} {
  const { db } = ctx;
  const findings: RowFinding[] = [];
  let checked = 0;
  let unverifiable = 0;
  for (const [table, spec] of Object.entries(VERIFIED_TABLES)) {
    const latest = new Map<number, { id: number; state: string | null }>();
    const kept = db.sqlite
      .prepare(
        `SELECT a.id, a.row_id, a.row_state FROM audit_log a
           JOIN (SELECT max(id) AS id FROM audit_log WHERE table_name = ? AND row_id IS NOT NULL GROUP BY row_id) m
             ON a.id = m.id`,
      )
      .iterate(table) as IterableIterator<{ id: number; row_id: number; row_state: string | null }>;
    for (const k of kept) latest.set(k.row_id, { id: k.id, state: k.row_state });

    const children = new Map<string, Map<number, RawRow[]>>();
    for (const c of spec.children) {
      const byParent = new Map<number, RawRow[]>();
      for (const r of db.sqlite.prepare(`SELECT * FROM ${c.table}`).iterate() as IterableIterator<RawRow>) {
        const parent = r[c.fk] as number;
        const list = byParent.get(parent);
        if (list) list.push(r);
        else byParent.set(parent, [r]);
      }
      children.set(c.table, byParent);
    }

    const seen = new Set<number>();
    for (const row of db.sqlite.prepare(`SELECT * FROM ${table}`).iterate() as IterableIterator<RawRow>) {
      checked++;
      const rowId = row[spec.key] as number;
      seen.add(rowId);
      const state: RowState = { row };
      for (const c of spec.children) state[c.table] = sortRows(children.get(c.table)!.get(rowId) ?? []);
      const entry = latest.get(rowId);
      const label = `${spec.label}（${table}）编号 ${rowId}`;
      if (!entry) {
        findings.push({
          kind: 'inserted',
          table,
          rowId,
          fields: [],
          message: `${label}：审计日志中没有它的记录，是在本程序之外添加的。`,
        });
        continue;
      }
      if (entry.state === null) {
        unverifiable++;
        continue;
      }
      const now = canonicalJson(state);
      if (now === entry.state) continue;
      const keptState = JSON.parse(entry.state) as RowState | null;
      if (keptState === null) {
        findings.push({
          kind: 'inserted',
          table,
          rowId,
          auditId: entry.id,
          fields: [],
          message: `${label}：审计日志记载它已删除，但它又出现了，是在本程序之外添加的。`,
        });
        continue;
      }
      const fields = differingFields(keptState, state);
      if (fields.length)
        findings.push({
          kind: 'changed',
          table,
          rowId,
          auditId: entry.id,
          fields,
          message: `${label}：与审计日志第 ${entry.id} 条记载的不一致（${fields.join('、')}），是在本程序之外改动的。`,
        });
    }
    for (const [rowId, entry] of latest) {
      if (seen.has(rowId) || entry.state === null || entry.state === 'null') continue;
      findings.push({
        kind: 'deleted',
        table,
        rowId,
        auditId: entry.id,
        fields: [],
        message: `${spec.label}（${table}）编号 ${rowId}：审计日志第 ${entry.id} 条记载它存在，但它已不在数据库中，是在本程序之外删除的。`,
      });
    }
  }
  return { checked, unverifiable, findings };
}

/** The chain and the rows together: what `ledger verify` and audit.verify report. */
export function verifyLedger(ctx: ServiceContext): VerifyReport {
  const chain = verifyAuditChain(ctx);
  const rows = verifyRows(ctx);
  return {
    ok: chain.breaks.length === 0 && rows.findings.length === 0,
    entries: chain.entries,
    chainBreaks: chain.breaks,
    rowsChecked: rows.checked,
    rowsUnverifiable: rows.unverifiable,
    findings: rows.findings,
  };
}

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Every entry about one row, newest first: who changed what, from what to what. */
export function rowHistory(ctx: ServiceContext, table: string, rowId: number, limit = 200): AuditHistoryEntry[] {
  const { db } = ctx;
  return db
    .all(
      db.q
        .selectFrom('audit_log')
        .selectAll()
        .where('table_name', '=', table)
        .where('row_id', '=', rowId)
        .orderBy('id', 'desc')
        .limit(limit),
    )
    .map((r) => ({
      id: r.id,
      at: r.at,
      operator: r.operator,
      osUser: r.os_user,
      action: r.action,
      table: r.table_name,
      rowId: r.row_id,
      before: parseJson(r.before),
      after: parseJson(r.after),
    }));
}

export function auditHandlers(ctx: ServiceContext) {
  return {
    'audit.verify': (): VerifyReport => verifyLedger(ctx),
    'audit.history': ({ table, rowId, limit }: { table: string; rowId: number; limit?: number | undefined }) => {
      if (!/^[a-z_]+$/.test(table)) throw new LedgerError('INVALID_INPUT', `没有名为“${table.slice(0, 40)}”的数据表`);
      return rowHistory(ctx, table, rowId, limit ?? 200);
    },
  };
}
