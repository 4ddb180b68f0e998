// The evaluator: rules + roster + records + calendar + asOf → one result per cadre × rule × period. Pure.
//
// Records are indexed once (by cadre and activity type, by type, by object, all sorted by date); each
// rule × subject × period then reads only its slice by binary search, so the cost grows with the records that
// can count, never with rules × records.
import { addDays, dayNumber, formatChineseDate, isIsoDate as isoValid } from '../format/date';
import { matchesPattern, patternDates } from './patterns';
import { periodsOverlapping, selectionRange, termPeriod } from './periods';
import type {
  CadreFilter,
  CoverageRule,
  Counts,
  DayKind,
  DeadlineRule,
  FrequencyRule,
  IntervalRule,
  MinDuration,
  PeriodKind,
  QuotaRule,
  RosterRule,
  Rule,
  TaskRule,
  BeforeDuty,
} from './schema';
import type {
  EvalAssignment,
  EvalCadre,
  EvalFollowUp,
  EvalInput,
  EvalObject,
  EvalRecord,
  EvalResult,
  GapResult,
  Period,
  QuotaIssue,
  RuleOutside,
  SlotResult,
  Status,
} from './types';

const NONE: string[] = [];
/** judge's options when there are none (read only). */
const NO_OPTIONS: { max?: number; pace?: number } = Object.freeze({});

type PeriodRule = { period: PeriodKind; windows?: string[] | undefined };

export const QUANTITY_UNIT: Record<string, string> = {
  count: '次',
  hours: '学时',
  days: '天',
  distinctObjects: '个',
  consecutiveDays: '天',
};

// ---------------------------------------------------------------------------------------------- status

const spans = new WeakMap<Period, { start: number; end: number }>();
/** Day numbers of a period, parsed once: periods are shared by every cadre's results. */
function span(p: Period): { start: number; end: number } {
  let s = spans.get(p);
  if (!s) spans.set(p, (s = { start: dayNumber(p.start), end: dayNumber(p.end) }));
  return s;
}

/**
 * met / missed once the period is over; while it runs: met when reached, 预警 (behind) when below the linear
 * pace — rounded down to whole units, so a once-a-month duty is not flagged on the 2nd — or within the last
 * days of the period, else open. As-of is inclusive: the records of the as-of day are all in, so a period whose
 * last day is the as-of date is over (a month judged on its 31st is 达标 or 未达标, never 预警).
 */
export function judge(
  required: number,
  achieved: number,
  period: Period,
  asOf: string,
  opts: { max?: number; pace?: number } = {},
): Status {
  if (opts.max !== undefined && achieved > opts.max) return 'missed';
  if (asOf >= period.end) return achieved >= required ? 'met' : 'missed';
  if (required > 0 && achieved >= required) return 'met';
  if (asOf < period.start) return 'open';
  if (required === 0) return 'open';
  const sp = span(period);
  const now = dayNumber(asOf);
  const total = sp.end - sp.start + 1;
  let pace = opts.pace;
  if (pace === undefined) pace = Math.floor((required * (now - sp.start + 1)) / total);
  if (achieved < pace) return 'behind';
  // The last days of a period turn an unmet duty 预警: 7 days, or a quarter of a short period (a week).
  if (sp.end - now < Math.min(7, Math.floor(total / 4))) return 'behind';
  return 'open';
}

/** The objects a follow-up is about: its own, and those of the record it came from. */
export function followUpObjects(fu: EvalFollowUp): string[] {
  const ids = fu.objectIds ? [...fu.objectIds] : [];
  if (fu.objectId && !ids.includes(fu.objectId)) ids.push(fu.objectId);
  return ids;
}

// ---------------------------------------------------------------------------------------------- durations

/** Hours in a working day and in half of one, for minimum durations given in days. */
export const HOURS_PER_DAY = 8;
export const HOURS_PER_HALF_DAY = 4;

/** How long a record lasted in hours: its 学时/hours, else its start and end time, else its days; null if unknown. */
export function recordHours(r: Pick<EvalRecord, 'hours' | 'days' | 'startTime' | 'endTime'>): number | null {
  if (r.hours !== null && r.hours !== undefined) return r.hours;
  if (r.startTime && r.endTime) {
    const min = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
    return Math.max(0, min(r.endTime) - min(r.startTime)) / 60;
  }
  if (r.days !== null && r.days !== undefined) return r.days * HOURS_PER_DAY;
  return null;
}

/**
 * Whether a record lasted long enough to count. Days and half-days are read from the record's days when it has
 * them, else from its hours (a day = 8 hours, a half-day = 4); a record whose length is unknown does not count.
 */
export function meetsMinDuration(
  m: MinDuration,
  r: Pick<EvalRecord, 'hours' | 'days' | 'startTime' | 'endTime'>,
): boolean {
  const eps = 1e-9;
  if (m.unit !== 'hours' && r.days !== null && r.days !== undefined)
    return r.days * (m.unit === 'halfDays' ? 2 : 1) + eps >= m.value;
  const h = recordHours(r);
  if (h === null) return false;
  const need = m.unit === 'hours' ? m.value : m.value * (m.unit === 'halfDays' ? HOURS_PER_HALF_DAY : HOURS_PER_DAY);
  return h + eps >= need;
}

// ---------------------------------------------------------------------------------------------- indexes

export function byDate(a: EvalRecord, b: EvalRecord): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}

/** The ledger's order of records (ids are numbers there). */
function byDateThenId(a: EvalRecord, b: EvalRecord): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : Number(a.id) - Number(b.id);
}

/** First index whose date ≥ d. */
export function lowerBound(list: readonly EvalRecord[], d: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.date < d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose date > d. */
export function upperBound(list: readonly EvalRecord[], d: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.date <= d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Visits the records of a list in the ledger's order dated in [start, end]. */
function eachBetween(list: readonly EvalRecord[] | undefined, start: string, end: string, f: (r: EvalRecord) => void) {
  if (!list) return;
  const hi = upperBound(list, end);
  for (let i = lowerBound(list, start); i < hi; i++) f(list[i]!);
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/** Everything the evaluator looks things up in, built once per input (reusable across rule edits). */
export interface EvalIndex {
  cadres: Map<string, EvalCadre>;
  objects: Map<string, EvalObject>;
  all: EvalRecord[];
  /**
   * Whether `all` is in (date, numeric id) order, as the ledger's records always are: then the records of a
   * few cadres, gathered from their own lists and sorted, come in the order a scan of `all` visits them.
   */
  ordered: boolean;
  byCadre: Map<string, EvalRecord[]>;
  /** Filled on first use per cadre, kept across evaluations of the same data. */
  typedByCadre: Map<string, Map<string, EvalRecord[]>>;
  /** Built on first use: only institution, unit and collective rules read records by type. */
  byType(): Map<string, EvalRecord[]>;
  /** Built on first use: only deadlines closed by a visit read records by object. */
  byObject(): Map<string, EvalRecord[]>;
  objectsByCategory: Map<string, EvalObject[]>;
  /** `${cadreId}|${year}` → assignments */
  assignments: Map<string, EvalAssignment[]>;
  assigned: Map<string, Set<string>>;
  /** `${year}|${objectId}` → cadre ids holding it */
  holders: Map<string, Set<string>>;
  /**
   * How many records of `all` are dated in [start, end], when the index can tell without making `all` (the
   * ledger's index makes its lists on first use). Only a choice between two ways to the same records depends
   * on it (eachOfGroup), so a count off by the records edited since loading changes no result.
   */
  between?(start: string, end: string): number;
  /**
   * The ids of the records of one type dated in [start, end] — a cadre's (cadreId), or anyone's (null) — in
   * the order its list holds them, when the index can tell without making the records (the ledger's index
   * keeps them as columns); undefined when it cannot. What `each` would visit of that list, for the rules
   * that need no more of a record than its id.
   */
  recordIds?(cadreId: string | null, type: string, start: string, end: string): string[] | undefined;
}

/**
 * `known.ordered`: the caller vouches that `input.records` are in (date, numeric id) order (the ledger's inputs
 * are kept so), which spares a pass over every record to find out.
 */
export function buildIndex(
  input: Pick<EvalInput, 'cadres' | 'objects' | 'assignments' | 'records' | 'asOf'>,
  known: { ordered?: true } = {},
): EvalIndex {
  // Records in the ledger's order (vouched) end at the last one dated by asOf: one copy, no test per record.
  // Indexed loops below: they run once per index, often before the optimiser reaches them, and a for…of
  // there makes an iterator result per element (tens of MB over 200,000 records).
  const all = known.ordered
    ? input.records.slice(0, upperBound(input.records, input.asOf))
    : input.records.filter((r) => r.date <= input.asOf);
  let sorted = true;
  for (let i = 1; i < all.length && !known.ordered; i++)
    if (all[i - 1]!.date > all[i]!.date) {
      sorted = false;
      break;
    }
  if (!sorted) all.sort(byDate);

  const byCadre = new Map<string, EvalRecord[]>();
  for (let i = 0; i < all.length; i++) {
    const r = all[i]!;
    const ids = r.cadreIds;
    for (let j = 0; j < ids.length; j++) push(byCadre, ids[j]!, r);
  }
  let ordered = true;
  for (let i = 0; i < all.length && ordered && !known.ordered; i++)
    if (!Number.isFinite(Number(all[i]!.id)) || (i > 0 && byDateThenId(all[i - 1]!, all[i]!) >= 0)) ordered = false;
  let byType: Map<string, EvalRecord[]> | undefined;
  let byObject: Map<string, EvalRecord[]> | undefined;

  const objectsByCategory = new Map<string, EvalObject[]>();
  for (const o of input.objects) push(objectsByCategory, o.category, o);

  const assignments = new Map<string, EvalAssignment[]>();
  const assigned = new Map<string, Set<string>>();
  const holders = new Map<string, Set<string>>();
  for (const a of input.assignments) {
    const key = `${a.cadreId}|${a.year}`;
    push(assignments, key, a);
    let s = assigned.get(key);
    if (!s) assigned.set(key, (s = new Set()));
    s.add(a.objectId);
    const hk = `${a.year}|${a.objectId}`;
    let h = holders.get(hk);
    if (!h) holders.set(hk, (h = new Set()));
    h.add(a.cadreId);
  }

  return {
    cadres: new Map(input.cadres.map((c) => [c.id, c])),
    objects: new Map(input.objects.map((o) => [o.id, o])),
    all,
    ordered,
    byCadre,
    typedByCadre: new Map(),
    byType() {
      if (!byType) {
        byType = new Map();
        for (let i = 0; i < all.length; i++) push(byType, all[i]!.activityType, all[i]!);
      }
      return byType;
    },
    byObject() {
      if (!byObject) {
        byObject = new Map();
        for (let i = 0; i < all.length; i++) {
          const r = all[i]!;
          for (let j = 0; j < r.objectIds.length; j++) push(byObject, r.objectIds[j]!, r);
        }
      }
      return byObject;
    },
    objectsByCategory,
    assignments,
    assigned,
    holders,
  };
}

/** Whether every record counts under `counts` whatever it is but its type (recordCounts tests nothing else). */
function countsAll(counts: Counts): boolean {
  return !counts.pattern && counts.companionsAbove === undefined && !counts.minDuration && !counts.objects;
}

// ---------------------------------------------------------------------------------------------- subjects

/** Whose records count: one cadre, a group of cadres together, one unit, or the institution. */
type Subject =
  | { kind: 'cadre'; cadre: EvalCadre }
  | { kind: 'group'; ids: Set<string> }
  | { kind: 'unit'; unitId: string }
  | { kind: 'institution' };

/**
 * Whether a cadre is in the who-set. `unitCategory` gives the category of a unit; without it the filter's unit
 * categories (and those of its exceptions) are not checked.
 */
export function cadreMatches(
  f: CadreFilter,
  c: EvalCadre,
  unitCategory?: (unitId: string) => string | undefined,
): boolean {
  if (f.levels && f.levels.length && !f.levels.includes(c.level)) return false;
  if (f.roles && f.roles.length && !c.roles.some((r) => f.roles!.includes(r))) return false;
  if (f.partyMember !== undefined && c.partyMember !== f.partyMember) return false;
  if (f.unitIds && f.unitIds.length && (!c.unitId || !f.unitIds.includes(c.unitId))) return false;
  const cat = unitCategory && c.unitId ? unitCategory(c.unitId) : undefined;
  if (unitCategory && f.unitCategories && f.unitCategories.length && !(cat && f.unitCategories.includes(cat)))
    return false;
  const x = f.except;
  if (x) {
    if (x.levels && x.levels.includes(c.level)) return false;
    if (x.roles && c.roles.some((r) => x.roles!.includes(r))) return false;
    if (x.unitIds && c.unitId && x.unitIds.includes(c.unitId)) return false;
    if (x.unitCategories && cat && x.unitCategories.includes(cat)) return false;
  }
  return true;
}

function termOverlaps(c: EvalCadre, p: Period): boolean {
  return !(c.termStart && c.termStart > p.end) && !(c.termEnd && c.termEnd < p.start);
}

/**
 * A cadre entered also as a contact object (a 班子成员 of his own unit, 002 第二十一条) is not among the people
 * he must reach himself: the same name in the same unit is the same person.
 */
export function isSelf(c: EvalCadre, o: EvalObject): boolean {
  return o.name === c.name && (o.unitId === null || c.unitId === null || o.unitId === c.unitId);
}

/**
 * Each cadre as a subject of its own, made once per roster rather than once per rule (50 rules × 2,000
 * cadres): reused while the list holds the same cadres (checked one by one, should a caller change the list
 * in place). Never changed by a reader.
 */
const cadreSubjectLists = new WeakMap<readonly EvalCadre[], { subject: Subject; cadre: EvalCadre }[]>();
function cadreSubjects(cadres: readonly EvalCadre[]): { subject: Subject; cadre: EvalCadre }[] {
  let l = cadreSubjectLists.get(cadres);
  let same = l !== undefined && l.length === cadres.length;
  for (let i = 0; same && i < cadres.length; i++) same = l![i]!.cadre === cadres[i];
  if (!same)
    cadreSubjectLists.set(cadres, (l = cadres.map((c) => ({ subject: { kind: 'cadre', cadre: c }, cadre: c }))));
  return l!;
}

class Evaluator {
  private readonly unitCategory: Map<string, string>;
  private readonly range: { from: string; to: string };
  readonly out: EvalResult[] = [];

  constructor(
    private readonly input: EvalInput,
    private readonly ix: EvalIndex,
    /** Given: who-filter misses are listed here instead of one 不适用 result each (see evaluate). */
    private readonly outside?: RuleOutside[],
  ) {
    this.unitCategory = new Map((input.units ?? []).map((u) => [u.id, u.category]));
    this.range = selectionRange(input.selection, input.calendar.school);
  }

  /** A cadre's records split by activity type, built the first time a rule asks for that cadre. */
  private cadreTypes(cadreId: string): Map<string, EvalRecord[]> | undefined {
    let m = this.ix.typedByCadre.get(cadreId);
    if (!m) {
      const list = this.ix.byCadre.get(cadreId);
      if (!list) return undefined;
      m = new Map();
      for (let i = 0; i < list.length; i++) push(m, list[i]!.activityType, list[i]!);
      this.ix.typedByCadre.set(cadreId, m);
    }
    return m;
  }

  /** Visits the subject's records of the given types dated in [start, end]. */
  private each(
    s: Subject,
    types: readonly string[] | undefined,
    start: string,
    end: string,
    f: (r: EvalRecord) => void,
  ) {
    const typed = types && types.length > 0;
    if (s.kind === 'cadre') {
      // Called for every cadre × rule × period: no list of lists made for it.
      const lists = typed ? this.cadreTypes(s.cadre.id) : undefined;
      if (lists && types) for (let k = 0; k < types.length; k++) eachBetween(lists.get(types[k]!), start, end, f);
      else eachBetween(this.ix.byCadre.get(s.cadre.id), start, end, f);
      return;
    }
    for (const type of typed ? types : [undefined]) {
      if (s.kind === 'group' && this.eachOfGroup(s.ids, type, start, end, f)) continue;
      const list = type === undefined ? this.ix.all : this.ix.byType().get(type);
      if (!list) continue;
      const hi = upperBound(list, end);
      for (let i = lowerBound(list, start); i < hi; i++) {
        const r = list[i]!;
        if (this.subjectHas(s, r)) f(r);
      }
    }
  }

  /**
   * A group of few cadres (a rota of 校领导 among 2,000 cadres): their own records (of `type`), gathered and put
   * in the ledger's order (date, then id), instead of testing every record of the period for one of them. The
   * same records in the same order as the scan; false (nothing visited) where the scan is about as cheap (the
   * group holds more than a quarter of the period's records) or the order is unknown.
   */
  private eachOfGroup(
    ids: ReadonlySet<string>,
    type: string | undefined,
    start: string,
    end: string,
    f: (r: EvalRecord) => void,
  ): boolean {
    if (!this.ix.ordered) return false;
    // Against every record of the period, not those of the type: the scan by type first builds that index.
    const scan = this.ix.between
      ? this.ix.between(start, end)
      : upperBound(this.ix.all, end) - lowerBound(this.ix.all, start);
    const slices: [readonly EvalRecord[], number, number][] = [];
    let gathered = 0;
    for (const id of ids) {
      const own = type === undefined ? this.ix.byCadre.get(id) : this.cadreTypes(id)?.get(type);
      if (!own) continue;
      const lo = lowerBound(own, start);
      const hi = upperBound(own, end);
      if (hi <= lo) continue;
      slices.push([own, lo, hi]);
      gathered += hi - lo;
      if (gathered * 4 > scan) return false;
    }
    const out: EvalRecord[] = [];
    for (const [own, lo, hi] of slices) for (let i = lo; i < hi; i++) out.push(own[i]!);
    out.sort(byDateThenId);
    // A joint record of two members is in both their lists: visited once, as the scan does.
    for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) f(out[i]!);
    return true;
  }

  /**
   * The ids `each` visits for one cadre (or, null, the institution) over the lists of `types` — each type's
   * records in [start, end], type after type — when the index tells them without making the records.
   */
  private recordIdsOf(
    cadreId: string | null,
    types: readonly string[],
    start: string,
    end: string,
  ): string[] | undefined {
    const of = this.ix.recordIds;
    if (!of) return undefined;
    if (types.length === 1) return of(cadreId, types[0]!, start, end);
    const out: string[] = [];
    for (let k = 0; k < types.length; k++) {
      const got = of(cadreId, types[k]!, start, end);
      if (!got) return undefined;
      for (let i = 0; i < got.length; i++) out.push(got[i]!);
    }
    return out;
  }

  private subjectHas(s: Subject, r: EvalRecord): boolean {
    if (s.kind === 'institution') return true;
    if (s.kind === 'group') return r.cadreIds.some((id) => s.ids.has(id));
    if (s.kind === 'unit') {
      if (r.unitIds && r.unitIds.length) return r.unitIds.includes(s.unitId);
      return r.cadreIds.some((id) => this.ix.cadres.get(id)?.unitId === s.unitId);
    }
    return r.cadreIds.includes(s.cadre.id);
  }

  private cadreIdsOf(s: Subject, r: EvalRecord): readonly string[] {
    return s.kind === 'cadre' ? [s.cadre.id] : r.cadreIds;
  }

  private objectMatches(counts: Counts, objectId: string, cadreIds: readonly string[], year: number): boolean {
    const f = counts.objects;
    if (!f) return true;
    const o = this.ix.objects.get(objectId);
    if (!o) return false;
    if (f.categories && f.categories.length && !f.categories.includes(o.category)) return false;
    if (f.grades && f.grades.length && !(o.grade && f.grades.includes(o.grade))) return false;
    if (f.among) {
      const inAssignments = () => cadreIds.some((c) => this.ix.assigned.get(`${c}|${year}`)?.has(objectId));
      const inUnit = () => cadreIds.some((c) => o.unitId !== null && this.ix.cadres.get(c)?.unitId === o.unitId);
      if (f.among === 'assignments' && !inAssignments()) return false;
      if (f.among === 'ownUnit' && !inUnit()) return false;
      if (f.among === 'assignmentsOrOwnUnit' && !inAssignments() && !inUnit()) return false;
    }
    return true;
  }

  /** Does the record count under `counts`; objectHits receives the matching object ids. */
  private recordCounts(counts: Counts, s: Subject, r: EvalRecord): boolean {
    if (counts.pattern && !matchesPattern(counts.pattern, r.date, r.startTime, r.endTime, this.input.calendar.workdays))
      return false;
    if (counts.companionsAbove !== undefined && !((r.companions ?? 0) > counts.companionsAbove)) return false;
    if (counts.minDuration && !meetsMinDuration(counts.minDuration, r)) return false;
    if (counts.objects) {
      const year = Number(r.date.slice(0, 4));
      const ids = this.cadreIdsOf(s, r);
      if (!r.objectIds.some((o) => this.objectMatches(counts, o, ids, year))) return false;
    }
    return true;
  }

  private subjectsOf(rule: Rule, collective: boolean): { subject: Subject; cadre?: EvalCadre; unitId?: string }[] {
    const w = rule.who;
    if (w.scope === 'institution') return [{ subject: { kind: 'institution' } }];
    if (w.scope === 'unit') {
      const cats = w.unitCategories;
      return (this.input.units ?? [])
        .filter((u) => !cats || !cats.length || cats.includes(u.category))
        .map((u) => ({ subject: { kind: 'unit' as const, unitId: u.id }, unitId: u.id }));
    }
    if (collective) {
      const matching = this.input.cadres.filter((c) => this.cadreFits(w.cadres, c));
      return [{ subject: { kind: 'group', ids: new Set(matching.map((c) => c.id)) } }];
    }
    return cadreSubjects(this.input.cadres);
  }

  private readonly categoryOf = (unitId: string) => this.unitCategory.get(unitId);
  private cadreFits(f: CadreFilter, c: EvalCadre): boolean {
    return cadreMatches(f, c, this.categoryOf);
  }

  private periods(rule: PeriodRule, cadre?: EvalCadre): Period[] {
    const { from, to } = this.range;
    if (rule.period === 'termOfOffice') return [termPeriod(cadre?.termStart ?? null, cadre?.termEnd ?? null, from)];
    return periodsOverlapping(rule.period, from, to, this.input.calendar.school, rule.windows ?? []);
  }

  private readonly periodCache = new Map<string, Period[]>();
  private periodsFor(rule: PeriodRule, cadre?: EvalCadre): Period[] {
    if (rule.period === 'termOfOffice') return this.periods(rule, cadre);
    const key = `${rule.period}|${(rule.windows ?? []).join(',')}`;
    let p = this.periodCache.get(key);
    if (!p) this.periodCache.set(key, (p = this.periods(rule)));
    return p;
  }

  private notApplicable(rule: Rule, cadre: EvalCadre, period: Period, unit: string): void {
    this.out.push({
      cadreId: cadre.id,
      ruleId: rule.id,
      clause: rule.clause,
      period,
      required: 0,
      achieved: 0,
      unit,
      status: 'n/a',
      evidence: NONE,
    });
  }

  private readonly outsideOf = new Map<Rule, RuleOutside>();
  /** A cadre the rule's who-filter leaves out: 不适用 over the whole selection (a result, or listed apart). */
  private left(rule: Rule, cadre: EvalCadre, unit: string): void {
    if (!this.outside) return this.notApplicable(rule, cadre, this.selectionPeriod(rule), unit);
    let o = this.outsideOf.get(rule);
    if (!o) {
      o = { ruleId: rule.id, clause: rule.clause, period: this.selectionPeriod(rule), unit, cadreIds: [], at: [] };
      this.outsideOf.set(rule, o);
      this.outside.push(o);
    }
    o.cadreIds.push(cadre.id);
    o.at.push(this.out.length);
  }

  private readonly selectionPeriods = new Map<Rule, Period>();
  /** Who-filter misses give one 不适用 row per cadre and rule, spanning the selection. */
  private selectionPeriod(rule: Rule): Period {
    let p = this.selectionPeriods.get(rule);
    if (!p) {
      const { from, to } = this.range;
      const kind = 'period' in rule ? rule.period : 'calendarYear';
      p = { kind, label: `${formatChineseDate(from)}—${formatChineseDate(to)}`, start: from, end: to };
      this.selectionPeriods.set(rule, p);
    }
    return p;
  }

  // -------------------------------------------------------------------------------------------- kinds

  run(rule: Rule): void {
    if (!rule.measurable) return;
    switch (rule.kind) {
      case 'frequency':
        this.frequency(rule);
        return this.thresholds(rule);
      case 'interval':
        return this.interval(rule);
      case 'coverage':
        return this.coverage(rule);
      case 'quota':
        return this.quota(rule);
      case 'deadline':
        return this.deadline(rule);
      case 'roster':
        return this.roster(rule);
      case 'task':
        return this.task(rule);
    }
  }

  private eachSubjectPeriod(
    rule: FrequencyRule | CoverageRule,
    unit: string,
    f: (s: Subject, p: Period, cadre: EvalCadre | undefined, unitId: string | undefined) => void,
  ): void {
    for (const { subject, cadre, unitId } of this.subjectsOf(rule, rule.collective)) {
      if (cadre && !this.cadreFits(rule.who.cadres, cadre)) {
        if (!this.quiet) this.left(rule, cadre, unit);
        continue;
      }
      for (const p of this.periodsFor(rule, cadre)) {
        if (cadre && !termOverlaps(cadre, p)) {
          this.notApplicable(rule, cadre, p, unit);
          continue;
        }
        f(subject, p, cadre, unitId);
      }
    }
  }

  private frequency(rule: FrequencyRule): void {
    const unit = QUANTITY_UNIT[rule.quantity] ?? '次';
    const types = rule.counts.activityTypes;
    const asOf = this.input.asOf;
    // A count needs only the records' ids (its evidence); other quantities read the records themselves.
    const byRecord = rule.quantity !== 'count';
    // A count of a cadre's records of some types, whatever else they are: their ids are the whole answer.
    const idsOnly = !byRecord && !!types?.length && countsAll(rule.counts);
    this.eachSubjectPeriod(rule, unit, (s, p, cadre, unitId) => {
      const matched: EvalRecord[] = [];
      let ids = idsOnly && s.kind === 'cadre' ? this.recordIdsOf(s.cadre.id, types!, p.start, p.end) : undefined;
      if (!ids) {
        const got: string[] = (ids = []);
        this.each(s, types, p.start, p.end, (r) => {
          if (!this.recordCounts(rule.counts, s, r)) return;
          if (byRecord) matched.push(r);
          got.push(r.id);
        });
      }
      let warnings: string[] | undefined;
      let required = rule.min ?? 0;
      if (rule.minShareOfWorkdays !== undefined) {
        const wd = this.input.calendar.workdays.workdaysBetween(p.start, p.end);
        required = Math.ceil(wd.count * rule.minShareOfWorkdays);
        if (wd.unknownYears.length) warnings = [`${wd.unknownYears.join('、')}年无节假日安排，工作日按周一至周五估算`];
      }
      const achieved = byRecord ? this.quantity(rule, s, matched) : ids.length;
      const max = rule.max;
      const status = judge(required, achieved, p, asOf, max !== undefined ? { max } : NO_OPTIONS);
      const res: EvalResult = {
        cadreId: cadre?.id ?? null,
        ruleId: rule.id,
        clause: rule.clause,
        period: p,
        required,
        achieved,
        unit,
        status,
        evidence: ids.length ? ids : NONE,
      };
      if (max !== undefined) res.max = max;
      if (unitId) res.unitId = unitId;
      if (warnings) res.warnings = warnings;
      this.out.push(res);
    });
  }

  private quantity(rule: FrequencyRule, s: Subject, matched: EvalRecord[]): number {
    switch (rule.quantity) {
      case 'count':
        return matched.length;
      case 'hours':
        return Math.round(matched.reduce((a, r) => a + (r.hours ?? 0), 0) * 100) / 100;
      case 'days':
        return matched.reduce((a, r) => a + (r.days ?? 1), 0);
      case 'distinctObjects': {
        const seen = new Set<string>();
        for (const r of matched) {
          const year = Number(r.date.slice(0, 4));
          const ids = this.cadreIdsOf(s, r);
          for (const o of r.objectIds) if (this.objectMatches(rule.counts, o, ids, year)) seen.add(o);
        }
        return seen.size;
      }
      case 'consecutiveDays':
        return this.longestRun(matched, rule.consecutiveWorkdays === true);
    }
  }

  /** Longest run of days covered by the records; over working days, off days are skipped, not breaks. */
  private longestRun(matched: EvalRecord[], workdaysOnly: boolean): number {
    const days = new Set<number>();
    for (const r of matched) {
      const n0 = dayNumber(r.date);
      const len = Math.max(1, Math.floor(r.days ?? 1));
      for (let i = 0; i < len; i++) days.add(n0 + i);
    }
    const sorted = [...days].sort((a, b) => a - b);
    const wd = this.input.calendar.workdays;
    const isWork = (n: number) => wd.checkWorkday(addDays('1970-01-01', n)).workday;
    let best = 0;
    let run = 0;
    let prev = Number.NaN;
    for (const n of sorted) {
      if (workdaysOnly && !isWork(n)) continue;
      let joined = n === prev + 1;
      if (!joined && workdaysOnly && !Number.isNaN(prev)) {
        joined = true;
        for (let k = prev + 1; k < n; k++)
          if (isWork(k)) {
            joined = false;
            break;
          }
      }
      run = joined ? run + 1 : 1;
      prev = n;
      if (run > best) best = run;
    }
    return best;
  }

  private objectSet(rule: CoverageRule, s: Subject, cadre: EvalCadre | undefined, p: Period): EvalObject[] {
    const f = rule.counts.objects ?? {};
    const y0 = Number(p.start.slice(0, 4));
    const y1 = Number(p.end.slice(0, 4));
    let pool: EvalObject[];
    if (f.among === 'assignments' && cadre) {
      const ids = new Set<string>();
      for (let y = Math.max(y0, y1 - 50); y <= y1; y++)
        for (const o of this.ix.assigned.get(`${cadre.id}|${y}`) ?? []) ids.add(o);
      pool = [...ids].map((id) => this.ix.objects.get(id)).filter((o): o is EvalObject => !!o);
    } else if (f.categories && f.categories.length) {
      pool = f.categories.flatMap((c) => this.ix.objectsByCategory.get(c) ?? []);
    } else pool = [...this.ix.objects.values()];
    return pool.filter((o) => {
      if (cadre && isSelf(cadre, o)) return false;
      if (f.categories && f.categories.length && !f.categories.includes(o.category)) return false;
      if (f.grades && f.grades.length && !(o.grade && f.grades.includes(o.grade))) return false;
      if (cadre && (f.among === 'ownUnit' || f.among === 'assignmentsOrOwnUnit')) {
        const own = o.unitId !== null && o.unitId === cadre.unitId;
        if (f.among === 'ownUnit' && !own) return false;
        if (f.among === 'assignmentsOrOwnUnit' && !own) {
          let held = false;
          for (let y = y0; y <= y1 && !held; y++) held = !!this.ix.assigned.get(`${cadre.id}|${y}`)?.has(o.id);
          if (!held) return false;
        }
      }
      if (s.kind === 'unit' && f.among === 'ownUnit') return o.unitId === s.unitId;
      return true;
    });
  }

  private coverage(rule: CoverageRule): void {
    const unit = '个';
    const types = rule.counts.activityTypes;
    const asOf = this.input.asOf;
    const countsNoObjects: Counts = { ...rule.counts, objects: undefined };
    this.eachSubjectPeriod(rule, unit, (s, p, cadre, unitId) => {
      const set: { id: string }[] = rule.members
        ? this.memberSet(rule, s, cadre, p)
        : this.objectSet(rule, s, cadre, p);
      const base: EvalResult = {
        cadreId: cadre?.id ?? null,
        ruleId: rule.id,
        clause: rule.clause,
        period: p,
        required: 0,
        achieved: 0,
        unit,
        status: 'n/a',
        evidence: NONE,
      };
      if (unitId) base.unitId = unitId;
      if (!set.length) {
        this.out.push(base);
        return;
      }
      const wanted = new Set(set.map((o) => o.id));
      const hits = new Map<string, number>();
      const evidence: string[] = [];
      this.each(s, types, p.start, p.end, (r) => {
        if (!this.recordCounts(countsNoObjects, s, r)) return;
        let used = false;
        for (const o of rule.members ? this.membersReached(s, r) : r.objectIds)
          if (wanted.has(o)) {
            hits.set(o, (hits.get(o) ?? 0) + 1);
            used = true;
          }
        if (used) evidence.push(r.id);
      });
      let achieved = 0;
      for (const n of hits.values()) if (n >= rule.perObject) achieved++;
      const required = Math.ceil(set.length * rule.fraction - 1e-9);
      base.required = required;
      base.achieved = achieved;
      base.status = judge(required, achieved, p, asOf);
      base.evidence = evidence.length ? evidence : NONE;
      // Who was not reached (or not often enough): the figure alone cannot be acted on.
      const missing = set.filter((o) => (hits.get(o.id) ?? 0) < rule.perObject).map((o) => o.id);
      if (missing.length) {
        if (rule.members) base.missingCadres = missing;
        else base.missing = missing;
      }
      this.out.push(base);
    });
  }

  private quota(rule: QuotaRule): void {
    const unit = '个';
    const { from, to } = this.range;
    const asOf = this.input.asOf;
    const years = periodsOverlapping('calendarYear', from, to, this.input.calendar.school);
    for (const cadre of this.input.cadres) {
      if (!this.cadreFits(rule.who.cadres, cadre)) {
        this.left(rule, cadre, unit);
        continue;
      }
      for (const p of years) {
        if (!termOverlaps(cadre, p)) {
          this.notApplicable(rule, cadre, p, unit);
          continue;
        }
        const year = Number(p.start.slice(0, 4));
        const held = this.ix.assignments.get(`${cadre.id}|${year}`) ?? [];
        const slots: SlotResult[] = rule.slots.map((sl) => {
          const ids = held
            .filter((a) => {
              const o = this.ix.objects.get(a.objectId);
              return (o && sl.categories.includes(o.category)) || (!o && a.slot === sl.name);
            })
            .map((a) => a.id);
          const ok = ids.length >= sl.min && (sl.max === undefined || ids.length <= sl.max);
          const r: SlotResult = { name: sl.name, min: sl.min, count: ids.length, ok, assignmentIds: ids };
          if (sl.max !== undefined) r.max = sl.max;
          return r;
        });
        const issues = this.quotaIssues(rule, held, year);
        let required: number;
        let achieved: number;
        if (slots.length) {
          // The minimum number of contact points the slots ask for (五个一: 5; 1—3个学院: 1), and how many of
          // those are filled — a slot held beyond its minimum does not make up for an empty one.
          required = slots.reduce((a, x) => a + x.min, 0);
          achieved = slots.reduce((a, x) => a + Math.min(x.count, x.min), 0);
        } else {
          required = held.length;
          achieved = held.filter((a) => !issues.some((i) => i.assignmentId === a.id)).length;
        }
        const overMax = slots.some((x) => x.max !== undefined && x.count > x.max);
        let status: Status;
        if (issues.length || overMax) status = 'missed';
        else if (achieved >= required) status = 'met';
        else status = asOf >= p.end ? 'missed' : asOf < p.start ? 'open' : 'behind';
        const res: EvalResult = {
          cadreId: cadre.id,
          ruleId: rule.id,
          clause: rule.clause,
          period: p,
          required,
          achieved,
          unit,
          status,
          evidence: held.length ? held.map((a) => a.id) : NONE,
        };
        if (slots.length) res.slots = slots;
        if (issues.length) res.issues = issues;
        this.out.push(res);
      }
    }
  }

  private quotaIssues(rule: QuotaRule, held: EvalAssignment[], year: number): QuotaIssue[] {
    const issues: QuotaIssue[] = [];
    for (const a of held) {
      const o = this.ix.objects.get(a.objectId);
      const name = o?.name ?? a.objectId;
      if (rule.exclusive) {
        const h = this.ix.holders.get(`${year}|${a.objectId}`);
        if (h && h.size > 1) {
          const others = [...h].filter((c) => c !== a.cadreId).map((c) => this.ix.cadres.get(c)?.name ?? c);
          issues.push({
            kind: 'shared',
            assignmentId: a.id,
            objectId: a.objectId,
            message: `联系点“${name}”同时由${others.join('、')}联系`,
          });
        }
      }
      if (rule.minDurationDays && a.startDate && a.endDate) {
        const held = dayNumber(a.endDate) - dayNumber(a.startDate) + 1;
        if (held < rule.minDurationDays)
          issues.push({
            kind: 'tooShort',
            assignmentId: a.id,
            objectId: a.objectId,
            message: `联系点“${name}”仅联系${held}天，少于${rule.minDurationDays}天`,
          });
      }
      for (const chk of rule.attributeChecks) {
        if (o && chk.categories.includes(o.category) && !(o.grade && chk.grades.includes(o.grade)))
          issues.push({
            kind: 'attribute',
            assignmentId: a.id,
            objectId: a.objectId,
            message: `联系对象“${name}”的年级${o.grade ? `“${o.grade}”` : '未填'}不在${chk.grades.join('、')}之中`,
          });
      }
    }
    return issues;
  }

  private deadline(rule: DeadlineRule): void {
    const { from, to } = this.range;
    const asOf = this.input.asOf;
    const wd = this.input.calendar.workdays;
    for (const fu of this.input.followUps ?? []) {
      if (!rule.events.includes(fu.type) || fu.raisedOn < from || fu.raisedOn > to) continue;
      if (rule.reply || rule.on !== 'any' || rule.extension) {
        this.deadlineStages(rule, fu);
        continue;
      }
      let due: string;
      let warnings: string[] | undefined;
      if (rule.dayKind === 'workdays') {
        const r = wd.addWorkdays(fu.raisedOn, rule.within);
        due = r.date;
        if (r.unknownYears.length) warnings = [`${r.unknownYears.join('、')}年无节假日安排，期限按周一至周五估算`];
      } else due = addDays(fu.raisedOn, rule.within);
      let doneOn: string | null = null;
      let evidence: string[] = NONE;
      const objectIds = followUpObjects(fu);
      if (rule.satisfiedBy && objectIds.length) {
        // The earliest visit of the satisfying types to any object of the item (its source record's objects).
        for (const o of objectIds) {
          const list = this.ix.byObject().get(o);
          if (!list) continue;
          for (let i = lowerBound(list, fu.raisedOn); i < list.length; i++) {
            const r = list[i]!;
            if (doneOn && r.date >= doneOn) break;
            if (rule.satisfiedBy.activityTypes.includes(r.activityType) && r.id !== fu.recordId) {
              doneOn = r.date;
              evidence = [r.id];
              break;
            }
          }
        }
      } else
        // Without an object to look for a visit to, the item's own feedback or completion date closes it.
        doneOn = fu.completedOn && fu.completedOn <= asOf ? fu.completedOn : null;
      const period: Period = {
        kind: 'deadline',
        label: `${fu.type}（${formatChineseDate(fu.raisedOn)}起${rule.within}个${rule.dayKind === 'workdays' ? '工作日' : '日'}）`,
        start: fu.raisedOn,
        end: due,
      };
      const achieved = doneOn && doneOn <= due ? 1 : 0;
      const status: Status = doneOn ? (achieved ? 'met' : 'missed') : judge(1, 0, period, asOf);
      const res: EvalResult = {
        cadreId: fu.cadreId ?? null,
        ruleId: rule.id,
        clause: rule.clause,
        period,
        required: 1,
        achieved,
        unit: '项',
        status,
        evidence,
        followUpId: fu.id,
      };
      const unallowed = this.unallowedExtension(fu, due);
      if (unallowed) (warnings ??= []).push(unallowed);
      if (warnings) res.warnings = warnings;
      this.out.push(res);
    }
  }

  /** An item extended (延期至) under a rule that allows no extension is judged on its deadline, and says so. */
  private unallowedExtension(fu: EvalFollowUp, due: string): string | null {
    return fu.extendedTo && fu.extendedTo > due
      ? `延期至${formatChineseDate(fu.extendedTo)}，本要求未规定可以延期，按原期限${formatChineseDate(due)}计`
      : null;
  }

  private roster(rule: RosterRule): void {
    const asOf = this.input.asOf;
    const wd = this.input.calendar.workdays;
    // A rota is kept by the who-set together (校领导轮流), or by each unit for itself (镇每天安排1名领导).
    for (const { subject, unitId } of this.subjectsOf(rule, true)) {
      for (const p of this.periodsFor(rule)) {
        const dates = patternDates(rule.pattern, p.start, p.end, wd);
        const held = new Map<string, string>();
        const onDuty = rule.perDuty > 1 ? new Map<string, { cadres: Set<string>; records: string[] }>() : undefined;
        const dayRecords = rule.involved ? new Map<string, EvalRecord[]>() : undefined;
        this.each(subject, rule.activityTypes, p.start, p.end, (r) => {
          if (!matchesPattern(rule.pattern, r.date, r.startTime, r.endTime, wd)) return;
          if (dayRecords) push(dayRecords, r.date, r);
          if (onDuty) return this.dutyPeople(onDuty, subject, r);
          if (!held.has(r.date)) held.set(r.date, r.id);
        });
        // N people per duty: a day is held once N different cadres of the rota were on it.
        if (onDuty) for (const [d, x] of onDuty) if (x.cadres.size >= rule.perDuty) held.set(d, x.records.join(','));
        // Days held but without the involved departments' heads: not held, named in a note rather than as 无人值班.
        const lacking = new Set<string>();
        const absent = dayRecords ? this.involvedAbsent(rule, held, dayRecords, lacking) : [];
        let achieved = 0;
        let due = 0;
        const evidence: string[] = [];
        const missing: string[] = [];
        for (const d of dates) {
          const id = held.get(d);
          if (id) {
            achieved++;
            evidence.push(...id.split(','));
          } else if (d <= asOf && !lacking.has(d)) missing.push(d);
          if (d <= asOf) due++;
        }
        const res: EvalResult = {
          cadreId: null,
          ruleId: rule.id,
          clause: rule.clause,
          period: p,
          required: dates.length,
          achieved,
          unit: '次',
          status: judge(dates.length, achieved, p, asOf, { pace: due }),
          evidence: evidence.length ? evidence : NONE,
        };
        if (unitId) res.unitId = unitId;
        if (missing.length) res.missing = missing;
        if (rule.pattern.workdaysOnly) {
          const unknown: number[] = [];
          for (let y = Number(p.start.slice(0, 4)); y <= Number(p.end.slice(0, 4)); y++)
            if (!wd.knowsYear(y)) unknown.push(y);
          if (unknown.length) res.warnings = [`${unknown.join('、')}年无节假日安排，工作日按周一至周五估算`];
        }
        if (absent.length) res.warnings = [...(res.warnings ?? []), ...absent];
        this.out.push(res);
      }
    }
  }

  private task(rule: TaskRule): void {
    const asOf = this.input.asOf;
    const subjects = this.subjectsOf(rule, true);
    for (const { subject, unitId } of subjects) {
      for (const p of this.periodsFor(rule)) {
        if (rule.before) {
          this.beforeDuty(rule, rule.before, subject, unitId, p);
          continue;
        }
        let dueDate = p.end;
        if (rule.due) {
          const y = Number(p.end.slice(0, 4));
          let d = `${y}-${rule.due}`;
          if (rule.dueOnHoliday && isoValid(d)) d = this.shiftToWorkday(d, rule.dueOnHoliday);
          if (d >= p.start && d < p.end) dueDate = d;
        }
        let evidence =
          subject.kind === 'institution' && rule.activityTypes?.length
            ? this.recordIdsOf(null, rule.activityTypes, p.start, dueDate)
            : undefined;
        if (!evidence) {
          const got: string[] = (evidence = []);
          this.each(subject, rule.activityTypes, p.start, dueDate, (r) => got.push(r.id));
        }
        const window: Period = { ...p, end: dueDate };
        const res: EvalResult = {
          cadreId: null,
          ruleId: rule.id,
          clause: rule.clause,
          period: p,
          required: rule.min,
          achieved: evidence.length,
          unit: '次',
          status: judge(rule.min, evidence.length, window, asOf),
          evidence: evidence.length ? evidence : NONE,
        };
        if (unitId) res.unitId = unitId;
        this.out.push(res);
      }
    }
  }
  // ------------------------------------------------------------------------------ constructs of the second model
  // Kept apart from the first model's kinds above: thresholds over a second period, cadre members of a coverage
  // set, N people per duty, due dates moved off holidays, staged deadlines and maximum intervals.

  /** The day `n` calendar or working days before `d` (working days: counted back over working days only). */
  private daysBefore(d: string, n: number, kind: DayKind): string {
    if (kind === 'calendarDays') return addDays(d, -n);
    const wd = this.input.calendar.workdays;
    let x = d;
    for (let k = 0; k < n; k++) {
      x = addDays(x, -1);
      for (let i = 0; i < 30 && !wd.checkWorkday(x).workday; i++) x = addDays(x, -1);
    }
    return x;
  }

  /**
   * 值班日前办理 (5日前通知, 前一天汇报): for each duty day of the period, a record of the task's types dated at
   * least `min` and at most `max` days before it (without `max`: after the previous duty day). A record serves one
   * duty day. Required = the period's duty days; a duty day is due once its latest day has passed.
   */
  private beforeDuty(rule: TaskRule, b: BeforeDuty, subject: Subject, unitId: string | undefined, p: Period): void {
    const asOf = this.input.asOf;
    const wd = this.input.calendar.workdays;
    // The duty days of the period, and the one before its first (where a notice's window opens).
    const look = b.pattern.dates?.length ? 366 : 62;
    const all = patternDates(b.pattern, addDays(p.start, -look), p.end, wd);
    const used = new Set<string>();
    const evidence: string[] = [];
    const missing: string[] = [];
    let required = 0;
    let achieved = 0;
    let due = 0;
    all.forEach((d, i) => {
      if (d < p.start) return;
      required++;
      const latest = this.daysBefore(d, b.min, b.dayKind);
      const earliest =
        b.max !== undefined
          ? this.daysBefore(d, b.max, b.dayKind)
          : i > 0
            ? addDays(all[i - 1]!, 1)
            : addDays(d, -look);
      let found: string | null = null;
      this.each(subject, rule.activityTypes, earliest, latest, (r) => {
        if (!found && !used.has(r.id)) found = r.id;
      });
      if (found) {
        used.add(found);
        evidence.push(found);
        achieved++;
      } else if (latest < asOf) missing.push(d);
      if (latest < asOf) due++;
    });
    const res: EvalResult = {
      cadreId: null,
      ruleId: rule.id,
      clause: rule.clause,
      period: p,
      required,
      achieved,
      unit: '次',
      status: judge(required, achieved, p, asOf, { pace: due }),
      evidence: evidence.length ? evidence : NONE,
    };
    if (unitId) res.unitId = unitId;
    if (missing.length) res.missing = missing;
    this.out.push(res);
  }

  /** 督办 items' departments by the record they were raised from, built the first time a rule asks. */
  private departmentsByRecord?: Map<string, string[]>;

  /**
   * 涉及的单位负责人一同参加: a duty day whose records gave rise to 督办 items handed to departments stays held only
   * if, for each such department, a cadre of it (matching the rule's filter) is among that day's duty records.
   * Takes the failing days out of `held`, and returns one note per such day naming the departments.
   */
  private involvedAbsent(
    rule: RosterRule,
    held: Map<string, string>,
    dayRecords: Map<string, EvalRecord[]>,
    lacking: Set<string>,
  ): string[] {
    if (!this.departmentsByRecord) {
      this.departmentsByRecord = new Map();
      for (const fu of this.input.followUps ?? [])
        if (fu.recordId && fu.departmentId) push(this.departmentsByRecord, fu.recordId, fu.departmentId);
    }
    const filter = rule.involved!.cadres;
    const notes: string[] = [];
    for (const [d, records] of dayRecords) {
      if (!held.has(d)) continue;
      const units = new Set(records.flatMap((r) => this.departmentsByRecord!.get(r.id) ?? []));
      if (!units.size) continue;
      const present = new Set<string>();
      for (const r of records)
        for (const id of r.cadreIds) {
          const c = this.ix.cadres.get(id);
          if (c?.unitId && units.has(c.unitId) && this.cadreFits(filter, c)) present.add(c.unitId);
        }
      const absent = [...units].filter((u) => !present.has(u));
      if (!absent.length) continue;
      held.delete(d);
      lacking.add(d);
      const names = absent.map((u) => (this.input.units ?? []).find((x) => x.id === u)?.name ?? u);
      notes.push(`${formatChineseDate(d)}：涉及的${names.join('、')}负责人未一同参加`);
    }
    return notes;
  }

  /** Set while a frequency rule's further thresholds run: their 不适用 rows are the main threshold's. */
  private quiet = false;

  /** "每月不少于2次，且每学期不少于8学时": each further threshold judged as the rule over its own period. */
  private thresholds(rule: FrequencyRule): void {
    if (!rule.also || !rule.also.length) return;
    this.quiet = true;
    try {
      for (const t of rule.also)
        this.frequency({
          ...rule,
          period: t.period,
          windows: t.windows,
          quantity: t.quantity ?? rule.quantity,
          min: t.min,
          max: t.max,
          minShareOfWorkdays: undefined,
          also: undefined,
        });
    } finally {
      this.quiet = false;
    }
  }

  /** The cadres a coverage over members must reach: the members' filter, in office in the period, never oneself. */
  private memberSet(rule: CoverageRule, s: Subject, cadre: EvalCadre | undefined, p: Period): { id: string }[] {
    const m = rule.members!;
    return this.input.cadres.filter((c) => {
      if (cadre && c.id === cadre.id) return false;
      if (!this.cadreFits(m.cadres, c) || !termOverlaps(c, p)) return false;
      if (m.sameUnit && cadre && (cadre.unitId === null || c.unitId !== cadre.unitId)) return false;
      if (s.kind === 'unit' && c.unitId !== s.unitId) return false;
      return true;
    });
  }

  /** The members a record reaches: its cadres other than the one(s) it is counted for. */
  private membersReached(s: Subject, r: EvalRecord): string[] {
    if (s.kind === 'cadre') return r.cadreIds.filter((id) => id !== s.cadre.id);
    if (s.kind === 'group') return r.cadreIds.filter((m) => r.cadreIds.some((id) => id !== m && s.ids.has(id)));
    return r.cadreIds.length > 1 ? r.cadreIds : NONE;
  }

  /** Counts the distinct cadres of the rota on one duty day. */
  private dutyPeople(onDuty: Map<string, { cadres: Set<string>; records: string[] }>, s: Subject, r: EvalRecord): void {
    let x = onDuty.get(r.date);
    if (!x) onDuty.set(r.date, (x = { cadres: new Set(), records: [] }));
    let added = false;
    for (const id of r.cadreIds)
      if (s.kind !== 'group' || s.ids.has(id)) {
        if (!x.cadres.has(id)) added = true;
        x.cadres.add(id);
      }
    if (added) x.records.push(r.id);
  }

  /** A date moved to the next working day, or brought forward to the one before, when it is a day off. */
  private shiftToWorkday(date: string, dir: 'next' | 'previous'): string {
    const wd = this.input.calendar.workdays;
    let d = date;
    for (let i = 0; i < 30 && !wd.checkWorkday(d).workday; i++) d = addDays(d, dir === 'next' ? 1 : -1);
    return d;
  }

  /** The last day allowed: `days` calendar or working days after `from`. */
  private limitAfter(from: string, days: number, kind: DayKind): { date: string; unknownYears: number[] } {
    if (kind === 'calendarDays') return { date: addDays(from, days), unknownYears: [] };
    return this.input.calendar.workdays.addWorkdays(from, days);
  }

  /**
   * Staged deadlines: an optional first reply judged on the reply date, and the main deadline judged on the
   * date the rule names (reply, close, or the first model's reply-else-close), which an approved extension
   * (延期至) may move out by at most the rule's maximum. One result per stage.
   */
  private deadlineStages(rule: DeadlineRule, fu: EvalFollowUp): void {
    const replied = fu.feedbackOn !== undefined ? (fu.feedbackOn ?? fu.closedOn ?? null) : fu.completedOn;
    const closed = fu.closedOn !== undefined ? fu.closedOn : fu.completedOn;
    if (rule.reply) {
      const kind = rule.reply.dayKind ?? rule.dayKind;
      this.deadlineStage(rule, fu, 'reply', rule.reply.within, kind, replied, null);
    }
    const doneOn = rule.on === 'reply' ? replied : rule.on === 'close' ? closed : fu.completedOn;
    this.deadlineStage(rule, fu, 'close', rule.within, rule.dayKind, doneOn, rule.extension ?? null);
  }

  private deadlineStage(
    rule: DeadlineRule,
    fu: EvalFollowUp,
    stage: 'reply' | 'close',
    within: number,
    kind: DayKind,
    doneOnRaw: string | null,
    ext: { max: number; dayKind?: DayKind | undefined } | null,
  ): void {
    const asOf = this.input.asOf;
    const warnings: string[] = [];
    const limit = this.limitAfter(fu.raisedOn, within, kind);
    let due = limit.date;
    const unknown = new Set(limit.unknownYears);
    const days = `${within}${kind === 'workdays' ? '个工作日' : '日'}`;
    const verb = stage === 'reply' ? '首次答复' : rule.on === 'close' ? '办结' : rule.on === 'reply' ? '答复' : '办理';
    let label = `${fu.type}（${formatChineseDate(fu.raisedOn)}起${days}内${verb}）`;
    if (ext && fu.extendedTo && fu.extendedTo > due) {
      const cap = this.limitAfter(due, ext.max, ext.dayKind ?? kind);
      for (const y of cap.unknownYears) unknown.add(y);
      if (fu.extendedTo > cap.date)
        warnings.push(
          `延期至${formatChineseDate(fu.extendedTo)}，超过制度允许的最长延期（至${formatChineseDate(cap.date)}），按${formatChineseDate(cap.date)}计`,
        );
      due = fu.extendedTo > cap.date ? cap.date : fu.extendedTo;
      label = `${label.slice(0, -1)}，延期至${formatChineseDate(due)}）`;
    } else if (stage === 'close' && !ext) {
      const unallowed = this.unallowedExtension(fu, due);
      if (unallowed) warnings.push(unallowed);
    }
    if (unknown.size) warnings.unshift(`${[...unknown].sort().join('、')}年无节假日安排，期限按周一至周五估算`);
    const doneOn = doneOnRaw && doneOnRaw <= asOf ? doneOnRaw : null;
    const period: Period = { kind: 'deadline', label, start: fu.raisedOn, end: due };
    const achieved = doneOn && doneOn <= due ? 1 : 0;
    const status: Status = doneOn ? (achieved ? 'met' : 'missed') : judge(1, 0, period, asOf);
    const res: EvalResult = {
      cadreId: fu.cadreId ?? null,
      ruleId: rule.id,
      clause: rule.clause,
      period,
      required: 1,
      achieved,
      unit: '项',
      status,
      evidence: NONE,
      followUpId: fu.id,
      stage,
    };
    if (warnings.length) res.warnings = warnings;
    this.out.push(res);
  }

  /** The whole selection as one period, for rules that judge a stretch of time rather than periods. */
  private spanPeriod(): Period {
    const { from, to } = this.range;
    return { kind: 'span', label: `${formatChineseDate(from)}—${formatChineseDate(to)}`, start: from, end: to };
  }

  /** Distance from `a` to `b` in the rule's days: calendar days, or working days after `a` up to `b`. */
  private gapDays(a: string, b: string, kind: DayKind): number {
    if (b <= a) return 0;
    if (kind === 'calendarDays') return dayNumber(b) - dayNumber(a);
    return this.input.calendar.workdays.workdaysBetween(addDays(a, 1), b).count;
  }

  /** The counting records of a subject as contact spans [first day, last day], with the objects they touched. */
  private contacts(
    rule: IntervalRule,
    s: Subject,
    start: string,
    end: string,
  ): { start: string; end: string; id: string; objectIds: readonly string[] }[] {
    const out: { start: string; end: string; id: string; objectIds: readonly string[] }[] = [];
    this.each(s, rule.counts.activityTypes, start, end, (r) => {
      if (!this.recordCounts(rule.counts, s, r)) return;
      const len = Math.max(1, Math.floor(r.days ?? 1));
      out.push({ start: r.date, end: addDays(r.date, len - 1), id: r.id, objectIds: r.objectIds });
    });
    return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  }

  /**
   * 间隔: no more than maxGap days between consecutive contacts — of the kind, or with each object of the set.
   * A day is overdue when more than maxGap days have passed since the last contact; the result is 未达标 when
   * any day of the selection is overdue. The first gap runs from the last contact before the selection (it may
   * lie in the year before) or, with none, from the start of the selection, the term, or the contact point;
   * the last gap runs to the selection's end (or the as-of date), so a gap across the new year is judged in
   * the year it overran. While the selection runs, a gap within a quarter of the interval (at most 7 days) of
   * its end is 预警.
   */
  private interval(rule: IntervalRule): void {
    const unit = rule.dayKind === 'workdays' ? '个工作日' : '天';
    const asOf = this.input.asOf;
    const period = this.spanPeriod();
    for (const { subject, cadre, unitId } of this.subjectsOf(rule, rule.collective)) {
      if (cadre && !this.cadreFits(rule.who.cadres, cadre)) {
        this.left(rule, cadre, unit);
        continue;
      }
      if (cadre && !termOverlaps(cadre, period)) {
        this.notApplicable(rule, cadre, period, unit);
        continue;
      }
      const res: EvalResult = {
        cadreId: cadre?.id ?? null,
        ruleId: rule.id,
        clause: rule.clause,
        period,
        required: rule.maxGap,
        achieved: 0,
        unit,
        status: 'open',
        evidence: NONE,
      };
      if (unitId) res.unitId = unitId;
      let start = period.start;
      if (cadre?.termStart && cadre.termStart > start) start = cadre.termStart;
      let stop = period.end < asOf ? period.end : asOf;
      if (cadre?.termEnd && cadre.termEnd < stop) stop = cadre.termEnd;
      if (asOf < period.start || stop < start) {
        this.out.push(res);
        continue;
      }
      // Look back for the contact before the selection: as far as the interval itself reaches, and a year more.
      const back = addDays(start, -(rule.maxGap * (rule.dayKind === 'workdays' ? 2 : 1) + 366));
      const all = this.contacts(rule, subject, back, stop);
      const chains: { objectId: string | null; from: string; ends: { start: string; end: string }[] }[] = [];
      if (rule.per === 'kind') chains.push({ objectId: null, from: start, ends: all });
      else {
        const set = this.objectSet(
          { ...rule, kind: 'coverage', period: 'calendarYear', perObject: 1, fraction: 1 } as CoverageRule,
          subject,
          cadre,
          period,
        );
        if (!set.length) {
          res.status = 'n/a';
          this.out.push(res);
          continue;
        }
        for (const o of set) {
          let from = start;
          if (cadre && rule.counts.objects?.among === 'assignments') {
            const since = this.heldSince(cadre.id, o.id, period);
            if (since && since > from) from = since;
          }
          chains.push({ objectId: o.id, from, ends: all.filter((c) => c.objectIds.includes(o.id)) });
        }
      }
      const evidence = new Set<string>();
      for (const c of all) if (c.start >= start) evidence.add(c.id);
      const gaps: GapResult[] = [];
      let longest = 0;
      let nearest: number | null = null;
      for (const ch of chains) {
        // Contacts before the chain's start only anchor it; the anchor is the latest end among them.
        let last: string | null = null;
        let anchor = ch.from;
        const inside: { start: string; end: string }[] = [];
        for (const c of ch.ends) {
          if (c.start < ch.from) {
            if (!last || c.end > last) last = c.end;
          } else inside.push(c);
        }
        if (last) anchor = last;
        // Overlapping contact spans merge: the gap runs from the end of one to the start of the next.
        const points: { start: string; end: string }[] = [];
        for (const c of inside) {
          const prev = points[points.length - 1];
          if (prev && c.start <= addDays(prev.end, 1)) {
            if (c.end > prev.end) prev.end = c.end;
          } else points.push({ ...c });
        }
        let prevEnd = anchor;
        let prevIsContact = !!last;
        const visit = (next: { start: string } | null) => {
          const until = next ? next.start : stop;
          if (until <= prevEnd) return;
          const days = this.gapDays(prevEnd, until, rule.dayKind);
          // The first overdue day: the day after the limit (calendar), the working day after it (working days).
          const overdueFrom = this.limitAfter(prevEnd, rule.maxGap + 1, rule.dayKind).date;
          const within = overdueFrom <= until && until >= start && overdueFrom <= stop;
          if (days > longest) longest = days;
          if (within)
            gaps.push({
              objectId: ch.objectId,
              last: prevIsContact ? prevEnd : null,
              next: next ? next.start : null,
              days,
              overdueFrom: overdueFrom < start ? start : overdueFrom,
            });
          else if (!next) {
            const limit = this.limitAfter(prevEnd, rule.maxGap, rule.dayKind).date;
            const left = this.gapDays(asOf, limit, rule.dayKind);
            if (nearest === null || left < nearest) nearest = left;
          }
        };
        for (const pt of points) {
          visit(pt);
          if (pt.end > prevEnd) prevEnd = pt.end;
          prevIsContact = true;
        }
        visit(null);
      }
      res.achieved = longest;
      res.evidence = evidence.size ? [...evidence] : NONE;
      if (gaps.length) {
        res.status = 'missed';
        res.gaps = gaps;
      } else if (asOf >= period.end) res.status = 'met';
      else if (nearest !== null && nearest < Math.min(7, Math.floor(rule.maxGap / 4))) res.status = 'behind';
      else res.status = 'open';
      this.out.push(res);
    }
  }

  /** The first day a cadre held an object as a contact point within the period (its start, or 1 January). */
  private heldSince(cadreId: string, objectId: string, p: Period): string | null {
    let best: string | null = null;
    for (let y = Number(p.start.slice(0, 4)); y <= Number(p.end.slice(0, 4)); y++)
      for (const a of this.ix.assignments.get(`${cadreId}|${y}`) ?? [])
        if (a.objectId === objectId) {
          const d = a.startDate ?? `${y}-01-01`;
          if (!best || d < best) best = d;
        }
    return best;
  }
}

/**
 * Evaluates every rule for every cadre (or the institution, a unit, a group) over every period of the
 * selection. Records dated after `asOf` are not counted.
 */
/**
 * The results of the input's rules. With `outside`, the cadres a rule's who-filter leaves out are listed there
 * (one entry per rule that leaves any out) instead of one 不适用 result each — at 2,000 cadres × 50 rules three
 * results in four; withOutside gives back exactly the results evaluate makes without it.
 */
export function evaluate(input: EvalInput, index?: EvalIndex, outside?: RuleOutside[]): EvalResult[] {
  const ev = new Evaluator(input, index ?? buildIndex(input), outside);
  for (const r of input.rules) ev.run(r);
  return ev.out;
}

/** The 不适用 result of a cadre a rule leaves out, as evaluate makes it without `outside`. */
export function outsideResult(o: RuleOutside, cadreId: string): EvalResult {
  return {
    cadreId,
    ruleId: o.ruleId,
    clause: o.clause,
    period: o.period,
    required: 0,
    achieved: 0,
    unit: o.unit,
    status: 'n/a',
    evidence: NONE,
  };
}

/** evaluate's results with the cadres listed apart (`outside`) put back in their places. */
export function withOutside(results: readonly EvalResult[], outside: readonly RuleOutside[]): EvalResult[] {
  const put: { at: number; o: RuleOutside; i: number }[] = [];
  for (const o of outside) for (let i = 0; i < o.at.length; i++) put.push({ at: o.at[i]!, o, i });
  put.sort((a, b) => a.at - b.at);
  const out: EvalResult[] = [];
  let j = 0;
  for (const p of put) {
    while (j < p.at) out.push(results[j++]!);
    out.push(outsideResult(p.o, p.o.cadreIds[p.i]!));
  }
  while (j < results.length) out.push(results[j++]!);
  return out;
}

/**
 * For editing rules against fixed data: the record index is built once and each call evaluates only the
 * rules it is given, so changing one rule re-evaluates one rule.
 */
export function createEvaluator(input: Omit<EvalInput, 'rules'>): { evaluate(rules: readonly Rule[]): EvalResult[] } {
  const index = buildIndex(input);
  return { evaluate: (rules) => evaluate({ ...input, rules }, index) };
}
