// The official working-day calendar: the holiday schedules bundled with the program (resources/holidays,
// from the chinese-days package) plus the years the user adds in 设置 (which take precedence).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWorkdayCalendar, type HolidayYear, type WorkdayCalendar } from '../../shared/calendar/workdays';
import type { Db } from './db/db';
import { resourcesDir } from './resources';

const bundledCache = new Map<string, HolidayYear[]>();

export function bundledHolidays(dir: string = join(resourcesDir(), 'holidays')): HolidayYear[] {
  let years = bundledCache.get(dir);
  if (!years) {
    years = existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => /^\d{4}\.json$/.test(f))
          .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as HolidayYear)
      : [];
    bundledCache.set(dir, years);
  }
  return years;
}

/** The schedules the user entered, one HolidayYear per year in calendar_years. */
export function userHolidays(db: Db): HolidayYear[] {
  const years = db.all(db.q.selectFrom('calendar_years').select(['year', 'note']));
  const days = db.all(db.q.selectFrom('calendar_days').selectAll().orderBy('date'));
  return years.map(({ year }) => {
    const y: HolidayYear = { year, holidays: {}, workdays: {}, source: '用户录入' };
    for (const d of days.filter((d) => d.date.startsWith(`${year}-`)))
      (d.kind === 'holiday' ? y.holidays : y.workdays)[d.date] = d.name;
    return y;
  });
}

export function workdayCalendar(db: Db): WorkdayCalendar {
  const user = userHolidays(db);
  const userYears = new Set(user.map((y) => y.year));
  return createWorkdayCalendar([...bundledHolidays().filter((y) => !userYears.has(y.year)), ...user]);
}
