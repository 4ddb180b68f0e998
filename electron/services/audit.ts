// The audit trail: every write appended with who, when, what, before and after, each entry chained to
// the previous one by SHA-256, and carrying the raw row(s) as written, so that a row changed, inserted
// or deleted outside the app shows when the ledger is verified.
import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import type { AuditHistoryEntry, RowFinding, VerifyReport } from '../../shared/api/audit';
import { LedgerError } from '../../shared/errors';
import type { ServiceContext } from './context';
import type Database from 'better-sqlite3';
import type { Db } from './db/db';
import { throwIfCancelled } from './jobs/control';
import { verifyAnchors } from './audit-anchors';

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
  /** A whole table's state (tableState), for the entries that record one. */
  wholeState?: TableState;
  /**
   * Many rows of `table` written together (an import): [row id, rowDigest of its state] each, in one entry
   * (rowId null). The digests are under the chain's hash like a row state, so every row stays named and
   * a row changed afterwards shows; see batchAuditor.
   */
  batch?: [number, string][];
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
 * Tables kept whole: each change the app makes to one of them is followed, in the same transaction, by
 * an entry holding the whole table's state (every row when small, else its row count and digest), so
 * that a change made outside the app — swapping two activity types' names, editing a holiday, a setting
 * or an attachment's record — shows on verify. These are the lists and settings every figure is read
 * through. The app's own connection marks a table changed with TEMP triggers (installAuditTriggers),
 * which another program's connection does not have: its changes are never absorbed into a new state.
 * A table added by a later migration joins by being listed here. Names are fixed, never user input.
 */
export const WHOLE_TABLES: Record<string, { label: string; key: string }> = {
  activity_types: { label: '活动类型', key: 'id' },
  object_categories: { label: '对象类别', key: 'id' },
  vocabulary_terms: { label: '级别、角色和单位类别', key: 'id' },
  settings: { label: '设置', key: 'key' },
  semesters: { label: '校历学期', key: 'id' },
  calendar_years: { label: '节假日年度', key: 'year' },
  calendar_days: { label: '节假日和调休', key: 'date' },
  rota_duties: { label: '接待日排班', key: 'id' },
  attachments: { label: '附件', key: 'id' },
};

/** Up to this many rows a whole-table state keeps the rows themselves, so verify can name the one changed. */
const FULL_ROWS_UP_TO = 500;

/** How often a long check reports its progress and looks for a cancel. */
const EVERY = 20_000;

/**
 * JSON with keys sorted at every level: the same row always gives the same text. Written out by hand
 * (the same text JSON.stringify with a key-sorting replacer gives) because an import calls it per row.
 */
export function canonicalJson(value: unknown): string {
  return canonical(value) ?? 'null';
}

/**
 * Whether JSON.stringify(v) is already canonical: plain objects and arrays only, keys in sorted order at
 * every level, and no value JSON.stringify would drop or rewrite (undefined, functions, symbols, bigints,
 * NaN/Infinity, anything with toJSON).
 */
function sortedPlain(v: object): boolean {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (!plainValue(v[i])) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if ((proto !== Object.prototype && proto !== null) || 'toJSON' in v) return false;
  const keys = Object.keys(v);
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && !(keys[i - 1]! < keys[i]!)) return false;
    if (!plainValue((v as Record<string, unknown>)[keys[i]!])) return false;
  }
  return true;
}

function plainValue(x: unknown): boolean {
  switch (typeof x) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(x);
    case 'object':
      return x === null || sortedPlain(x);
    default:
      // undefined is left out of an object but written null in an array: the walk below handles both.
      return false;
  }
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
      // An object whose every part already lists its keys in sorted order (the rows an import writes) is
      // the same text through JSON.stringify, which is native and several times faster than this walk.
      if (sortedPlain(v)) return JSON.stringify(v);
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
  // Keys put in sorted order, so that the state's canonical JSON can be JSON.stringify's (canonical()).
  const parts: [string, RawRow | RawRow[]][] = [['row', row]];
  for (const c of VERIFIED_TABLES[table]?.children ?? []) parts.push([c.table, sortRows(children[c.table] ?? [])]);
  parts.sort(([a], [b]) => (a < b ? -1 : 1));
  return Object.fromEntries(parts) as RowState;
}

const oneShot = (crypto as unknown as { hash?: (alg: string, data: string) => string }).hash;

/** SHA-256 of a text, in hex (Node's one-shot hash where it has one: an import takes one per row). */
export function sha256Hex(text: string): string {
  return oneShot ? oneShot('sha256', text) : createHash('sha256').update(text).digest('hex');
}

/**
 * rowDigest(rowState(table, row, children)) from the canonical JSON texts already in hand: `row` and each child row
 * given as JSON.stringify of a row whose keys are in sorted order and whose values are strings, finite numbers or
 * null (what an import's prepared INSERT writes). The same text is hashed, without building the state object and
 * walking it again: an import takes one per row.
 */
export function rowDigestOfJson(table: string, row: string, children: Record<string, string[]> = {}): string {
  let text = '{';
  const keys = stateKeys(table);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    text += `${i ? ',' : ''}"${k}":`;
    if (k === 'row') text += row;
    else {
      // Children in canonical order, as sortRows puts them: by their canonical text.
      const texts = children[k] ?? [];
      text += `[${texts.length < 2 ? (texts[0] ?? '') : [...texts].sort().join(',')}]`;
    }
  }
  return sha256Hex(`${text}}`);
}

/** A row state's keys in sorted order ('row' and the child tables, as rowState puts them; plain names), per table. */
const stateKeysOf = new Map<string, string[]>();
function stateKeys(table: string): string[] {
  let keys = stateKeysOf.get(table);
  if (!keys) {
    keys = ['row', ...(VERIFIED_TABLES[table]?.children ?? []).map((c) => c.table)].sort();
    stateKeysOf.set(table, keys);
  }
  return keys;
}

/** Rows a batch entry holds: an import of 100,000 records makes 100 entries instead of 100,000. */
export const BATCH_ROWS = 1000;

/** What a batch entry keeps of a row: the SHA-256 of its canonical state. */
export const rowDigest = (state: RowState): string => sha256Hex(canonicalJson(state));

/**
 * Collects rows of one table as they are written and appends them through `append` (an auditWriter,
 * so appendAudit's chain) as batch entries of BATCH_ROWS rows; call done() after the last row.
 */
export function batchAuditor(
  append: (entry: AuditEntry) => void,
  table: string,
  action = 'import',
): { add(rowId: number, state: RowState): void; addDigest(rowId: number, digest: string): void; done(): void } {
  let rows: [number, string][] = [];
  const flush = () => {
    if (rows.length === 0) return;
    append({
      action,
      table,
      rowId: null,
      after: { rows: rows.length, first: rows[0]![0], last: rows.at(-1)![0] },
      batch: rows,
    });
    rows = [];
  };
  return {
    add(rowId, state) {
      rows.push([rowId, rowDigest(state)]);
      if (rows.length >= BATCH_ROWS) flush();
    },
    /** A row whose digest the writer already worked out (rowDigestOfJson). */
    addDigest(rowId, digest) {
      rows.push([rowId, digest]);
      if (rows.length >= BATCH_ROWS) flush();
    },
    done: flush,
  };
}

/** A batch entry's row_state starts so (whole-table states start {"n":, row states {"row":). */
const BATCH_PREFIX = '{"batch":';

/** The rows a batch entry's row_state names, or null when it is not a batch entry. */
function batchRows(rowState: string | null): [number, string][] | null {
  if (!rowState?.startsWith(BATCH_PREFIX)) return null;
  return (JSON.parse(rowState) as { batch: [number, string][] }).batch;
}

export interface TableState {
  n: number;
  sha: string;
  /** Key → row, for tables small enough to keep whole. */
  rows?: Record<string, RawRow>;
}

const tableExists = (db: Db, table: string) =>
  !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);

/** A whole table's state: its rows in a canonical order, their digest, and the rows when few. */
export function tableState(db: Db, table: string): TableState {
  const spec = WHOLE_TABLES[table]!;
  const rows = db.prepare(`SELECT * FROM ${table}`).all() as RawRow[];
  const texts = rows.map((r) => [String(r[spec.key]), canonicalJson(r), r] as const);
  texts.sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0));
  const state: TableState = { n: rows.length, sha: sha256Hex(texts.map(([, t]) => t).join('\n')) };
  if (rows.length <= FULL_ROWS_UP_TO) state.rows = Object.fromEntries(texts.map(([k, , r]) => [k, r]));
  return state;
}

/** Connections whose whole tables are watched (installAuditTriggers ran on them). */
const watched = new WeakSet<Db>();

/**
 * Watches the whole tables on this connection (TEMP triggers mark a table changed). Every connection
 * the app writes through calls it once: the ledger's after its migrations, a job's worker.
 */
export function installAuditTriggers(db: Db): void {
  const sql = ['CREATE TEMP TABLE IF NOT EXISTS audit_dirty (name TEXT PRIMARY KEY)'];
  for (const t of Object.keys(WHOLE_TABLES)) {
    if (!tableExists(db, t)) continue;
    for (const [op, when] of [
      ['i', 'INSERT'],
      ['u', 'UPDATE'],
      ['d', 'DELETE'],
    ])
      sql.push(
        // Not INSERT OR IGNORE: inside a trigger the outer statement's conflict policy wins, and an upsert's
        // (INSERT … ON CONFLICT DO UPDATE, as settings.set writes) made the second changed key fail on the mark.
        `CREATE TEMP TRIGGER IF NOT EXISTS audit_dirty_${op}_${t} AFTER ${when} ON main.${t} BEGIN INSERT INTO audit_dirty (name) SELECT '${t}' WHERE NOT EXISTS (SELECT 1 FROM audit_dirty WHERE name = '${t}'); END`,
      );
  }
  db.sqlite.exec(sql.join(';\n'));
  watched.add(db);
}

/** Appends the state of every whole table the app changed and has not yet audited; call inside a transaction. */
export function auditPendingState(ctx: ServiceContext): void {
  if (!watched.has(ctx.db)) return;
  if (!ctx.db.prepare('SELECT 1 FROM temp.audit_dirty LIMIT 1').get()) return;
  auditWriter(ctx)(null);
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
export function auditWriter(ctx: ServiceContext): (entry: AuditEntry | null) => void {
  const { db } = ctx;
  let prevHash: string | null = null;
  const who = ctx.operator();
  // Raw cached statements: an import appends many entries, so this path must stay cheap.
  const insert = db.prepare(
    `INSERT INTO audit_log (at, operator, os_user, action, table_name, row_id, before, after, row_state, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const watching = watched.has(db);
  const dirty = watching ? db.prepare('SELECT name FROM temp.audit_dirty ORDER BY name') : null;
  const write = (row: AuditRow) => {
    if (prevHash === null) {
      const last = db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
        { hash: string } | undefined;
      prevHash = last?.hash ?? GENESIS_HASH;
    }
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
  const base = () => ({ at: ctx.now().toISOString(), operator: who.operator, os_user: who.osUser });
  /** The whole tables changed since the last entry, each with its state, before the entry that follows. */
  const flush = () => {
    const names = dirty ? (dirty.all() as { name: string }[]) : [];
    if (names.length === 0) return;
    for (const { name } of names) {
      const state = tableState(db, name);
      write({
        ...base(),
        action: 'state',
        table_name: name,
        row_id: null,
        before: null,
        after: JSON.stringify({ rows: state.n }),
        row_state: canonicalJson(state),
      });
    }
    db.prepare('DELETE FROM temp.audit_dirty').run();
  };
  return (entry) => {
    flush();
    if (entry === null) return;
    const tracked =
      !entry.batch && entry.rowId !== null && Object.prototype.hasOwnProperty.call(VERIFIED_TABLES, entry.table);
    const state =
      entry.state !== undefined ? entry.state : tracked ? readRowState(db, entry.table, entry.rowId!) : null;
    write({
      ...base(),
      action: entry.action,
      table_name: entry.table,
      row_id: entry.rowId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      row_state: entry.batch
        ? canonicalJson({ batch: entry.batch })
        : entry.wholeState
          ? canonicalJson(entry.wholeState)
          : tracked
            ? canonicalJson(state)
            : null,
    });
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
  return walkChain(ctx.db.sqlite, (entries, total) => {
    ctx.job?.progress(entries, total, '核对校验链', '条');
    throwIfCancelled(ctx.job);
  });
}

/**
 * The chain walk itself, on any open ledger file (a backup about to be restored as well as the live one);
 * `tick` is called every 20,000 entries.
 */
export function walkChain(
  sqlite: Database.Database,
  tick?: (entries: number, total: number) => void,
): { entries: number; breaks: ChainBreak[] } {
  const breaks: ChainBreak[] = [];
  let prev = GENESIS_HASH;
  let entries = 0;
  // Iterated, not loaded whole: the trail of a large county runs to millions of entries.
  const rows = sqlite.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<
    AuditRow & { id: number; prev_hash: string; hash: string }
  >;
  const total = (sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  for (const r of rows) {
    entries++;
    if (tick && entries % EVERY === 0) tick(entries, total);
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
  // A column added by a later migration is absent from states kept before it: empty (NULL) it says
  // nothing new; filled in without an entry of the app's, it was written outside it.
  for (const [col, v] of Object.entries(now.row))
    if (!Object.prototype.hasOwnProperty.call(kept.row, col) && v !== null && v !== undefined) fields.push(col);
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
  const total = Object.keys(VERIFIED_TABLES).reduce(
    (n, t) => n + (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
    0,
  );
  const tick = () => {
    if (++checked % EVERY === 0) {
      ctx.job?.progress(checked, total, '比对数据', '行');
      throwIfCancelled(ctx.job);
    }
  };
  for (const [table, spec] of Object.entries(VERIFIED_TABLES)) {
    const latest = new Map<number, { id: number; state: string | null; digest?: string }>();
    const kept = db.sqlite
      .prepare(
        `SELECT a.id, a.row_id, a.row_state FROM audit_log a
           JOIN (SELECT max(id) AS id FROM audit_log WHERE table_name = ? AND row_id IS NOT NULL GROUP BY row_id) m
             ON a.id = m.id`,
      )
      .iterate(table) as IterableIterator<{ id: number; row_id: number; row_state: string | null }>;
    for (const k of kept) latest.set(k.row_id, { id: k.id, state: k.row_state });
    // Rows written in a batch (an import): the batch entry keeps their digests; a later entry of the row wins.
    const batches = db.sqlite
      .prepare(
        `SELECT id, row_state FROM audit_log WHERE table_name = ? AND row_id IS NULL AND row_state LIKE '${BATCH_PREFIX}%' ORDER BY id`,
      )
      .iterate(table) as IterableIterator<{ id: number; row_state: string }>;
    for (const b of batches)
      for (const [rowId, digest] of batchRows(b.row_state) ?? []) {
        const had = latest.get(rowId);
        if (!had || had.id < b.id) latest.set(rowId, { id: b.id, state: null, digest });
      }

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
      tick();
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
      if (entry.digest !== undefined) {
        if (rowDigest(state) !== entry.digest)
          findings.push({
            kind: 'changed',
            table,
            rowId,
            auditId: entry.id,
            fields: [],
            message: `${label}：与审计日志第 ${entry.id} 条（成批导入）记载的不一致，是在本程序之外改动的。`,
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
      if (seen.has(rowId)) continue;
      if (entry.digest === undefined && (entry.state === null || entry.state === 'null')) continue;
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
  const whole = verifyWholeTables(ctx);
  return { checked: checked + whole.checked, unverifiable, findings: [...findings, ...whole.findings] };
}

/** The whole tables against the last state the app recorded of each. */
export function verifyWholeTables(ctx: ServiceContext): { checked: number; findings: RowFinding[] } {
  const { db } = ctx;
  const findings: RowFinding[] = [];
  let checked = 0;
  for (const [table, spec] of Object.entries(WHOLE_TABLES)) {
    if (!tableExists(db, table)) continue;
    const now = tableState(db, table);
    checked += now.n;
    const last = db
      .prepare(
        `SELECT id, row_state FROM audit_log
          WHERE table_name = ? AND row_id IS NULL AND row_state LIKE '{"n":%' ORDER BY id DESC LIMIT 1`,
      )
      .get(table) as { id: number; row_state: string } | undefined;
    const label = `${spec.label}（${table}）`;
    if (!last) {
      if (now.n > 0)
        findings.push({
          kind: 'inserted',
          table,
          rowId: 0,
          fields: [],
          message: `${label}：共 ${now.n} 行，审计日志中没有它们的记录，是在本程序之外写入的。`,
        });
      continue;
    }
    const kept = JSON.parse(last.row_state) as TableState;
    if (kept.sha === now.sha) continue;
    const keys: string[] = [];
    if (kept.rows && now.rows) {
      for (const k of new Set([...Object.keys(kept.rows), ...Object.keys(now.rows)]))
        if (canonicalJson(kept.rows[k]) !== canonicalJson(now.rows[k])) keys.push(k);
    }
    findings.push({
      kind: 'changed',
      table,
      rowId: 0,
      auditId: last.id,
      fields: keys,
      message:
        `${label}：与审计日志第 ${last.id} 条记载的不一致` +
        (keys.length
          ? `（${spec.key === 'id' ? '编号' : ''}${keys.slice(0, 10).join('、')}${keys.length > 10 ? ' 等' : ''}）`
          : `（原 ${kept.n} 行，现 ${now.n} 行）`) +
        '，是在本程序之外改动的。',
    });
  }
  return { checked, findings };
}

/**
 * The whole tables whose present state is the last one recorded, or that have none recorded yet (a
 * ledger from before they were kept): a migration may move those on (baselineWholeTables), while one
 * already changed outside the app stays as it is, for verify to report.
 */
export function wholeTablesInAccord(ctx: ServiceContext): Set<string> {
  const changed = new Set(
    verifyWholeTables(ctx)
      .findings.filter((f) => f.kind === 'changed')
      .map((f) => f.table),
  );
  return new Set(Object.keys(WHOLE_TABLES).filter((t) => !changed.has(t)));
}

/**
 * Records the state of these whole tables where it differs from the last recorded (a migration changed
 * them, or a ledger from before they were kept): one entry each, in the caller's transaction.
 */
export function baselineWholeTables(ctx: ServiceContext, tables: ReadonlySet<string>, action: string): number {
  const append = auditWriter(ctx);
  let n = 0;
  for (const f of verifyWholeTables(ctx).findings) {
    if (!tables.has(f.table)) continue;
    const state = tableState(ctx.db, f.table);
    append({ action, table: f.table, rowId: null, after: { rows: state.n }, wholeState: state });
    n++;
  }
  return n;
}

/** The chain, the rows and the anchors outside the file together: what `ledger verify` and audit.verify report. */
export function verifyLedger(ctx: ServiceContext): VerifyReport {
  const chain = verifyAuditChain(ctx);
  const rows = verifyRows(ctx);
  const anchors = verifyAnchors(ctx);
  return {
    ok: chain.breaks.length === 0 && rows.findings.length === 0 && anchors.breaks.length === 0,
    entries: chain.entries,
    chainBreaks: chain.breaks,
    rowsChecked: rows.checked,
    rowsUnverifiable: rows.unverifiable,
    findings: rows.findings,
    anchorsChecked: anchors.checked,
    anchorBreaks: anchors.breaks,
    notes: anchors.notes,
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
  const own = db.all(
    db.q
      .selectFrom('audit_log')
      .selectAll()
      .where('table_name', '=', table)
      .where('row_id', '=', rowId)
      .orderBy('id', 'desc')
      .limit(limit),
  );
  // The batch entry (an import) that wrote the row, if any: it names the row among its digests.
  const batch = db.sqlite
    .prepare(
      `SELECT * FROM audit_log WHERE table_name = ? AND row_id IS NULL AND row_state LIKE '${BATCH_PREFIX}%'
          AND json_extract(after, '$.first') <= ? AND json_extract(after, '$.last') >= ? ORDER BY id DESC`,
    )
    .all(table, rowId, rowId) as typeof own;
  const mine = batch.filter((b) => batchRows(b.row_state)?.some(([id]) => id === rowId));
  return [...own, ...mine]
    .sort((a, b) => b.id - a.id)
    .slice(0, limit)
    .map((r) => ({
      id: r.id,
      at: r.at,
      operator: r.operator,
      osUser: r.os_user,
      action: r.action,
      table: r.table_name,
      rowId: r.row_id ?? rowId,
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
