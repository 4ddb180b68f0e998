// The rule engine's inputs read from the ledger file, kept in memory between evaluations. Every write is
// audited, so the head of the audit trail says what changed: record edits are patched in place (the record
// and its index entries only), anything else reloads; a write from another process (data_version) reloads.
import type { SchoolCalendar } from '../../shared/calendar/school';
import type { WorkdayCalendar } from '../../shared/calendar/workdays';
import { followUpKind } from '../../shared/domain/follow-up';
import { buildIndex, type EvalIndex } from '../../shared/rules/evaluate';
import { forgetRecordOrder, gapLine } from '../../shared/rules/explain';
import { selectionRange } from '../../shared/rules/periods';
import type { Rule } from '../../shared/rules/schema';
import type {
  EvalAssignment,
  EvalCadre,
  EvalFollowUp,
  EvalInput,
  EvalObject,
  EvalRecord,
  EvalResult,
  EvalUnit,
  Selection,
} from '../../shared/rules/types';
import { workdayCalendar } from './calendar';
import { insertSorted, lazyArray, LazyLists, RecordStore, removeFrom } from './evaluation-records';
import type { Db } from './db/db';
import { loadRoster, lockedRoster, withRoster } from './locked-roster';
import { loadSchoolCalendar } from './rules';

export interface LedgerData {
  cadres: EvalCadre[];
  units: EvalUnit[];
  objects: EvalObject[];
  assignments: EvalAssignment[];
  /** Sorted by date, then id. */
  records: EvalRecord[];
  followUps: EvalFollowUp[];
  cadreById: Map<string, EvalCadre>;
  unitNames: Map<string, string>;
  objectNames: Map<string, string>;
  /** What a deadline row shows of the 督办事项 it judges. */
  followUpInfo: Map<string, { matter: string }>;
  calendar: { school: SchoolCalendar; workdays: WorkdayCalendar };
}

interface Cache {
  head: number;
  dataVersion: number;
  data: LedgerData;
  /** The records of `data` as columns, made into objects where read; an edited record is found by id. */
  store: RecordStore;
  /** One index per asOf date asked for (usually one: today). */
  indexes: Map<string, PatchableIndex>;
  /** Bumped whenever anything changed: results cached on top compare it. */
  generation: number;
  /** What changed since a given generation, when only records changed. */
  touched: ({ generation: number } & Touched)[];
}

/** Of the records changed (their old and new versions): their cadres and their activity types. */
export interface Touched {
  cadreIds: Set<string>;
  types: Set<string>;
}

const caches = new WeakMap<Db, Cache>();

/** Tables whose writes do not change the engine's inputs (rules are read fresh on each evaluation). */
const IRRELEVANT = new Set([
  'rules',
  'regulations',
  'year_locks',
  'attachments',
  'documents',
  'settings',
  'rota_duties',
]);

// ------------------------------------------------------------------------------------------------ loading

type RecordRow = [number, string, string | null, string | null, string, number | null, number | null, number | null];
const RECORD_SQL = `SELECT r.id, r.date, r.start_time, r.end_time, t.name, r.hours, r.days, r.companions
  FROM records r JOIN activity_types t ON t.id = r.activity_type_id`;

function toRecord(r: RecordRow): EvalRecord {
  return {
    id: String(r[0]),
    date: r[1],
    startTime: r[2],
    endTime: r[3],
    activityType: r[4],
    cadreIds: [],
    objectIds: [],
    hours: r[5],
    days: r[6],
    companions: r[7],
  };
}

/**
 * One column of a query as one JSON array. better-sqlite3 pays for every row it hands to JS (a few µs each,
 * more than SQLite spends on the row): 200,000 records read row by row cost more than the whole year's
 * evaluation, read as a few arrays they cost a fraction of one raw GROUP BY over them.
 */
function columns<T extends unknown[]>(db: Db, sql: string): T {
  const row = db.sqlite.prepare(sql).raw(true).get() as (string | null)[];
  return row.map((x) => (x === null ? [] : JSON.parse(x))) as T;
}

/**
 * The integers of a comma-separated text (group_concat of an integer column) into `out` from its start, read
 * digit by digit: no JS array, no number object. How many there were.
 */
function readNumbers(text: string | null, out: Float64Array): number {
  if (text === null || text.length === 0) return 0;
  let k = 0;
  let v = 0;
  let sign = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      out[k++] = sign * v;
      v = 0;
      sign = 1;
    } else if (c === 45) sign = -1;
    else v = v * 10 + (c - 48);
  }
  out[k++] = sign * v;
  return k;
}

/** Where each record sits in the ledger's (date, id) order, and its type, from one scan (see loadRecords). */
interface Order {
  ids: Float64Array;
  dates: string[];
  dayStart: Int32Array;
  typeOf: Int32Array;
  positionOf(id: number): number;
}

/**
 * The records' order from their (type, day) groups: with ids dense (the usual ledger) two passes over the ids
 * in ascending order put each in its day (a counting sort, nothing compared); ids far apart (or below 0) are
 * sorted by (day, id) instead, and looked up through a map.
 */
function recordOrder(groups: [number, string, number, string][], typeIndex: Map<number, number>, db: Db): Order {
  const perDate = new Map<string, number>();
  let count = 0;
  let largest = 0;
  for (let g = 0; g < groups.length; g++) {
    const [, date, n] = groups[g]!;
    perDate.set(date, (perDate.get(date) ?? 0) + n);
    count += n;
    if (n > largest) largest = n;
  }
  const dates = [...perDate.keys()].sort();
  const dayIndex = new Map<string, number>();
  const dayStart = new Int32Array(dates.length + 1);
  for (let d = 0; d < dates.length; d++) {
    dayIndex.set(dates[d]!, d);
    dayStart[d + 1] = dayStart[d]! + perDate.get(dates[d]!)!;
  }
  // Each on its own: SQLite looks up a lone min() or max() at the end of the key, but scans for both at once.
  const [minId, maxId] = db.sqlite
    .prepare('SELECT (SELECT min(id) FROM records), (SELECT max(id) FROM records)')
    .raw(true)
    .get() as [
    number | null,
    number | null,
  ];
  const scratch = new Float64Array(largest);
  const ids = new Float64Array(count);
  const typeOf = new Int32Array(count);
  if (count === 0 || (minId! >= 0 && maxId! <= 4 * count + 1024)) {
    // By id: its day, then (reusing the array) its position; and its type.
    const place = new Int32Array(count ? maxId! + 1 : 0).fill(-1);
    const typeById = new Int32Array(place.length);
    for (let g = 0; g < groups.length; g++) {
      const [typeId, date, , text] = groups[g]!;
      const d = dayIndex.get(date)!;
      const t = typeIndex.get(typeId) ?? -1;
      const n = readNumbers(text, scratch);
      for (let i = 0; i < n; i++) {
        place[scratch[i]!] = d;
        typeById[scratch[i]!] = t;
      }
    }
    const next = dayStart.slice(0, dates.length);
    for (let id = 0; id < place.length; id++) {
      const d = place[id]!;
      if (d < 0) continue;
      const p = next[d]!++;
      ids[p] = id;
      typeOf[p] = typeById[id]!;
      place[id] = p;
    }
    const top = place.length - 1;
    return {
      ids,
      dates,
      dayStart,
      typeOf,
      positionOf: (id) => (id >= 0 && id <= top && Number.isInteger(id) ? place[id]! : -1),
    };
  }
  const entryDay = new Int32Array(count);
  const entryType = new Int32Array(count);
  const entryId = new Float64Array(count);
  let k = 0;
  for (let g = 0; g < groups.length; g++) {
    const [typeId, date, , text] = groups[g]!;
    const d = dayIndex.get(date)!;
    const t = typeIndex.get(typeId) ?? -1;
    const n = readNumbers(text, scratch);
    for (let i = 0; i < n; i++, k++) {
      entryId[k] = scratch[i]!;
      entryDay[k] = d;
      entryType[k] = t;
    }
  }
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  order.sort((a, b) => entryDay[a]! - entryDay[b]! || entryId[a]! - entryId[b]!);
  const placeMap = new Map<number, number>();
  for (let p = 0; p < count; p++) {
    const e = order[p]!;
    ids[p] = entryId[e]!;
    typeOf[p] = entryType[e]!;
    placeMap.set(ids[p]!, p);
  }
  return { ids, dates, dayStart, typeOf, positionOf: (id) => placeMap.get(id) ?? -1 };
}

/**
 * A link table (record_cadres, record_objects) as compressed rows by record position: read through its
 * (linked id, record id) index as one id list per linked cadre or object, so a record's links come in
 * ascending order of the linked id — the order a scan of that index always gave them.
 */
function linkRows(db: Db, table: string, column: string, count: number, at: (id: number) => number) {
  const groups = db.sqlite
    .prepare(`SELECT ${column}, count(*), group_concat(record_id) FROM ${table} GROUP BY ${column} ORDER BY ${column}`)
    .raw(true)
    .all() as [number, number, string][];
  let total = 0;
  let largest = 0;
  for (let g = 0; g < groups.length; g++) {
    total += groups[g]![1];
    if (groups[g]![1] > largest) largest = groups[g]![1];
  }
  const scratch = new Float64Array(largest);
  const where = new Int32Array(total);
  const linked = new Int32Array(total);
  const off = new Int32Array(count + 1);
  let k = 0;
  for (let g = 0; g < groups.length; g++) {
    const value = groups[g]![0];
    const n = readNumbers(groups[g]![2], scratch);
    for (let i = 0; i < n; i++, k++) {
      const p = at(scratch[i]!);
      where[k] = p;
      linked[k] = value;
      if (p >= 0) off[p + 1]!++;
    }
  }
  for (let p = 0; p < count; p++) off[p + 1]! += off[p]!;
  const fill = off.slice(0, count);
  const val = new Int32Array(off[count]!);
  for (let i = 0; i < k; i++) if (where[i]! >= 0) val[fill[where[i]!]!++] = linked[i]!;
  return { off, val };
}

// One scan of the covering index records_type_date (type, date, id), one id list per type and day: the
// records' order (date, id) and each one's type, with no pass over the table's wide rows (texts) and no sort
// in SQLite. Links from their (linked id, record id) indexes, one id list per cadre or object (half the text
// of a list of pairs, which SQLite also builds more slowly). Only the table's mostly empty columns (times,
// hours, days, companions) need its rows, and only theirs come. Kept as columns (evaluation-records.ts): a
// record becomes an object only when a rule reads it.
function loadRecords(db: Db): RecordStore {
  const types = db.sqlite.prepare('SELECT id, name FROM activity_types').raw(true).all() as [number, string][];
  const typeNames = types.map((t) => t[1]);
  const typeIndex = new Map(types.map(([id], i) => [id, i]));
  const groups = db.sqlite
    .prepare('SELECT activity_type_id, date, count(*), group_concat(id) FROM records GROUP BY activity_type_id, date')
    .raw(true)
    .all() as [number, string, number, string][];
  const { ids, dates, dayStart, typeOf, positionOf: at } = recordOrder(groups, typeIndex, db);
  const count = ids.length;
  // The mostly empty columns, each read from an index holding only the records that have a value: 学时, days
  // and companions from records_hours / records_days / records_companions (value, id, date; migration 0011),
  // one id list per value (a ledger has few distinct values; each comes as the number SQLite holds, never
  // printed and parsed), as numbers by position (NaN: none); the times from the partial index records_sparse
  // (migration 0012, whose WHERE this one implies). No column of nulls for the records that have another of
  // them (a ledger with 学时 on a third of its records read six columns of 60,000 before).
  const numeric = (column: 'hours' | 'days' | 'companions') => {
    const groups = db.sqlite
      .prepare(
        `SELECT ${column}, count(*), group_concat(id) FROM records WHERE ${column} IS NOT NULL GROUP BY ${column}`,
      )
      .raw(true)
      .all() as [number, number, string][];
    const out = new Float64Array(count).fill(Number.NaN);
    let largest = 0;
    for (let g = 0; g < groups.length; g++) if (groups[g]![1] > largest) largest = groups[g]![1];
    const recordIds = new Float64Array(largest);
    for (let g = 0; g < groups.length; g++) {
      const value = groups[g]![0];
      const n = readNumbers(groups[g]![2], recordIds);
      for (let i = 0; i < n; i++) {
        const p = at(recordIds[i]!);
        if (p >= 0) out[p] = value;
      }
    }
    return out;
  };
  const hours = numeric('hours');
  const dayCounts = numeric('days');
  const companions = numeric('companions');
  const [timeIds, starts, ends] = columns<[number[], (string | null)[], (string | null)[]]>(
    db,
    `SELECT json_group_array(id), json_group_array(start_time), json_group_array(end_time)
       FROM records WHERE start_time IS NOT NULL OR end_time IS NOT NULL`,
  );
  const timeOf = new Int32Array(count).fill(-1);
  for (let i = 0; i < timeIds.length; i++) {
    const p = at(timeIds[i]!);
    if (p >= 0) timeOf[p] = i;
  }
  return new RecordStore({
    ids,
    dates,
    dayStart,
    typeOf,
    typeNames,
    timeOf,
    starts,
    ends,
    hours,
    days: dayCounts,
    companions,
    cadres: linkRows(db, 'record_cadres', 'cadre_id', count, at),
    objects: linkRows(db, 'record_objects', 'object_id', count, at),
    positionOf: at,
  });
}

function loadRecord(db: Db, id: number): EvalRecord | null {
  const row = db.sqlite.prepare(`${RECORD_SQL} WHERE r.id = ?`).raw(true).get(id) as RecordRow | undefined;
  if (!row) return null;
  const r = toRecord(row);
  r.cadreIds = (
    db.sqlite.prepare('SELECT cadre_id FROM record_cadres WHERE record_id = ? ORDER BY position').raw(true).all(id) as [
      number,
    ][]
  ).map((x) => String(x[0]));
  r.objectIds = (
    db.sqlite
      .prepare('SELECT object_id FROM record_objects WHERE record_id = ? ORDER BY position')
      .raw(true)
      .all(id) as [number][]
  ).map((x) => String(x[0]));
  return r;
}

function loadData(db: Db): { data: LedgerData; store: RecordStore } {
  const { cadres, units, objects } = loadRoster(db);
  // Rows as arrays (raw): thousands of contact points a year, each read into its object directly.
  const assignmentRows = db.sqlite
    .prepare('SELECT id, year, cadre_id, object_id, slot, start_date, end_date FROM assignments')
    .raw(true)
    .all() as [number, number, number, number, string, string | null, string | null][];
  const assignments: EvalAssignment[] = new Array(assignmentRows.length);
  for (let i = 0; i < assignmentRows.length; i++) {
    const a = assignmentRows[i]!;
    assignments[i] = {
      id: String(a[0]),
      year: a[1],
      cadreId: String(a[2]),
      objectId: String(a[3]),
      slot: a[4] || null,
      startDate: a[5],
      endDate: a[6],
    };
  }
  // A 督办事项's clock runs from its hand-over (交办) when there is one; its kind (followUpKind) is what deadline
  // rules match; the objects of its source record are where a visit that settles it (satisfiedBy) is looked for.
  const followUpObjects = new Map<number, string[]>();
  for (const x of db.sqlite
    .prepare(
      `SELECT f.id, ro.object_id FROM follow_ups f JOIN record_objects ro ON ro.record_id = f.record_id
        ORDER BY f.id, ro.position`,
    )
    .raw(true)
    .all() as [number, number][]) {
    const l = followUpObjects.get(x[0]);
    if (l) l.push(String(x[1]));
    else followUpObjects.set(x[0], [String(x[1])]);
  }
  const followUpInfo = new Map<string, { matter: string }>();
  const followUps: EvalFollowUp[] = db
    .all(
      db.q
        .selectFrom('follow_ups as f')
        .leftJoin('units as u', 'u.id', 'f.department_id')
        .leftJoin('records as r', 'r.id', 'f.record_id')
        .leftJoin('activity_types as t', 't.id', 'r.activity_type_id')
        .select([
          'f.id',
          'f.source',
          'f.record_id',
          'f.raised_date',
          'f.assigned_date',
          'f.feedback_date',
          'f.closed_date',
          'f.extended_date',
          'f.department_id',
          'u.name as department',
          't.name as record_type',
          'f.matter',
        ])
        .orderBy('f.id'),
    )
    .map((f) => {
      const fu: EvalFollowUp = {
        id: String(f.id),
        type: followUpKind(f.source, f.record_type),
        raisedOn: f.assigned_date ?? f.raised_date,
        completedOn: f.feedback_date ?? f.closed_date,
        // Staged deadlines judge the reply on the reply date and the close on the close date.
        feedbackOn: f.feedback_date,
        closedOn: f.closed_date,
        // 延期至: a rule allowing an extension judges the closing stage against it, up to the rule's maximum.
        extendedTo: f.extended_date,
        department: f.department,
        departmentId: f.department_id === null ? null : String(f.department_id),
      };
      if (f.record_id !== null) fu.recordId = String(f.record_id);
      const objects = followUpObjects.get(f.id);
      if (objects) fu.objectIds = objects;
      followUpInfo.set(fu.id, { matter: f.matter });
      return fu;
    });
  const store = loadRecords(db);
  const data: LedgerData = {
    cadres,
    units,
    objects,
    assignments,
    // Every record in order, made into objects only when something reads the list (the why panel, a rule
    // preview's input): the engine reads records through the index.
    records: store.all.array,
    followUps,
    cadreById: new Map(cadres.map((c) => [c.id, c])),
    unitNames: new Map(units.map((u) => [u.id, u.name])),
    objectNames: new Map(objects.map((o) => [o.id, o.name])),
    followUpInfo,
    calendar: { school: loadSchoolCalendar(db), workdays: workdayCalendar(db) },
  };
  return { data, store };
}

// ------------------------------------------------------------------------------------------------ index

/** The engine's EvalIndex that can take one record out and put one in. */
interface PatchableIndex extends EvalIndex {
  remove(r: EvalRecord): void;
  add(r: EvalRecord): void;
}

/**
 * The engine's index over the store: every list (a cadre's records, of a type, a type's, an object's, all)
 * made on first use from the columns. An edit moves one record in `all` if it was made, and drops the other
 * lists it belongs to, made afresh (with the edit) when next asked for.
 */
function buildPatchableIndex(data: LedgerData, store: RecordStore, asOf: string): PatchableIndex {
  // The parts of the engine's own index that are not records (objects, assignments …), as it makes them.
  const base = buildIndex({ ...data, records: [], asOf }, { ordered: true });
  const all = lazyArray(() => store.recordsBy(asOf));
  const byCadre = new LazyLists((c) => store.cadreRecords(c, asOf));
  const typedByCadre = new LazyLists((c) => new LazyLists(store.cadreTypes(c, asOf)));
  const byType = new LazyLists((t) => store.typeRecords(t, asOf));
  const byObject = new LazyLists((o) => store.objectRecords(o, asOf));
  const forget = (r: EvalRecord) => {
    for (const c of r.cadreIds) {
      byCadre.forget(c);
      typedByCadre.forget(c);
    }
    byType.forget(r.activityType);
    for (const o of r.objectIds) byObject.forget(o);
  };
  return {
    ...base,
    cadres: data.cadreById,
    all: all.array,
    // data.records are in (date, numeric id) order: loaded so, patched with insertSorted.
    ordered: true,
    byCadre,
    typedByCadre,
    byType: () => byType,
    byObject: () => byObject,
    between: (start, end) => store.between(start, end, asOf),
    recordIds: (cadreId, type, start, end) => store.recordIds(cadreId, type, start, end, asOf),
    remove(r) {
      if (r.date > asOf) return;
      removeFrom(all.filled() ?? undefined, r);
      forget(r);
    },
    add(r) {
      if (r.date > asOf) return;
      const made = all.filled();
      if (made) insertSorted(made, r);
      forget(r);
    },
  };
}

// ------------------------------------------------------------------------------------------------ cache

const auditHead = (db: Db) =>
  (db.sqlite.prepare('SELECT ifnull(max(id), 0) AS n FROM audit_log').get() as { n: number }).n;

function patchRecords(db: Db, cache: Cache, ids: Set<number>): Touched {
  const { data, store } = cache;
  const touched = new Set<string>();
  const types = new Set<string>();
  forgetRecordOrder(data.records);
  const records = store.all.filled();
  // Every old version out first, then every new one in (an id may stand for a deletion or a creation).
  for (const id of ids) {
    const r = store.current(id);
    if (!r) continue;
    store.edit(id, null);
    if (records) removeFrom(records, r);
    types.add(r.activityType);
    for (const c of r.cadreIds) touched.add(c);
    for (const ix of cache.indexes.values()) ix.remove(r);
  }
  for (const id of ids) {
    const r = loadRecord(db, id);
    if (!r) continue;
    store.edit(id, r);
    if (records) insertSorted(records, r);
    types.add(r.activityType);
    for (const c of r.cadreIds) touched.add(c);
    for (const ix of cache.indexes.values()) ix.add(r);
  }
  return { cadreIds: touched, types };
}

/**
 * The ledger's data as the engine takes it, current as of now. Cheap when nothing changed (two tiny
 * queries); a record edit costs that record; any other change reloads everything.
 */
export function ledgerData(db: Db): { data: LedgerData; generation: number; index(asOf: string): EvalIndex } {
  const head = auditHead(db);
  const dataVersion = db.pragma<number>('data_version');
  let cache = caches.get(db);
  if (!cache || cache.dataVersion !== dataVersion) {
    cache = {
      head,
      dataVersion,
      ...loadData(db),
      indexes: new Map(),
      generation: (cache?.generation ?? 0) + 1,
      touched: [],
    };
    caches.set(db, cache);
  } else if (cache.head !== head) {
    const entries = db.sqlite
      .prepare('SELECT table_name AS t, row_id AS id FROM audit_log WHERE id > ? ORDER BY id')
      .all(cache.head) as { t: string; id: number | null }[];
    const relevant = entries.filter((e) => !IRRELEVANT.has(e.t));
    cache.head = head;
    if (relevant.length) {
      cache.generation++;
      const ids = new Set(relevant.map((e) => e.id));
      // A 督办事项 takes its kind from its source record's type: editing such a record reloads them too.
      const sourceOfFollowUp = cache.data.followUps.some((f) => f.recordId && ids.has(Number(f.recordId)));
      if (relevant.length <= 200 && !sourceOfFollowUp && relevant.every((e) => e.t === 'records' && e.id !== null)) {
        const touched = patchRecords(db, cache, new Set(relevant.map((e) => e.id!)));
        cache.touched.push({ generation: cache.generation, ...touched });
        if (cache.touched.length > 20) cache.touched.shift();
      } else {
        Object.assign(cache, loadData(db));
        cache.indexes.clear();
        cache.touched = [];
      }
    }
  }
  // Holiday schedules and semesters are small and edited elsewhere (设置): read afresh each time.
  cache.data.calendar = { school: loadSchoolCalendar(db), workdays: workdayCalendar(db) };
  const c = cache;
  return {
    data: c.data,
    generation: c.generation,
    index(asOf) {
      let ix = c.indexes.get(asOf);
      if (!ix) {
        if (c.indexes.size > 4) c.indexes.clear();
        c.indexes.set(asOf, (ix = buildPatchableIndex(c.data, c.store, asOf)));
      }
      return ix;
    },
  };
}

/**
 * The ledger's data for evaluating `selection`: inside a locked year, with the roster the year was locked
 * with (locked-roster.ts), so a promotion or a move after the 考核 changes none of its figures. `lockedAt`
 * says which lock's roster, for caches keyed on what the figures were computed from.
 */
export function ledgerDataFor(db: Db, selection: Selection) {
  const view = ledgerData(db);
  const locked = lockedRoster(db, selectionRange(selection, view.data.calendar.school));
  return { ...withRoster(view, locked?.roster ?? null), lockedAt: locked?.lockedAt ?? null };
}

/**
 * What records changed since `generation` (their cadres and types, old and new versions), or null when
 * something else changed (or unknown).
 */
export function touchedSince(db: Db, generation: number): Touched | null {
  const cache = caches.get(db);
  if (!cache) return null;
  const out: Touched = { cadreIds: new Set(), types: new Set() };
  if (cache.generation === generation) return out;
  const later = cache.touched.filter((t) => t.generation > generation);
  if (later.length !== cache.generation - generation) return null;
  for (const t of later) {
    for (const c of t.cadreIds) out.cadreIds.add(c);
    for (const x of t.types) out.types.add(x);
  }
  return out;
}

/**
 * The engine's input for some rules over the ledger's data — the one way 统计考核, the why panel, the printed
 * 通报/考核 and the rule editor's preview hand the same ledger to the evaluator.
 */
export function evaluationInput(data: LedgerData, rules: Rule[], asOf: string, selection: Selection): EvalInput {
  return {
    rules,
    cadres: data.cadres,
    units: data.units,
    objects: data.objects,
    assignments: data.assignments,
    records: data.records,
    followUps: data.followUps,
    calendar: data.calendar,
    asOf,
    selection,
  };
}

/** At most this many names in a note; a row's `missing` keeps them all. */
const NAMED_IN_NOTE = 10;
const listed = (names: string[]) =>
  names.slice(0, NAMED_IN_NOTE).join('、') + (names.length > NAMED_IN_NOTE ? `等${names.length}个` : '');
const monthDay = (iso: string) => `${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
const GAPS_IN_NOTE = 3;

/**
 * What a result says beyond its figure, in words with names, the same on 统计考核 (cell notes) and in the rule
 * editor's preview: who or which duty days were missed, which cadres of a group were not reached, an interval
 * rule's overruns, the engine's issues, quota slots out of range, warnings. `missing` = the names left out.
 */
export function resultNotes(r: EvalResult, rule: Rule, data: LedgerData): { notes: string[]; missing: string[] } {
  // Most results have nothing to say beyond their figure: answered without making anything (85,000 rows a year
  // at a large institution).
  if (
    !r.missing?.length &&
    !r.missingCadres?.length &&
    !r.gaps?.length &&
    !r.issues?.length &&
    !r.slots?.length &&
    !r.warnings?.length
  )
    return { notes: [], missing: [] };
  const notes: string[] = [];
  let missing: string[] = [];
  const objectName = (id: string) => data.objectNames.get(id) ?? id;
  if (r.missing?.length) {
    if (rule.kind === 'roster') {
      missing = r.missing.map(monthDay);
      notes.push(`未见记录：${listed(missing)}`);
    } else if (rule.kind === 'task') {
      // A task done ahead of duty days (值班日前办理): the duty days with nothing done in time before them.
      missing = r.missing.map(monthDay);
      notes.push(`以下值班日前未按时办理：${listed(missing)}`);
    } else {
      missing = r.missing.map(objectName);
      notes.push(`未联系：${listed(missing)}`);
    }
  }
  if (r.missingCadres?.length) {
    const names = r.missingCadres.map((id) => data.cadreById.get(id)?.name ?? id);
    missing = [...missing, ...names];
    notes.push(`未联系：${listed(names)}`);
  }
  const gaps = r.gaps ?? [];
  for (const g of gaps.slice(0, GAPS_IN_NOTE)) notes.push(gapLine(g, r.unit, objectName));
  if (gaps.length > GAPS_IN_NOTE) notes.push(`等共${gaps.length}处超期`);
  for (const i of r.issues ?? []) notes.push(i.message);
  for (const s of r.slots ?? [])
    if (!s.ok)
      notes.push(
        `${s.name}：${s.count}个（应${s.max !== undefined && s.max !== s.min ? `${s.min}至${s.max}` : s.min}个）`,
      );
  if (r.warnings) notes.push(...r.warnings);
  return { notes, missing };
}
