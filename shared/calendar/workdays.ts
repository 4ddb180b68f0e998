// Official Chinese working days (工作日) from holiday data passed in: holidays, make-up workdays (调休上班).
import { addDays, dayNumber, fromDayNumber, parseIso, weekday } from '../format/date';

/** One year of the official schedule, as bundled in resources/holidays/<year>.json. */
export interface HolidayYear {
  year: number;
  /** date → holiday name (元旦, 春节 …); these days are off even when they fall Monday–Friday. */
  holidays: Record<string, string>;
  /** date → holiday name; weekend days that are worked (调休上班). */
  workdays: Record<string, string>;
  source?: string;
}

export interface WorkdayResult {
  date: string;
  /** Years crossed for which no schedule is loaded; there Monday–Friday was assumed. Empty = exact. */
  unknownYears: number[];
}

export interface CountResult {
  count: number;
  unknownYears: number[];
}

export interface WorkdayCalendar {
  /** The years with a loaded schedule, ascending. */
  readonly years: readonly number[];
  knowsYear(year: number): boolean;
  /** Throws HolidayDataMissingError when the date's year has no schedule; never guesses silently. */
  isWorkday(date: string): boolean;
  /** Monday–Friday guess for unknown years, flagged with `known: false`. */
  checkWorkday(date: string): { workday: boolean; known: boolean };
  /** The name of the holiday on that date (元旦, 国庆节 …), if it is one. */
  holidayName(date: string): string | undefined;
  /**
   * The n-th working day after `date` (n ≥ 0; n = 0 gives `date` itself when it is a working day, else the next
   * one). Negative n counts backwards. Unknown years are listed in `unknownYears`, never silently assumed.
   */
  addWorkdays(date: string, n: number): WorkdayResult;
  /** Working days in [from, to], both inclusive. */
  workdaysBetween(from: string, to: string): CountResult;
}

export class HolidayDataMissingError extends Error {
  readonly years: number[];
  constructor(years: number[]) {
    super(`缺少${years.join('、')}年的法定节假日安排，请先在设置中导入`);
    this.name = 'HolidayDataMissingError';
    this.years = years;
  }
}

const yearOf = (iso: string): number => Number(iso.slice(0, 4));

export function createWorkdayCalendar(data: readonly HolidayYear[]): WorkdayCalendar {
  const off = new Map<string, string>();
  const on = new Map<string, string>();
  const known = new Set<number>();
  for (const y of data) {
    known.add(y.year);
    for (const [d, name] of Object.entries(y.holidays)) off.set(d, name);
    for (const [d, name] of Object.entries(y.workdays)) on.set(d, name);
  }
  const years = [...known].sort((a, b) => a - b);

  function check(date: string): { workday: boolean; known: boolean } {
    if (!parseIso(date)) throw new RangeError(`not an ISO date: ${date}`);
    const isKnown = known.has(yearOf(date));
    if (on.has(date)) return { workday: true, known: isKnown };
    if (off.has(date)) return { workday: false, known: isKnown };
    const wd = weekday(date);
    return { workday: wd !== 0 && wd !== 6, known: isKnown };
  }

  return {
    years,
    knowsYear: (year) => known.has(year),
    isWorkday(date) {
      const r = check(date);
      if (!r.known) throw new HolidayDataMissingError([yearOf(date)]);
      return r.workday;
    },
    checkWorkday: check,
    holidayName: (date) => off.get(date),
    addWorkdays(date, n) {
      const unknown = new Set<number>();
      const step = n < 0 ? -1 : 1;
      let cur = date;
      let left = Math.abs(n);
      const first = check(cur);
      if (!first.known) unknown.add(yearOf(cur));
      if (n === 0) {
        while (!check(cur).workday) {
          cur = addDays(cur, 1);
          if (!known.has(yearOf(cur))) unknown.add(yearOf(cur));
        }
        return { date: cur, unknownYears: [...unknown].sort() };
      }
      while (left > 0) {
        cur = addDays(cur, step);
        const r = check(cur);
        if (!r.known) unknown.add(yearOf(cur));
        if (r.workday) left--;
      }
      return { date: cur, unknownYears: [...unknown].sort((a, b) => a - b) };
    },
    workdaysBetween(from, to) {
      const unknown = new Set<number>();
      let count = 0;
      const a = dayNumber(from);
      const b = dayNumber(to);
      for (let n = a; n <= b; n++) {
        const d = fromDayNumber(n);
        const r = check(d);
        if (!r.known) unknown.add(yearOf(d));
        if (r.workday) count++;
      }
      return { count, unknownYears: [...unknown].sort((x, y) => x - y) };
    },
  };
}
