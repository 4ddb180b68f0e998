// The ledger's records as the evaluator reads them, kept as columns (typed arrays in the ledger's (date, id)
// order) and turned into record objects only where a rule reads them. A year of a large institution has
// 200,000 records, and the rules read a fraction of them: a cadre's records of the one or two activity types a
// rule counts, for the cadres the rule applies to (the 200k bench ledger under preset 002: about a sixth).
// Making an object of every record at each load was most of a cold evaluation — the objects themselves and
// the garbage collector copying them while they survive.
//
// Every list handed out (a cadre's records, a cadre's records of a type, a type's, an object's, all of them)
// is in the ledger's order, exactly as a list made from an object per record would be. Records edited since
// loading are kept beside the columns (`edited`): a list made later leaves out their loaded version and puts
// their current one in its place, so lists made before and after an edit agree.
import type { EvalRecord } from '../../shared/rules/types';

/** The links of a record with none: shared, never changed (a record with links gets its own lists). */
const NONE: string[] = [];

/** The ledger's order of records: date, then numeric id. */
export function cmp(a: EvalRecord, b: EvalRecord): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : Number(a.id) - Number(b.id);
}
/** Where r goes in a list in the ledger's order: the first place whose record does not come before it. */
function lowerBound(list: EvalRecord[], r: EvalRecord): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(list[mid]!, r) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
export function insertSorted(list: EvalRecord[], r: EvalRecord): void {
  list.splice(lowerBound(list, r), 0, r);
}
export function removeFrom(list: EvalRecord[] | undefined, r: EvalRecord): void {
  if (!list) return;
  for (let i = lowerBound(list, r); i < list.length && list[i]!.date === r.date; i++)
    if (list[i]!.id === r.id) {
      list.splice(i, 1);
      return;
    }
}

/**
 * An array filled on first use: every read or write of the proxy first fills `target` (once) and then acts on
 * it. Passed around, spread into other objects and kept as a key, it costs nothing until something reads it.
 */
export function lazyArray<T>(fill: () => T[]): { array: T[]; filled(): T[] | null } {
  const target: T[] = [];
  let done = false;
  const ready = () => {
    if (!done) {
      done = true;
      const all = fill();
      for (let i = 0; i < all.length; i++) target.push(all[i]!);
    }
    return target;
  };
  const array = new Proxy(target, {
    get: (t, k, r) => Reflect.get(ready(), k, r === array ? t : r),
    set: (t, k, v) => Reflect.set(ready(), k, v),
    has: (t, k) => Reflect.has(ready(), k),
    ownKeys: () => Reflect.ownKeys(ready()),
    getOwnPropertyDescriptor: (t, k) => Reflect.getOwnPropertyDescriptor(ready(), k),
    defineProperty: (t, k, d) => Reflect.defineProperty(ready(), k, d),
    deleteProperty: (t, k) => Reflect.deleteProperty(ready(), k),
  });
  return { array, filled: () => (done ? target : null) };
}

/**
 * A map whose lists are made on first `get` (and remembered, an empty one as absent, as a map of the lists
 * made beforehand would answer); `forget` drops one so that it is made afresh, edits included.
 */
export class LazyLists<V> extends Map<string, V> {
  private readonly absent = new Set<string>();
  constructor(private readonly make: (key: string) => V | undefined) {
    super();
  }
  override get(key: string): V | undefined {
    const got = super.get(key);
    if (got !== undefined || this.absent.has(key)) return got;
    const made = this.make(key);
    if (made === undefined) this.absent.add(key);
    else super.set(key, made);
    return made;
  }
  forget(key: string): void {
    super.delete(key);
    this.absent.delete(key);
  }
  override delete(key: string): boolean {
    this.absent.delete(key);
    return super.delete(key);
  }
}

/** Integer lists by key as one typed array of values and one of offsets (compressed rows). */
interface Rows {
  off: Int32Array;
  val: Int32Array;
}

/**
 * Positions 0..n-1 grouped by key, ascending within each key: one key per position (`single`), or the keys of
 * its links (`linkOff`/`linkVal`, compressed rows by position); a negative key is left out.
 */
function rowsBy(
  n: number,
  keys: number,
  linkOff: Int32Array | null,
  linkVal: Int32Array | null,
  single: Int32Array | null,
): Rows {
  const off = new Int32Array(keys + 1);
  if (single) {
    for (let p = 0; p < n; p++) if (single[p]! >= 0) off[single[p]! + 1]!++;
  } else for (let i = 0; i < linkVal!.length; i++) if (linkVal![i]! >= 0) off[linkVal![i]! + 1]!++;
  for (let k = 0; k < keys; k++) off[k + 1]! += off[k]!;
  const fillAt = off.slice(0, keys);
  const val = new Int32Array(off[keys]!);
  if (single) {
    for (let p = 0; p < n; p++) if (single[p]! >= 0) val[fillAt[single[p]!]!++] = p;
  } else
    for (let p = 0; p < n; p++)
      for (let i = linkOff![p]!; i < linkOff![p + 1]!; i++) if (linkVal![i]! >= 0) val[fillAt[linkVal![i]!]!++] = p;
  return { off, val };
}

/** What the store is made of, read from the ledger file (evaluation-inputs.ts loadRecords). */
export interface RecordColumns {
  /** Record ids by position, in (date, id) order. */
  ids: Float64Array;
  /** The distinct dates in order, and the first position of each (one more: the count). */
  dates: string[];
  dayStart: Int32Array;
  /** Each position's activity type as an index into typeNames; -1 when the type is unknown (name ''). */
  typeOf: Int32Array;
  typeNames: string[];
  /** The times, mostly empty: an index into starts and ends, or -1 when both are empty. */
  timeOf: Int32Array;
  starts: (string | null)[];
  ends: (string | null)[];
  /** The other mostly empty columns by position: NaN when empty. */
  hours: Float64Array;
  days: Float64Array;
  companions: Float64Array;
  /** Links by position (compressed rows, the values cadre / object numbers in the links' table order). */
  cadres: Rows;
  objects: Rows;
  /** Record id → position (-1: none). */
  positionOf(id: number): number;
}

export class RecordStore {
  private readonly objs: (EvalRecord | undefined)[];
  private readonly dayOf: Int32Array;
  /**
   * By cadre or object number: its id as a string, and the list of it alone, made once. Arrays as long as
   * the largest number, made up front: filled out of order, a growing array turns into a slow dictionary.
   */
  private readonly names: (string | undefined)[];
  private readonly alone: (string[] | undefined)[];
  /** How many cadre numbers there are (the largest linked, plus one). */
  private readonly cadreCount: number;
  /** Made on first use: rules that read a cadre's records of any type, or a type's records, are few. */
  private byCadreRows: Rows | null = null;
  private byTypeRows: Rows | null = null;
  private byObject: Rows | null = null;
  private byCadreType: Rows | null = null;
  /** Records edited since loading: their current version, or null when deleted (or not there any more). */
  readonly edited = new Map<number, EvalRecord | null>();
  /** The types, and cadre|type keys, of the current versions of the records edited (recordIds). */
  private readonly editedTypes = new Set<string>();
  /** By position: 1 where the loaded record was edited since (made on the first edit). */
  private editedAt: Uint8Array | null = null;
  private idTexts: (string | undefined)[] | null = null;
  private readonly editedKeys = new Set<string>();
  /** Every record (after asOf too), in order: made on first use. */
  readonly all: { array: EvalRecord[]; filled(): EvalRecord[] | null };

  constructor(private readonly c: RecordColumns) {
    const n = c.ids.length;
    this.objs = new Array(n);
    this.dayOf = new Int32Array(n);
    for (let d = 0; d < c.dates.length; d++) this.dayOf.fill(d, c.dayStart[d]!, c.dayStart[d + 1]!);
    let maxCadre = -1;
    for (let i = 0; i < c.cadres.val.length; i++) if (c.cadres.val[i]! > maxCadre) maxCadre = c.cadres.val[i]!;
    this.cadreCount = maxCadre + 1;
    let maxObject = -1;
    for (let i = 0; i < c.objects.val.length; i++) if (c.objects.val[i]! > maxObject) maxObject = c.objects.val[i]!;
    const largest = Math.max(maxCadre, maxObject) + 1;
    this.names = new Array<string | undefined>(largest).fill(undefined);
    this.alone = new Array<string[] | undefined>(largest).fill(undefined);
    this.all = lazyArray(() => this.list(0, n, null, '\uffff', () => true));
  }

  private get byCadre(): Rows {
    return (this.byCadreRows ??= rowsBy(this.size, this.cadreCount, this.c.cadres.off, this.c.cadres.val, null));
  }
  private get byType(): Rows {
    return (this.byTypeRows ??= rowsBy(this.size, this.c.typeNames.length, null, null, this.c.typeOf));
  }

  get size(): number {
    return this.c.ids.length;
  }

  /** The record at a position, made once. */
  private record(p: number): EvalRecord {
    let r = this.objs[p];
    if (r) return r;
    const c = this.c;
    const s = c.timeOf[p]!;
    const t = c.typeOf[p]!;
    const hours = c.hours[p]!;
    const days = c.days[p]!;
    const companions = c.companions[p]!;
    r = {
      id: this.idOf(p),
      date: c.dates[this.dayOf[p]!]!,
      startTime: s < 0 ? null : (c.starts[s] ?? null),
      endTime: s < 0 ? null : (c.ends[s] ?? null),
      activityType: t < 0 ? '' : c.typeNames[t]!,
      cadreIds: this.linked(c.cadres, p),
      objectIds: this.linked(c.objects, p),
      hours: Number.isNaN(hours) ? null : hours,
      days: Number.isNaN(days) ? null : days,
      companions: Number.isNaN(companions) ? null : companions,
    };
    this.objs[p] = r;
    return r;
  }

  /**
   * A record's cadres or objects as strings, in the links' order. One list per cadre or object for the records
   * that have only it (most records): never changed by the engine, shared rather than made once per record.
   */
  private linked(rows: Rows, p: number): string[] {
    const a = rows.off[p]!;
    const b = rows.off[p + 1]!;
    if (a === b) return NONE;
    if (b - a === 1) {
      const id = rows.val[a]!;
      return (this.alone[id] ??= [this.name(id)]);
    }
    const out: string[] = [];
    for (let i = a; i < b; i++) out.push(this.name(rows.val[i]!));
    return out;
  }
  private name(id: number): string {
    return (this.names[id] ??= String(id));
  }

  /** A position's record id as text, made once (a record's, and the ids recordIds tells, share it). */
  private idOf(p: number): string {
    const texts = (this.idTexts ??= new Array<string | undefined>(this.size).fill(undefined));
    return (texts[p] ??= String(this.c.ids[p]!));
  }

  /** The first position dated after `d`. */
  private after(d: string): number {
    const { dates, dayStart } = this.c;
    let lo = 0;
    let hi = dates.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (dates[mid]! <= d) lo = mid + 1;
      else hi = mid;
    }
    return dayStart[lo]!;
  }
  /** The first position dated on or after `d`. */
  private from(d: string): number {
    const { dates, dayStart } = this.c;
    let lo = 0;
    let hi = dates.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (dates[mid]! < d) lo = mid + 1;
      else hi = mid;
    }
    return dayStart[lo]!;
  }

  /**
   * The records at positions `pos[a..b)` (ascending; all of 0..n when pos is null) dated by asOf, of type
   * `type` when ≥ 0, in order — with each edited record's current version in place of its loaded one when
   * `has` says it belongs to the list.
   */
  private list(
    a: number,
    b: number,
    pos: Int32Array | null,
    asOf: string,
    has: (r: EvalRecord) => boolean,
    type = -1,
  ): EvalRecord[] {
    const cut = this.after(asOf);
    const edits = this.edited.size > 0;
    const out: EvalRecord[] = [];
    const typeOf = this.c.typeOf;
    const ids = this.c.ids;
    for (let i = a; i < b; i++) {
      const p = pos ? pos[i]! : i;
      if (p >= cut) break;
      if (type >= 0 && typeOf[p] !== type) continue;
      if (edits && this.edited.has(ids[p]!)) continue;
      out.push(this.record(p));
    }
    if (edits) for (const r of this.edited.values()) if (r && r.date <= asOf && has(r)) insertSorted(out, r);
    return out;
  }

  private typeIndex(name: string): number {
    return this.c.typeNames.indexOf(name);
  }
  private cadreNumber(key: string): number {
    const n = Number(key);
    return Number.isInteger(n) && n >= 0 && n < this.cadreCount && String(n) === key ? n : -1;
  }

  /** The records of a cadre dated by asOf, in order (undefined: none). */
  cadreRecords(key: string, asOf: string): EvalRecord[] | undefined {
    const n = this.cadreNumber(key);
    const out =
      n < 0
        ? this.list(0, 0, this.byCadre.val, asOf, (r) => r.cadreIds.includes(key))
        : this.list(this.byCadre.off[n]!, this.byCadre.off[n + 1]!, this.byCadre.val, asOf, (r) =>
            r.cadreIds.includes(key),
          );
    return out.length ? out : undefined;
  }

  /**
   * A cadre's records by activity type: the lists of each type dated by asOf, in order (undefined: none). The
   * positions of every cadre × type are grouped once (one pass over the links), on the first use.
   */
  cadreTypes(key: string, asOf: string): (type: string) => EvalRecord[] | undefined {
    const n = this.cadreNumber(key);
    return (type) => {
      const t = this.typeIndex(type);
      const has = (r: EvalRecord) => r.activityType === type && r.cadreIds.includes(key);
      if (n < 0 || t < 0) {
        const out = this.list(0, 0, null, asOf, has);
        return out.length ? out : undefined;
      }
      const T = this.c.typeNames.length;
      const { off, val } = this.cadreTypeRows();
      const out = this.list(off[n * T + t]!, off[n * T + t + 1]!, val, asOf, has);
      return out.length ? out : undefined;
    };
  }

  /** The positions of every cadre × type (key cadre × T + type), grouped once (one pass over the links). */
  private cadreTypeRows(): Rows {
    if (!this.byCadreType) {
      const T = this.c.typeNames.length;
      // Key cadre × T + type for each link; positions stay ascending within a key (rowsBy fills in order).
      const { off, val } = this.c.cadres;
      const { typeOf } = this.c;
      const n = this.size;
      const keys = new Int32Array(val.length);
      for (let p = 0; p < n; p++) {
        const ty = typeOf[p]!;
        for (let i = off[p]!; i < off[p + 1]!; i++) keys[i] = ty < 0 ? -1 : val[i]! * T + ty;
      }
      this.byCadreType = rowsBy(n, this.cadreCount * T, off, keys, null);
    }
    return this.byCadreType;
  }

  /**
   * The ids of the records of one type dated in [start, end] and by asOf — a cadre's, or (null) anyone's — in
   * order, as the list cadreTypes or typeRecords makes holds them, without making the records: the loaded
   * ones from the columns, a record edited since loading in its current version's place (as `list` puts it).
   */
  recordIds(cadreKey: string | null, type: string, start: string, end: string, asOf: string): string[] {
    const last = end < asOf ? end : asOf;
    const edits = this.edited.size > 0;
    // The current versions of edited records that belong here, in order (only looked for where one may).
    let mine: EvalRecord[] | null = null;
    if (edits && (cadreKey === null ? this.editedTypes.has(type) : this.editedKeys.has(`${cadreKey}|${type}`)))
      for (const r of this.edited.values())
        if (
          r &&
          r.activityType === type &&
          r.date >= start &&
          r.date <= last &&
          (cadreKey === null || r.cadreIds.includes(cadreKey))
        )
          insertSorted((mine ??= []), r);
    const out: string[] = [];
    const t = this.typeIndex(type);
    let rows: Rows | null = null;
    let key = 0;
    if (t >= 0 && cadreKey === null) {
      rows = this.byType;
      key = t;
    } else if (t >= 0) {
      const n = this.cadreNumber(cadreKey!);
      if (n >= 0) {
        rows = this.cadreTypeRows();
        key = n * this.c.typeNames.length + t;
      }
    }
    let i = 0;
    let j = 0;
    const lo = this.from(start);
    const hi = this.after(last);
    if (rows && hi > lo) {
      const { off, val } = rows;
      // Positions ascend within a key: the first at or after lo, then the first at or after hi.
      const first = (from: number, to: number, at: number) => {
        while (from < to) {
          const mid = (from + to) >>> 1;
          if (val[mid]! < at) from = mid + 1;
          else to = mid;
        }
        return from;
      };
      const b = off[key + 1]!;
      i = first(off[key]!, b, lo);
      j = first(i, b, hi);
    }
    const ids = this.c.ids;
    const val = rows?.val;
    const editedAt = this.editedAt;
    let m = 0;
    for (; i < j; i++) {
      const p = val![i]!;
      if (editedAt && editedAt[p]) continue;
      const id = ids[p]!;
      if (mine) {
        // Edited versions that come before this loaded record, by (date, id).
        const date = this.c.dates[this.dayOf[p]!]!;
        while (m < mine.length && (mine[m]!.date < date || (mine[m]!.date === date && Number(mine[m]!.id) < id)))
          out.push(mine[m++]!.id);
      }
      out.push(this.idOf(p));
    }
    if (mine) while (m < mine.length) out.push(mine[m++]!.id);
    return out;
  }

  /** The records of one activity type dated by asOf, in order (undefined: none). */
  typeRecords(type: string, asOf: string): EvalRecord[] | undefined {
    const t = this.typeIndex(type);
    const has = (r: EvalRecord) => r.activityType === type;
    const out =
      t < 0
        ? this.list(0, 0, this.byType.val, asOf, has)
        : this.list(this.byType.off[t]!, this.byType.off[t + 1]!, this.byType.val, asOf, has);
    return out.length ? out : undefined;
  }

  /** The records linked to one contact object dated by asOf, in order (undefined: none). */
  objectRecords(key: string, asOf: string): EvalRecord[] | undefined {
    if (!this.byObject) {
      let max = -1;
      for (let i = 0; i < this.c.objects.val.length; i++)
        if (this.c.objects.val[i]! > max) max = this.c.objects.val[i]!;
      this.byObject = rowsBy(this.size, max + 1, this.c.objects.off, this.c.objects.val, null);
    }
    const rows = this.byObject;
    const n = Number(key);
    const ok = Number.isInteger(n) && n >= 0 && n < rows.off.length - 1 && String(n) === key;
    const has = (r: EvalRecord) => r.objectIds.includes(key);
    const out = ok
      ? this.list(rows.off[n]!, rows.off[n + 1]!, rows.val, asOf, has)
      : this.list(0, 0, rows.val, asOf, has);
    return out.length ? out : undefined;
  }

  /** Every record dated by asOf, in order. */
  recordsBy(asOf: string): EvalRecord[] {
    return this.list(0, this.after(asOf), null, asOf, () => true);
  }

  /** How many loaded records are dated in [start, end] and by asOf (edits since loading not counted). */
  between(start: string, end: string, asOf: string): number {
    const hi = this.after(end < asOf ? end : asOf);
    const lo = this.from(start);
    return hi > lo ? hi - lo : 0;
  }

  /** A record by id as it is now: its edited version, else the loaded one; undefined when there is none. */
  current(id: number): EvalRecord | undefined {
    if (this.edited.has(id)) return this.edited.get(id) ?? undefined;
    const p = this.c.positionOf(id);
    return p < 0 ? undefined : this.record(p);
  }

  /** Keeps a record's current version (null: gone): lists made from now on show it. */
  edit(id: number, r: EvalRecord | null): void {
    this.edited.set(id, r);
    const p = this.c.positionOf(id);
    if (p >= 0) (this.editedAt ??= new Uint8Array(this.size))[p] = 1;
    if (!r) return;
    this.editedTypes.add(r.activityType);
    for (const c of r.cadreIds) this.editedKeys.add(`${c}|${r.activityType}`);
  }
}
