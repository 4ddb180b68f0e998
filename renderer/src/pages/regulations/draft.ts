// The rule editor's draft: a rule as the form holds it (plain JSON of the rule schema), new rules of each kind,
// changing a kind while keeping what carries over, and the choices (periods, units) each kind offers — in Chinese.
import type { PeriodKind, RuleKind } from '../../../../shared/rules/schema';

/** The rule being edited, as the schema's JSON: fields are read and written by path. */
export type Draft = Record<string, unknown> & { kind: RuleKind };

export const KIND_OPTIONS: { kind: RuleKind; label: string; hint: string }[] = [
  { kind: 'frequency', label: '频次', hint: '每个周期至少（至多）多少次、学时或天' },
  { kind: 'coverage', label: '覆盖', hint: '一组对象（或干部）每个都要联系到' },
  { kind: 'interval', label: '间隔', hint: '相邻两次联系之间不超过多少天' },
  { kind: 'quota', label: '联系点', hint: '每人联系几个学院、班级、贫困户……' },
  { kind: 'deadline', label: '时限', hint: '督办事项多少天内答复、办结' },
  { kind: 'roster', label: '排班', hint: '接待日等固定日期轮流值班' },
  {
    kind: 'task',
    label: '任务',
    hint: '本单位或各单位每年（学期）完成一次，可有截止日期；或在每个值班日之前若干日完成（如接待日5日前通知）',
  },
];

export const PERIOD_LABEL: Record<PeriodKind, string> = {
  week: '每周',
  month: '每月',
  twoMonths: '每两个月',
  quarter: '每季度',
  halfYear: '每半年',
  semester: '每学期',
  academicYear: '每学年',
  calendarYear: '每年',
  termOfOffice: '任期内',
  window: '节日时段',
};

const ALL_PERIODS = Object.keys(PERIOD_LABEL) as PeriodKind[];

/** The periods a rule of this kind (and this who) may have: the editor never offers one it would refuse. */
export function periodsFor(kind: RuleKind, eachCadre: boolean): PeriodKind[] {
  if (kind === 'roster' || kind === 'task') return ALL_PERIODS.filter((p) => p !== 'termOfOffice' && p !== 'window');
  return eachCadre ? ALL_PERIODS : ALL_PERIODS.filter((p) => p !== 'termOfOffice');
}

export const QUANTITY_OPTIONS: [string, string][] = [
  ['count', '次数'],
  ['hours', '学时'],
  ['days', '天数'],
  ['distinctObjects', '不同对象个数'],
  ['consecutiveDays', '连续天数'],
];

export const WINDOW_NAMES = ['教师节', '七一', '八一', '元旦', '春节', '元旦—春节', '春种', '秋收', '中秋', '国庆'];

export const WEEKDAY_LABEL = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

const COMMON = ['id', 'title', 'clause', 'who', 'measurable', 'department', 'note'];

/** A new rule of a kind, with what a secretary would most often choose already filled in. */
export function newRule(kind: RuleKind): Draft {
  const base = {
    title: '',
    clause: '',
    who: { scope: kind === 'task' || kind === 'deadline' ? 'institution' : 'cadre', cadres: {} },
  };
  switch (kind) {
    case 'frequency':
      return { ...base, kind, counts: {}, quantity: 'count', period: 'month', min: 1 };
    case 'coverage':
      return {
        ...base,
        kind,
        counts: { objects: { among: 'assignments' } },
        period: 'calendarYear',
        perObject: 1,
        fraction: 1,
      };
    case 'interval':
      return { ...base, kind, counts: {}, maxGap: 30, dayKind: 'calendarDays', per: 'kind' };
    case 'quota':
      return { ...base, kind, slots: [{ name: '', categories: [], min: 1 }], exclusive: false, attributeChecks: [] };
    case 'deadline':
      return { ...base, kind, events: [], within: 5, dayKind: 'workdays', on: 'any' };
    case 'roster':
      return {
        ...base,
        kind,
        activityTypes: [],
        pattern: { weekdays: [3], workdaysOnly: true },
        period: 'month',
        perDuty: 1,
      };
    case 'task':
      return { ...base, kind, activityTypes: [], period: 'calendarYear', min: 1 };
  }
}

/** Another kind for the same clause: who, title, clause and what counts carry over; the rest starts afresh. */
export function changeKind(d: Draft, kind: RuleKind): Draft {
  const next = newRule(kind);
  for (const k of COMMON) if (d[k] !== undefined) next[k] = d[k];
  // A deadline runs on the ledger's 督办 items, whoever raised them: the institution keeps it.
  if (kind === 'deadline') next.who = { scope: 'institution', cadres: {} };
  const counts = d.counts as { activityTypes?: string[] } | undefined;
  const types = counts?.activityTypes ?? (d.activityTypes as string[] | undefined);
  if ('counts' in next && d.counts) next.counts = { ...(d.counts as object) };
  else if ('counts' in next && types?.length) next.counts = { ...(next.counts as object), activityTypes: types };
  if ('activityTypes' in next && types?.length) next.activityTypes = types;
  if ('period' in next && d.period && periodsFor(kind, true).includes(d.period as PeriodKind)) next.period = d.period;
  if (kind === 'quota' && next.who && (next.who as { scope?: string }).scope !== 'cadre')
    next.who = { scope: 'cadre', cadres: {} };
  return next;
}

/** The value at a path of the draft ('who.cadres.levels'). */
export function getAt(d: unknown, path: string): unknown {
  let cur: unknown = d;
  for (const k of path.split('.')) {
    if (cur === null || cur === undefined) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/**
 * The draft with the value at a path set; undefined, '' and [] remove the field (and objects left empty on the
 * way up), so the rule holds only what was chosen — an empty choice means "no condition", as the schema reads it.
 */
export function setAt(d: Draft, path: string, value: unknown): Draft {
  const keys = path.split('.');
  const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  const put = (obj: unknown, i: number): unknown => {
    const o: Record<string, unknown> =
      obj && typeof obj === 'object' && !Array.isArray(obj) ? { ...(obj as object) } : {};
    const k = keys[i]!;
    if (i === keys.length - 1) {
      if (empty) delete o[k];
      else o[k] = value;
    } else {
      const child = put(o[k], i + 1);
      if (child && typeof child === 'object' && !Array.isArray(child) && !Object.keys(child).length && i > 0)
        delete o[k];
      else o[k] = child;
    }
    return o;
  };
  return put(d, 0) as Draft;
}

/** A number typed in a field: '' is no value. */
export function num(v: string): number | undefined {
  const t = v.trim();
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : (t as unknown as number);
}

/** 10、20、30 or 10,20 → [10, 20, 30]; words that are not numbers are kept so the validator names them. */
export function numberList(v: string): (number | string)[] {
  return v
    .split(/[,，、\s]+/)
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => (/^\d+$/.test(x) ? Number(x) : x));
}

export function wordList(v: string): string[] {
  return v
    .split(/[,，、\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);
}

/** '3-5、10-1' → ['03-05', '10-01']. */
export function monthDayList(v: string): string[] {
  return wordList(v).map((x) => {
    const m = /^(\d{1,2})[-/.月](\d{1,2})日?$/.exec(x);
    return m ? `${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}` : x;
  });
}

export function monthDayText(v: unknown): string {
  return Array.isArray(v)
    ? v
        .map((x) =>
          typeof x === 'string' && /^\d{2}-\d{2}$/.test(x)
            ? `${Number(x.slice(0, 2))}-${Number(x.slice(3))}`
            : String(x),
        )
        .join('、')
    : '';
}
