// 设置 → 节假日: the official schedule (放假 and 调休上班 days) per year — bundled for the years the program
// knows, entered by hand, pasted from the State Council notice or read from an .ics file for the others;
// a year without one is flagged (待核) wherever a working-day count crosses it. (校历 semesters: rules.ts.)
import { z } from './zod-zh';
import { method } from './method';
import { isoDate, year } from '../domain/fields';

export const holidayDay = z
  .object({
    date: isoDate.describe('日期'),
    kind: z.enum(['holiday', 'workday'], { error: '应为“放假”或“调休上班”' }).describe('类别'),
    name: z.string().trim().min(1, { error: '不能为空' }).max(20, { error: '不能超过20个字' }).describe('节日'),
  })
  .strict();
export type HolidayDayInput = z.infer<typeof holidayDay>;

export const HOLIDAY_SOURCES = ['bundled', 'user', 'none'] as const;

export const holidayYear = z.object({
  year: z.number().int(),
  /** bundled: shipped with the program; user: entered in 设置; none: no schedule (flagged). */
  source: z.enum(HOLIDAY_SOURCES),
  /** How the user's schedule came in (手工录入, 国务院通知, .ics 文件 …), or the bundled data's origin. */
  origin: z.string(),
  days: z.array(holidayDay),
});
export type HolidayYear = z.infer<typeof holidayYear>;

export const calendarOverview = z.object({
  years: z.array(
    z.object({
      year: z.number().int(),
      source: z.enum(HOLIDAY_SOURCES),
      holidays: z.number().int(),
      workdays: z.number().int(),
      /** 督办 items whose deadline counts working days through this year while it has no schedule. */
      flaggedFollowUps: z.number().int(),
    }),
  ),
});
export type CalendarOverview = z.infer<typeof calendarOverview>;

const format = z.enum(['notice', 'ics', 'xlsx'], { error: '应为国务院通知文本（notice）、ics 文件或 xlsx 表格' });

export const saveHolidaysResult = z.object({
  year: z.number().int(),
  holidays: z.number().int(),
  workdays: z.number().int(),
  /** 督办 deadlines recomputed with the new schedule (due date changed or 待核 cleared). */
  followUpsUpdated: z.number().int(),
  /** Deadlines no longer 待核 because of it. */
  followUpsCleared: z.number().int(),
});
export type SaveHolidaysResult = z.infer<typeof saveHolidaysResult>;

export const calendarMethods = {
  'calendar.overview': method(
    '列出各年度节假日安排的情况',
    z.object({ from: year.optional().describe('起始年'), to: year.optional().describe('截止年') }).strict(),
    calendarOverview,
  ),
  'calendar.holidays': method('读取一年的节假日安排', z.object({ year: year.describe('年度') }).strict(), holidayYear),
  /** Reads a notice, an .ics or an .xlsx table without saving: the days it gives, or every problem by line. */
  'calendar.parseHolidays': method(
    '读取节假日文件或通知',
    z
      .object({
        year: year.describe('年度'),
        format: format.describe('格式'),
        /** The text (notice, .ics), or the file's bytes in base64 (.xlsx). */
        content: z.string().min(1, { error: '内容是空的' }).max(5_000_000, { error: '内容过大' }).describe('内容'),
      })
      .strict(),
    z.array(holidayDay),
  ),
  'calendar.saveHolidays': method(
    '保存一年的节假日安排',
    z
      .object({
        year: year.describe('年度'),
        days: z.array(holidayDay).max(200, { error: '一年的放假和调休日不会超过200天' }).describe('日期'),
        origin: z.string().trim().max(100).default('手工录入').describe('来源'),
      })
      .strict(),
    saveHolidaysResult,
  ),
  /** Back to the bundled schedule (or none) for a year the user had entered. */
  'calendar.clearHolidays': method(
    '删除自行录入的节假日安排',
    z.object({ year: year.describe('年度') }).strict(),
    saveHolidaysResult,
  ),
};
