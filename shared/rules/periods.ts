// Evaluation periods: weeks, months, two-month spans, quarters, half-years, semesters, academic years, years, terms, windows.
import type { SchoolCalendar } from '../calendar/school';
import { semesterLabel } from '../calendar/school';
import { isoWeekLabel, weeksOverlapping } from '../calendar/weeks';
import { daysInMonth, formatChineseDate } from '../format/date';
import { HOLIDAY_WINDOWS, windowKey, windowSpan } from './patterns';
import type { PeriodKind } from './schema';
import type { Period, Selection } from './types';

const QUARTERS = ['一', '二', '三', '四'];
const pad = (n: number) => String(n).padStart(2, '0');
const monthEnd = (y: number, m: number) => `${y}-${pad(m)}-${pad(daysInMonth(y, m))}`;

export function selectionRange(sel: Selection, school: SchoolCalendar): { from: string; to: string } {
  if ('year' in sel) return { from: `${sel.year}-01-01`, to: `${sel.year}-12-31` };
  if ('academicYear' in sel) {
    const span = school.academicYear(sel.academicYear);
    return { from: span.start, to: span.end };
  }
  return { from: sel.from, to: sel.to };
}

function monthSpans(from: string, to: string, size: number, label: (y: number, m: number) => string): Period[] {
  const out: Period[] = [];
  let y = Number(from.slice(0, 4));
  let m = Math.floor((Number(from.slice(5, 7)) - 1) / size) * size + 1;
  for (;;) {
    const start = `${y}-${pad(m)}-01`;
    if (start > to) break;
    const lastM = m + size - 1;
    out.push({ kind: 'month', label: label(y, m), start, end: monthEnd(y, lastM) });
    m += size;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

export function termLabel(start: string | null, end: string | null): string {
  return `任期（${start ? formatChineseDate(start) : '起始未填'}—${end ? formatChineseDate(end) : '至今'}）`;
}

/**
 * The periods of one kind that overlap [from, to], each with its true start and end: evaluating 2026 shows
 * the semester 2025-09-01 … 2026-01-20 whole, not cut at the new year. 'termOfOffice' is per cadre, see
 * termPeriod; 'window' needs the window names.
 */
export function periodsOverlapping(
  kind: PeriodKind,
  from: string,
  to: string,
  school: SchoolCalendar,
  windows: readonly string[] = [],
): Period[] {
  switch (kind) {
    case 'week':
      return weeksOverlapping(from, to).map((w) => ({
        kind,
        label: isoWeekLabel(w.week),
        start: w.start,
        end: w.end,
      }));
    case 'month':
      return monthSpans(from, to, 1, (y, m) => `${y}年${m}月`).map((p) => ({ ...p, kind }));
    case 'twoMonths':
      return monthSpans(from, to, 2, (y, m) => `${y}年${m}—${m + 1}月`).map((p) => ({ ...p, kind }));
    case 'quarter':
      return monthSpans(from, to, 3, (y, m) => `${y}年第${QUARTERS[(m - 1) / 3]}季度`).map((p) => ({ ...p, kind }));
    case 'halfYear':
      return monthSpans(from, to, 6, (y, m) => `${y}年${m === 1 ? '上' : '下'}半年`).map((p) => ({ ...p, kind }));
    case 'calendarYear': {
      const out: Period[] = [];
      for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++)
        out.push({ kind, label: `${y}年`, start: `${y}-01-01`, end: `${y}-12-31` });
      return out;
    }
    case 'semester':
      return school.semestersOverlapping(from, to).map((s) => ({
        kind,
        label: semesterLabel(s),
        start: s.start,
        end: s.end,
      }));
    case 'academicYear':
      return school.academicYearsOverlapping(from, to).map((a) => ({
        kind,
        label: `${a.academicYear}学年`,
        start: a.start,
        end: a.end,
      }));
    case 'window': {
      const out: Period[] = [];
      const y0 = Number(from.slice(0, 4));
      const y1 = Number(to.slice(0, 4)) + 1;
      for (let y = y0; y <= y1; y++) {
        for (const name of windows) {
          const span = windowSpan(name, y);
          if (span.start <= to && span.end >= from)
            out.push({ kind, label: `${y}年${windowKey(name)}`, start: span.start, end: span.end });
        }
      }
      return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    }
    case 'termOfOffice':
      return [];
  }
}

/** A cadre's term as one period; a term without a start is counted from the selection's start. */
export function termPeriod(termStart: string | null, termEnd: string | null, from: string): Period {
  return {
    kind: 'termOfOffice',
    label: termLabel(termStart, termEnd),
    start: termStart ?? from,
    // An open-ended term is not over, so it can be met or behind but never missed.
    end: termEnd ?? '9999-12-31',
  };
}

export const KNOWN_WINDOWS = Object.keys(HOLIDAY_WINDOWS);
