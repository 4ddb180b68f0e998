// Date patterns of the regulations: month windows, holiday windows, 逢十, the second Saturday, 双周一 15:00–17:00.
import type { WorkdayCalendar } from '../calendar/workdays';
import { isoWeek } from '../calendar/weeks';
import { addDays, dayNumber, daysInMonth, formatChineseDate, weekday } from '../format/date';
import type { DatePattern } from './schema';

/**
 * Holiday windows as whole months, because the regulations say "at 教师节, 七一, 元旦春节" without dates and
 * offices visit in the weeks around the day. A window whose end month is before its start month crosses the
 * new year and is named by the year of its end (2026年元旦—春节 = 2025-12-01 … 2026-02-28).
 */
export const HOLIDAY_WINDOWS: Record<string, { from: number; to: number }> = {
  教师节: { from: 9, to: 9 },
  七一: { from: 6, to: 7 },
  八一: { from: 7, to: 8 },
  元旦: { from: 12, to: 1 },
  春节: { from: 1, to: 2 },
  '元旦—春节': { from: 12, to: 2 },
  春种: { from: 3, to: 5 },
  秋收: { from: 9, to: 10 },
  中秋: { from: 9, to: 10 },
  国庆: { from: 10, to: 10 },
};

/** 元旦–春节, 元旦-春节 and 元旦春节 all name the same window. */
export function windowKey(name: string): string {
  const n = name.replace(/[-–~～至]/g, '—');
  if (n === '元旦春节') return '元旦—春节';
  return n;
}

export function holidayWindow(name: string): { from: number; to: number } {
  const w = HOLIDAY_WINDOWS[windowKey(name)];
  if (!w) throw new RangeError(`未知的节日时段：${name}`);
  return w;
}

export function inMonthWindow(month: number, w: { from: number; to: number }): boolean {
  return w.from <= w.to ? month >= w.from && month <= w.to : month >= w.from || month <= w.to;
}

/** The window of that name ending in `year`, with its real dates. */
export function windowSpan(name: string, year: number): { start: string; end: string } {
  const w = holidayWindow(name);
  const startYear = w.from <= w.to ? year : year - 1;
  const mm = (m: number) => String(m).padStart(2, '0');
  return {
    start: `${startYear}-${mm(w.from)}-01`,
    end: `${year}-${mm(w.to)}-${String(daysInMonth(year, w.to)).padStart(2, '0')}`,
  };
}

function timeOverlaps(p: DatePattern, startTime?: string | null, endTime?: string | null): boolean {
  // A record without a time is taken at its word for the day; the time window is checked when a time is known.
  if (!p.timeFrom && !p.timeTo) return true;
  if (!startTime) return true;
  const s = startTime;
  const e = endTime ?? startTime;
  if (p.timeTo && s >= p.timeTo) return false;
  if (p.timeFrom && e < p.timeFrom) return false;
  return true;
}

/** The base pattern on one day, without its time window and without the holiday policy. */
function dayMatches(p: DatePattern, date: string, workdays?: WorkdayCalendar): boolean {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  if (p.months && !p.months.includes(m)) return false;
  if (p.window && !inMonthWindow(m, holidayWindow(p.window))) return false;
  if (p.dates && !p.dates.includes(date.slice(5))) return false;
  if (p.daysOfMonth) {
    const last = daysInMonth(y, m);
    if (!p.daysOfMonth.some((x) => Math.min(x, last) === d)) return false;
  }
  if (p.weekdays && !p.weekdays.includes(weekday(date))) return false;
  if (p.nthWeekday) {
    if (weekday(date) !== p.nthWeekday.weekday || Math.ceil(d / 7) !== p.nthWeekday.n) return false;
  }
  if (p.isoWeekParity) {
    const even = isoWeek(date).week % 2 === 0;
    if (even !== (p.isoWeekParity === 'even')) return false;
  }
  if (p.everyNWeeks && !inEveryNWeeks(p.everyNWeeks, date)) return false;
  if (p.workdaysOnly && !p.onHoliday && workdays && !workdays.checkWorkday(date).workday) return false;
  return true;
}

/** Monday of the week holding `date`, as a day number. */
const mondayOf = (date: string) => dayNumber(date) - ((weekday(date) + 6) % 7);

/** On or after `from`, in the n-week cycle that starts with the week (Monday–Sunday) holding `from`. */
export function inEveryNWeeks(e: { n: number; from: string }, date: string): boolean {
  if (date < e.from) return false;
  return ((mondayOf(date) - mondayOf(e.from)) / 7) % e.n === 0;
}

/** Non-working days a moved duty may be carried over: the longest official break (春节, 国庆) is 9 days. */
const MAX_SHIFT = 15;

/**
 * Whether `date` is a duty day of the pattern once its holiday policy is applied: with 'cancel' a duty that
 * falls on a day off is dropped; with 'next' it moves to the next working day, with 'previous' it is brought
 * forward to the working day before — so the working day after (before) a run of days off is a duty day when
 * any day of that run was one.
 */
function dutyDay(p: DatePattern, date: string, workdays?: WorkdayCalendar): boolean {
  if (!p.onHoliday || !workdays) return dayMatches(p, date, workdays);
  if (!workdays.checkWorkday(date).workday) return false;
  if (dayMatches(p, date, workdays)) return true;
  if (p.onHoliday === 'cancel') return false;
  const step = p.onHoliday === 'next' ? -1 : 1;
  for (let i = 1; i <= MAX_SHIFT; i++) {
    const d = addDays(date, step * i);
    if (workdays.checkWorkday(d).workday) return false;
    if (dayMatches(p, d, workdays)) return true;
  }
  return false;
}

/** True when `date` (and the record's time, if any) fits every part of the pattern. */
export function matchesPattern(
  p: DatePattern | undefined,
  date: string,
  startTime?: string | null,
  endTime?: string | null,
  workdays?: WorkdayCalendar,
): boolean {
  if (!p) return true;
  if (!dutyDay(p, date, workdays)) return false;
  return timeOverlaps(p, startTime, endTime);
}

/** Every date in [start, end] that fits the pattern (the duty days of a rota), holiday policy applied. */
export function patternDates(p: DatePattern, start: string, end: string, workdays?: WorkdayCalendar): string[] {
  const out: string[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) if (matchesPattern(p, d, null, null, workdays)) out.push(d);
  return out;
}

const HOLIDAY_TEXT = {
  cancel: '遇节假日取消',
  next: '遇节假日顺延至下一个工作日',
  previous: '遇节假日提前至前一个工作日',
};

/** 双周一 15:00—17:00, 每月10日、20日、30日（遇节假日顺延至下一个工作日） … for describing a rule. */
export function describePattern(p: DatePattern | undefined): string {
  if (!p) return '';
  const wd = ['日', '一', '二', '三', '四', '五', '六'];
  const parts: string[] = [];
  if (p.window) parts.push(`${windowKey(p.window)}期间`);
  if (p.months) parts.push(`${p.months.join('、')}月`);
  if (p.dates) parts.push(`每年${p.dates.map((x) => `${Number(x.slice(0, 2))}月${Number(x.slice(3))}日`).join('、')}`);
  if (p.daysOfMonth) parts.push(`每月${p.daysOfMonth.map((x) => `${x}日`).join('、')}`);
  if (p.nthWeekday) parts.push(`每月第${p.nthWeekday.n}个星期${wd[p.nthWeekday.weekday]}`);
  const every = p.everyNWeeks ? `自${formatChineseDate(p.everyNWeeks.from)}所在周起每${p.everyNWeeks.n}周` : '';
  if (p.weekdays) {
    const days = p.weekdays.map((x) => wd[x]).join('、');
    parts.push(
      every
        ? `${every}的星期${days}`
        : p.isoWeekParity === 'even'
          ? `双周星期${days}`
          : p.isoWeekParity === 'odd'
            ? `单周星期${days}`
            : `每周星期${days}`,
    );
  } else if (every) parts.push(`${every}一次`);
  else if (p.isoWeekParity) parts.push(p.isoWeekParity === 'even' ? '双周' : '单周');
  if (p.timeFrom || p.timeTo) parts.push(`${p.timeFrom ?? ''}—${p.timeTo ?? ''}`);
  if (p.onHoliday) {
    if (!parts.length) parts.push('每个工作日');
    else parts.push(`（${HOLIDAY_TEXT[p.onHoliday]}）`);
  } else if (p.workdaysOnly) parts.push(parts.length ? '（节假日除外）' : '每个工作日');
  return parts.join('');
}
