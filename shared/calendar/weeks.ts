// ISO 8601 weeks (Monday first; week 1 holds the year's first Thursday), for weekly rules and 双周 rotas.
import { addDays, dayNumber, fromDayNumber, weekday } from '../format/date';

export interface IsoWeek {
  year: number;
  week: number;
}

/** ISO day of week: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const w = weekday(date);
  return w === 0 ? 7 : w;
}

export function isoWeek(date: string): IsoWeek {
  const thursday = addDays(date, 4 - isoWeekday(date));
  const year = Number(thursday.slice(0, 4));
  const jan1 = dayNumber(`${year}-01-01`);
  return { year, week: Math.floor((dayNumber(thursday) - jan1) / 7) + 1 };
}

/** The Monday of ISO week `week` of ISO year `year`. */
export function isoWeekStart(year: number, week: number): string {
  const jan4 = `${year}-01-04`;
  const monday1 = dayNumber(jan4) - (isoWeekday(jan4) - 1);
  return fromDayNumber(monday1 + (week - 1) * 7);
}

export function isoWeekLabel(w: IsoWeek): string {
  return `${w.year}年第${w.week}周`;
}

/** Every ISO week that overlaps [from, to], in order. */
export function weeksOverlapping(from: string, to: string): { week: IsoWeek; start: string; end: string }[] {
  const out: { week: IsoWeek; start: string; end: string }[] = [];
  let start = addDays(from, 1 - isoWeekday(from));
  while (start <= to) {
    out.push({ week: isoWeek(start), start, end: addDays(start, 6) });
    start = addDays(start, 7);
  }
  return out;
}
