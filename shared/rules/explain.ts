// Why a figure is what it is, built beside the evaluator from the same predicates so that the screen, the
// documents and the CLI tell the same story: the rule's sentence, the period, the records counted and those
// seen but not counted with the reason; and what is said of a rule as a whole (a deadline rule no item
// falls under).
import { addDays, dayNumber, formatChineseDate } from '../format/date';
import { describeRule } from './describe';
import {
  buildIndex,
  byDate,
  cadreMatches,
  evaluate,
  followUpObjects,
  isSelf,
  lowerBound,
  meetsMinDuration,
  recordHours,
  upperBound,
  type EvalIndex,
} from './evaluate';
import { describePattern, matchesPattern } from './patterns';
import type {
  Counts,
  CoverageRule,
  DeadlineRule,
  FrequencyRule,
  ObjectFilter,
  QuotaRule,
  RosterRule,
  Rule,
  TaskRule,
} from './schema';
import {
  STATUS_LABEL,
  type EvalFollowUp,
  type EvalInput,
  type EvalObject,
  type EvalRecord,
  type EvalResult,
  type GapResult,
  type Period,
} from './types';

/**
 * A deadline rule that no 督办事项 of the range falls under says so, and which kinds the range does have —
 * the usual cause is a rule naming a kind nobody creates (a preset's wording before kinds were derived).
 */
export function deadlineNotice(
  rule: DeadlineRule,
  followUps: readonly EvalFollowUp[],
  range: { from: string; to: string },
): string | null {
  const kinds = new Map<string, number>();
  for (const f of followUps) {
    if (f.raisedOn < range.from || f.raisedOn > range.to) continue;
    if (rule.events.includes(f.type)) return null;
    if (f.type) kinds.set(f.type, (kinds.get(f.type) ?? 0) + 1);
  }
  const named = rule.events.map((e) => `“${e}”`).join('、');
  // A kind inside an event's name (接待日 in 接待日反馈) is most likely what was meant: named first.
  const near = [...kinds.keys()].filter((k) => rule.events.some((e) => e.includes(k) || k.includes(e)));
  const present = [...kinds.entries()]
    .sort((a, b) => Number(near.includes(b[0])) - Number(near.includes(a[0])) || b[1] - a[1])
    .slice(0, 8)
    .map(([k, n]) => `${k}${n}项`)
    .join('、');
  return (
    `所选范围内没有类别为${named}的督办事项，本条要求无可考核的事项` +
    (present
      ? `（${near.length ? `是否应为${near.map((k) => `“${k}”`).join('、')}？` : ''}这一范围的督办事项类别有：${present}）`
      : '（这一范围没有督办事项）') +
    '。督办事项的类别取自它的来源记录的类型（由“转督办”生成的），没有来源记录的取“来源”所填（来信、来访、意见箱等）'
  );
}

// ---------------------------------------------------------------------------------------------- why a figure

/**
 * The input's records in date order (a stable sort: equal dates keep the input's order), made once per records
 * array — a 考核 report explains thousands of figures over the same input, and scanning every record for each
 * one's near misses was a fifth of a 500-cadre packet. Whoever changes a records array in place after explaining
 * over it calls `forgetRecordOrder` (the ledger's cache patches an edited record into its list).
 */
const datedRecords = new WeakMap<readonly EvalRecord[], RecordOrder>();
export function forgetRecordOrder(records: readonly EvalRecord[]): void {
  datedRecords.delete(records);
}
/** The records in date order; each cadre's records in that order, and where each record stands in it (made when asked). */
interface RecordOrder {
  sorted: readonly EvalRecord[];
  byCadre?: Map<string, EvalRecord[]>;
  at?: Map<EvalRecord, number>;
  byId?: Map<string, EvalRecord[]>;
}
function recordOrder(records: readonly EvalRecord[]): RecordOrder {
  let order = datedRecords.get(records);
  if (!order) {
    order = { sorted: [...records].sort(byDate) };
    datedRecords.set(records, order);
  }
  return order;
}
const recordsByDate = (records: readonly EvalRecord[]): readonly EvalRecord[] => recordOrder(records).sorted;

/**
 * A cadre's records dated lo…hi in date order, with the records among `evidence` dated so that are not hers: the
 * records of the whole input in that span, as `candidates` filters them for one cadre, without going through every
 * cadre's records of the span for each figure (a 500-cadre 考核 report explains thousands of figures).
 */
function cadreRecordsNear(
  records: readonly EvalRecord[],
  cadreId: string,
  lo: string,
  hi: string,
  evidence: ReadonlySet<string>,
): EvalRecord[] {
  const order = recordOrder(records);
  if (!order.byCadre) {
    const byCadre = new Map<string, EvalRecord[]>();
    const at = new Map<EvalRecord, number>();
    const byId = new Map<string, EvalRecord[]>();
    order.sorted.forEach((rec, i) => {
      at.set(rec, i);
      for (const c of new Set(rec.cadreIds)) push(byCadre, c, rec);
      push(byId, rec.id, rec);
    });
    Object.assign(order, { byCadre, at, byId });
  }
  const own = order.byCadre!.get(cadreId) ?? [];
  const near = own.slice(lowerBound(own, lo), upperBound(own, hi));
  const others: EvalRecord[] = [];
  for (const id of evidence)
    for (const rec of order.byId!.get(id) ?? [])
      if (rec.date >= lo && rec.date <= hi && !rec.cadreIds.includes(cadreId)) others.push(rec);
  if (!others.length) return near;
  const at = order.at!;
  return [...near, ...others].sort((a, b) => at.get(a)! - at.get(b)!);
}
function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

/** A record (or contact point) that counts, and what it adds: 1次, 2学时, 1个 (a new object) … */
export interface CountedItem {
  id: string;
  /** What it adds to the figure; null where the figure is not a sum (the longest run of days). */
  amount: number | null;
  note: string | null;
}

/** A record (or contact point) of the subject the evaluator saw near the figure but did not count, and why. */
export interface SkippedItem {
  id: string;
  reason: string;
}

export interface Explanation {
  result: EvalResult;
  /** The rule read aloud (describeRule). */
  sentence: string;
  evidenceKind: 'records' | 'assignments';
  counted: CountedItem[];
  skipped: SkippedItem[];
  /** Skipped items left out of the list (it is capped). */
  skippedMore: number;
  /** Plain sentences: the figure against the requirement, the pace, deadlines, slots, problems, warnings. */
  lines: string[];
}

/** Which figure: the subject (a cadre, a unit, or neither), the period, and for deadlines the 督办事项. */
export interface ExplainTarget {
  cadreId: string | null;
  unitId?: string | null;
  periodStart: string;
  periodEnd?: string;
  followUpId?: string | null;
}

const SKIPPED_LIMIT = 300;
const cn = formatChineseDate;

/**
 * One overrun of an interval rule in words, e.g. 检验科：2026年1月10日之后间隔22天，2026年1月25日起超期 — the same
 * sentence on 统计考核 (cell notes, why panel) and in the rule editor's preview.
 */
export function gapLine(g: GapResult, unit: string, objectName: (id: string) => string): string {
  return `${g.objectId ? `${objectName(g.objectId)}：` : ''}${g.last ? `${cn(g.last)}之后` : '期初起'}间隔${g.days}${unit}，${cn(g.overdueFrom)}起超期`;
}
const quote = (xs: readonly string[]) => xs.map((x) => `“${x}”`).join('、');

/** Per-cadre rules can be evaluated for one cadre alone; the others need everyone (a group, the institution). */
function oneCadreSuffices(rule: Rule): boolean {
  if (rule.who.scope !== 'cadre') return false;
  if (rule.kind === 'quota') return true;
  if (rule.kind === 'frequency' || rule.kind === 'coverage' || rule.kind === 'interval') return !rule.collective;
  return false;
}

/**
 * Explains one figure: it evaluates the rule exactly as the screen and the documents do (the same function,
 * the same index), then goes through the subject's records around the period and gives each one that did not
 * count the first reason it fails on — after the as-of date, outside the period, another activity type, not on
 * the dates the rule names, too short, an object outside the rule's objects or not among her contact points.
 * Null when the target names no figure.
 */
export function explain(input: EvalInput, rule: Rule, target: ExplainTarget, index?: EvalIndex): Explanation | null {
  const ix = index ?? buildIndex(input);
  const cadres =
    target.cadreId && oneCadreSuffices(rule) ? input.cadres.filter((c) => c.id === target.cadreId) : input.cadres;
  const result = evaluate({ ...input, cadres, rules: [rule] }, ix).find(
    (r) =>
      r.cadreId === target.cadreId &&
      // A cadre's row names her unit for the screen; the result carries a unit only for unit duties.
      (target.cadreId !== null || !target.unitId || (r.unitId ?? null) === target.unitId) &&
      r.period.start === target.periodStart &&
      (target.periodEnd === undefined || r.period.end === target.periodEnd) &&
      (!target.followUpId || r.followUpId === target.followUpId),
  );
  if (!result) return null;
  return explainResult(input, rule, result, ix);
}

/** The same for a result already at hand (the printed 考核 explains its own figures without evaluating again). */
export function explainResult(input: EvalInput, rule: Rule, result: EvalResult, index: EvalIndex): Explanation {
  return new Why(input, rule, result, index).explain();
}

class Why {
  private readonly counted: CountedItem[] = [];
  private readonly skipped: SkippedItem[] = [];
  private skippedMore = 0;
  private readonly lines: string[] = [];
  private readonly evidence: Set<string>;
  private readonly unitCategory: Map<string, string>;

  constructor(
    private readonly input: EvalInput,
    private readonly rule: Rule,
    private readonly result: EvalResult,
    private readonly ix: EvalIndex,
  ) {
    this.evidence = new Set(result.evidence);
    this.unitCategory = new Map((input.units ?? []).map((u) => [u.id, u.category]));
  }

  explain(): Explanation {
    const r = this.result;
    this.lines.push(this.figureLine());
    switch (this.rule.kind) {
      case 'frequency':
        this.frequency(this.rule);
        break;
      case 'coverage':
        this.coverage(this.rule);
        break;
      case 'task':
        this.task(this.rule);
        break;
      case 'roster':
        this.roster(this.rule);
        break;
      case 'quota':
        this.quota(this.rule);
        break;
      case 'deadline':
        this.deadline(this.rule);
        break;
      case 'interval':
        for (const id of r.evidence) this.counted.push({ id, amount: null, note: null });
        // Where the contacts were too far apart: each overrun, with whom and from which day.
        for (const g of r.gaps ?? []) this.lines.push(gapLine(g, r.unit, (id) => this.ix.objects.get(id)?.name ?? id));
        break;
      default:
        for (const id of r.evidence) this.counted.push({ id, amount: null, note: null });
    }
    for (const i of r.issues ?? []) this.lines.push(i.message);
    for (const x of r.warnings ?? []) this.lines.push(x);
    return {
      result: r,
      sentence: describeRule(this.rule),
      evidenceKind: this.rule.kind === 'quota' ? 'assignments' : 'records',
      counted: this.counted,
      skipped: this.skipped,
      skippedMore: this.skippedMore,
      lines: this.lines,
    };
  }

  // ------------------------------------------------------------------------------------------ the figure

  private figureLine(): string {
    const r = this.result;
    const p = r.period;
    const need =
      r.max !== undefined && r.required === 0
        ? `至多${r.max}${r.unit}`
        : `应${r.required}${r.unit}${r.max !== undefined ? `（至多${r.max}${r.unit}）` : ''}`;
    let s = `${p.label}（${cn(p.start)}至${cn(p.end)}）：${need}，实${r.achieved}${r.unit}，${STATUS_LABEL[r.status]}`;
    const asOf = this.input.asOf;
    if (r.status === 'n/a') s += '（不适用：不在本要求的适用对象之内，或不在任期内，或没有应联系的对象）';
    else if (asOf >= p.end) s += `（截至${cn(asOf)}，本周期已结束）`;
    else if (r.status === 'behind' || r.status === 'open') {
      const total = dayNumber(p.end) - dayNumber(p.start) + 1;
      const gone = Math.max(0, dayNumber(asOf) - dayNumber(p.start) + 1);
      const pace = Math.floor((r.required * gone) / total);
      s += `（截至${cn(asOf)}，周期已过${gone}天，共${total}天${
        this.rule.kind === 'roster' ? '' : `，按进度应完成${pace}${r.unit}`
      }${r.status === 'behind' ? (r.achieved < pace ? '，落后于进度' : '，临近周期结束仍未完成') : ''}）`;
    }
    return s;
  }

  // ------------------------------------------------------------------------------------------ candidates

  /**
   * The records the figure's subject has around the period, by date: every record of the rule's types from a
   * month (or a period's length, if shorter) before the period to as long after it — the near misses — and,
   * for one cadre, her records of any type inside the period.
   */
  private candidates(types: readonly string[] | undefined): EvalRecord[] {
    const r = this.result;
    const p = r.period;
    const len = Math.min(31, dayNumber(p.end) - dayNumber(p.start) + 1);
    const lo = addDays(p.start, -len);
    const hi = addDays(p.end, len);
    const typed = !!types && types.length > 0;
    let has: (rec: EvalRecord) => boolean;
    if (r.cadreId) {
      const id = r.cadreId;
      has = (rec) => rec.cadreIds.includes(id);
    } else if (r.unitId) {
      const u = r.unitId;
      has = (rec) =>
        rec.unitIds && rec.unitIds.length
          ? rec.unitIds.includes(u)
          : rec.cadreIds.some((c) => this.ix.cadres.get(c)?.unitId === u);
    } else if (this.rule.who.scope === 'cadre') {
      const f = this.rule.who.cadres;
      const ids = new Set(
        this.input.cadres.filter((c) => cadreMatches(f, c, (u) => this.unitCategory.get(u))).map((c) => c.id),
      );
      has = (rec) => rec.cadreIds.some((c) => ids.has(c));
    } else has = () => true;
    let near: readonly EvalRecord[];
    if (r.cadreId) near = cadreRecordsNear(this.input.records, r.cadreId, lo, hi, this.evidence);
    else {
      const sorted = recordsByDate(this.input.records);
      near = sorted.slice(lowerBound(sorted, lo), upperBound(sorted, hi));
    }
    return near.filter((rec) => {
      if (this.evidence.has(rec.id)) return true;
      if (!has(rec)) return false;
      if (!typed || types!.includes(rec.activityType)) return true;
      // An institution's or a group's records of other types are too many to be worth listing.
      return !!r.cadreId && rec.date >= p.start && rec.date <= p.end;
    });
  }

  private skip(id: string, reason: string): void {
    if (this.skipped.length < SKIPPED_LIMIT) this.skipped.push({ id, reason });
    else this.skippedMore++;
  }

  // ------------------------------------------------------------------------------------------ reasons

  private dateReason(rec: EvalRecord, start: string, end: string, label: string): string | null {
    if (rec.date > this.input.asOf) return `晚于截至日期${cn(this.input.asOf)}，尚未计入`;
    if (rec.date < start || rec.date > end) return `日期不在${label}内`;
    return null;
  }

  private typeReason(rec: EvalRecord, types: readonly string[] | undefined): string | null {
    if (!types || !types.length || types.includes(rec.activityType)) return null;
    return `类型为“${rec.activityType}”，本要求只计${quote(types)}`;
  }

  /** The parts of `counts` other than the objects: dates, companions, length. */
  private countsReason(rec: EvalRecord, counts: Counts): string | null {
    const wd = this.input.calendar.workdays;
    if (counts.pattern && !matchesPattern(counts.pattern, rec.date, rec.startTime, rec.endTime, wd))
      return `不在规定的日期或时段（${describePattern(counts.pattern)}）`;
    if (counts.companionsAbove !== undefined && !((rec.companions ?? 0) > counts.companionsAbove))
      return `随员${rec.companions ?? 0}人，未超过${counts.companionsAbove}人，不属违反`;
    if (counts.minDuration && !meetsMinDuration(counts.minDuration, rec)) {
      const m = counts.minDuration;
      const h = recordHours(rec);
      return `时长${h === null ? '未填' : `${Math.round(h * 100) / 100}小时`}，不足每次${m.value}${
        m.unit === 'hours' ? '小时' : m.unit === 'halfDays' ? '个半天' : '天'
      }`;
    }
    return null;
  }

  /** Why none of a record's objects is one the filter counts (for the cadres it is counted for). */
  private objectReason(rec: EvalRecord, f: ObjectFilter, cadreIds: readonly string[]): string | null {
    if (!rec.objectIds.length) return '未填联系对象';
    const year = Number(rec.date.slice(0, 4));
    const why: string[] = [];
    for (const id of rec.objectIds) {
      const o = this.ix.objects.get(id);
      const w = o ? this.objectFails(o, f, cadreIds, year) : '不在联系对象名册中';
      if (!w) return null;
      why.push(`“${o?.name ?? id}”${w}`);
    }
    return `联系对象不符：${why.join('；')}`;
  }

  private objectFails(o: EvalObject, f: ObjectFilter, cadreIds: readonly string[], year: number): string | null {
    if (f.categories && f.categories.length && !f.categories.includes(o.category))
      return `是${o.category}，本要求只计${f.categories.join('、')}`;
    if (f.grades && f.grades.length && !(o.grade && f.grades.includes(o.grade)))
      return `${o.grade ? `是${o.grade}` : '未填年级'}，本要求只计${f.grades.join('、')}`;
    if (f.among) {
      const inAssignments = cadreIds.some((c) => this.ix.assigned.get(`${c}|${year}`)?.has(o.id));
      const inUnit = cadreIds.some((c) => o.unitId !== null && this.ix.cadres.get(c)?.unitId === o.unitId);
      if (f.among === 'assignments' && !inAssignments) return `不是本人${year}年的联系点`;
      if (f.among === 'ownUnit' && !inUnit) return '不属于本人所在单位';
      if (f.among === 'assignmentsOrOwnUnit' && !inAssignments && !inUnit)
        return `既不是本人${year}年的联系点，也不属于本人所在单位`;
    }
    return null;
  }

  private cadreIdsFor(rec: EvalRecord): readonly string[] {
    return this.result.cadreId ? [this.result.cadreId] : rec.cadreIds;
  }

  // ------------------------------------------------------------------------------------------ kinds

  private frequency(rule: FrequencyRule): void {
    const p = this.result.period;
    const types = rule.counts.activityTypes;
    const seen = new Set<string>();
    for (const rec of this.candidates(types)) {
      if (this.evidence.has(rec.id)) {
        this.counted.push(this.amountOf(rule, rec, seen));
        continue;
      }
      this.skip(
        rec.id,
        this.dateReason(rec, p.start, p.end, `本周期（${p.label}）`) ??
          this.typeReason(rec, types) ??
          this.countsReason(rec, rule.counts) ??
          (rule.counts.objects ? this.objectReason(rec, rule.counts.objects, this.cadreIdsFor(rec)) : null) ??
          UNEXPLAINED,
      );
    }
    if (rule.quantity === 'consecutiveDays')
      this.lines.push(
        `按最长连续天数计：最长连续${this.result.achieved}天${rule.consecutiveWorkdays ? '（按工作日）' : ''}`,
      );
    if (rule.minShareOfWorkdays !== undefined)
      this.lines.push(`应达到本周期工作日的${Math.round(rule.minShareOfWorkdays * 100)}%，即${this.result.required}天`);
  }

  private amountOf(rule: FrequencyRule, rec: EvalRecord, seen: Set<string>): CountedItem {
    switch (rule.quantity) {
      case 'count':
        return { id: rec.id, amount: 1, note: null };
      case 'hours':
        return rec.hours === null || rec.hours === undefined
          ? { id: rec.id, amount: 0, note: '未填学时，计0学时' }
          : { id: rec.id, amount: rec.hours, note: null };
      case 'days':
        return {
          id: rec.id,
          amount: rec.days ?? 1,
          note: rec.days === null || rec.days === undefined ? '未填天数，计1天' : null,
        };
      case 'distinctObjects': {
        const f = rule.counts.objects ?? {};
        const ids = this.cadreIdsFor(rec);
        const year = Number(rec.date.slice(0, 4));
        let n = 0;
        for (const o of rec.objectIds) {
          const obj = this.ix.objects.get(o);
          if (!obj || seen.has(o) || (rule.counts.objects && this.objectFails(obj, f, ids, year))) continue;
          seen.add(o);
          n++;
        }
        return { id: rec.id, amount: n, note: n ? null : '联系对象已计入' };
      }
      default:
        return { id: rec.id, amount: null, note: null };
    }
  }

  private coverage(rule: CoverageRule): void {
    const p = this.result.period;
    const types = rule.counts.activityTypes;
    const missing = new Set(this.result.missing ?? this.result.missingCadres ?? []);
    const reached = new Map<string, number>();
    for (const rec of this.candidates(types)) {
      if (this.evidence.has(rec.id)) {
        const hit = rule.members
          ? rec.cadreIds.filter((c) => c !== this.result.cadreId)
          : rec.objectIds.filter((o) => this.ix.objects.has(o));
        for (const o of hit) reached.set(o, (reached.get(o) ?? 0) + 1);
        this.counted.push({ id: rec.id, amount: null, note: null });
        continue;
      }
      this.skip(
        rec.id,
        this.dateReason(rec, p.start, p.end, `本周期（${p.label}）`) ??
          this.typeReason(rec, types) ??
          this.countsReason(rec, { ...rule.counts, objects: undefined }) ??
          (rule.members ? '没有应联系的干部参加' : this.coverageObjectReason(rec, rule)) ??
          UNEXPLAINED,
      );
    }
    const name = (id: string) =>
      rule.members ? (this.ix.cadres.get(id)?.name ?? id) : (this.ix.objects.get(id)?.name ?? id);
    const setSize = this.result.required;
    this.lines.push(
      `应联系${rule.fraction < 1 ? `${Math.round(rule.fraction * 100)}%的` : ''}对象${
        rule.perObject > 1 ? `各${rule.perObject}次` : ''
      }：要求${setSize}个，已联系${this.result.achieved}个`,
    );
    if (missing.size)
      this.lines.push(
        `未联系${rule.perObject > 1 ? '（或次数不够）' : ''}：${[...missing]
          .map((id) => (reached.get(id) ? `${name(id)}（${reached.get(id)}次）` : name(id)))
          .join('、')}`,
      );
  }

  /** Why a record whose type and dates fit reached none of the objects the coverage asks for. */
  private coverageObjectReason(rec: EvalRecord, rule: CoverageRule): string {
    if (!rec.objectIds.length) return '未填联系对象';
    const f = rule.counts.objects ?? {};
    const cadre = this.result.cadreId ? this.ix.cadres.get(this.result.cadreId) : undefined;
    const why = rec.objectIds.map((id) => {
      const o = this.ix.objects.get(id);
      if (!o) return `“${id}”不在联系对象名册中`;
      if (cadre && isSelf(cadre, o)) return `“${o.name}”是本人`;
      const w = this.objectFails(o, f, this.cadreIdsFor(rec), Number(rec.date.slice(0, 4)));
      return `“${o.name}”${w ?? '不在本要求应联系的对象之中'}`;
    });
    return `联系对象不符：${why.join('；')}`;
  }

  private task(rule: TaskRule): void {
    const p = this.result.period;
    if (rule.before) return this.beforeDuty(rule, rule.before);
    const due = this.taskDue(rule, p);
    for (const rec of this.candidates(rule.activityTypes)) {
      if (this.evidence.has(rec.id)) {
        this.counted.push({ id: rec.id, amount: 1, note: null });
        continue;
      }
      this.skip(
        rec.id,
        (rec.date > this.input.asOf ? `晚于截至日期${cn(this.input.asOf)}，尚未计入` : null) ??
          (rec.date > due && rec.date <= p.end ? `晚于截止日期${cn(due)}` : null) ??
          this.dateReason(rec, p.start, p.end, `本周期（${p.label}）`) ??
          this.typeReason(rec, rule.activityTypes) ??
          UNEXPLAINED,
      );
    }
    if (due !== p.end) this.lines.push(`截止日期：${cn(due)}`);
  }

  /** 值班日前办理: the records counted for the period's duty days, and those outside every duty day's window. */
  private beforeDuty(rule: TaskRule, b: NonNullable<TaskRule['before']>): void {
    const p = this.result.period;
    for (const rec of this.candidates(rule.activityTypes)) {
      if (this.evidence.has(rec.id)) this.counted.push({ id: rec.id, amount: 1, note: null });
      else
        this.skip(
          rec.id,
          this.typeReason(rec, rule.activityTypes) ??
            `不在本周期值班日前的办理期限内（至少提前${b.min}${b.dayKind === 'workdays' ? '个工作日' : '日'}${
              b.max !== undefined ? `、至多提前${b.max}${b.dayKind === 'workdays' ? '个工作日' : '日'}` : ''
            }），或已计入另一个值班日`,
        );
    }
    this.lines.push(`值班日：${describePattern(b.pattern)}，本周期（${p.label}）共${this.result.required}个`);
    const missing = this.result.missing ?? [];
    if (missing.length) this.lines.push(`以下值班日前未按时办理：${missing.map((d) => cn(d)).join('、')}`);
  }

  /** The task's due date in the period, as the evaluator sets it (moved off a holiday when the rule says so). */
  private taskDue(rule: TaskRule, p: Period): string {
    if (!rule.due) return p.end;
    let d = `${p.end.slice(0, 4)}-${rule.due}`;
    const wd = this.input.calendar.workdays;
    if (rule.dueOnHoliday && /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d)))
      for (let i = 0; i < 30 && !wd.checkWorkday(d).workday; i++) d = addDays(d, rule.dueOnHoliday === 'next' ? 1 : -1);
    return d >= p.start && d < p.end ? d : p.end;
  }

  private roster(rule: RosterRule): void {
    const p = this.result.period;
    const wd = this.input.calendar.workdays;
    const countedDays = new Set<string>();
    for (const rec of this.candidates(rule.activityTypes)) {
      if (this.evidence.has(rec.id)) {
        const first = !countedDays.has(rec.date);
        countedDays.add(rec.date);
        this.counted.push({ id: rec.id, amount: first ? 1 : 0, note: first ? null : '同一天的另一位值班人员' });
        continue;
      }
      this.skip(
        rec.id,
        this.dateReason(rec, p.start, p.end, `本周期（${p.label}）`) ??
          this.typeReason(rec, rule.activityTypes) ??
          (!matchesPattern(rule.pattern, rec.date, rec.startTime, rec.endTime, wd)
            ? `不是排班的日期或时段（${describePattern(rule.pattern)}）`
            : null) ??
          (countedDays.has(rec.date)
            ? '同一天已有记录计入'
            : rule.perDuty > 1
              ? `当天值班人数不足${rule.perDuty}人`
              : '同一天已有记录计入'),
      );
    }
    this.lines.push(`排班日：${describePattern(rule.pattern) || '每天'}，本周期共${this.result.required}次`);
    const missing = this.result.missing ?? [];
    if (missing.length) this.lines.push(`未见记录的排班日：${missing.map((d) => cn(d)).join('、')}`);
  }

  private quota(rule: QuotaRule): void {
    const r = this.result;
    const year = Number(r.period.start.slice(0, 4));
    const held = r.cadreId ? (this.ix.assignments.get(`${r.cadreId}|${year}`) ?? []) : [];
    const inSlot = new Set((r.slots ?? []).flatMap((s) => s.assignmentIds));
    const problems = new Map<string, string[]>();
    for (const i of r.issues ?? []) problems.set(i.assignmentId, [...(problems.get(i.assignmentId) ?? []), i.message]);
    for (const a of held) {
      const o = this.ix.objects.get(a.objectId);
      const wrong = problems.get(a.id);
      // Without slots the figure counts the contact points that have no problem (不交叉, 保持一年以上 …).
      if (!rule.slots.length && wrong) this.skip(a.id, wrong.join('；'));
      else if (!rule.slots.length || inSlot.has(a.id)) {
        const slot = r.slots?.find((s) => s.assignmentIds.includes(a.id));
        const note = [slot?.name, ...(wrong ?? [])].filter(Boolean).join('；');
        this.counted.push({ id: a.id, amount: null, note: note || null });
      } else
        this.skip(
          a.id,
          `“${o?.name ?? a.objectId}”的类别${o ? `“${o.category}”` : ''}不属于任何联系类型（${rule.slots.map((s) => s.name).join('、')}）`,
        );
    }
    for (const s of r.slots ?? [])
      this.lines.push(
        `${s.name}：${s.count}个（应${s.max !== undefined && s.max !== s.min ? `${s.min}至${s.max}` : s.min}个）${
          s.ok ? '' : s.max !== undefined && s.count > s.max ? '，超过上限' : '，不足'
        }`,
      );
    if (!held.length) this.lines.push(`${year}年度没有登记联系点`);
  }

  private deadline(rule: DeadlineRule): void {
    const r = this.result;
    const fu = (this.input.followUps ?? []).find((f) => f.id === r.followUpId);
    for (const id of r.evidence) this.counted.push({ id, amount: 1, note: null });
    if (!fu) return;
    this.lines.push(
      `督办事项第${fu.id}号，类别“${fu.type}”：自${cn(r.period.start)}起${rule.within}个${
        rule.dayKind === 'workdays' ? '工作日' : '日'
      }，应于${cn(r.period.end)}前${rule.satisfiedBy ? `由领导${rule.satisfiedBy.activityTypes.join('或')}` : '反馈或办结'}`,
    );
    if (rule.satisfiedBy)
      this.lines.push(
        r.evidence.length
          ? '已见相应记录（见下）'
          : followUpObjects(fu).length
            ? `至截至日期未见对其联系对象的${rule.satisfiedBy.activityTypes.join('、')}记录`
            : '该事项没有来源记录的联系对象，按其反馈或办结日期判断',
      );
    const done = fu.completedOn ?? null;
    if (!rule.satisfiedBy || !followUpObjects(fu).length)
      this.lines.push(done ? `反馈或办结于${cn(done)}` : '尚未反馈或办结');
  }
}

/** A record that fits every condition the explanation knows and still did not count: never expected. */
export const UNEXPLAINED = '未计入（原因不明）';
