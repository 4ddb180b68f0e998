// The undo history: every write made through the contract is one saved change, kept row by row so that
// the newest changes can be put back exactly, in order, each undo audited.
//
// Rows are captured by TEMP triggers on every table of the ledger (generated from the schema as it is,
// so tables added by later migrations join without anyone writing code for them). The triggers write
// only while a change is being made: a handler's synchronous part, marked by a token in a TEMP table.
// They are installed when the first change is made and dropped while a bulk method (import, demo) runs,
// so that a 500,000-row import pays nothing for them.
import type { FieldIssue } from '../../shared/errors';
import { contract, isMethodName, type MethodName } from '../../shared/api/contract';
import type { BatchCall, Reference, SavedChange } from '../../shared/api/changes';
import { summarize, toFieldIssues } from '../../shared/api/zod-zh';
import { LedgerError } from '../../shared/errors';
import { VOCABULARY_LABELS } from '../../shared/domain/vocabulary';
import { appendAudit, VERIFIED_TABLES } from './audit';
import type { ServiceContext } from './context';
import type { Db } from './db/db';
import type { Handlers } from './handlers';
import { translate } from './dispatch';
import { assertNameKept, assertYearOpen, type NameUse } from './year-lock';

/** How many saved changes are kept for undo; older ones are forgotten (the audit trail keeps them). */
export const KEEP_CHANGES = 100;

/**
 * Methods that never become an undoable change. Bulk loads (import, demo) would double their size in
 * the history; backups and year locks are not edits; a reserved document number must never come back;
 * the history's own methods undo and batch by themselves.
 */
export const UNDO_EXCLUDED_METHODS: readonly string[] = [
  'changes.',
  'workbook.',
  'demo.',
  'backups.',
  'years.',
  'documents.',
  'audit.',
  'system.',
  // Jobs write in their worker, on their own connection; the calls here only start and watch them.
  'jobs.',
  // 统计考核 only reads: no undo capture to arm (on a ledger's first call, its triggers to install) for it.
  'evaluation.',
];

/** Tables whose writes are not undone: the trails themselves, document numbers, year locks. */
export const UNDO_EXCLUDED_TABLES: ReadonlySet<string> = new Set([
  'audit_log',
  'undo_changes',
  'undo_rows',
  'document_register',
  'year_locks',
  // The queue of records waiting for the text index (speed): derived, written while searching.
  'records_search_pending',
  // Each day's record count per type (migration 0011): kept by triggers on records, which an undo fires too.
  'records_day_counts',
]);

/** Methods that only read leave no change behind; these are the bulk ones during which triggers go. */
const BULK_METHODS = ['workbook.import', 'demo.generate'];

const excluded = (method: string) => UNDO_EXCLUDED_METHODS.some((p) => method.startsWith(p));

// ——— What a secretary reads about a change ———

const TABLE_NOUNS: Record<string, string> = {
  units: '单位',
  cadres: '干部',
  contact_objects: '联系对象',
  assignments: '联系点',
  records: '联系记录',
  follow_ups: '督办事项',
  regulations: '制度',
  rules: '要求',
  activity_types: '活动类型',
  object_categories: '对象类别',
  semesters: '学期',
  calendar_years: '节假日安排',
  calendar_days: '节假日',
  rota_duties: '接待日值班',
  settings: '设置',
  attachments: '附件',
};

const COLUMN_NAMES: Record<string, Record<string, string>> = {
  units: { name: '名称', category: '类别', parent_id: '上级单位', note: '备注' },
  cadres: {
    name: '姓名',
    title: '职务',
    level: '级别',
    unit_id: '所在单位',
    party_member: '党员',
    term_start: '任职开始',
    term_end: '任职结束',
    note: '备注',
  },
  contact_objects: { name: '名称', category: '类别', unit_id: '所属单位', grade: '年级', note: '备注' },
  assignments: {
    year: '年度',
    cadre_id: '干部',
    object_id: '联系对象',
    slot: '联系类型',
    start_date: '开始日期',
    end_date: '结束日期',
    note: '备注',
  },
  records: {
    date: '日期',
    start_time: '开始时间',
    end_time: '结束时间',
    activity_type_id: '类型',
    place: '地点',
    content: '联系工作开展情况',
    opinions: '意见和建议',
    implementation: '落实情况',
    hours: '学时',
    days: '天数',
    companions: '随员人数',
  },
  follow_ups: {
    raised_date: '提出日期',
    record_id: '来源记录',
    source: '来源',
    matter: '事项',
    raiser: '反映人',
    department_id: '承办部门',
    limit_days: '办理时限',
    assigned_date: '交办日期',
    due_date: '截止日期',
    feedback_date: '反馈日期',
    closed_date: '办结日期',
    extended_date: '延期至',
    status: '状态',
    result: '办理结果',
  },
};

/** Rows that are part of another row: their changes are that row's (a cadre's roles, a record's cadres). */
const PART_FIELDS: Record<string, string> = {
  cadre_roles: '角色',
  record_cadres: '领导干部',
  record_objects: '联系对象',
};
const PART_OF: Record<string, { parent: string; fk: string; field: string }> = Object.fromEntries(
  Object.entries(VERIFIED_TABLES).flatMap(([parent, spec]) =>
    spec.children.map((c) => [c.table, { parent, fk: c.fk, field: PART_FIELDS[c.table] ?? '' }]),
  ),
);

/** The tables a method group writes first of all: what its change is about. */
const METHOD_TABLES: Record<string, string[]> = {
  units: ['units'],
  cadres: ['cadres'],
  objects: ['contact_objects'],
  assignments: ['assignments'],
  records: ['records', 'attachments'],
  followUps: ['follow_ups'],
  rules: ['rules', 'regulations'],
  rota: ['rota_duties'],
  vocabulary: ['activity_types', 'object_categories'],
  semesters: ['semesters'],
  settings: ['settings'],
};

/** What refers to a row, with its measure word, by the referring table and column. */
const REFERENCE_NAMES: Record<string, string> = {
  'record_cadres.cadre_id': '条联系记录',
  'record_objects.object_id': '条联系记录',
  'assignments.cadre_id': '个联系点',
  'assignments.object_id': '个联系点',
  'rota_duties.cadre_id': '次接待日值班',
  'cadres.unit_id': '名干部',
  'contact_objects.unit_id': '个联系对象',
  'follow_ups.department_id': '件督办事项',
  'units.parent_id': '个下级单位',
  'follow_ups.record_id': '件督办事项',
  'rota_duties.record_id': '次接待日值班',
  'attachments.record_id': '个附件',
  'rules.regulation_id': '条要求',
  'records.activity_type_id': '条联系记录',
};

type Json = Record<string, unknown>;

interface TableInfo {
  name: string;
  columns: string[];
  /** The column that is the rowid (INTEGER PRIMARY KEY), if any. */
  rowidColumn: string | null;
}

interface State {
  tables: TableInfo[] | null;
  installed: boolean;
  /** The number of the change being made, or null. */
  token: number | null;
  ready: boolean;
}

const states = new WeakMap<Db, State>();
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function stateOf(db: Db): State {
  let s = states.get(db);
  if (!s) {
    const ready = !!db.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'undo_rows'").get();
    s = { tables: null, installed: false, token: null, ready };
    if (ready) {
      // What the triggers copy into the change when its first row is written.
      db.sqlite.exec(
        'CREATE TEMP TABLE IF NOT EXISTS undo_capture (token INTEGER, at TEXT, operator TEXT, label TEXT, method TEXT)',
      );
      if (!db.sqlite.prepare('SELECT 1 FROM temp.undo_capture').get())
        db.sqlite.exec('INSERT INTO temp.undo_capture (token) VALUES (NULL)');
    }
    states.set(db, s);
  }
  return s;
}

/** The ledger's own tables: not SQLite's, not a full-text index or its storage, not the excluded ones. */
function tablesOf(db: Db): TableInfo[] {
  const all = db.sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string; sql: string | null }[];
  const virtual = all.filter((t) => /^\s*CREATE\s+VIRTUAL/i.test(t.sql ?? '')).map((t) => t.name);
  return all
    .filter((t) => !virtual.includes(t.name) && !virtual.some((v) => t.name.startsWith(`${v}_`)))
    .filter((t) => !UNDO_EXCLUDED_TABLES.has(t.name))
    .map((t) => {
      const cols = db.sqlite.prepare(`SELECT name, type, pk FROM pragma_table_info(?)`).all(t.name) as {
        name: string;
        type: string;
        pk: number;
      }[];
      const pks = cols.filter((c) => c.pk > 0);
      const rowidColumn = pks.length === 1 && pks[0]!.type.toUpperCase() === 'INTEGER' ? pks[0]!.name : null;
      return { name: t.name, columns: cols.map((c) => c.name), rowidColumn };
    });
}

/** The row as JSON of its columns (and its rowid), the same text whether read by a trigger or a query. */
function rowJson(t: TableInfo, prefix: string): string {
  const p = prefix ? `${prefix}.` : '';
  return `json_object('__rowid', ${p}rowid, ${t.columns.map((c) => `'${c.replace(/'/g, "''")}', ${p}${quote(c)}`).join(', ')})`;
}

function install(db: Db, s: State): void {
  if (s.installed) return;
  s.tables ??= tablesOf(db);
  const when = 'WHEN (SELECT token FROM temp.undo_capture) IS NOT NULL';
  const token = '(SELECT token FROM temp.undo_capture)';
  // The change is written with its first row, in the same transaction: no row without its change. Not INSERT OR
  // IGNORE: inside a trigger the outer statement's conflict policy wins, so an upsert (settings.set's INSERT … ON
  // CONFLICT DO UPDATE) made the second row of one change fail on the change's id (设置 could not be saved twice).
  const change =
    'INSERT INTO undo_changes (id, at, operator, label, method) SELECT token, at, operator, label, method FROM temp.undo_capture WHERE NOT EXISTS (SELECT 1 FROM undo_changes WHERE id = (SELECT token FROM temp.undo_capture));';
  const sql: string[] = [
    // Only the newest changes are kept; their rows go with them (foreign key, on delete cascade).
    `CREATE TEMP TRIGGER IF NOT EXISTS undo_keep AFTER INSERT ON undo_changes BEGIN DELETE FROM undo_changes WHERE id <= NEW.id - ${KEEP_CHANGES}; END`,
  ];
  for (const t of s.tables) {
    const n = t.name.replace(/'/g, "''");
    const insert = (op: string, key: string, before: string, after: string) =>
      `${change} INSERT INTO undo_rows (change_id, table_name, op, row_key, before, after) VALUES (${token}, '${n}', '${op}', ${key}, ${before}, ${after});`;
    sql.push(
      `CREATE TEMP TRIGGER IF NOT EXISTS ${quote(`undo_i_${t.name}`)} AFTER INSERT ON ${quote(t.name)} ${when} BEGIN ${insert('insert', 'NEW.rowid', 'NULL', rowJson(t, 'NEW'))} END`,
      `CREATE TEMP TRIGGER IF NOT EXISTS ${quote(`undo_u_${t.name}`)} AFTER UPDATE ON ${quote(t.name)} ${when} BEGIN ${insert('update', 'NEW.rowid', rowJson(t, 'OLD'), rowJson(t, 'NEW'))} END`,
      `CREATE TEMP TRIGGER IF NOT EXISTS ${quote(`undo_d_${t.name}`)} AFTER DELETE ON ${quote(t.name)} ${when} BEGIN ${insert('delete', 'OLD.rowid', rowJson(t, 'OLD'), 'NULL')} END`,
    );
  }
  db.sqlite.exec(sql.join(';\n'));
  s.installed = true;
}

function uninstall(db: Db, s: State): void {
  if (!s.installed || !s.tables) return;
  db.sqlite.exec(
    [
      'DROP TRIGGER IF EXISTS temp.undo_keep',
      ...s.tables.flatMap((t) =>
        ['i', 'u', 'd'].map((o) => `DROP TRIGGER IF EXISTS temp.${quote(`undo_${o}_${t.name}`)}`),
      ),
    ].join(';\n'),
  );
  s.installed = false;
}

/**
 * Gives the change being made a label of the handler's own (修改活动类型“座谈”为“座谈会”); otherwise one is
 * made from the method's title and the rows it wrote. Call it inside the handler's transaction, after
 * its first write; outside a change it does nothing.
 */
export function labelChange(ctx: ServiceContext, label: string): void {
  const s = stateOf(ctx.db);
  if (s.token === null) return;
  ctx.db.prepare('UPDATE temp.undo_capture SET label = ?').run(label);
  ctx.db.prepare('UPDATE undo_changes SET label = ? WHERE id = ?').run(label, s.token);
}

/**
 * Runs `fn` as one saved change: what it writes synchronously is kept for undo, in the transactions of
 * the writes themselves. Nested calls join the change already being made. Writes after an `await` are
 * not part of it (another call may run in between).
 */
export function recordChange<T>(
  ctx: ServiceContext,
  method: string,
  label: string | null,
  fn: () => T,
): { value: T; change: SavedChange | null } {
  const { db } = ctx;
  const s = stateOf(db);
  if (!s.ready || s.token !== null) return { value: fn(), change: null };
  install(db, s);
  const last = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'undo_changes'").get() as
    { seq: number } | undefined;
  const token = (last?.seq ?? 0) + 1;
  s.token = token;
  const capture = db.prepare('UPDATE temp.undo_capture SET token = ?, at = ?, operator = ?, label = ?, method = ?');
  capture.run(token, ctx.now().toISOString(), ctx.operator().operator, label, method);
  let value: T;
  try {
    value = fn();
  } finally {
    capture.run(null, null, null, null, null);
    s.token = null;
  }
  const row = db.prepare('SELECT * FROM undo_changes WHERE id = ?').get(token) as ChangeRow | undefined;
  return { value, change: row ? toChange(db, row) : null };
}

interface UndoRow {
  id: number;
  change_id: number;
  table_name: string;
  op: 'insert' | 'update' | 'delete';
  row_key: number;
  before: string | null;
  after: string | null;
}

const parse = (s: string | null): Json | null => (s === null ? null : (JSON.parse(s) as Json));

/** A row's name as a secretary knows it: 张三, 计算机学院, 2026-03-05 座谈. */
function rowName(db: Db, table: string, row: Json | null): string {
  if (!row) return '';
  const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  switch (table) {
    case 'records': {
      const type = db.sqlite.prepare('SELECT name FROM activity_types WHERE id = ?').get(row.activity_type_id) as
        { name: string } | undefined;
      return `${text(row.date)} ${type?.name ?? ''}`.trim();
    }
    case 'assignments': {
      const c = db.sqlite.prepare('SELECT name FROM cadres WHERE id = ?').get(row.cadre_id) as
        { name: string } | undefined;
      const o = db.sqlite.prepare('SELECT name FROM contact_objects WHERE id = ?').get(row.object_id) as
        { name: string } | undefined;
      return `${c?.name ?? ''} — ${o?.name ?? ''}`;
    }
    case 'follow_ups':
      return text(row.matter).slice(0, 20);
    case 'rota_duties':
      return text(row.date);
    case 'rules':
      return text(row.clause) || text(row.title);
    case 'calendar_days':
      return `${text(row.date)} ${text(row.name)}`.trim();
    case 'settings':
      return text(row.key);
    case 'attachments':
      return text(row.file_name);
    default:
      return text(row.name);
  }
}

/** 修改干部“张三”：职务、级别 · 新增联系记录（3 条） · 删除单位“计算机学院”. */
function describeChange(db: Db, changeId: number, method: string): string {
  const rows = db.prepare('SELECT * FROM undo_rows WHERE change_id = ? ORDER BY id').all(changeId) as UndoRow[];
  const title = isMethodName(method) ? contract[method].title : '';
  const main = new Map<
    string,
    { table: string; key: number; ops: Set<string>; fields: Set<string>; row: Json | null }
  >();
  for (const r of rows) {
    const part = PART_OF[r.table_name];
    const before = parse(r.before);
    const after = parse(r.after);
    const table = part ? part.parent : r.table_name;
    const key = part ? Number((after ?? before)?.[part.fk]) : r.row_key;
    const id = `${table}|${key}`;
    let m = main.get(id);
    if (!m) main.set(id, (m = { table, key, ops: new Set(), fields: new Set(), row: null }));
    if (part) {
      m.fields.add(part.field);
      m.ops.add('update');
    } else {
      m.ops.add(r.op);
      m.row = after ?? before;
      if (r.op === 'update' && before && after)
        for (const [col, name] of Object.entries(COLUMN_NAMES[r.table_name] ?? {}))
          if (JSON.stringify(before[col]) !== JSON.stringify(after[col])) m.fields.add(name);
    }
  }
  // A deletion's side effects (督办 items losing their source record) are not what the change was.
  const group = method.split('.')[0] ?? '';
  const own = METHOD_TABLES[group];
  const all = [...main.values()];
  const items = own && all.some((m) => own.includes(m.table)) ? all.filter((m) => own.includes(m.table)) : all;
  if (items.length === 0) return title || '修改';
  const noun = TABLE_NOUNS[items[0]!.table] ?? '数据';
  const verb = (ops: Set<string>) => (ops.has('insert') ? '新增' : ops.has('delete') ? '删除' : '修改');
  if (items.length === 1) {
    const m = items[0]!;
    const row = m.row ?? readRow(db, m.table, m.key);
    const name = rowName(db, m.table, row);
    const head = title || `${verb(m.ops)}${noun}`;
    const fields = verb(m.ops) === '修改' && m.fields.size ? `：${[...m.fields].join('、')}` : '';
    return `${head}${name ? `“${name}”` : ''}${fields}`;
  }
  return `${title || `${verb(items[0]!.ops)}${noun}`}（${items.length} 行）`;
}

function tableInfo(db: Db, table: string): TableInfo {
  const s = stateOf(db);
  s.tables ??= tablesOf(db);
  const t = s.tables.find((x) => x.name === table);
  if (!t) throw new LedgerError('INTERNAL', `撤销记录中的数据表“${table}”已不存在`);
  return t;
}

function readRow(db: Db, table: string, key: number): Json | null {
  const t = tableInfo(db, table);
  const r = db.sqlite.prepare(`SELECT ${rowJson(t, '')} AS j FROM ${quote(t.name)} WHERE rowid = ?`).get(key) as
    { j: string } | undefined;
  return r ? parse(r.j) : null;
}

/** Whether the row now is as the change left it (columns the change knew; a later-added one is no change). */
function sameAs(now: Json | null, kept: Json | null): boolean {
  if (now === null || kept === null) return now === kept;
  return Object.entries(kept).every(([k, v]) => JSON.stringify(now[k] ?? null) === JSON.stringify(v ?? null));
}

const YEAR_BOUND: Record<string, { what: string; year: (r: Json) => number }> = {
  records: { what: '联系记录', year: (r) => Number(String(r.date).slice(0, 4)) },
  assignments: { what: '联系点', year: (r) => Number(r.year) },
  rota_duties: { what: '接待日排班', year: (r) => Number(String(r.date).slice(0, 4)) },
  rules: { what: '制度要求', year: (r) => Number(r.year) },
  follow_ups: { what: '督办事项', year: (r) => Number(String(r.raised_date).slice(0, 4)) },
};

/** What a named row is to the year lock's name guard, by table (the row as it is now). */
function nameUse(table: string, row: Json, key: number): (NameUse & { noun: string }) | null {
  switch (table) {
    case 'cadres':
    case 'contact_objects':
    case 'units':
    case 'activity_types':
      return { table, id: key, noun: TABLE_NOUNS[table] ?? '' };
    case 'object_categories':
      return { list: 'objectCategories', value: String(row.name), noun: VOCABULARY_LABELS.objectCategories };
    case 'vocabulary_terms': {
      const list = row.list;
      return list === 'levels' || list === 'roles' || list === 'unitCategories'
        ? { list, value: String(row.name), noun: VOCABULARY_LABELS[list] }
        : null;
    }
  }
  return null;
}

interface ChangeRow {
  id: number;
  at: string;
  operator: string;
  label: string | null;
  method: string;
  undone_at: string | null;
  undone_by: string | null;
}

function toChange(db: Db, r: ChangeRow): SavedChange {
  const rows = db.prepare('SELECT count(*) AS n FROM undo_rows WHERE change_id = ?').get(r.id) as { n: number };
  return {
    id: r.id,
    at: r.at,
    operator: r.operator,
    label: r.label ?? describeChange(db, r.id, r.method),
    method: r.method,
    rows: rows.n,
    undoneAt: r.undone_at,
    undoneBy: r.undone_by,
  };
}

/** Puts every row of one change back as it was before, newest row first; audited. Inside a transaction. */
function undoChange(ctx: ServiceContext, change: SavedChange): void {
  const { db } = ctx;
  const rows = db.prepare('SELECT * FROM undo_rows WHERE change_id = ? ORDER BY id').all(change.id) as UndoRow[];
  // The change can be undone only if nothing changed its rows since: the row now is what it left.
  const last = new Map<string, UndoRow>();
  for (const r of rows) last.set(`${r.table_name}|${r.row_key}`, r);
  for (const r of last.values()) {
    const now = readRow(db, r.table_name, r.row_key);
    if (!sameAs(now, parse(r.after))) {
      const part = PART_OF[r.table_name];
      const shown = part ? part.parent : r.table_name;
      const row = part ? readRow(db, part.parent, Number((parse(r.after) ?? parse(r.before))?.[part.fk])) : now;
      const name = rowName(db, shown, row ?? parse(r.after) ?? parse(r.before));
      throw new LedgerError(
        'CONFLICT',
        `不能撤销“${change.label}”：${TABLE_NOUNS[shown] ?? '数据'}${name ? `“${name}”` : ''}在这之后又被改动过` +
          '（不是通过可撤销的修改，例如导入）。撤销会覆盖那次改动，所以没有撤销。',
      );
    }
  }
  for (const r of rows) {
    const bound = YEAR_BOUND[r.table_name];
    if (!bound) continue;
    for (const row of [parse(r.before), parse(r.after)]) if (row) assertYearOpen(ctx, bound.year(row), bound.what);
  }
  // Undoing a rename is a rename too: refused where a locked year's records read the name.
  for (const r of rows) {
    const before = parse(r.before);
    const now = r.op === 'update' ? readRow(db, r.table_name, r.row_key) : null;
    if (!before || !now || typeof now.name !== 'string' || before.name === now.name) continue;
    const use = nameUse(r.table_name, now, r.row_key);
    if (use) assertNameKept(ctx, { ...use, name: now.name }, String(before.name), '撤销改名');
  }
  // Rows come back in reverse order; a parent may come back after its children within the change.
  db.sqlite.pragma('defer_foreign_keys = ON');
  const audited = new Map<string, { table: string; rowId: number }>();
  for (const r of [...rows].reverse()) {
    const t = tableInfo(db, r.table_name);
    const before = parse(r.before);
    if (r.op === 'insert') db.sqlite.prepare(`DELETE FROM ${quote(t.name)} WHERE rowid = ?`).run(r.row_key);
    else if (before) {
      const cols = Object.keys(before).filter((c) => c !== '__rowid' && t.columns.includes(c));
      const values = cols.map((c) => before[c] as string | number | null);
      if (r.op === 'delete') {
        const withRowid = t.rowidColumn === null;
        db.sqlite
          .prepare(
            `INSERT INTO ${quote(t.name)} (${[...(withRowid ? ['rowid'] : []), ...cols.map(quote)].join(', ')}) VALUES (${[
              ...(withRowid ? ['?'] : []),
              ...cols.map(() => '?'),
            ].join(', ')})`,
          )
          .run(...(withRowid ? [before.__rowid as number] : []), ...values);
      } else {
        // The rowid moves back too if the change moved it (only where it is not a column of its own).
        const moved = t.rowidColumn === null && before.__rowid !== r.row_key;
        const sets = [...cols.map((c) => `${quote(c)} = ?`), ...(moved ? ['rowid = ?'] : [])];
        db.sqlite
          .prepare(`UPDATE ${quote(t.name)} SET ${sets.join(', ')} WHERE rowid = ?`)
          .run(...values, ...(moved ? [before.__rowid as number] : []), r.row_key);
      }
    }
    const part = PART_OF[r.table_name];
    const row = parse(r.after) ?? before;
    if (part) {
      const parent = Number(row?.[part.fk]);
      audited.set(`${part.parent}|${parent}`, { table: part.parent, rowId: parent });
    } else audited.set(`${r.table_name}|${r.row_key}`, { table: r.table_name, rowId: r.row_key });
  }
  // Each row the undo touched is audited as it now is, so that verifying the ledger finds it as written.
  for (const a of audited.values())
    appendAudit(ctx, {
      action: 'undo',
      table: a.table,
      rowId: a.rowId,
      after: { change: change.id, label: change.label },
    });
  const at = ctx.now().toISOString();
  const by = ctx.operator().operator;
  db.prepare('UPDATE undo_changes SET undone_at = ?, undone_by = ? WHERE id = ?').run(at, by, change.id);
  appendAudit(ctx, {
    action: 'undo',
    table: 'undo_changes',
    rowId: change.id,
    before: { label: change.label, at: change.at, operator: change.operator },
    after: { undoneAt: at, rows: change.rows },
  });
  change.undoneAt = at;
  change.undoneBy = by;
}

/** Wraps every handler so that what it writes becomes one saved change; bulk methods drop the triggers. */
export function undoable(ctx: ServiceContext, handlers: Handlers): Handlers {
  const wrapped = {} as Record<string, (input: unknown) => unknown>;
  for (const [name, handler] of Object.entries(handlers) as [string, (input: unknown) => unknown][]) {
    if (BULK_METHODS.includes(name))
      wrapped[name] = (input) => {
        const s = stateOf(ctx.db);
        if (s.token === null) uninstall(ctx.db, s);
        return handler(input);
      };
    else if (excluded(name)) wrapped[name] = handler;
    else wrapped[name] = (input) => recordChange(ctx, name, null, () => handler(input)).value;
  }
  return wrapped as unknown as Handlers;
}

function prefixed(e: unknown, where: string | undefined): LedgerError {
  const err = translate(e);
  return where ? new LedgerError(err.code, `${where}：${err.message}`, err.issues) : err;
}

export function changeHandlers(ctx: ServiceContext, all: () => Handlers) {
  const { db } = ctx;
  const list = (limit: number): SavedChange[] => {
    if (!stateOf(db).ready) return [];
    const rows = db.prepare('SELECT * FROM undo_changes ORDER BY id DESC LIMIT ?').all(limit) as ChangeRow[];
    return rows.map((r) => toChange(db, r));
  };

  return {
    'changes.list': ({ limit }: { limit: number }): SavedChange[] => list(limit),

    'changes.undo': ({ throughId }: { throughId?: number | undefined }): { undone: SavedChange[] } =>
      db.tx(() => {
        const pending = db
          .prepare('SELECT * FROM undo_changes WHERE undone_at IS NULL ORDER BY id DESC')
          .all() as ChangeRow[];
        if (pending.length === 0) throw new LedgerError('NOT_FOUND', '没有可以撤销的修改。');
        let rows: ChangeRow[];
        if (throughId === undefined) rows = [pending[0]!];
        else {
          const at = pending.findIndex((c) => c.id === throughId);
          if (at < 0) throw new LedgerError('NOT_FOUND', '这项修改已经撤销过，或已不在撤销记录中。');
          rows = pending.slice(0, at + 1);
        }
        const todo = rows.map((r) => toChange(db, r));
        for (const c of todo) undoChange(ctx, c);
        return { undone: todo };
      }),

    'changes.apply': ({ label, calls }: { label: string; calls: BatchCall[] }) => {
      const parsed = calls.map((c, i) => {
        const where = c.where ?? `第 ${i + 1} 项`;
        if (!isMethodName(c.method) || excluded(c.method))
          throw new LedgerError('INVALID_INPUT', `${where}：“${c.method.slice(0, 80)}”不能作为一组修改中的一项。`);
        const spec = contract[c.method];
        const ok = spec.input.safeParse(c.input);
        if (!ok.success) {
          const issues: FieldIssue[] = toFieldIssues(spec.input, ok.error);
          throw new LedgerError('INVALID_INPUT', `${where}：${spec.title}：${summarize(issues)}`, issues);
        }
        return { method: c.method as MethodName, input: ok.data, where };
      });
      const handlers = all() as unknown as Record<string, (input: unknown) => unknown>;
      const { value, change } = recordChange(ctx, 'changes.apply', label, () =>
        db.tx(() =>
          parsed.map((c) => {
            let result: unknown;
            try {
              result = handlers[c.method]!(c.input);
            } catch (e) {
              throw prefixed(e, c.where);
            }
            if (result && typeof (result as { then?: unknown }).then === 'function')
              throw new LedgerError(
                'INVALID_INPUT',
                `${c.where}：“${contract[c.method].title}”不能作为一组修改中的一项。`,
              );
            return result;
          }),
        ),
      );
      return { change, results: value };
    },

    'changes.references': ({ table, ids }: { table: string; ids: number[] }) => {
      const tables = db.sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all() as { name: string }[];
      if (!tables.some((t) => t.name === table))
        throw new LedgerError('INVALID_INPUT', `没有名为“${table.slice(0, 40)}”的数据表`);
      const counts = new Map<number, Map<string, number>>(ids.map((id) => [id, new Map()]));
      if (ids.length === 0) return [];
      const marks = ids.map(() => '?').join(',');
      for (const { name } of tables) {
        if (PART_OF[name]?.parent === table || UNDO_EXCLUDED_TABLES.has(name)) continue;
        const fks = db.sqlite
          .prepare('SELECT "table" AS target, "from" AS col FROM pragma_foreign_key_list(?)')
          .all(name) as {
          target: string;
          col: string;
        }[];
        for (const fk of fks) {
          if (fk.target !== table) continue;
          const label = REFERENCE_NAMES[`${name}.${fk.col}`] ?? `条${TABLE_NOUNS[name] ?? '相关数据'}`;
          // record_cadres and record_objects count records, not links: one record names a cadre once.
          const rows = db.sqlite
            .prepare(
              `SELECT ${quote(fk.col)} AS id, count(*) AS n FROM ${quote(name)} WHERE ${quote(fk.col)} IN (${marks}) GROUP BY ${quote(fk.col)}`,
            )
            .all(...ids) as { id: number; n: number }[];
          for (const r of rows) {
            const m = counts.get(r.id)!;
            m.set(label, (m.get(label) ?? 0) + r.n);
          }
        }
      }
      return ids.map((id) => ({
        id,
        references: [...counts.get(id)!].map(([label, count]): Reference => ({ label, count })),
      }));
    },
  };
}
