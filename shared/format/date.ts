// Calendar dates as ISO strings (YYYY-MM-DD) and their Chinese forms; no clock, no time zones.

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function parseIso(s: string): Ymd | null {
  const m = ISO.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return { y, m: mo, d };
}

export function isIsoDate(s: string): boolean {
  return parseIso(s) !== null;
}

export function toIso({ y, m, d }: Ymd): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Reads the date forms a secretary types or pastes: 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日.
 * Returns the ISO form, or null when it is not a real date.
 */
export function parseLooseDate(input: string): string | null {
  const s = input.trim().replace(/\s+/g, '');
  const m = /^(\d{4})(?:[-/.]|年)(\d{1,2})(?:[-/.]|月)(\d{1,2})日?$/.exec(s);
  if (!m) return null;
  const ymd = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  return parseIso(toIso(ymd)) ? toIso(ymd) : null;
}

/** 2026年3月1日 — Arabic numerals, no padding, as GB/T 9704 7.3.5.4 asks. */
export function formatChineseDate(iso: string): string {
  const p = parseIso(iso);
  if (!p) throw new RangeError(`not an ISO date: ${iso}`);
  return `${p.y}年${p.m}月${p.d}日`;
}

/** Day number since 1970-01-01 (UTC), for date arithmetic without a clock. */
export function dayNumber(iso: string): number {
  const p = parseIso(iso);
  if (!p) throw new RangeError(`not an ISO date: ${iso}`);
  return Date.UTC(p.y, p.m - 1, p.d) / 86_400_000;
}

export function fromDayNumber(n: number): string {
  const dt = new Date(n * 86_400_000);
  return toIso({ y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() });
}

export function addDays(iso: string, n: number): string {
  return fromDayNumber(dayNumber(iso) + n);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  return (dayNumber(iso) + 4) % 7;
}
