// The rule model: one regulation clause as data (JSON), validated here, carrying its source clause.
import { z } from '../api/zod-zh';

const text = z.string().trim().min(1, { error: '不能为空' });
const words = z.array(text);
const monthDay = z.string().regex(/^\d{2}-\d{2}$/, { error: '应为“月-日”，如 03-31' });
const clock = z.string().regex(/^\d{2}:\d{2}$/, { error: '应为“时:分”，如 15:00' });
const count = z.number().nonnegative({ error: '不能为负数' });

/** 领导干部 filter; every given field must match. An empty filter means every cadre. */
export const cadreFilter = z
  .object({
    levels: words.optional().describe('级别'),
    roles: words.optional().describe('角色（任一）'),
    excludeRoles: words.optional().describe('排除角色'),
    partyMember: z.boolean().optional().describe('党员'),
    unitIds: words.optional().describe('所在单位'),
    unitCategories: words.optional().describe('所在单位类别'),
  })
  .strict();

export const who = z
  .object({
    scope: z.enum(['cadre', 'institution', 'unit']).default('cadre').describe('对象范围'),
    /** How the regulation names them (校领导, 副处级以上干部), for describing the rule. */
    label: text.optional().describe('称谓'),
    cadres: cadreFilter.default({}).describe('领导干部'),
    /** scope 'unit': which units (by category, e.g. 机关部门, 学院) carry the duty. */
    unitCategories: words.optional().describe('单位类别'),
  })
  .strict();

/** Which contact objects a record must touch to count. */
export const objectFilter = z
  .object({
    categories: words.optional().describe('对象类别（任一）'),
    grades: words.optional().describe('年级'),
    /** assignments: the cadre's own contact points of that year; ownUnit: objects of the cadre's own unit. */
    among: z.enum(['assignments', 'ownUnit', 'assignmentsOrOwnUnit']).optional().describe('范围'),
  })
  .strict();

/** Dates (and times) a record must fall on; every given field must match. */
export const datePattern = z
  .object({
    months: z.array(z.number().int().min(1).max(12)).optional().describe('月份'),
    /** Named windows (教师节, 七一, 元旦—春节, 八一, 春种秋收 …), see patterns.ts for their months. */
    window: text.optional().describe('节日时段'),
    /** 10, 20, 30 for 逢十必进; a day past the month's end means its last day. */
    daysOfMonth: z.array(z.number().int().min(1).max(31)).optional().describe('日期'),
    /** 0 = Sunday … 6 = Saturday. */
    weekdays: z.array(z.number().int().min(0).max(6)).optional().describe('星期'),
    /** e.g. { n: 2, weekday: 6 } = the second Saturday of each month. */
    nthWeekday: z.object({ n: z.number().int().min(1).max(5), weekday: z.number().int().min(0).max(6) }).optional(),
    isoWeekParity: z.enum(['even', 'odd']).optional().describe('单双周'),
    timeFrom: clock.optional().describe('开始时间'),
    timeTo: clock.optional().describe('结束时间'),
    workdaysOnly: z.boolean().optional().describe('仅工作日'),
  })
  .strict();

export const periodKind = z.enum([
  'week',
  'month',
  'twoMonths',
  'quarter',
  'semester',
  'academicYear',
  'calendarYear',
  'termOfOffice',
  'window',
]);

/** What a record must be to count: its activity type, objects, dates, companions. */
export const counts = z
  .object({
    activityTypes: words.optional().describe('活动类型（任一）'),
    objects: objectFilter.optional().describe('联系对象'),
    pattern: datePattern.optional().describe('日期规律'),
    /** Counts the records with more companions (随员) than this — for limits such as 004 2.4. */
    companionsAbove: z.number().int().nonnegative().optional().describe('随员超过'),
  })
  .strict();

const base = {
  id: text.describe('编号'),
  title: text.describe('名称'),
  /** The source clause, e.g. '002 第十六条'. */
  clause: text.describe('条款'),
  who: who.default({ scope: 'cadre', cadres: {} }).describe('适用对象'),
  /** False for clauses the ledger supports (record types, forms, documents) but cannot count. */
  measurable: z.boolean().default(true).describe('可考核'),
  department: text.optional().describe('承办部门'),
  note: z.string().optional().describe('说明'),
};

const period = periodKind.describe('周期');
/** Named holiday windows making up the periods of a 'window' rule. */
const windows = words.optional().describe('节日时段');

export const frequencyRule = z
  .object({
    ...base,
    kind: z.literal('frequency'),
    counts: counts.default({}),
    quantity: z.enum(['count', 'hours', 'days', 'distinctObjects', 'consecutiveDays']).default('count'),
    /** consecutiveDays over working days: weekends and holidays neither break nor extend a run. */
    consecutiveWorkdays: z.boolean().optional(),
    period,
    windows,
    min: count.optional().describe('至少'),
    max: count.optional().describe('至多'),
    /** 003 四.5: days at the front line ≥ this share of the period's working days. */
    minShareOfWorkdays: z.number().min(0).max(1).optional().describe('占工作日比例'),
    /** The whole institution (or the who-set) together: one result, any cadre's record counts. */
    collective: z.boolean().default(false),
  })
  .strict();

export const coverageRule = z
  .object({
    ...base,
    kind: z.literal('coverage'),
    counts: counts.default({}),
    period,
    windows,
    /** Records needed per object. */
    perObject: z.number().int().min(1).default(1),
    /** Share of the object set that must be reached (1 = every object, 1/3 for 004 2.3). */
    fraction: z.number().gt(0).max(1).default(1),
    /** At least one cadre of the who-set reaches each object (三.1 visits) instead of each cadre. */
    collective: z.boolean().default(false),
  })
  .strict();

export const quotaSlot = z
  .object({
    name: text.describe('联系类型'),
    /** Either of these categories fills the slot (老同志 or 民主党派负责人). */
    categories: words.min(1).describe('对象类别'),
    min: z.number().int().nonnegative().default(1),
    max: z.number().int().nonnegative().optional(),
  })
  .strict();

export const attributeCheck = z
  .object({
    categories: words.min(1).describe('对象类别'),
    grades: words.min(1).describe('允许的年级'),
  })
  .strict();

export const quotaRule = z
  .object({
    ...base,
    kind: z.literal('quota'),
    slots: z.array(quotaSlot).default([]).describe('联系类型'),
    /** 002 第十条: a contact point is not shared between cadres. */
    exclusive: z.boolean().default(false),
    /** 002 第十条: each contact point is held at least this many days. */
    minDurationDays: z.number().int().positive().optional(),
    /** 003 四.8: contacted classes from 大一/大二 … */
    attributeChecks: z.array(attributeCheck).default([]),
  })
  .strict();

export const deadlineRule = z
  .object({
    ...base,
    kind: z.literal('deadline'),
    /** Follow-up types that start the clock (约访, 意见反馈, 住院 …). */
    events: words.min(1).describe('事项类型'),
    within: z.number().int().positive().describe('期限'),
    dayKind: z.enum(['workdays', 'calendarDays']).default('workdays'),
    /** When given, a record of these types with the follow-up's object closes it; else its completion date. */
    satisfiedBy: z
      .object({ activityTypes: words.min(1) })
      .strict()
      .optional(),
  })
  .strict();

export const rosterRule = z
  .object({
    ...base,
    kind: z.literal('roster'),
    activityTypes: words.min(1).describe('活动类型'),
    pattern: datePattern.describe('排班规律'),
    period,
  })
  .strict();

export const taskRule = z
  .object({
    ...base,
    kind: z.literal('task'),
    activityTypes: words.default([]).describe('活动类型'),
    period: period.default('calendarYear'),
    /** 'MM-DD' within the period's year, e.g. '03-31' for 每年三月公示. */
    due: monthDay.optional().describe('截止日期'),
    min: z.number().int().min(1).default(1),
  })
  .strict();

export const rule = z.discriminatedUnion('kind', [
  frequencyRule,
  coverageRule,
  quotaRule,
  deadlineRule,
  rosterRule,
  taskRule,
]);

export const ruleList = z.array(rule);

export const vocabulary = z.object({
  activityTypes: words,
  objectCategories: z.array(z.object({ name: text, kind: z.enum(['unit', 'person']) })),
});

export const preset = z.object({
  id: text,
  code: z.string(),
  name: text,
  issuer: z.string(),
  date: z.string(),
  vocabulary,
  rules: ruleList,
});

export type CadreFilter = z.infer<typeof cadreFilter>;
export type ObjectFilter = z.infer<typeof objectFilter>;
export type DatePattern = z.infer<typeof datePattern>;
export type PeriodKind = z.infer<typeof periodKind>;
export type Counts = z.infer<typeof counts>;
export type FrequencyRule = z.infer<typeof frequencyRule>;
export type CoverageRule = z.infer<typeof coverageRule>;
export type QuotaRule = z.infer<typeof quotaRule>;
export type DeadlineRule = z.infer<typeof deadlineRule>;
export type RosterRule = z.infer<typeof rosterRule>;
export type TaskRule = z.infer<typeof taskRule>;
export type Rule = z.infer<typeof rule>;
export type RuleInput = z.input<typeof rule>;
export type Preset = z.infer<typeof preset>;

/** Validates rules written as JSON; defaults filled in. Throws a ZodError with Chinese messages. */
export function parseRules(data: unknown): Rule[] {
  return ruleList.parse(data);
}
