// How a page of the records grid is read at 500,000 records. Filters are of two kinds: conditions on a
// record's own columns (year, dates, type, has 意见), which the date and type indexes serve in order, and
// sets of records found elsewhere (by cadre or object, by name or pinyin, by text in the index), whose
// size is cheap to know. A page is read either by walking the records in the order shown and probing
// each set (quick when the sets are large: a hundred matches come soon), or by starting from the
// smallest set and sorting it (quick when it is small). SQLite cannot tell which from the query alone —
// it guesses, and a wrong guess costs seconds — so the choice is made here from the sets' sizes.
// Counts are not made by counting records where that can be helped: a year's, dates' or types' count is
// a sum over records_day_counts (kept by triggers, migration 0011); a text search's is the number of
// records it found; a small set's is the length of its matches read in order — the same reading gives
// the page, and later blocks of the same filter are cut from it.
import type { ParsedInput } from '../../shared/api/contract';
import type { RecordSortField } from '../../shared/api/records';
import type { Db } from './db/db';
import { keysQuery, searchQuery, yearOfDate, type SearchIndex, type SearchKey } from './records-search';

type Filters = ParsedInput<'records.page'>['filters'];
type Sort = ParsedInput<'records.page'>['sort'];
type Arg = string | number;

/** A set of records found outside the records table. */
interface RecordSet {
  /** How many records (an upper bound where a record may be found twice). */
  size: number;
  /** `r.id IN (…)`: SQLite starts from the set. */
  drive: string;
  /** `EXISTS (…)` for one record: SQLite checks each record it walks. */
  probe: string;
  /** What checking one record costs, in units of one step along an index. */
  probeCost: number;
  args: Arg[];
  /** Makes sure what the SQL reads is there (a text search's temporary table, which another search reuses). */
  refresh?: () => void;
  /**
   * The same condition checked on a walked record itself, without what `refresh` makes (the index's
   * matches are then never copied out when a page is found among the first records walked); null when
   * the temporary table is there already.
   */
  check?: () => [string, Arg[]] | null;
  /** What `check` costs for one record, in the units of `probeCost`. */
  checkCost?: number;
}

const SORT_COLUMNS: Record<RecordSortField, string> = {
  date: 'r.date',
  activityType: 't.name',
  place: 'r.place',
  hours: 'r.hours',
  days: 'r.days',
  companions: 'r.companions',
  id: 'r.id',
};

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Costs in units of one step along an index (measured on 500,000 records): a record started from costs a
 * lookup (in records_id_key, narrow) and its share of a sort; checking one walked record against a list
 * of cadres or objects is an index seek; against a text search's matches, kept in a temporary table, a
 * seek in that table.
 */
const DRIVE_COST = 4;
const LINK_PROBE = 2;
const TEXT_PROBE = 1;
/** Checking a walked record's own text (its wide row) with LIKE. */
const ROW_CHECK = 2;
/** An index search with at most this many matches copies them out as it counts them (see `counted`). */
const COPY_AT_ONCE = 5000;
/** A set this small is read whole, in order: its length is the count, and every page is cut from it. */
const READ_WHOLE = 50_000;

/** Above this many terms (matching ids × years), a name's matches are checked in the link table instead. */
const MAX_KEY_TERMS = 2000;

/** Orders an index serves (with the id as tie-break and the date for the year), besides date and type. */
const INDEXED_ORDERS: ReadonlySet<RecordSortField> = new Set(['place', 'hours', 'days', 'companions']);

/**
 * An index search's matches, kept in a temporary table of this connection for as long as the ledger is
 * unchanged, once a page needed them there: the page starts from or checks against it, and the next
 * blocks of the same search read it again instead of searching again.
 */
const textHits = new WeakMap<Db, { key: string; n: number }>();
/** The last index search's count (counted in the index, nothing copied out), for the next blocks. */
const indexCounts = new WeakMap<Db, { key: string; n: number }>();
/** Every match of a filter in order, when read whole, for the next blocks of the same filter. */
const wholeReads = new WeakMap<Db, { key: string; ids: number[] }>();
let queries = 0;

export interface RecordsQuery {
  /** How many records pass the filters. */
  count(): number;
  /** The ids of one page, in the order asked for; `total` (the count, when known) helps choose how. */
  ids(offset: number, limit: number, total?: number): number[];
}

export function recordsQuery(
  db: Db,
  search: SearchIndex,
  sort: Sort,
  f: Filters,
  /** Tests read both ways to check they agree; the service lets the sizes decide. */
  force?: 'walk' | 'drive' | 'whole',
  /**
   * What changes whenever the ledger does (the service's audit head and data_version): with it, a text
   * search's matches and a filter's whole reading are kept for the next call with the same filters.
   */
  version?: string,
  /** Tests set it low, so that small ledgers take the paths of large ones too. */
  copyAtOnce = COPY_AT_ONCE,
): RecordsQuery {
  const self = ++queries;
  /** The years the index is asked about: the year filtered, else every year that has records (within the dates). */
  const yearsAsked = (): number[] => {
    if (f.year !== undefined) return [f.year];
    const dates = db
      .prepare('SELECT DISTINCT substr(date, 1, 4) FROM records_day_counts WHERE n > 0')
      .pluck()
      .all() as string[];
    const from = f.dateFrom ? yearOfDate(f.dateFrom) : -Infinity;
    const to = f.dateTo ? yearOfDate(f.dateTo) : Infinity;
    return [...new Set(dates.map(yearOfDate))].filter((y) => y >= from && y <= to).sort((a, b) => a - b);
  };
  const keyOf = (what: string) => `${what}|${version ?? `query ${self}`}`;
  const size = (sql: string, args: Arg[]) => (db.prepare(sql).get(...args) as { n: number }).n;

  // ——— the record's own columns; `plus` keeps SQLite from using their indexes when starting from a set
  /** Its dates and whether it has 意见. */
  const dated = (p: string): [string[], Arg[]] => {
    const where: string[] = [];
    const args: Arg[] = [];
    if (f.year !== undefined) {
      where.push(`${p}r.date >= ?`, `${p}r.date <= ?`);
      args.push(`${f.year}-01-01`, `${f.year}-12-31`);
    }
    if (f.dateFrom) {
      where.push(`${p}r.date >= ?`);
      args.push(f.dateFrom);
    }
    if (f.dateTo) {
      where.push(`${p}r.date <= ?`);
      args.push(f.dateTo);
    }
    if (f.hasOpinions !== undefined) where.push(f.hasOpinions ? "r.opinions != ''" : "r.opinions = ''");
    return [where, args];
  };
  /** Its type, 地点 and text: what the index also answers. */
  const matches = (p: string, withText: boolean, withTypes: boolean): [string[], Arg[]] => {
    const where: string[] = [];
    const args: Arg[] = [];
    if (withTypes && f.activityTypeIds?.length) {
      where.push(`${p}r.activity_type_id IN (${f.activityTypeIds.map(() => '?').join(', ')})`);
      args.push(...f.activityTypeIds);
    }
    if (withText && f.place) {
      where.push("r.place LIKE ? ESCAPE '\\'");
      args.push(like(f.place));
    }
    if (withText && f.text) {
      where.push(
        "(r.content LIKE ? ESCAPE '\\' OR r.opinions LIKE ? ESCAPE '\\' OR r.implementation LIKE ? ESCAPE '\\')",
      );
      args.push(like(f.text), like(f.text), like(f.text));
    }
    return [where, args];
  };
  const plain = (plus: boolean, withText: boolean, withTypes: boolean): [string[], Arg[]] => {
    const p = plus ? '+' : '';
    const [w1, a1] = dated(p);
    const [w2, a2] = matches(p, withText, withTypes);
    return [
      [...w1, ...w2],
      [...a1, ...a2],
    ];
  };

  // ——— the sets
  const sets: RecordSet[] = [];
  const linkedTo = (link: string, fk: string, ids: string, idArgs: Arg[]): RecordSet => ({
    size: size(`SELECT count(*) AS n FROM ${link} WHERE ${fk} IN (${ids})`, idArgs),
    drive: `r.id IN (SELECT record_id FROM ${link} WHERE ${fk} IN (${ids}))`,
    // `+`: one seek to the record's few links, each checked against the list (not one seek per listed id).
    probe: `EXISTS (SELECT 1 FROM ${link} l WHERE l.record_id = r.id AND +l.${fk} IN (${ids}))`,
    probeCost: LINK_PROBE,
    args: idArgs,
  });
  // A name matches by its characters, its initials ("zs") or its full pinyin from the start ("zhangs").
  // The matching cadres or objects are few (the roster, not the records): their ids go into the query as
  // a list (or into the index's query as keys), so that checking one record is one index seek.
  const byName = (table: string, text: string): { ids: number[] | null; sql: string; args: Arg[] } => {
    const prefix = `${text.toLowerCase().replace(/[\\%_]/g, '')}%`;
    const sql = `SELECT id FROM ${table} WHERE name LIKE ? ESCAPE '\\' OR initials LIKE ? OR pinyin LIKE ?`;
    const args = [like(text), prefix, prefix];
    const ids = (db.prepare(sql).all(...args) as { id: number }[]).map((r) => r.id);
    // Thousands of matches (one letter among 50,000 objects) stay a subquery: SQLite caps a query's values.
    return { ids: ids.length > 2000 ? null : ids, sql, args };
  };
  const idList = (m: ReturnType<typeof byName>): [string, Arg[]] =>
    m.ids === null ? [m.sql, m.args] : m.ids.length ? [m.ids.map(() => '?').join(', '), m.ids] : ['NULL', []];

  // The index answers text, place, names and types when it is up to date (else LIKE among the plain
  // conditions and the link tables); its tokens carry the year, so a year's matches are counted in it alone.
  const linked = f.cadre || f.cadreId !== undefined || f.object || f.objectId !== undefined;
  const indexed = !!(f.text || f.place || linked) && search.ready();
  const years = indexed ? yearsAsked() : [];
  const cadres = f.cadre ? byName('cadres', f.cadre) : null;
  const objects = f.object ? byName('contact_objects', f.object) : null;
  const inIndex = (m: ReturnType<typeof byName> | null) =>
    indexed && m !== null && m.ids !== null && m.ids.length * Math.max(1, years.length) <= MAX_KEY_TERMS;
  const keyGroups: SearchKey[][] = [];
  const link = (inIdx: boolean, keys: () => SearchKey[], set: () => RecordSet) =>
    inIdx ? keyGroups.push(keys()) : sets.push(set());
  if (f.cadreId !== undefined)
    link(
      indexed,
      () => [`c${f.cadreId!}`],
      () => linkedTo('record_cadres', 'cadre_id', '?', [f.cadreId!]),
    );
  if (cadres)
    link(
      inIndex(cadres),
      () => cadres.ids!.map((id): SearchKey => `c${id}`),
      () => linkedTo('record_cadres', 'cadre_id', ...idList(cadres)),
    );
  if (f.objectId !== undefined)
    link(
      indexed,
      () => [`o${f.objectId!}`],
      () => linkedTo('record_objects', 'object_id', '?', [f.objectId!]),
    );
  if (objects)
    link(
      inIndex(objects),
      () => objects.ids!.map((id): SearchKey => `o${id}`),
      () => linkedTo('record_objects', 'object_id', ...idList(objects)),
    );
  // Types ride along when the index is asked anyway (alone, the type index and the day counts serve them).
  const useIndex = indexed && !!(f.text || f.place || keyGroups.length);
  const typesIndexed = useIndex && !!f.activityTypeIds?.length;
  if (typesIndexed) keyGroups.push(f.activityTypeIds!.map((id): SearchKey => `t${id}`));

  let exactFromIndex = false;
  if (useIndex) {
    // One group per year (a record's tokens all carry its own year); none when no year has records.
    const match =
      years
        .map((y) =>
          [
            ...(f.text ? [searchQuery(['content', 'opinions', 'implementation'], f.text, y)] : []),
            ...(f.place ? [searchQuery(['place'], f.place, y)] : []),
            ...keyGroups.map((k) => keysQuery(k, y)),
          ].join(' AND '),
        )
        .map((q) => (years.length > 1 ? `(${q})` : q))
        .join(' OR ') || keysQuery([], 0);
    const key = keyOf(match);
    const copied = () => textHits.get(db)?.key === key;
    /** Copies the matches out (the first `limit` of them): how many went in. */
    const copy = (limit = -1) => {
      db.sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS records_hits (id INTEGER PRIMARY KEY)');
      db.prepare('DELETE FROM temp.records_hits').run();
      textHits.delete(db);
      const { changes } = db
        .prepare(
          'INSERT INTO temp.records_hits (id) SELECT rowid FROM records_search WHERE records_search MATCH ? LIMIT ?',
        )
        .run(match, limit);
      if (limit < 0 || changes < limit) textHits.set(db, { key, n: changes });
      return changes;
    };
    const hits = () => (copied() ? textHits.get(db)!.n : copy());
    // The index's meaning on the record itself: LIKE on its text and place, its type. Only for these:
    // checking a walked record's links is a seek in a cold table each, dearer than copying a cadre's or
    // an object's few thousand matches out and checking against those.
    const checkable = keyGroups.length === (typesIndexed ? 1 : 0);
    const [own, ownArgs] = matches('', true, typesIndexed);
    const check = (): [string, Arg[]] | null => (copied() ? null : [own.join(' AND '), ownArgs]);
    /**
     * How many match. Text and place: a few are copied out at once (the page will start from them), many
     * only counted in the index (copying 70,000 out costs twice what counting them does), the page then
     * found by walking the records in order and checking each itself. Names: copied out.
     */
    const counted = (): number => {
      if (copied()) return textHits.get(db)!.n;
      if (!checkable) return copy();
      const kept = indexCounts.get(db);
      if (kept?.key === key) return kept.n;
      const few = copy(copyAtOnce + 1);
      if (few <= copyAtOnce) return few;
      const n = size('SELECT count(*) AS n FROM records_search WHERE records_search MATCH ?', [match]);
      indexCounts.set(db, { key, n });
      return n;
    };
    sets.push({
      size: counted(),
      drive: 'r.id IN (SELECT id FROM temp.records_hits)',
      probe: '+r.id IN (SELECT id FROM temp.records_hits)',
      probeCost: TEXT_PROBE,
      args: [],
      refresh: hits,
      ...(checkable ? { check, checkCost: ROW_CHECK } : {}),
    });
    // When the index holds every filter, its count is the answer (one index row per record).
    exactFromIndex = sets.length === 1 && !f.dateFrom && !f.dateTo && f.hasOpinions === undefined;
  }
  const smallest = sets.reduce<RecordSet | null>((a, s) => (!a || s.size < a.size ? s : a), null);

  /**
   * FROM … WHERE … for walking (sets probed) or driving from the smallest set (the others probed); `own`:
   * a set with a check of the record itself is checked so (nothing copied out of the index for it).
   */
  const from = (drive: boolean, join: string, own = false): [string, Arg[]] => {
    const [where, args] = plain(drive, !useIndex, !typesIndexed);
    const conds = [...where];
    const all: Arg[] = [...args];
    // Arguments in the order their placeholders appear: the join's none, then the conditions.
    const ordered: Arg[] = [];
    if (drive && smallest) {
      conds.unshift(smallest.drive);
      ordered.push(...smallest.args);
    }
    ordered.push(...all);
    for (const s of sets)
      if (!drive || s !== smallest) {
        const [probe, args] = (own && s.check?.()) || [s.probe, s.args];
        conds.push(probe);
        ordered.push(...args);
      }
    return [`${join}${conds.length ? ` WHERE ${conds.join(' AND ')}` : ''}`, ordered];
  };

  // Every set's SQL reads what it needs (a text search's table is shared by every search on this connection).
  const ready = () => sets.forEach((x) => x.refresh?.());

  // Driving, a record's date and type are read from records_id_key (narrow) when nothing else of it is
  // needed; SQLite, without statistics, would read the record's wide row.
  const narrowWhere = f.hasOpinions === undefined && (indexed || (!f.text && !f.place));
  const narrow = narrowWhere && sort.every((s) => s.field === 'date' || s.field === 'activityType' || s.field === 'id');
  const records = (drive: boolean, all: boolean) =>
    drive && (all ? narrow : narrowWhere) ? 'records r INDEXED BY records_id_key' : 'records r';

  // ——— the order
  const byType = sort.some((s) => s.field === 'activityType');
  const dir = (d: 'asc' | 'desc') => (d === 'asc' ? 'ASC' : 'DESC');
  // Walking pays off only when the order is an index's: by date, by type then date, or by one of the
  // columns migration 0011 indexes (with the id as tie-break).
  const single = sort.length === 1 ? sort[0]!.field : null;
  const indexOrder =
    sort.every((s) => s.field === 'date') || (byType && sort.length === 1) || (!!single && INDEXED_ORDERS.has(single));
  /** SELECT … ORDER BY …, without LIMIT, walking the records in order or driving from the smallest set. */
  const ordered = (drive: boolean, own = false): [string, Arg[]] => {
    // `+` keeps SQLite from ordering by an index while driving (it would walk instead).
    const p = drive ? '+' : '';
    const order: string[] = sort.map((s) => `${p}${SORT_COLUMNS[s.field]} ${dir(s.dir)}`);
    // Ties: within a type newest first (the type index holds the date); otherwise by id, as the first key.
    if (byType && !sort.some((s) => s.field === 'date')) order.push(`${p}r.date DESC`, 'r.id DESC');
    else if (!sort.some((s) => s.field === 'id')) order.push(`r.id ${dir(sort[0]?.dir ?? 'desc')}`);
    // Sorted by type while walking, the types are the outer loop, in name order (CROSS JOIN fixes it);
    // sorted by another indexed column, that column's index is walked (SQLite may guess the date's).
    const join = byType
      ? drive
        ? `FROM ${records(true, true)} JOIN activity_types t ON t.id = r.activity_type_id`
        : 'FROM activity_types t CROSS JOIN records r ON r.activity_type_id = t.id'
      : !drive && single && INDEXED_ORDERS.has(single)
        ? `FROM records r INDEXED BY records_${single}`
        : `FROM ${records(drive, true)}`;
    const [sql, args] = from(drive, join, own);
    return [`SELECT r.id AS id ${sql} ORDER BY ${order.join(', ')}`, args];
  };

  /** Every match in order, from the smallest set: its length is the count, its slices the pages. */
  let whole: number[] | null = null;
  const wholeKey = keyOf(JSON.stringify({ sort, f }));
  const readWhole = (): number[] => {
    if (whole) return whole;
    const kept = wholeReads.get(db);
    if (version !== undefined && kept?.key === wholeKey) return (whole = kept.ids);
    ready();
    const [sql, args] = ordered(true);
    whole = db
      .prepare(sql)
      .pluck()
      .all(...args) as number[];
    wholeReads.set(db, { key: wholeKey, ids: whole });
    return whole;
  };
  const kept = wholeReads.get(db);
  if (version !== undefined && kept?.key === wholeKey && !force) whole = kept.ids;

  /** Only a record's own date and type are asked: the kept day counts answer. */
  const byDayCounts = sets.length === 0 && f.hasOpinions === undefined && !f.text && !f.place;
  const dayCount = (): number => {
    const where: string[] = [];
    const args: Arg[] = [];
    const from = f.year !== undefined ? `${f.year}-01-01` : undefined;
    const to = f.year !== undefined ? `${f.year}-12-31` : undefined;
    for (const [op, d] of [
      ['>=', from],
      ['>=', f.dateFrom],
      ['<=', to],
      ['<=', f.dateTo],
    ] as const)
      if (d !== undefined) {
        where.push(`date ${op} ?`);
        args.push(d);
      }
    if (f.activityTypeIds?.length) {
      where.push(`activity_type_id IN (${f.activityTypeIds.map(() => '?').join(', ')})`);
      args.push(...f.activityTypeIds);
    }
    return size(
      `SELECT ifnull(sum(n), 0) AS n FROM records_day_counts${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`,
      args,
    );
  };

  let counted: number | null = null;
  const count = (): number => {
    if (counted !== null) return counted;
    if (whole && !force) return (counted = whole.length);
    if (exactFromIndex && !force) return (counted = smallest!.size);
    if (byDayCounts && !force) return (counted = dayCount());
    const how = force ?? (smallest && smallest.size < READ_WHOLE ? 'whole' : 'walk');
    if (how === 'whole' && smallest) return (counted = readWhole().length);
    ready();
    const drive = how === 'drive' && !!smallest;
    const [sql, args] = from(drive, `FROM ${records(drive, false)}`);
    return (counted = size(`SELECT count(*) AS n ${sql}`, args));
  };

  const ids = (offset: number, limit: number, total?: number): number[] => {
    if ((whole && !force) || (force === 'whole' && smallest)) return readWhole().slice(offset, offset + limit);
    let drive = false;
    if (smallest && force) drive = force === 'drive';
    else if (smallest) {
      if (!indexOrder) drive = true;
      else {
        // Walking reads about (offset + limit) × records ÷ matches records and checks each against every
        // set; driving reads the smallest set once and checks its records against the others.
        const records = size('SELECT ifnull(max(id), 0) AS n FROM records', []);
        const matches = Math.max(1, Math.min(smallest.size, total ?? counted ?? smallest.size));
        const probes = (walking: boolean, except?: RecordSet) =>
          sets.reduce((c, s) => (s === except ? c : c + (walking && s.check ? s.checkCost! : s.probeCost)), 0);
        const walk = (((offset + limit) * records) / matches) * (1 + probes(true));
        drive = smallest.size * (DRIVE_COST + probes(false, smallest)) < walk;
      }
      if (drive && smallest.size < READ_WHOLE) return readWhole().slice(offset, offset + limit);
    }
    // Walking, a set that can be checked on the record itself is (its matches are not copied out for it).
    if (drive) ready();
    else for (const s of sets) if (!s.check?.()) s.refresh?.();
    const [sql, args] = ordered(drive, !drive);
    return db
      .prepare(`${sql} LIMIT ? OFFSET ?`)
      .pluck()
      .all(...args, limit, offset) as number[];
  };

  return { count, ids };
}
