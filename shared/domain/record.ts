// 联系记录: one contact, with every field of 002 第三十二条 (姓名, 职务, 时间, 地点, 联系对象, 开展情况,
// 意见和建议, 落实情况) plus 类型, 学时, 天数, 随员人数; several cadres and several contact objects.
import { z } from '../api/zod-zh';
import { isIsoDate } from '../format/date';
import { id, ledgerDate, line, text } from './fields';

export const time = z
  .string({ error: '必须是时间' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '不是有效时间（格式如 15:00）' });

/** 004 2.4: no more than 3 accompanying staff. The ledger records the number and flags more. */
export const MAX_COMPANIONS = 3;

const f = {
  date: ledgerDate.describe('日期'),
  startTime: time.nullable().describe('开始时间'),
  endTime: time.nullable().describe('结束时间'),
  activityTypeId: id.describe('类型'),
  cadreIds: z
    .array(id)
    .min(1, { error: '至少要有一位领导干部' })
    .max(50, { error: '不能超过50人' })
    .describe('领导干部'),
  objectIds: z.array(id).max(500, { error: '不能超过500个' }).describe('联系对象'),
  place: line.describe('地点'),
  content: text.describe('联系工作开展情况'),
  opinions: text.describe('意见和建议'),
  implementation: text.describe('落实情况'),
  hours: z
    .number({ error: '必须是数字' })
    .min(0, { error: '不能是负数' })
    .max(1000, { error: '不能超过1000' })
    .nullable()
    .describe('学时'),
  days: z
    .number({ error: '必须是数字' })
    .min(0, { error: '不能是负数' })
    .max(366, { error: '不能超过366' })
    .nullable()
    .describe('天数'),
  companions: z
    .number({ error: '必须是数字' })
    .int({ error: '必须是整数' })
    .min(0, { error: '不能是负数' })
    .max(100, { error: '不能超过100' })
    .nullable()
    .describe('随员人数'),
};

const timesInOrder = (r: { startTime?: string | null; endTime?: string | null }) =>
  !r.startTime || !r.endTime || r.startTime <= r.endTime;
export const TIME_ORDER_MESSAGE = '结束时间不能早于开始时间';

export const recordInput = z
  .object({
    date: f.date,
    startTime: f.startTime.default(null),
    endTime: f.endTime.default(null),
    activityTypeId: f.activityTypeId,
    cadreIds: f.cadreIds,
    objectIds: f.objectIds.default([]),
    place: f.place.default(''),
    content: f.content.default(''),
    opinions: f.opinions.default(''),
    implementation: f.implementation.default(''),
    hours: f.hours.default(null),
    days: f.days.default(null),
    companions: f.companions.default(null),
  })
  .strict()
  .refine(timesInOrder, { error: TIME_ORDER_MESSAGE, path: ['endTime'] });

export const recordPatch = z.object(f).partial().strict();

export const record = z.object({
  id,
  date: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  activityTypeId: id,
  activityType: z.string(),
  cadreIds: z.array(id),
  /** 姓名 of each cadre, in the order of cadreIds. */
  cadreNames: z.array(z.string()),
  /** 职务 of each cadre as it was on the day (002 第三十二条). */
  cadreTitles: z.array(z.string()),
  objectIds: z.array(id),
  objectNames: z.array(z.string()),
  place: z.string(),
  content: z.string(),
  opinions: z.string(),
  implementation: z.string(),
  hours: z.number().nullable(),
  days: z.number().nullable(),
  companions: z.number().nullable(),
  attachmentCount: z.number().int(),
});

export type RecordInput = z.input<typeof recordInput>;
export type LedgerRecord = z.infer<typeof record>;
export { timesInOrder };

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;
const ids = (v: unknown, min: number, max: number): v is number[] =>
  Array.isArray(v) && v.length >= min && v.length <= max && v.every(isId);
const timeOrNull = (v: unknown): v is string | null => v === null || (typeof v === 'string' && TIME.test(v));
const numberOrNull = (v: unknown, max: number, int = false): v is number | null =>
  v === null ||
  (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max && (!int || Number.isSafeInteger(v)));
const textUpTo = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const RECORD_KEYS = 13;

/**
 * What recordInput gives for a row that plainly passes it, without the schema's walk: an import checks every
 * row, and the schema was most of the time planning 50,000 of them took. Null when anything is off, missing or
 * unusual — the caller then asks recordInput itself, which also gives the messages. It never accepts what the
 * schema refuses and returns what the schema returns (tests/unit/record-input-fast.test.ts compares the two).
 */
export function plainRecordInput(x: Record<string, unknown>): z.output<typeof recordInput> | null {
  const { date, startTime, endTime, activityTypeId, cadreIds, objectIds, place } = x;
  const { content, opinions, implementation, hours, days, companions } = x;
  if (Object.keys(x).length !== RECORD_KEYS) return null;
  if (typeof date !== 'string' || date < '2000-01-01' || date > '2100-12-31' || !isIsoDate(date)) return null;
  if (!timeOrNull(startTime) || !timeOrNull(endTime) || !timesInOrder({ startTime, endTime })) return null;
  if (!isId(activityTypeId) || !ids(cadreIds, 1, 50) || !ids(objectIds, 0, 500)) return null;
  if (typeof place !== 'string') return null;
  const trimmed = place.trim();
  if (trimmed.length > 200) return null;
  if (!textUpTo(content, 20_000) || !textUpTo(opinions, 20_000) || !textUpTo(implementation, 20_000)) return null;
  if (!numberOrNull(hours, 1000) || !numberOrNull(days, 366) || !numberOrNull(companions, 100, true)) return null;
  return {
    date,
    startTime,
    endTime,
    activityTypeId,
    cadreIds: [...cadreIds],
    objectIds: [...objectIds],
    place: trimmed,
    content,
    opinions,
    implementation,
    hours,
    days,
    companions,
  };
}
