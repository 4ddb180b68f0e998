// Date patterns of the regulations: month windows, holiday windows, 逢十, the second Saturday, 双周一 15:00–17:00.
import type { WorkdayCalendar } from '../calendar/workdays';
import { isoWeek } from '../calendar/weeks';
import { addDays, daysInMonth, weekday } from '../format/date';
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

/** True when `date` (and the record's time, if any) fits every part of the pattern. */
export function matchesPattern(
  p: DatePattern | undefined,
  date: string,
  startTime?: string | null,
  endTime?: string | null,
  workdays?: WorkdayCalendar,
): boolean {
  if (!p) return true;
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  if (p.months && !p.months.includes(m)) return false;
  if (p.window && !inMonthWindow(m, holidayWindow(p.window))) return false;
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
  if (p.workdaysOnly && workdays && !workdays.checkWorkday(date).workday) return false;
  return timeOverlaps(p, startTime, endTime);
}

/** Every date in [start, end] that fits the pattern (the duty days of a rota). */
export function patternDates(p: DatePattern, start: string, end: string, workdays?: WorkdayCalendar): string[] {
  const out: string[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) if (matchesPattern(p, d, null, null, workdays)) out.push(d);
  return out;
}

/** 双周一 15:00—17:00, 每月10日、20日、30日 … for describing a rule. */
export function describePattern(p: DatePattern | undefined): string {
  if (!p) return '';
  const wd = ['日', '一', '二', '三', '四', '五', '六'];
  const parts: string[] = [];
  if (p.window) parts.push(`${windowKey(p.window)}期间`);
  if (p.months) parts.push(`${p.months.join('、')}月`);
  if (p.daysOfMonth) parts.push(`每月${p.daysOfMonth.map((x) => `${x}日`).join('、')}`);
  if (p.nthWeekday) parts.push(`每月第${p.nthWeekday.n}个星期${wd[p.nthWeekday.weekday]}`);
  if (p.weekdays) {
    const days = p.weekdays.map((x) => wd[x]).join('、');
    parts.push(
      p.isoWeekParity === 'even'
        ? `双周星期${days}`
        : p.isoWeekParity === 'odd'
          ? `单周星期${days}`
          : `每周${days}`.replace('每周', '每周星期'),
    );
  } else if (p.isoWeekParity) parts.push(p.isoWeekParity === 'even' ? '双周' : '单周');
  if (p.timeFrom || p.timeTo) parts.push(`${p.timeFrom ?? ''}—${p.timeTo ?? ''}`);
  if (p.workdaysOnly) parts.push(parts.length ? '（节假日除外）' : '每个工作日');
  return parts.join('');
}
