// The rule model: one regulation clause as data (JSON), validated here, carrying its source clause.
// docs/rules.md describes every construct, its fields, the sentence it reads as and a worked example.
import { z } from '../api/zod-zh';
import { isIsoDate } from '../format/date';

const text = z.string().trim().min(1, { error: '不能为空' });
const words = z.array(text);
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: '应为“月-日”，如 03-31' });
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '应为“时:分”，如 15:00' });
const isoDate = z.string().refine(isIsoDate, { error: '不是有效日期（格式如 2026-09-07）' });
const count = z.number().nonnegative({ error: '不能为负数' });
const positiveInt = z.number().int({ error: '应为整数' }).min(1, { error: '至少为1' });

/** How days are counted: 工作日 by the official holiday schedule, or 自然日. */
export const dayKind = z.enum(['workdays', 'calendarDays']).describe('日数计法');

/** "except …": cadres taken out of a who-set by level, role or unit, stated positively. */
export const cadreExcept = z
  .object({
    levels: words.optional().describe('除外级别'),
    roles: words.optional().describe('除外角色'),
    unitIds: words.optional().describe('除外单位'),
    unitCategories: words.optional().describe('除外单位类别'),
  })
  .strict();

/**
 * 领导干部 filter; every given field must match, then `except` takes cadres out. An empty filter means every
 * cadre. `excludeRoles` is the first model's spelling of except.roles and is read as that (migration 0006
 * rewrote the stored rules).
 */
export const cadreFilter = z
  .object({
    levels: words.optional().describe('级别'),
    roles: words.optional().describe('角色（任一）'),
    excludeRoles: words.optional().describe('除外角色'),
    partyMember: z.boolean().optional().describe('党员'),
    unitIds: words.optional().describe('所在单位'),
    unitCategories: words.optional().describe('所在单位类别'),
    except: cadreExcept.optional().describe('除外'),
  })
  .strict()
  .transform(normalizeCadreFilter);

type CadreFilterIn = {
  levels?: string[] | undefined;
  roles?: string[] | undefined;
  excludeRoles?: string[] | undefined;
  partyMember?: boolean | undefined;
  unitIds?: string[] | undefined;
  unitCategories?: string[] | undefined;
  except?: z.infer<typeof cadreExcept> | undefined;
};

/** excludeRoles → except.roles; the filter keeps one way of saying each thing. */
export function normalizeCadreFilter(f: CadreFilterIn): Omit<CadreFilterIn, 'excludeRoles'> {
  const { excludeRoles, ...rest } = f;
  if (!excludeRoles) return rest;
  const roles = [...new Set([...(rest.except?.roles ?? []), ...excludeRoles])];
  return { ...rest, except: { ...rest.except, roles } };
}

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

/** What happens to a duty date that is not a working day: dropped, moved to the next, or brought forward. */
export const holidayPolicy = z.enum(['cancel', 'next', 'previous']).describe('遇节假日');

/** Dates (and times) a record must fall on; every given field must match. */
export const datePattern = z
  .object({
    months: z.array(z.number().int().min(1).max(12)).optional().describe('月份'),
    /** Named windows (教师节, 七一, 元旦—春节, 八一, 春种秋收 …), see patterns.ts for their months. */
    window: text.optional().describe('节日时段'),
    /** Fixed dates of every year ('03-05' = 3月5日). */
    dates: z.array(monthDay).optional().describe('每年日期'),
    /** 10, 20, 30 for 逢十必进; a day past the month's end means its last day. */
    daysOfMonth: z.array(z.number().int().min(1).max(31)).optional().describe('日期'),
    /** 0 = Sunday … 6 = Saturday. */
    weekdays: z.array(z.number().int().min(0).max(6)).optional().describe('星期'),
    /** e.g. { n: 2, weekday: 6 } = the second Saturday of each month. */
    nthWeekday: z
      .object({
        n: z.number().int().min(1).max(5).describe('第几个'),
        weekday: z.number().int().min(0).max(6).describe('星期'),
      })
      .strict()
      .optional()
      .describe('每月第几个星期几'),
    /** The first model's 单双周 by ISO week number; kept for stored rules. every N weeks is the way to say it. */
    isoWeekParity: z.enum(['even', 'odd']).optional().describe('单双周'),
    /**
     * Every n-th week counted from the week (Monday to Sunday) that holds `from`: that week, n weeks later, …
     * Unlike ISO-week parity it does not jump in a 53-week year.
     */
    everyNWeeks: z
      .object({
        n: z.number().int().min(2, { error: '至少为2（每周一次请不要填此项）' }).max(52).describe('每几周'),
        from: isoDate.describe('起算日期'),
      })
      .strict()
      .optional()
      .describe('每隔几周'),
    timeFrom: clock.optional().describe('开始时间'),
    timeTo: clock.optional().describe('结束时间'),
    workdaysOnly: z.boolean().optional().describe('仅工作日'),
    /** A duty date that is not a working day is cancelled, moved to the next working day or brought forward. */
    onHoliday: holidayPolicy.optional(),
  })
  .strict();

export const periodKind = z.enum([
  'week',
  'month',
  'twoMonths',
  'quarter',
  'halfYear',
  'semester',
  'academicYear',
  'calendarYear',
  'termOfOffice',
  'window',
]);

/** A record counts only when it lasted at least this long (hours; half-days of 4 hours; days of 8 hours). */
export const minDuration = z
  .object({
    value: z.number().positive({ error: '应大于0' }).describe('时长'),
    unit: z.enum(['hours', 'halfDays', 'days']).describe('时长单位'),
  })
  .strict();

/** What a record must be to count: its activity type, objects, dates, length, companions. */
export const counts = z
  .object({
    activityTypes: words.optional().describe('活动类型（任一）'),
    objects: objectFilter.optional().describe('联系对象'),
    pattern: datePattern.optional().describe('日期规律'),
    minDuration: minDuration.optional().describe('每次至少'),
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
const quantity = z.enum(['count', 'hours', 'days', 'distinctObjects', 'consecutiveDays']).describe('计量');

/** A second threshold of the same rule over another period ("每月不少于2次，且每学期不少于8学时"). */
export const threshold = z
  .object({
    period,
    windows,
    quantity: quantity.optional(),
    min: count.optional().describe('至少'),
    max: count.optional().describe('至多'),
  })
  .strict();

export const frequencyRule = z
  .object({
    ...base,
    kind: z.literal('frequency'),
    counts: counts.default({}).describe('计入条件'),
    quantity: quantity.default('count'),
    /** consecutiveDays over working days: weekends and holidays neither break nor extend a run. */
    consecutiveWorkdays: z.boolean().optional().describe('按工作日连续'),
    period,
    windows,
    min: count.optional().describe('至少'),
    max: count.optional().describe('至多'),
    /** 003 四.5: days at the front line ≥ this share of the period's working days. */
    minShareOfWorkdays: z.number().min(0).max(1).optional().describe('占工作日比例'),
    /** The whole institution (or the who-set) together: one result, any cadre's record counts. */
    collective: z.boolean().default(false).describe('集体完成'),
    /** Further thresholds over other periods, each judged on its own. */
    also: z.array(threshold).optional().describe('同时要求'),
  })
  .strict();

/** "every member of a set has a contact" where the members are cadres (谈心谈话 with each 班子成员). */
export const cadreMembers = z
  .object({
    cadres: cadreFilter.default({}).describe('成员'),
    /** Only the members in the subject's own unit. */
    sameUnit: z.boolean().optional().describe('仅本单位'),
  })
  .strict();

export const coverageRule = z
  .object({
    ...base,
    kind: z.literal('coverage'),
    counts: counts.default({}).describe('计入条件'),
    period,
    windows,
    /** Records needed per object. */
    perObject: positiveInt.default(1).describe('每个对象次数'),
    /** Share of the object set that must be reached (1 = every object, 1/3 for 004 2.3). */
    fraction: z.number().gt(0, { error: '应大于0' }).max(1, { error: '不能超过1' }).default(1).describe('覆盖比例'),
    /** At least one cadre of the who-set reaches each object (三.1 visits) instead of each cadre. */
    collective: z.boolean().default(false).describe('集体完成'),
    /** The set is cadres instead of contact objects: a member is reached by a joint record with him. */
    members: cadreMembers.optional().describe('干部成员'),
  })
  .strict();

/** 间隔: no more than maxGap days between consecutive counting contacts (per object, or of the kind). */
export const intervalRule = z
  .object({
    ...base,
    kind: z.literal('interval'),
    counts: counts.default({}).describe('计入条件'),
    maxGap: positiveInt.describe('最长间隔'),
    dayKind: dayKind.default('calendarDays'),
    /** object: each object of the set separately; kind: any counting contact. */
    per: z.enum(['kind', 'object']).default('kind').describe('间隔按'),
    collective: z.boolean().default(false).describe('集体完成'),
  })
  .strict();

export const quotaSlot = z
  .object({
    name: text.describe('联系类型'),
    /** Either of these categories fills the slot (老同志 or 民主党派负责人). */
    categories: words.min(1, { error: '至少选择一个对象类别' }).describe('对象类别'),
    min: z.number().int().nonnegative().default(1).describe('至少'),
    max: z.number().int().nonnegative().optional().describe('至多'),
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
    exclusive: z.boolean().default(false).describe('联系点不交叉'),
    /** 002 第十条: each contact point is held at least this many days. */
    minDurationDays: z.number().int().positive().optional().describe('联系点至少保持天数'),
    /** 003 四.8: contacted classes from 大一/大二 … */
    attributeChecks: z.array(attributeCheck).default([]).describe('年级要求'),
  })
  .strict();

/** A further stage of a deadline: the first reply, judged on the reply (反馈) date. */
export const replyStage = z
  .object({
    within: positiveInt.describe('答复期限'),
    dayKind: dayKind.optional(),
  })
  .strict();

/** An approved extension (延期至) of the closing deadline, of at most `max` days. */
export const extension = z
  .object({
    max: positiveInt.describe('延期上限'),
    dayKind: dayKind.optional(),
  })
  .strict();

export const deadlineRule = z
  .object({
    ...base,
    kind: z.literal('deadline'),
    /** Follow-up types that start the clock (约访, 意见反馈, 住院 …). */
    events: words.min(1, { error: '至少选择一种事项' }).describe('事项类型'),
    within: positiveInt.describe('期限'),
    dayKind: dayKind.default('workdays'),
    /**
     * Which date ends the clock: 'any' the reply date or, without one, the close date (the first model's
     * reading); 'reply' the reply (反馈) date; 'close' the close (办结) date.
     */
    on: z.enum(['any', 'reply', 'close']).default('any').describe('以何日期为准'),
    /** A first-reply stage before the main deadline (首次答复 within X, 办结 within Y). */
    reply: replyStage.optional().describe('首次答复'),
    /** The main deadline may be extended (延期至), by at most this much. */
    extension: extension.optional().describe('延期'),
    /** When given, a record of these types with the follow-up's object closes it; else its completion date. */
    satisfiedBy: z
      .object({ activityTypes: words.min(1).describe('办结的活动类型') })
      .strict()
      .optional()
      .describe('以联系记录办结'),
  })
  .strict();

/** Who of a department handed a problem at the duty counts as its 负责人 (every cadre of it when empty). */
export const involvedLeaders = z
  .object({
    cadres: cadreFilter.default({}).describe('负责人'),
  })
  .strict();

export const rosterRule = z
  .object({
    ...base,
    kind: z.literal('roster'),
    activityTypes: words.min(1, { error: '至少选择一种活动类型' }).describe('活动类型'),
    pattern: datePattern.describe('排班规律'),
    period,
    /** How many cadres each duty needs (two leaders each reception day). */
    perDuty: z
      .number()
      .int()
      .min(1, { error: '至少1人' })
      .max(20, { error: '不能超过20人' })
      .default(1)
      .describe('每次人数'),
    /**
     * 涉及的单位负责人一同参加: a duty day on which problems were handed to departments (督办事项 raised from that
     * day's duty records) is held only when a cadre of each such department, matching `cadres`, took part.
     */
    involved: involvedLeaders.optional().describe('涉及单位负责人一同参加'),
  })
  .strict();

/**
 * 值班日前办理: a duty whose evidence must be dated ahead of each duty day of `pattern` — at least `min` days
 * before it (5日前通知), and at most `max` days (前一天汇报: min 1, max 1); without `max`, any day after the
 * previous duty day.
 */
export const beforeDuty = z
  .object({
    pattern: datePattern.describe('值班日'),
    min: positiveInt.describe('至少提前'),
    max: positiveInt.optional().describe('至多提前'),
    dayKind: dayKind.default('calendarDays'),
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
    /** A due date that is not a working day moves to the next working day or is brought forward. */
    dueOnHoliday: z.enum(['next', 'previous']).optional().describe('截止日遇节假日'),
    min: z.number().int().min(1).default(1).describe('至少'),
    /** Instead of a due date: done ahead of each duty day (通知、汇报 before each 接待日). */
    before: beforeDuty.optional().describe('值班日前办理'),
  })
  .strict();

export const RULE_KINDS = ['frequency', 'coverage', 'interval', 'quota', 'deadline', 'roster', 'task'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** The rule as data: its structure only. `checkedRule` adds the checks across fields (min ≤ max …). */
export const rule = z.discriminatedUnion('kind', [
  frequencyRule,
  coverageRule,
  intervalRule,
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
export type CadreExcept = z.infer<typeof cadreExcept>;
export type ObjectFilter = z.infer<typeof objectFilter>;
export type DatePattern = z.infer<typeof datePattern>;
export type HolidayPolicy = z.infer<typeof holidayPolicy>;
export type PeriodKind = z.infer<typeof periodKind>;
export type DayKind = z.infer<typeof dayKind>;
export type MinDuration = z.infer<typeof minDuration>;
export type Counts = z.infer<typeof counts>;
export type Threshold = z.infer<typeof threshold>;
export type FrequencyRule = z.infer<typeof frequencyRule>;
export type CoverageRule = z.infer<typeof coverageRule>;
export type IntervalRule = z.infer<typeof intervalRule>;
export type QuotaRule = z.infer<typeof quotaRule>;
export type DeadlineRule = z.infer<typeof deadlineRule>;
export type RosterRule = z.infer<typeof rosterRule>;
export type TaskRule = z.infer<typeof taskRule>;
export type BeforeDuty = z.infer<typeof beforeDuty>;
export type Rule = z.infer<typeof rule>;
export type RuleInput = z.input<typeof rule>;
export type Preset = z.infer<typeof preset>;

/** The schema of one kind, for naming the fields of a refusal. */
export const KIND_SCHEMAS: Record<RuleKind, z.ZodType> = {
  frequency: frequencyRule,
  coverage: coverageRule,
  interval: intervalRule,
  quota: quotaRule,
  deadline: deadlineRule,
  roster: rosterRule,
  task: taskRule,
};

/**
 * A rule as stored (JSON written by any version of the program) read the way the engine takes it: through the
 * schema, so that the first model's spellings (excludeRoles) and the defaults of fields added since (perDuty,
 * on, per …) are filled in. A body the schema refuses is taken as it is rather than lost.
 */
export function readRule(body: unknown): Rule {
  const parsed = rule.safeParse(body);
  return parsed.success ? parsed.data : (body as Rule);
}

/** Validates rules written as JSON; defaults filled in. Throws a ZodError with Chinese messages. */
export function parseRules(data: unknown): Rule[] {
  return ruleList.parse(data);
}
