// Import of the ledger workbook: every row validated with the domain schemas (so the grid and the import
// agree), every name resolved, and then all of it written in one transaction, or nothing at all with every
// error listed (sheet, Excel row, column, value, reason). Rows already in the ledger are skipped, so that
// importing the same file twice is harmless.
import type { z } from '../../../shared/api/zod-zh';
import type { ImportResult, VocabularyMapping } from '../../../shared/api/workbook';
import { assignmentInput } from '../../../shared/domain/assignment';
import { cadreInput } from '../../../shared/domain/cadre';
import { contactObjectInput } from '../../../shared/domain/contact-object';
import {
  FOLLOW_UP_SOURCES,
  FOLLOW_UP_STATUSES,
  followUpInput,
  type FollowUpStatus,
} from '../../../shared/domain/follow-up';
import { plainRecordInput, recordInput } from '../../../shared/domain/record';
import { unitInput } from '../../../shared/domain/unit';
import { LedgerError, type FieldIssue } from '../../../shared/errors';
import { parseLooseDate } from '../../../shared/format/date';
import { pinyinKeys } from '../../../shared/format/pinyin';
import { auditWriter, batchAuditor, rowDigestOfJson, type AuditEntry } from '../audit';
import { RECORDS_SEARCH_INSERT } from '../../../migrations/0007_records_search';
import { RECORDS_DAY_COUNTS_INSERT } from '../../../migrations/0011_records_page_keys';
import { linkSearchInsert } from '../../../migrations/0013_records_search_keys';
import { workdayCalendar } from '../calendar';
import type { ServiceContext } from '../context';
import { backupAndRotate } from '../backup/backups';
import { throwIfCancelled } from '../jobs/control';
import { importGlyphWarnings } from '../documents/glyphs';
import { documentFonts } from '../settings';
import {
  cellText,
  dateOrRaw,
  isBlank,
  listOf,
  numberOrRaw,
  splitQualified,
  textOf,
  timeOrRaw,
  yesNoOrRaw,
} from './cells';
import { workbookVocabulary } from './vocabulary';
import type { RecordsSink } from './read';
import { SHEET_OF, type Cell, type LedgerSheets, type RowNumbers, type SheetSpec } from './sheets';

type SheetName = keyof LedgerSheets;

// ———————————————————————————————————————— names ————————————————————————————————————————

/** Something referred to by name: a unit, a cadre, a contact object. */
export interface Named {
  id: number;
  name: string;
  /** What may follow the name in brackets to tell namesakes apart: 所属单位 first, then 类别 or 职务. */
  qualifiers: string[];
}

type Resolved = { id: number } | { error: string };

/** Name → the things of that name, with the 名称（所属单位） rule for namesakes. */
export class NameIndex {
  private readonly byName = new Map<string, Named[]>();
  private readonly cache = new Map<string, Resolved>();

  constructor(
    private readonly noun: string,
    private readonly sheet: string,
  ) {}

  add(e: Named): void {
    const list = this.byName.get(e.name);
    if (list) list.push(e);
    else this.byName.set(e.name, [e]);
    this.cache.clear();
  }

  private shown(e: Named): string {
    return e.qualifiers[0] ? `${e.name}（${e.qualifiers[0]}）` : e.name;
  }

  private ambiguous(ref: string, list: Named[]): Resolved {
    return {
      error: `有${list.length}个名为“${ref}”的${this.noun}：${list.map((e) => `“${this.shown(e)}”`).join('、')}，请写成“名称（所属单位）”以区分`,
    };
  }

  resolve(ref: string): Resolved {
    const hit = this.cache.get(ref);
    if (hit) return hit;
    const r = this.lookup(ref);
    this.cache.set(ref, r);
    return r;
  }

  private lookup(ref: string): Resolved {
    const exact = this.byName.get(ref);
    if (exact?.length === 1) return { id: exact[0]!.id };
    if (exact && exact.length > 1) {
      const q = splitQualified(ref);
      if (!q) return this.ambiguous(ref, exact);
    }
    const q = splitQualified(ref);
    if (q) {
      const named = this.byName.get(q.name) ?? [];
      const matches = named.filter((e) => e.qualifiers.includes(q.qualifier));
      if (matches.length === 1) return { id: matches[0]!.id };
      if (matches.length > 1) return this.ambiguous(ref, matches);
      if (named.length)
        return {
          error: `没有“${q.qualifier}”的${this.noun}“${q.name}”，已有的是：${named.map((e) => `“${this.shown(e)}”`).join('、')}`,
        };
    }
    return { error: `找不到名为“${ref}”的${this.noun}（请先在「${this.sheet}」表或台账中添加，或检查是否写错）` };
  }

  /** How an export writes a reference to e so that it reads back to e. */
  refText(e: Named): string {
    const list = this.byName.get(e.name) ?? [];
    if (list.length <= 1) return e.name;
    for (const q of e.qualifiers) {
      if (!q) continue;
      if (list.filter((x) => x.qualifiers.includes(q)).length === 1) return `${e.name}（${q}）`;
    }
    return e.name;
  }
}

// ———————————————————————————————————————— the plan ————————————————————————————————————————

interface UnitRow {
  id: number;
  name: string;
  category: string;
  parentId: number | null;
  note: string;
}
interface CadreRow {
  id: number;
  name: string;
  title: string;
  level: string;
  roles: string[];
  unitId: number | null;
  partyMember: boolean;
  termStart: string | null;
  termEnd: string | null;
  note: string;
}
interface ObjectRow {
  id: number;
  name: string;
  category: string;
  unitId: number | null;
  grade: string;
  note: string;
}
interface AssignmentRow {
  id: number;
  year: number;
  cadreId: number;
  objectId: number;
  slot: string;
  startDate: string | null;
  endDate: string | null;
  note: string;
}
interface RecordRow {
  id: number;
  date: string;
  startTime: string | null;
  endTime: string | null;
  activityTypeId: number;
  cadreIds: number[];
  objectIds: number[];
  place: string;
  content: string;
  opinions: string;
  implementation: string;
  hours: number | null;
  days: number | null;
  companions: number | null;
}
interface FollowUpRow {
  id: number;
  raisedDate: string;
  recordId: number | null;
  source: string;
  matter: string;
  raiser: string;
  departmentId: number | null;
  limitDays: number | null;
  assignedDate: string | null;
  dueDate: string | null;
  feedbackDate: string | null;
  closedDate: string | null;
  extendedDate: string | null;
  status: FollowUpStatus;
  result: string;
}

export interface ImportPlan {
  /** The first problems (up to LISTED_ISSUES, in sheet, row and column order)… */
  issues: FieldIssue[];
  /** …and how many there were in all. */
  issueCount: number;
  units: UnitRow[];
  cadres: CadreRow[];
  objects: ObjectRow[];
  assignments: AssignmentRow[];
  followUps: FollowUpRow[];
  activityTypes: { id: number; name: string; sort: number }[];
  skipped: Record<SheetName, number>;
  /** Cadre id → 职务, for the 职务 snapshot of each record (002 第三十二条). */
  titles: Map<number, string>;
}

const yearOfIso = (iso: string) => Number(iso.slice(0, 4));
const maxId = (ctx: ServiceContext, table: string): number =>
  (ctx.db.sqlite.prepare(`SELECT coalesce(max(id), 0) AS n FROM ${table}`).get() as { n: number }).n;

/** The problems a refusal lists: the first 200; the rest are counted. */
export const LISTED_ISSUES = 200;
/** Kept while planning (more than listed: a later check may find an earlier row), the rest only counted. */
const KEPT_ISSUES = 2000;
/** A cell's content quoted in a problem: enough to find it, never a whole 1 MB cell. */
const QUOTED_CHARS = 60;

const quoted = (v: string) => (v.length > QUOTED_CHARS ? `${v.slice(0, QUOTED_CHARS)}…（共 ${v.length} 字）` : v);

/** Collects issues for one sheet, naming the column as its header reads. */
class SheetIssues {
  private readonly headers: Map<string, string>;
  constructor(
    readonly out: FieldIssue[],
    readonly spec: SheetSpec,
    readonly rowNumbers: number[],
    readonly count: { n: number },
  ) {
    this.headers = new Map(spec.columns.map((c) => [c.key, c.header]));
  }

  add(i: number, row: Record<string, Cell>, key: string, message: string, value?: string): void {
    this.count.n++;
    if (this.out.length >= KEPT_ISSUES) return;
    const header = this.headers.get(key) ?? key;
    const rowNo = this.rowNumbers[i] ?? i + 2;
    this.out.push({
      path: [this.spec.name, rowNo, header],
      field: header,
      message,
      sheet: this.spec.name,
      row: rowNo,
      value: quoted(value ?? cellText(row[key])),
    });
  }

  /** Zod's complaints about one row, each put on the column it is about. */
  zod(i: number, row: Record<string, Cell>, error: z.ZodError, columnOf: Record<string, string>): void {
    for (const issue of error.issues) {
      const field = String(issue.path[0] ?? '');
      this.add(i, row, columnOf[field] ?? field, issue.message);
    }
  }
}

/** The checks of one import, sheet by sheet, the 联系记录 a batch at a time (importPlanner). */
export interface Planner {
  /** What to write of every sheet but 联系记录 (planned at the start), the skipped rows, the problems found. */
  readonly plan: ImportPlan;
  /** Checks a batch of 联系记录 rows (in the file's order) and returns the records to write of it. */
  records(rows: Record<string, Cell>[], rowNos: number[]): RecordRow[];
  /** Checks the 督办事项, after the last 联系记录 (a 来源 may name any record). */
  followUps(): void;
  /** No problem found so far: what is planned may be written. */
  clean(): boolean;
  /** The problems in sheet, row and column order, the first LISTED_ISSUES of them kept. */
  finish(): ImportPlan;
}

/**
 * Checks every row and works out what to write: every sheet but 联系记录 at once (`sheets.records` is not looked
 * at), then the 联系记录 in batches as they come, then the 督办事项. What crosses rows is kept (names, keys, ids,
 * the records a 督办 来源 may name), never the rows of 联系记录 themselves.
 */
export function importPlanner(
  ctx: ServiceContext,
  sheets: LedgerSheets,
  rowNumbers: RowNumbers,
  mappings: readonly VocabularyMapping[] = [],
): Planner {
  const { db } = ctx;
  const sq = db.sqlite;
  let issues: FieldIssue[] = [];
  const count = { n: 0 };
  const plan: ImportPlan = {
    issues,
    issueCount: 0,
    units: [],
    cadres: [],
    objects: [],
    assignments: [],
    followUps: [],
    activityTypes: [],
    skipped: { units: 0, cadres: 0, objects: 0, assignments: 0, records: 0, followUps: 0 },
    titles: new Map(),
  };
  const vocabulary = workbookVocabulary(ctx, mappings);
  const sheetIssues = (k: SheetName) => new SheetIssues(issues, SHEET_OF[k], rowNumbers[k], count);
  const lockedYears = new Set(
    (sq.prepare('SELECT year FROM year_locks').all() as { year: number }[]).map((r) => r.year),
  );
  const PLACEHOLDER = 1;

  // ——— 单位 ———
  const unitsDb = sq.prepare('SELECT id, name, category, parent_id FROM units').all() as {
    id: number;
    name: string;
    category: string;
    parent_id: number | null;
  }[];
  const unitById = new Map<number, { name: string; parentId: number | null }>();
  for (const u of unitsDb) unitById.set(u.id, { name: u.name, parentId: u.parent_id });
  const dbUnitKey = new Map(unitsDb.map((u) => [`${u.name}\u0000${u.parent_id ?? 0}`, u.id]));
  const unitNameOf = (id: number | null) => (id === null ? '' : (unitById.get(id)?.name ?? ''));
  let nextUnitId = maxId(ctx, 'units');
  {
    const si = sheetIssues('units');
    const rows = sheets.units as Record<string, Cell>[];
    const parsed: { i: number; u: UnitRow; parentRef: string }[] = [];
    // A file row names its parent in words; it is the same as a stored unit when the words fit.
    const refFits = (ref: string, id: number | null): boolean => {
      if (id === null) return ref === '';
      const u = unitById.get(id);
      if (!u) return false;
      if (ref === u.name) return true;
      const q = splitQualified(ref);
      return !!q && q.name === u.name && q.qualifier === unitNameOf(u.parentId);
    };
    const index = new NameIndex('单位', '单位');
    for (const u of unitsDb) index.add({ id: u.id, name: u.name, qualifiers: [unitNameOf(u.parent_id), u.category] });
    const newFromFile = new Map<number, { parentRef: string; i: number }>();
    rows.forEach((row, i) => {
      const r = unitInput.safeParse({
        name: textOf(row.name),
        category: textOf(row.category),
        parentId: PLACEHOLDER,
        note: textOf(row.note),
      });
      if (!r.success) return si.zod(i, row, r.error, { name: 'name', category: 'category', note: 'note' });
      // A value off the list refuses the file but not the row, so that rows naming it read on without a cascade.
      const category = vocabulary.value('unitCategories', r.data.category);
      if ('error' in category) si.add(i, row, 'category', category.error);
      else r.data.category = category.name;
      const parentRef = textOf(row.parent).trim();
      const stored = unitsDb.find((u) => u.name === r.data.name && refFits(parentRef, u.parent_id));
      if (stored) {
        plan.skipped.units++;
        return;
      }
      const id = ++nextUnitId;
      const u: UnitRow = { id, name: r.data.name, category: r.data.category, parentId: null, note: r.data.note };
      parsed.push({ i, u, parentRef });
      newFromFile.set(id, { parentRef, i });
      const parentBase = splitQualified(parentRef)?.name ?? parentRef;
      index.add({ id, name: u.name, qualifiers: [parentBase, u.category] });
    });
    const newById = new Map(parsed.map((p) => [p.u.id, p]));
    const seen = new Map<string, number>();
    for (const p of parsed) {
      if (p.parentRef) {
        const r = index.resolve(p.parentRef);
        if ('error' in r) {
          si.add(p.i, rows[p.i]!, 'parent', r.error);
          continue;
        }
        if (r.id === p.u.id) {
          si.add(p.i, rows[p.i]!, 'parent', '上级单位不能是它自己');
          continue;
        }
        p.u.parentId = r.id;
      }
      const key = `${p.u.name}\u0000${p.u.parentId ?? 0}`;
      const twin = seen.get(key);
      if (twin !== undefined)
        si.add(p.i, rows[p.i]!, 'name', `与第${rowNumbers.units[twin]}行是同一个单位（名称和上级单位都相同）`);
      else if (dbUnitKey.has(key)) si.add(p.i, rows[p.i]!, 'name', '台账中已有同名、同上级单位的单位');
      seen.set(key, p.i);
    }
    // Parents first; a ring of units that are each other's parent cannot be written.
    const done = new Set<number>();
    const visiting = new Set<number>();
    const visit = (p: (typeof parsed)[number]): boolean => {
      if (done.has(p.u.id)) return true;
      if (visiting.has(p.u.id)) return false;
      visiting.add(p.u.id);
      const parent = p.u.parentId !== null ? newById.get(p.u.parentId) : undefined;
      const ok = parent ? visit(parent) : true;
      visiting.delete(p.u.id);
      if (!ok) return false;
      done.add(p.u.id);
      plan.units.push(p.u);
      return true;
    };
    for (const p of parsed)
      if (!visit(p)) si.add(p.i, rows[p.i]!, 'parent', '上级单位形成了循环（A 的上级是 B，B 的上级又是 A）');
    for (const u of plan.units) unitById.set(u.id, { name: u.name, parentId: u.parentId });
  }
  const unitIndex = new NameIndex('单位', '单位');
  for (const [id, u] of unitById) unitIndex.add({ id, name: u.name, qualifiers: [unitNameOf(u.parentId)] });
  const resolveUnit = (ref: string) => unitIndex.resolve(ref);

  // ——— 干部 ———
  const cadresDb = sq.prepare('SELECT c.id, c.name, c.title, c.unit_id FROM cadres c').all() as {
    id: number;
    name: string;
    title: string;
    unit_id: number | null;
  }[];
  const cadreIndex = new NameIndex('干部', '干部');
  for (const c of cadresDb) {
    cadreIndex.add({ id: c.id, name: c.name, qualifiers: [unitNameOf(c.unit_id), c.title] });
    plan.titles.set(c.id, c.title);
  }
  {
    const si = sheetIssues('cadres');
    const rows = sheets.cadres as Record<string, Cell>[];
    const dbKey = new Map(cadresDb.map((c) => [`${c.name}\u0000${c.unit_id ?? 0}`, c.id]));
    const seen = new Map<string, number>();
    let nextId = maxId(ctx, 'cadres');
    const fresh: CadreRow[] = [];
    rows.forEach((row, i) => {
      let unitId: number | null = null;
      let bad = false;
      if (!isBlank(row.unit)) {
        const r = resolveUnit(textOf(row.unit).trim());
        if ('error' in r) {
          si.add(i, row, 'unit', r.error);
          bad = true;
        } else unitId = r.id;
      }
      const r = cadreInput.safeParse({
        name: textOf(row.name),
        title: textOf(row.title),
        level: textOf(row.level),
        roles: listOf(row.roles),
        unitId: unitId ?? null,
        partyMember: yesNoOrRaw(row.partyMember),
        termStart: dateOrRaw(row.termStart),
        termEnd: dateOrRaw(row.termEnd),
        note: textOf(row.note),
      });
      if (!r.success) {
        si.zod(i, row, r.error, { unitId: 'unit' });
        return;
      }
      const level = vocabulary.value('levels', r.data.level);
      if ('error' in level) si.add(i, row, 'level', level.error);
      else r.data.level = level.name;
      r.data.roles = r.data.roles.map((role) => {
        const hit = vocabulary.value('roles', role);
        if ('error' in hit) si.add(i, row, 'roles', hit.error, role);
        return 'error' in hit ? role : hit.name;
      });
      if (bad) return;
      const key = `${r.data.name}\u0000${unitId ?? 0}`;
      if (dbKey.has(key)) {
        plan.skipped.cadres++;
        return;
      }
      const twin = seen.get(key);
      if (twin !== undefined) {
        si.add(i, row, 'name', `与第${rowNumbers.cadres[twin]}行是同一位干部（姓名和所在单位都相同）`);
        return;
      }
      seen.set(key, i);
      const c: CadreRow = { id: ++nextId, ...r.data, roles: [...new Set(r.data.roles)] };
      fresh.push(c);
    });
    for (const c of fresh) {
      cadreIndex.add({ id: c.id, name: c.name, qualifiers: [unitNameOf(c.unitId), c.title] });
      plan.titles.set(c.id, c.title);
    }
    plan.cadres = fresh;
  }

  // ——— 联系对象 ———
  const objectsDb = sq.prepare('SELECT id, name, category, unit_id FROM contact_objects').all() as {
    id: number;
    name: string;
    category: string;
    unit_id: number | null;
  }[];
  const objectIndex = new NameIndex('联系对象', '联系对象');
  for (const o of objectsDb)
    objectIndex.add({ id: o.id, name: o.name, qualifiers: [unitNameOf(o.unit_id), o.category] });
  {
    const si = sheetIssues('objects');
    const rows = sheets.objects as Record<string, Cell>[];
    const dbKey = new Map(objectsDb.map((o) => [`${o.name}\u0000${o.category}\u0000${o.unit_id ?? 0}`, o.id]));
    const seen = new Map<string, number>();
    let nextId = maxId(ctx, 'contact_objects');
    const fresh: ObjectRow[] = [];
    rows.forEach((row, i) => {
      let unitId: number | null = null;
      let bad = false;
      if (!isBlank(row.unit)) {
        const r = resolveUnit(textOf(row.unit).trim());
        if ('error' in r) {
          si.add(i, row, 'unit', r.error);
          bad = true;
        } else unitId = r.id;
      }
      const r = contactObjectInput.safeParse({
        name: textOf(row.name),
        category: textOf(row.category),
        unitId,
        grade: textOf(row.grade),
        note: textOf(row.note),
      });
      if (!r.success) return si.zod(i, row, r.error, { unitId: 'unit' });
      const category = vocabulary.value('objectCategories', r.data.category);
      if ('error' in category) si.add(i, row, 'category', category.error);
      else r.data.category = category.name;
      if (bad) return;
      const key = `${r.data.name}\u0000${r.data.category}\u0000${unitId ?? 0}`;
      if (dbKey.has(key)) {
        plan.skipped.objects++;
        return;
      }
      const twin = seen.get(key);
      if (twin !== undefined) {
        si.add(i, row, 'name', `与第${rowNumbers.objects[twin]}行是同一个联系对象（名称、类别和所属单位都相同）`);
        return;
      }
      seen.set(key, i);
      fresh.push({ id: ++nextId, ...r.data });
    });
    for (const o of fresh) objectIndex.add({ id: o.id, name: o.name, qualifiers: [unitNameOf(o.unitId), o.category] });
    plan.objects = fresh;
  }

  // ——— 联系点 ———
  {
    const si = sheetIssues('assignments');
    const rows = sheets.assignments as Record<string, Cell>[];
    const dbKeys = new Set(
      (
        sq.prepare('SELECT year, cadre_id, object_id, slot FROM assignments').all() as {
          year: number;
          cadre_id: number;
          object_id: number;
          slot: string;
        }[]
      ).map((a) => `${a.year}\u0000${a.cadre_id}\u0000${a.object_id}\u0000${a.slot}`),
    );
    const seen = new Map<string, number>();
    let nextId = maxId(ctx, 'assignments');
    rows.forEach((row, i) => {
      let bad = false;
      const ref = (key: 'cadre' | 'object', index: NameIndex): number => {
        if (isBlank(row[key])) return PLACEHOLDER;
        const r = index.resolve(textOf(row[key]).trim());
        if ('id' in r) return r.id;
        si.add(i, row, key, r.error);
        bad = true;
        return PLACEHOLDER;
      };
      const cadreId = ref('cadre', cadreIndex);
      const objectId = ref('object', objectIndex);
      for (const key of ['cadre', 'object'] as const)
        if (isBlank(row[key])) {
          si.add(i, row, key, '不能为空');
          bad = true;
        }
      const r = assignmentInput.safeParse({
        year: numberOrRaw(row.year) ?? undefined,
        cadreId,
        objectId,
        slot: textOf(row.slot),
        startDate: dateOrRaw(row.startDate),
        endDate: dateOrRaw(row.endDate),
        note: textOf(row.note),
      });
      if (!r.success) {
        for (const issue of r.error.issues) {
          const field = String(issue.path[0] ?? '');
          const key = field === 'cadreId' ? 'cadre' : field === 'objectId' ? 'object' : field;
          si.add(i, row, key, key === 'year' && isBlank(row.year) ? '不能为空' : issue.message);
        }
        return;
      }
      if (bad) return;
      if (lockedYears.has(r.data.year))
        return si.add(i, row, 'year', `${r.data.year}年度已锁定，不能导入该年度的联系点`);
      const key = `${r.data.year}\u0000${cadreId}\u0000${objectId}\u0000${r.data.slot}`;
      if (dbKeys.has(key)) {
        plan.skipped.assignments++;
        return;
      }
      const twin = seen.get(key);
      if (twin !== undefined) {
        si.add(i, row, 'object', `与第${rowNumbers.assignments[twin]}行重复（同一年度、干部、联系对象和联系类型）`);
        return;
      }
      seen.set(key, i);
      plan.assignments.push({ id: ++nextId, ...r.data });
    });
  }

  // ——— 联系记录 (and new activity types) ———
  const recordCount = (sq.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
  /** date|type → the records of that day and type, for 督办事项 来源; filled from stored and new records. */
  type SourceRecord = {
    id: number;
    date: string;
    startTime: string | null;
    activityTypeId: number;
    cadreIds: number[];
  };
  const recordsBySource = new Map<string, SourceRecord[]>();
  const addSource = (r: SourceRecord) => {
    const k = `${r.date}|${r.activityTypeId}`;
    const list = recordsBySource.get(k);
    if (list) list.push(r);
    else recordsBySource.set(k, [r]);
  };
  /**
   * The record a 来源 names. A joint record (赵敏、张伟 座谈) is named by all its cadres or by any of them: the
   * 来源 may name one of the two. The record with exactly the named cadres wins; else the only one that has
   * them all; several such records need the start time to tell them apart.
   */
  const findSource = (
    date: string,
    time: string | null,
    typeId: number,
    cadreIds: number[],
  ): { id: number } | { many: number } | null => {
    const named = new Set(cadreIds);
    const fits = (recordsBySource.get(`${date}|${typeId}`) ?? []).filter(
      (r) => (time === null || r.startTime === time) && cadreIds.every((c) => r.cadreIds.includes(c)),
    );
    const exact = fits.filter((r) => r.cadreIds.length === named.size);
    if (exact.length) return { id: exact[0]!.id };
    if (fits.length === 1) return { id: fits[0]!.id };
    return fits.length ? { many: fits.length } : null;
  };
  type StoredRecord = Pick<
    RecordRow,
    'id' | 'date' | 'startTime' | 'activityTypeId' | 'content' | 'cadreIds' | 'objectIds'
  >;
  const storedRecords = (): StoredRecord[] => {
    if (recordCount === 0) return [];
    const links = (table: string, col: string) => {
      const m = new Map<number, number[]>();
      for (const l of sq.prepare(`SELECT record_id, ${col} AS v FROM ${table} ORDER BY record_id, position`).all() as {
        record_id: number;
        v: number;
      }[]) {
        const list = m.get(l.record_id);
        if (list) list.push(l.v);
        else m.set(l.record_id, [l.v]);
      }
      return m;
    };
    const cadres = links('record_cadres', 'cadre_id');
    const objects = links('record_objects', 'object_id');
    return (
      sq.prepare('SELECT id, date, start_time, activity_type_id, content FROM records').all() as {
        id: number;
        date: string;
        start_time: string | null;
        activity_type_id: number;
        content: string;
      }[]
    ).map((r) => ({
      id: r.id,
      date: r.date,
      startTime: r.start_time,
      activityTypeId: r.activity_type_id,
      content: r.content,
      cadreIds: cadres.get(r.id) ?? [],
      objectIds: objects.get(r.id) ?? [],
    }));
  };
  const identity = (r: {
    date: string;
    startTime: string | null;
    activityTypeId: number;
    cadreIds: number[];
    objectIds: number[];
    content: string;
  }) =>
    `${r.date}|${r.startTime ?? ''}|${r.activityTypeId}|${[...r.cadreIds].sort((a, b) => a - b).join(',')}|${[
      ...r.objectIds,
    ]
      .sort((a, b) => a - b)
      .join(',')}|${r.content}`;
  let storedOnce: StoredRecord[] | null = null;
  const stored = () => (storedOnce ??= storedRecords());
  // A 来源 names a record by its date: only the records of the dates the 督办事项 name are kept for it.
  const sourceDates = new Set<string>();
  for (const row of sheets.followUps) {
    const tokens = textOf(row.source)
      .trim()
      .split(/[\s\u3000]+/);
    const date = tokens.length >= 3 ? parseLooseDate(tokens[0]!) : null;
    if (date) sourceDates.add(date);
  }
  if (sourceDates.size) for (const r of stored()) if (sourceDates.has(r.date)) addSource(r);
  // Rows equal to stored records are skipped, as many times as the ledger already has them.
  let already: Map<string, number> | null = null;
  let nextRecordId = maxId(ctx, 'records');
  const records = (rows: Record<string, Cell>[], rowNos: number[]): RecordRow[] => {
    const si = new SheetIssues(issues, SHEET_OF.records, rowNos, count);
    if (!already) {
      already = new Map<string, number>();
      for (const r of stored()) {
        const k = identity(r);
        already.set(k, (already.get(k) ?? 0) + 1);
      }
    }
    const out: RecordRow[] = [];
    const columnOf = { activityTypeId: 'type', cadreIds: 'cadres', objectIds: 'objects' };
    /** The ids a cell's names resolve to; a name not found or named twice is a problem of the row (bad.row). */
    const bad = { row: false };
    const refs = (i: number, row: Record<string, Cell>, key: 'cadres' | 'objects', index: NameIndex): number[] => {
      const ids: number[] = [];
      let unknown = 0;
      for (const name of listOf(row[key])) {
        const r = index.resolve(name);
        if ('error' in r) {
          si.add(i, row, key, r.error);
          bad.row = true;
          unknown++;
        } else if (ids.includes(r.id)) {
          // A few names a cell: a look along the list costs less than a Set per row.
          si.add(i, row, key, `“${name}”填了两次`);
          bad.row = true;
        } else ids.push(r.id);
      }
      // A name not found still counts (the schema's limits on how many), as a placeholder id.
      for (; unknown > 0; unknown--) ids.push(PLACEHOLDER);
      return ids;
    };
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      bad.row = false;
      const cadreIds = refs(i, row, 'cadres', cadreIndex);
      const objectIds = refs(i, row, 'objects', objectIndex);
      let activityTypeId = PLACEHOLDER;
      const typeName = textOf(row.type).trim();
      if (!typeName) {
        si.add(i, row, 'type', '不能为空');
        bad.row = true;
      } else if (typeName.length > 40) {
        si.add(i, row, 'type', '不能超过40个字');
        bad.row = true;
      } else {
        const t = vocabulary.activityType(typeName);
        if ('error' in t) {
          si.add(i, row, 'type', t.error);
          bad.row = true;
        } else activityTypeId = t.id;
      }
      const input = {
        date: dateOrRaw(row.date) ?? '',
        startTime: timeOrRaw(row.startTime),
        endTime: timeOrRaw(row.endTime),
        activityTypeId,
        cadreIds,
        objectIds,
        place: textOf(row.place),
        content: textOf(row.content),
        opinions: textOf(row.opinions),
        implementation: textOf(row.implementation),
        hours: numberOrRaw(row.hours),
        days: numberOrRaw(row.days),
        companions: numberOrRaw(row.companions),
      };
      // A row that plainly passes skips the schema's walk; any other gets the schema's answer and messages.
      const plain = plainRecordInput(input);
      const r = plain ? ({ success: true, data: plain } as const) : recordInput.safeParse(input);
      if (!r.success) {
        for (const issue of r.error.issues) {
          const field = String(issue.path[0] ?? '');
          const key = (columnOf as Record<string, string>)[field] ?? field;
          // An empty 日期 says so plainly rather than "不是有效日期".
          si.add(i, row, key, key === 'date' && isBlank(row.date) ? '不能为空' : issue.message);
        }
        continue;
      }
      if (bad.row) continue;
      const d = r.data;
      if (lockedYears.has(yearOfIso(d.date))) {
        si.add(i, row, 'date', `${yearOfIso(d.date)}年度已锁定，不能导入该年度的联系记录`);
        continue;
      }
      const rec = d as RecordRow;
      // A row's identity (every field joined) is only worked out when the ledger has records it could repeat.
      if (already.size) {
        const k = identity(rec);
        const left = already.get(k);
        if (left) {
          already.set(k, left - 1);
          plan.skipped.records++;
          continue;
        }
      }
      rec.id = ++nextRecordId;
      out.push(rec);
      if (sourceDates.has(rec.date)) addSource(rec);
    }
    return out;
  };

  // ——— 督办事项 ———
  const followUps = () => {
    if (!sheets.followUps.length) return;
    const si = sheetIssues('followUps');
    const rows = sheets.followUps as Record<string, Cell>[];
    const calendar = workdayCalendar(db);
    const already = new Map<string, number>();
    for (const f of sq.prepare('SELECT raised_date, matter, raiser FROM follow_ups').all() as {
      raised_date: string;
      matter: string;
      raiser: string;
    }[]) {
      const k = `${f.raised_date}\u0000${f.matter}\u0000${f.raiser}`;
      already.set(k, (already.get(k) ?? 0) + 1);
    }
    let nextId = maxId(ctx, 'follow_ups');
    const sourceHelp = `应为联系记录（日期 领导干部 类型，如“2026-03-05 张三 座谈”）或 ${FOLLOW_UP_SOURCES.join('、')}`;
    rows.forEach((row, i) => {
      let bad = false;
      let recordId: number | null = null;
      let source = '';
      const sourceText = textOf(row.source).trim();
      if (sourceText) {
        // A channel (来信, 意见箱 …) or one of the ledger's activity types alone (约访) names the item's kind.
        if (
          (FOLLOW_UP_SOURCES as readonly string[]).includes(sourceText) ||
          'id' in vocabulary.activityType(sourceText)
        )
          source = sourceText;
        else {
          const tokens = sourceText.split(/[\s\u3000]+/);
          const date = tokens.length >= 3 ? parseLooseDate(tokens[0]!) : null;
          if (!date) {
            si.add(i, row, 'source', `无法识别的来源，${sourceHelp}`);
            bad = true;
          } else {
            const time = /^\d{1,2}[:：]\d{2}$/.test(tokens[1]!) ? timeOrRaw(tokens[1]!) : null;
            const typeName = tokens[tokens.length - 1]!;
            const cadreText = tokens.slice(time ? 2 : 1, -1).join(' ');
            const cadreIds: number[] = [];
            for (const name of listOf(cadreText)) {
              const c = cadreIndex.resolve(name);
              if ('error' in c) {
                si.add(i, row, 'source', c.error);
                bad = true;
              } else cadreIds.push(c.id);
            }
            const type = vocabulary.activityType(typeName);
            if ('error' in type) {
              si.add(i, row, 'source', `${type.error}；${sourceHelp}`);
              bad = true;
            } else if (!bad) {
              const found = findSource(date, time, type.id, cadreIds);
              if (!found) {
                si.add(
                  i,
                  row,
                  'source',
                  `找不到${date} ${cadreText}的“${typeName}”联系记录（请检查日期、领导干部和类型）`,
                );
                bad = true;
              } else if ('many' in found) {
                si.add(
                  i,
                  row,
                  'source',
                  `${date} ${cadreText}有${found.many}条“${typeName}”联系记录，请在日期后加上开始时间以区分（如“${date} 15:00 ${cadreText} ${typeName}”）`,
                );
                bad = true;
              } else recordId = found.id;
            }
          }
        }
      }
      let departmentId: number | null = null;
      if (!isBlank(row.department)) {
        const u = resolveUnit(textOf(row.department).trim());
        if ('error' in u) {
          si.add(i, row, 'department', u.error);
          bad = true;
        } else departmentId = u.id;
      }
      const statusText = textOf(row.status).trim();
      const r = followUpInput.safeParse({
        raisedDate: dateOrRaw(row.raisedDate) ?? '',
        recordId,
        source,
        matter: textOf(row.matter),
        raiser: textOf(row.raiser),
        departmentId,
        limitDays: numberOrRaw(row.limitDays),
        assignedDate: dateOrRaw(row.assignedDate),
        feedbackDate: dateOrRaw(row.feedbackDate),
        closedDate: dateOrRaw(row.closedDate),
        extendedDate: dateOrRaw(row.extendedDate),
        ...(statusText ? { status: statusText } : {}),
        result: textOf(row.result),
      });
      if (!r.success) {
        for (const issue of r.error.issues) {
          const field = String(issue.path[0] ?? '');
          const key = field === 'departmentId' ? 'department' : field === 'recordId' ? 'source' : field;
          si.add(i, row, key, key === 'raisedDate' && isBlank(row.raisedDate) ? '不能为空' : issue.message);
        }
        return;
      }
      if (bad) return;
      const f = r.data;
      // The same checks as the 督办 page: dates in order, and what each status needs filled in.
      const order: [string | null, string][] = [
        [f.raisedDate, 'raisedDate'],
        [f.assignedDate, 'assignedDate'],
        [f.feedbackDate, 'feedbackDate'],
        [f.closedDate, 'closedDate'],
      ];
      const filled = order.filter(([d]) => d) as [string, string][];
      for (let k = 1; k < filled.length; k++)
        if (filled[k]![0] < filled[k - 1]![0]) {
          const header = (key: string) => SHEET_OF.followUps.columns.find((c) => c.key === key)!.header;
          si.add(i, row, filled[k]![1], `「${header(filled[k]![1])}」不能早于「${header(filled[k - 1]![1])}」`);
          bad = true;
        }
      let status = f.status;
      const implied: FollowUpStatus = f.closedDate
        ? '已办结'
        : f.feedbackDate
          ? '已反馈'
          : f.assignedDate && f.departmentId
            ? '已交办'
            : '待交办';
      if (FOLLOW_UP_STATUSES.indexOf(implied) > FOLLOW_UP_STATUSES.indexOf(status)) status = implied;
      const needs: Record<FollowUpStatus, [keyof typeof f, string][]> = {
        待交办: [],
        已交办: [
          ['departmentId', 'department'],
          ['assignedDate', 'assignedDate'],
        ],
        已反馈: [
          ['departmentId', 'department'],
          ['assignedDate', 'assignedDate'],
          ['feedbackDate', 'feedbackDate'],
        ],
        已办结: [
          ['departmentId', 'department'],
          ['assignedDate', 'assignedDate'],
          ['closedDate', 'closedDate'],
        ],
      };
      for (const [field, key] of needs[status])
        if (f[field] === null) {
          si.add(i, row, key, `状态为“${status}”时须填写`);
          bad = true;
        }
      const dueDate = f.limitDays ? calendar.addWorkdays(f.assignedDate ?? f.raisedDate, f.limitDays).date : null;
      // An extension moves the deadline out (the same checks as the 督办 page).
      if (f.extendedDate !== null) {
        const start = f.assignedDate ?? f.raisedDate;
        if (f.extendedDate < start) {
          si.add(
            i,
            row,
            'extendedDate',
            `「延期至」不能早于「${f.assignedDate ? '交办日期' : '提出日期'}」（${start}）`,
          );
          bad = true;
        } else if (dueDate && f.extendedDate <= dueDate) {
          si.add(i, row, 'extendedDate', `「延期至」须晚于截止日期（${dueDate}）`);
          bad = true;
        }
        filled.push([f.extendedDate, 'extendedDate']);
      }
      // A 督办 item counts in the figures of the year it was raised, and its dates in theirs.
      for (const [d, key] of filled)
        if (lockedYears.has(yearOfIso(d))) {
          si.add(i, row, key, `${yearOfIso(d)}年度已锁定，不能导入日期在该年度的督办事项`);
          bad = true;
        }
      if (bad) return;
      const k = `${f.raisedDate}\u0000${f.matter}\u0000${f.raiser}`;
      const left = already.get(k);
      if (left) {
        already.set(k, left - 1);
        plan.skipped.followUps++;
        return;
      }
      plan.followUps.push({ id: ++nextId, ...f, status, dueDate });
    });
  };

  const finish = (): ImportPlan => {
    const sheetOrder = Object.values(SHEET_OF).map((s) => s.name);
    const columnOrder = (sheet: string, field: string) =>
      Object.values(SHEET_OF)
        .find((s) => s.name === sheet)
        ?.columns.findIndex((c) => c.header === field) ?? 0;
    issues.sort(
      (a, b) =>
        sheetOrder.indexOf(a.sheet!) - sheetOrder.indexOf(b.sheet!) ||
        (a.row ?? 0) - (b.row ?? 0) ||
        columnOrder(a.sheet!, a.field) - columnOrder(b.sheet!, b.field),
    );
    issues = issues.slice(0, LISTED_ISSUES);
    plan.issues = issues;
    plan.issueCount = count.n;
    return plan;
  };
  return { plan, records, followUps, clean: () => count.n === 0, finish };
}

// ———————————————————————————————————————— writing ————————————————————————————————————————

type Raw = Record<string, string | number | null>;
type Value = string | number | null;

/** Rows per multi-row INSERT of the big tables: one call into SQLite per this many rows instead of one per row. */
const INSERT_ROWS = 64;

/**
 * Prepared INSERTs of whole rows into one table, prepared once per import. `add` returns the row's canonical JSON
 * (its columns in sorted order, as written) — what the audit digests, so that the digest equals that of the row
 * read back (rowDigestOfJson). With `batch`, rows are queued and written INSERT_ROWS to a statement; the
 * tables listed in `then` (the row's children) are written right after this one's rows, so that a child row never
 * goes in before its parent. Call flush() after the last row.
 */
class Inserter {
  private readonly columns: string[];
  /** Each column's part of the row's JSON before its value: `{"a":`, `,"b":` … */
  private readonly keys: string[];
  private readonly one: ReturnType<ServiceContext['db']['sqlite']['prepare']>;
  private many: ReturnType<ServiceContext['db']['sqlite']['prepare']> | null = null;
  /** The rows queued for the next statement, their values one after the other. */
  queued: Value[] = [];
  private rows = 0;
  readonly then: Inserter[] = [];

  constructor(
    private readonly sq: ServiceContext['db']['sqlite'],
    private readonly table: string,
    columns: string[],
    private readonly batch = false,
  ) {
    this.columns = [...columns].sort();
    this.keys = this.columns.map((c, i) => `${i ? ',' : '{'}${JSON.stringify(c)}:`);
    this.one = sq.prepare(this.sql(1));
  }

  private sql(n: number): string {
    const tuple = `(${this.columns.map(() => '?').join(', ')})`;
    return `INSERT INTO ${this.table} (${this.columns.join(', ')}) VALUES ${Array.from({ length: n }, () => tuple).join(', ')}`;
  }

  add(row: Raw): string {
    const n = this.columns.length;
    const keys = this.keys;
    // The row's JSON written out as JSON.stringify of {column: value} in sorted order gives it, without that object.
    let json = '';
    if (!this.batch) {
      const values = new Array<Value>(n);
      for (let i = 0; i < n; i++) {
        const v = (values[i] = row[this.columns[i]!] ?? null);
        json += keys[i]! + (v === null ? 'null' : JSON.stringify(v));
      }
      this.one.run(values);
      return `${json}}`;
    }
    const q = this.queued;
    for (let i = 0; i < n; i++) {
      const v = row[this.columns[i]!] ?? null;
      q.push(v);
      json += keys[i]! + (v === null ? 'null' : JSON.stringify(v));
    }
    this.queuedRow();
    return `${json}}`;
  }

  /**
   * A batch table's row given as its values in `columns` order (sorted), pushed by the caller onto `queued`: the
   * caller writes the row's JSON itself (the hot path of a bulk load: no row object, one JSON.stringify).
   */
  get order(): readonly string[] {
    return this.columns;
  }

  queuedRow(): void {
    // A parent table flushes itself when full (its children follow); a child table waits for its parent.
    if (++this.rows === INSERT_ROWS && !this.child) this.flush();
  }

  /** Set on the tables listed in another's `then`. */
  child = false;

  flush(): void {
    const n = this.columns.length;
    const q = this.queued;
    let at = 0;
    if (this.rows >= INSERT_ROWS) {
      this.many ??= this.sq.prepare(this.sql(INSERT_ROWS));
      for (; this.rows - at / n >= INSERT_ROWS; at += n * INSERT_ROWS)
        this.many.run(at === 0 && q.length === n * INSERT_ROWS ? q : q.slice(at, at + n * INSERT_ROWS));
    }
    for (; at < q.length; at += n) this.one.run(q.slice(at, at + n));
    this.queued = [];
    this.rows = 0;
    for (const t of this.then) t.flush();
  }
}

/** The records table's columns in sorted order: the order of a record row's values and of its canonical JSON. */
const RECORD_ORDER = [
  'activity_type_id',
  'companions',
  'content',
  'created_at',
  'date',
  'days',
  'end_time',
  'hours',
  'id',
  'implementation',
  'opinions',
  'place',
  'start_time',
  'updated_at',
] as const;

/** From this many rows, a load at least as large as what its table holds is a bulk load (bulkLoad). */
const BULK_FROM = 1000;

/**
 * The per-row triggers on records and their links that keep derived tables, each with the one statement that has the
 * same effect on every row a bulk load wrote (the records above the id the table held, and their links): the search
 * queue (migrations 0007 and 0013) and the grid's per-day counts (0011). Fired per row they cost about half as much
 * again as the rows themselves. A trigger is set aside only while its SQL is exactly what its migration made; one
 * changed since is left to fire row by row.
 */
const BULK_TRIGGERS: Record<string, { sql: string; after: string }> = {
  records_search_insert: {
    sql: RECORDS_SEARCH_INSERT,
    after: 'INSERT OR IGNORE INTO records_search_pending (record_id) SELECT id FROM records WHERE id > ?',
  },
  // A bulk load writes links only of its own new records: those above the id the table held.
  record_cadres_search_insert: {
    sql: linkSearchInsert('record_cadres'),
    after:
      'INSERT OR IGNORE INTO records_search_pending (record_id) SELECT DISTINCT record_id FROM record_cadres WHERE record_id > ?',
  },
  record_objects_search_insert: {
    sql: linkSearchInsert('record_objects'),
    after:
      'INSERT OR IGNORE INTO records_search_pending (record_id) SELECT DISTINCT record_id FROM record_objects WHERE record_id > ?',
  },
  records_day_counts_insert: {
    sql: RECORDS_DAY_COUNTS_INSERT,
    after: `INSERT INTO records_day_counts (date, activity_type_id, n)
      SELECT date, activity_type_id, count(*) FROM records WHERE id > ? GROUP BY date, activity_type_id
      ON CONFLICT (date, activity_type_id) DO UPDATE SET n = n + excluded.n`,
  },
};

/**
 * Kept up row by row, a table's plain (non-unique) indexes cost more than the rows themselves when the rows come in
 * another order than the index's (records by id, their index by date): for a load at least as large as what the
 * table holds they are dropped and made again from their own SQL once the rows are in, by one sort each; the
 * triggers of BULK_TRIGGERS are set aside the same way and their effect applied by one statement each. All inside
 * the import's transaction: a failed import leaves them as they were. Unique indexes stay, checking each row as it
 * goes in. `tables[0]` is the parent table (its rows get ids above what it held); call done() after the last row.
 */
function bulkLoad(sq: ServiceContext['db']['sqlite'], tables: string[], rows: number): { done(): void } {
  const held = sq.prepare(`SELECT count(*) AS n, coalesce(max(rowid), 0) AS top FROM ${tables[0]}`).get() as {
    n: number;
    top: number;
  };
  if (rows < BULK_FROM || rows < held.n) return { done() {} };
  const list = `(${tables.map(() => '?').join(', ')})`;
  const indexes = sq
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
       AND tbl_name IN ${list}`,
    )
    .all(...tables) as { name: string; sql: string }[];
  const triggers = (
    sq.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ${list}`).all(...tables) as {
      name: string;
      sql: string;
    }[]
  ).filter((t) => BULK_TRIGGERS[t.name]?.sql === t.sql);
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  for (const i of indexes) sq.exec(`DROP INDEX ${quote(i.name)}`);
  for (const t of triggers) sq.exec(`DROP TRIGGER ${quote(t.name)}`);
  return {
    done() {
      for (const i of indexes) sq.exec(i.sql);
      for (const t of triggers) {
        sq.prepare(BULK_TRIGGERS[t.name]!.after).run(held.top);
        sq.exec(t.sql);
      }
    },
  };
}

/** Writes what a Planner planned, as it is planned (planWriter). */
export interface PlanWriter {
  /** Every sheet's rows but 联系记录 and 督办事项: first, since the records name them. */
  base(plan: ImportPlan): void;
  /** One batch of records; `expected` (the rows the 联系记录 sheet has) decides a bulk load at the first batch. */
  records(records: RecordRow[], titles: Map<number, string>, expected: number): void;
  followUps(plan: ImportPlan): void;
  /** After the last rows: the indexes a bulk load dropped are made again, the last audit entries written. */
  done(): void;
}

/**
 * Writes a plan that has no issues, a part at a time. Call inside one transaction, from base() to done(). Audits every
 * row written, in batch entries, with the digest of the row as written (every column of the table, so it equals what
 * reading it back gives — the import test verifies the ledger row by row right after); the benchmark passes another
 * `write` to measure the import apart from the audit trail.
 */
export function planWriter(ctx: ServiceContext, write?: (entry: AuditEntry) => void): PlanWriter {
  const sq = ctx.db.sqlite;
  const at = ctx.now().toISOString();
  // One appender for the whole import: the chain's head and the operator are read once. Rows of the
  // verified tables go into batch entries (BATCH_ROWS rows each, every row named with the digest of its
  // state): one hashed entry per row was most of an import's time.
  const append = write ?? auditWriter(ctx);
  const batches = new Map<string, ReturnType<typeof batchAuditor>>();
  const batchOf = (table: string) => {
    let b = batches.get(table);
    if (!b) batches.set(table, (b = batchAuditor(append, table)));
    return b;
  };
  const audit = (table: string, rowId: number, after: unknown, row?: string, children?: Record<string, string[]>) => {
    if (row === undefined) return append({ action: 'import', table, rowId, after });
    batchOf(table).addDigest(rowId, rowDigestOfJson(table, row, children));
  };
  const stamps = { created_at: at, updated_at: at };
  // Namesakes and repeated names are common: each distinct name's pinyin is worked out once.
  const pinyinOf = new Map<string, ReturnType<typeof pinyinKeys>>();
  const keysOf = (name: string) => {
    let k = pinyinOf.get(name);
    if (!k) pinyinOf.set(name, (k = pinyinKeys(name)));
    return k;
  };
  const inserter = (table: string, columns: string[], batch = false) => {
    const ins = new Inserter(sq, table, columns, batch);
    return (row: Raw) => ins.add(row);
  };

  const base = (plan: ImportPlan) => {
    const insType = sq.prepare('INSERT INTO activity_types (id, name, note, sort) VALUES (?, ?, ?, ?)');
    for (const t of plan.activityTypes) {
      insType.run(t.id, t.name, '', t.sort);
      audit('activity_types', t.id, t);
    }
    const insUnit = inserter('units', ['id', 'name', 'category', 'parent_id', 'note', 'created_at', 'updated_at']);
    for (const u of plan.units) {
      const row = insUnit({
        id: u.id,
        name: u.name,
        category: u.category,
        parent_id: u.parentId,
        note: u.note,
        ...stamps,
      });
      audit('units', u.id, u, row);
    }

    const insCadre = inserter('cadres', [
      'id',
      'name',
      'title',
      'level',
      'unit_id',
      'party_member',
      'term_start',
      'term_end',
      'note',
      'pinyin',
      'initials',
      'created_at',
      'updated_at',
    ]);
    const insRole = inserter('cadre_roles', ['cadre_id', 'role']);
    for (const c of plan.cadres) {
      const keys = keysOf(c.name);
      const row = insCadre({
        id: c.id,
        name: c.name,
        title: c.title,
        level: c.level,
        unit_id: c.unitId,
        party_member: c.partyMember ? 1 : 0,
        term_start: c.termStart,
        term_end: c.termEnd,
        note: c.note,
        pinyin: keys.full,
        initials: keys.initials,
        ...stamps,
      });
      const roles = c.roles.map((role) => insRole({ cadre_id: c.id, role }));
      audit('cadres', c.id, c, row, { cadre_roles: roles });
    }

    const insObject = inserter('contact_objects', [
      'id',
      'name',
      'category',
      'unit_id',
      'grade',
      'note',
      'pinyin',
      'initials',
      'created_at',
      'updated_at',
    ]);
    for (const o of plan.objects) {
      const keys = keysOf(o.name);
      const row = insObject({
        id: o.id,
        name: o.name,
        category: o.category,
        unit_id: o.unitId,
        grade: o.grade,
        note: o.note,
        pinyin: keys.full,
        initials: keys.initials,
        ...stamps,
      });
      audit('contact_objects', o.id, o, row);
    }

    const insAssignment = inserter('assignments', [
      'id',
      'year',
      'cadre_id',
      'object_id',
      'slot',
      'start_date',
      'end_date',
      'note',
      'created_at',
      'updated_at',
    ]);
    for (const a of plan.assignments) {
      const row = insAssignment({
        id: a.id,
        year: a.year,
        cadre_id: a.cadreId,
        object_id: a.objectId,
        slot: a.slot,
        start_date: a.startDate,
        end_date: a.endDate,
        note: a.note,
        ...stamps,
      });
      audit('assignments', a.id, a, row);
    }
  };

  let bulk: { done(): void } | null = null;
  const recordsIn = new Inserter(sq, 'records', [...RECORD_ORDER], true);
  const cadresIn = new Inserter(sq, 'record_cadres', ['record_id', 'cadre_id', 'title', 'position'], true);
  const objectsIn = new Inserter(sq, 'record_objects', ['record_id', 'object_id', 'position'], true);
  cadresIn.child = objectsIn.child = true;
  recordsIn.then.push(cadresIn, objectsIn);
  // The hot path writes each row's values in the tables' (sorted) column order and its JSON by hand: the orders
  // below are checked once against the Inserters', so the JSON stays what `add` (and reading the row back) gives.
  const orders = [
    [recordsIn, RECORD_ORDER],
    [cadresIn, ['cadre_id', 'position', 'record_id', 'title']],
    [objectsIn, ['object_id', 'position', 'record_id']],
  ] as const;
  for (const [ins, order] of orders)
    if (ins.order.join() !== order.join()) throw new Error(`column order of ${ins.order.join()} changed`);
  /** Each cadre's 职务 and its JSON, for the link rows: a few hundred cadres, 100,000s of links. */
  const titleOf = new Map<number, [string, string]>();
  const records = (list: RecordRow[], titles: Map<number, string>, expected: number) => {
    bulk ??= bulkLoad(sq, ['records', 'record_cadres', 'record_objects'], expected);
    const recordsAudit = batchOf('records');
    for (const r of list) {
      const id = r.id;
      const { date, place, content, opinions, implementation } = r;
      const startTime = r.startTime ?? null;
      const endTime = r.endTime ?? null;
      const hours = r.hours ?? null;
      const days = r.days ?? null;
      const companions = r.companions ?? null;
      const type = r.activityTypeId;
      recordsIn.queued.push(
        type,
        companions,
        content,
        at,
        date,
        days,
        endTime,
        hours,
        id,
        implementation,
        opinions,
        place,
        startTime,
        at,
      );
      // JSON.stringify of an object whose keys are in sorted order is its canonical JSON (RECORD_ORDER).
      const row = JSON.stringify({
        activity_type_id: type,
        companions,
        content,
        created_at: at,
        date,
        days,
        end_time: endTime,
        hours,
        id,
        implementation,
        opinions,
        place,
        start_time: startTime,
        updated_at: at,
      });
      recordsIn.queuedRow();
      const cadres: string[] = [];
      const cq = cadresIn.queued;
      for (let position = 0; position < r.cadreIds.length; position++) {
        const c = r.cadreIds[position]!;
        let title = titleOf.get(c);
        if (!title) {
          const t = titles.get(c) ?? '';
          titleOf.set(c, (title = [t, JSON.stringify(t)]));
        }
        cq.push(c, position, id, title[0]);
        cadres.push(`{"cadre_id":${c},"position":${position},"record_id":${id},"title":${title[1]}}`);
        cadresIn.queuedRow();
      }
      const objects: string[] = [];
      const oq = objectsIn.queued;
      for (let position = 0; position < r.objectIds.length; position++) {
        const o = r.objectIds[position]!;
        oq.push(o, position, id);
        objects.push(`{"object_id":${o},"position":${position},"record_id":${id}}`);
        objectsIn.queuedRow();
      }
      recordsAudit.addDigest(id, rowDigestOfJson('records', row, { record_cadres: cadres, record_objects: objects }));
    }
    recordsIn.flush();
  };

  const insFollowUp = inserter('follow_ups', [
    'id',
    'raised_date',
    'record_id',
    'source',
    'matter',
    'raiser',
    'department_id',
    'limit_days',
    'assigned_date',
    'due_date',
    'feedback_date',
    'closed_date',
    'extended_date',
    'status',
    'result',
    'created_at',
    'updated_at',
  ]);
  const followUps = (plan: ImportPlan) => {
    for (const f of plan.followUps) {
      const row = insFollowUp({
        id: f.id,
        raised_date: f.raisedDate,
        record_id: f.recordId,
        source: f.source,
        matter: f.matter,
        raiser: f.raiser,
        department_id: f.departmentId,
        limit_days: f.limitDays,
        assigned_date: f.assignedDate,
        due_date: f.dueDate,
        feedback_date: f.feedbackDate,
        closed_date: f.closedDate,
        extended_date: f.extendedDate,
        status: f.status,
        result: f.result,
        ...stamps,
      });
      audit('follow_ups', f.id, f, row);
    }
  };
  const done = () => {
    bulk?.done();
    for (const b of batches.values()) b.done();
  };
  return { base, records, followUps, done };
}

// ———————————————————————————————————————— the whole import ————————————————————————————————————————

const SHEET_KEYS: SheetName[] = ['units', 'cadres', 'objects', 'assignments', 'records', 'followUps'];

function ledgerHasData(ctx: ServiceContext): boolean {
  return SHEET_KEYS.map(
    (k) =>
      ({
        units: 'units',
        cadres: 'cadres',
        objects: 'contact_objects',
        assignments: 'assignments',
        records: 'records',
        followUps: 'follow_ups',
      })[k],
  ).some((t) => !!ctx.db.sqlite.prepare(`SELECT 1 FROM ${t} LIMIT 1`).get());
}

function refuse(plan: ImportPlan, what: string): never {
  const n = plan.issueCount;
  const first = plan.issues
    .slice(0, 3)
    .map((i) => `「${i.sheet}」第${i.row}行“${i.field}”：${i.message}`)
    .join('；');
  throw new LedgerError(
    'INVALID_INPUT',
    `${what}有 ${n} 处错误，没有导入任何内容（台账未改动）。${n > plan.issues.length ? `下面列出前 ${plan.issues.length} 处。` : ''}${first}${n > 3 ? '……' : ''}`,
    plan.issues,
    n,
  );
}

export interface ImportOptions {
  /** Named in the error message: the file's name. */
  what?: string;
  warnings?: string[];
  /** Back up before writing into a ledger that already has data (default true). */
  backup?: boolean;
  /** Values of the file read as listed values of the ledger's vocabularies (正处级 → 处级). */
  mappings?: readonly VocabularyMapping[];
}

/**
 * 联系记录 rows checked and written this many at a time: what an import holds of them. Small enough that a batch
 * dies young: a batch's rows, checked records and row JSON are garbage before the JS heap's young generation has
 * been swept twice, so they are never promoted to the old space (at 2,000 they were, and the old space grew
 * with them until a full collection: 100k 联系记录 peaked at ~255 MB RSS, at 500 at ~210 MB).
 */
export const RECORD_BATCH = 500;

const noneWritten = (): Record<SheetName, number> => ({
  units: 0,
  cadres: 0,
  objects: 0,
  assignments: 0,
  records: 0,
  followUps: 0,
});

/**
 * One pass over a workbook's rows, handed to it as they are read (a RecordsSink): every sheet but 联系记录 at
 * start, then the 联系记录 rows, checked RECORD_BATCH at a time. With `write` (inside the caller's one
 * transaction) each part is written as soon as it is checked, for as long as nothing wrong has been found; a pass
 * that ends with problems is refused and the caller's transaction rolled back, so nothing is left of it.
 */
class ImportPass implements RecordsSink {
  private planner: Planner | null = null;
  private writer: PlanWriter | null = null;
  private rows: Record<string, Cell>[] = [];
  private rowNos: number[] = [];
  private expected = 0;
  private seen = 0;
  /** Rows written (or, without `write`, that would be). */
  readonly written = noneWritten();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly mappings: readonly VocabularyMapping[] | undefined,
    private readonly write: boolean,
  ) {}

  start(read: { sheets: LedgerSheets; rowNumbers: RowNumbers }, expected: number): void {
    const planner = (this.planner = importPlanner(this.ctx, read.sheets, read.rowNumbers, this.mappings));
    this.expected = expected;
    const plan = planner.plan;
    for (const k of ['units', 'cadres', 'objects', 'assignments'] as const) this.written[k] = plan[k].length;
    if (this.write && planner.clean()) {
      this.writer = planWriter(this.ctx);
      this.writer.base(plan);
    }
    this.ctx.job?.progress(0, expected || null, '检查并写入', '行');
  }

  row(row: Record<string, Cell>, rowNo: number): void {
    this.rows.push(row);
    this.rowNos.push(rowNo);
    if (this.rows.length >= RECORD_BATCH) this.flush();
  }

  private flush(): void {
    const planner = this.planner!;
    if (!this.rows.length) return;
    const planned = planner.records(this.rows, this.rowNos);
    this.seen += this.rows.length;
    this.rows = [];
    this.rowNos = [];
    this.written.records += planned.length;
    if (this.writer && planner.clean()) this.writer.records(planned, planner.plan.titles, this.expected);
    this.ctx.job?.progress(this.seen, Math.max(this.seen, this.expected), '检查并写入', '行');
    throwIfCancelled(this.ctx.job);
  }

  /** After the last row: the 督办事项, the last writes, and the plan with every problem found. */
  end(): ImportPlan {
    const planner = this.planner!;
    this.flush();
    planner.followUps();
    this.written.followUps = planner.plan.followUps.length;
    if (this.writer && planner.clean()) {
      this.writer.followUps(planner.plan);
      this.writer.done();
    }
    return planner.finish();
  }
}

/** Where an import's rows come from: calls pass.start, then pass.row for each 联系记录 row; resolves with warnings. */
export type ImportSource = (pass: RecordsSink) => Promise<{ warnings: string[] }>;

/**
 * One transaction across the awaits of a streaming read. Only the import's own code uses the connection meanwhile:
 * in the app the import runs as a job on its own connection, inside its write phase (job.writing).
 */
async function asyncTx<T>(sq: ServiceContext['db']['sqlite'], fn: () => Promise<T>): Promise<T> {
  const nested = sq.inTransaction;
  sq.exec(nested ? 'SAVEPOINT workbook_import' : 'BEGIN IMMEDIATE');
  try {
    const r = await fn();
    sq.exec(nested ? 'RELEASE workbook_import' : 'COMMIT');
    return r;
  } catch (e) {
    if (sq.inTransaction) sq.exec(nested ? 'ROLLBACK TO workbook_import; RELEASE workbook_import' : 'ROLLBACK');
    throw e;
  }
}

/**
 * Checks and writes what `source` hands on, all in one transaction or nothing at all (every problem listed). A
 * ledger with data is backed up first, and only for rows that pass: a first pass checks without writing.
 */
export async function importFrom(
  ctx: ServiceContext,
  source: ImportSource,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const { db } = ctx;
  const job = ctx.job;
  const what = opts.what ? `文件“${opts.what}”` : '导入的数据';
  job?.progress(0, null, '检查', '行');
  const pass = async (write: boolean) => {
    const p = new ImportPass(ctx, opts.mappings, write);
    const { warnings } = await source(p);
    const plan = p.end();
    if (plan.issues.length) refuse(plan, what);
    return { written: p.written, plan, warnings };
  };
  let backupPath: string | null = null;
  let done: Awaited<ReturnType<typeof pass>> | null = null;
  if (opts.backup !== false && db.path !== ':memory:' && ledgerHasData(ctx)) {
    const checked = await pass(false);
    throwIfCancelled(job);
    if (Object.values(checked.written).some((n) => n > 0)) {
      job?.progress(0, null, '导入前备份');
      // Named, checked and rotated like every other backup, so that it is listed as 导入前 and the folder
      // does not grow by a full copy per import.
      backupPath = (await backupAndRotate(db, 'before-import', ctx.now)).path;
      throwIfCancelled(job);
    } else done = checked;
  }
  // Checked again as it is written: the ledger may have changed while the backup ran.
  const write = () => asyncTx(db.sqlite, () => pass(true));
  done ??= job ? await job.writing(write) : await write();
  const { written, plan, warnings } = done;
  const names = Object.fromEntries(Object.entries(SHEET_OF).map(([k, s]) => [k, s.name])) as Record<SheetName, string>;
  return {
    sheets: SHEET_KEYS.map((k) => ({ sheet: names[k], imported: written[k], skipped: plan.skipped[k] })),
    newVocabulary: {
      activityTypes: plan.activityTypes.map((t) => t.name),
      objectCategories: [],
    },
    // Names the documents print with a fallback font are named now, not discovered on paper (documents helper).
    warnings: [
      ...(opts.warnings ?? []),
      ...warnings,
      ...importGlyphWarnings(() => documentFonts(ctx), plan.cadres, plan.objects),
    ],
    backupPath,
  };
}

/** Imports sheets already in memory (the demo, tests): the same checks and writing as a workbook's. */
export function importSheets(
  ctx: ServiceContext,
  sheets: LedgerSheets,
  rowNumbers: RowNumbers,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  return importFrom(
    ctx,
    async (pass) => {
      pass.start({ sheets, rowNumbers }, sheets.records.length);
      const rows = sheets.records as Record<string, Cell>[];
      const nos = rowNumbers.records;
      for (let i = 0; i < rows.length; i++) pass.row(rows[i]!, nos[i] ?? i + 2);
      return { warnings: [] };
    },
    opts,
  );
}
