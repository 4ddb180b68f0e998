// 督办事项: a problem the masses raised, handed to a department with a deadline in working days,
// chased through 待交办 → 已交办 → 已反馈 → 已办结.
import { z } from '../api/zod-zh';
import { id, ledgerDate, line, optionalLedgerDate, text } from './fields';

export const FOLLOW_UP_STATUSES = ['待交办', '已交办', '已反馈', '已办结'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/**
 * 来源 when a follow-up does not come from a record (besides the ledger's own activity types): the channels
 * of 信访 (001 五.7, 004 4.1) and the events of 000 三.1 (an 老同志 seriously ill, a 劳模 in hospital).
 */
export const FOLLOW_UP_SOURCES = [
  '来信',
  '来访',
  '意见箱',
  '电子信箱',
  '举报电话',
  '座谈',
  '接待日',
  '重病',
  '住院',
] as const;

/**
 * A 督办事项's kind (类别), which deadline rules match on (002 第十二条: 接待日; 第二十条: 座谈; 001 五.7: 意见箱 …).
 * Decided here, once: an item that came from a record (转督办, or a workbook 来源 naming a record) takes that
 * record's activity type — a problem raised at a 接待日 is a 接待日 item, at a 座谈 a 座谈 item; an item with no
 * record takes its 来源 as written (来信, 来访, 意见箱, 住院 …), and a 来源 that reads as a record reference
 * (“2026-03-05 张三 座谈”) whose record was deleted since, its last word — the type it named.
 */
export function followUpKind(source: string, recordActivityType?: string | null): string {
  if (recordActivityType) return recordActivityType;
  const words = source.trim().split(/[\s\u3000]+/);
  return words[words.length - 1] ?? '';
}

const f = {
  raisedDate: ledgerDate.describe('提出日期'),
  recordId: id.nullable().describe('来源记录'),
  source: line.describe('来源'),
  matter: z
    .string({ error: '必须是文字' })
    .trim()
    .min(1, { error: '不能为空' })
    .max(5000, { error: '不能超过5000个字' })
    .describe('事项'),
  raiser: line.describe('反映人'),
  departmentId: id.nullable().describe('承办部门'),
  limitDays: z
    .number({ error: '必须是数字' })
    .int({ error: '必须是整数' })
    .min(1, { error: '至少1个工作日' })
    .max(365, { error: '不能超过365个工作日' })
    .nullable()
    .describe('办理时限（工作日）'),
  assignedDate: optionalLedgerDate.describe('交办日期'),
  feedbackDate: optionalLedgerDate.describe('反馈日期'),
  closedDate: optionalLedgerDate.describe('办结日期'),
  /** 延期至: the deadline as extended once the extension is approved (deadline rules allow at most so much). */
  extendedDate: optionalLedgerDate.describe('延期至'),
  status: z.enum(FOLLOW_UP_STATUSES, { error: '只能是 待交办、已交办、已反馈 或 已办结' }).describe('状态'),
  result: text.describe('办理结果'),
};

export const followUpInput = z
  .object({
    raisedDate: f.raisedDate,
    recordId: f.recordId.default(null),
    source: f.source.default(''),
    matter: f.matter,
    raiser: f.raiser.default(''),
    departmentId: f.departmentId.default(null),
    limitDays: f.limitDays.default(null),
    assignedDate: f.assignedDate.default(null),
    feedbackDate: f.feedbackDate.default(null),
    closedDate: f.closedDate.default(null),
    extendedDate: f.extendedDate.default(null),
    status: f.status.default('待交办'),
    result: f.result.default(''),
  })
  .strict();

export const followUpPatch = z.object(f).partial().strict();

export const followUp = z.object({
  id,
  raisedDate: z.string(),
  recordId: id.nullable(),
  source: z.string(),
  matter: z.string(),
  raiser: z.string(),
  departmentId: id.nullable(),
  departmentName: z.string().nullable(),
  limitDays: z.number().int().nullable(),
  assignedDate: z.string().nullable(),
  /** The deadline: assignedDate + limitDays working days on the official calendar. */
  dueDate: z.string().nullable(),
  /** True when the deadline falls in a year with no official holiday schedule loaded. */
  dueDateUncertain: z.boolean(),
  feedbackDate: z.string().nullable(),
  closedDate: z.string().nullable(),
  extendedDate: z.string().nullable(),
  status: z.enum(FOLLOW_UP_STATUSES),
  result: z.string(),
});

export type FollowUpInput = z.input<typeof followUpInput>;
export type FollowUp = z.infer<typeof followUp>;

/** Each status may move only forward one step, or stay. */
export function nextStatuses(s: FollowUpStatus): FollowUpStatus[] {
  const i = FOLLOW_UP_STATUSES.indexOf(s);
  return FOLLOW_UP_STATUSES.slice(i, i + 2) as FollowUpStatus[];
}
