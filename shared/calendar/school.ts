// The school calendar: semesters (学期) and academic years (学年), editable, with defaults for years not given.
//
// Defaults when an academic year Y-(Y+1) has no entry: 第一学期 Y-09-01 … (Y+1)-01-20, 第二学期 (Y+1)-02-20 …
// (Y+1)-07-10. An academic year runs from its first semester's start (at the latest Sep 1) to the day before
// the next one starts, so the summer and winter vacations belong to a 学年 but to no 学期.
import { addDays } from '../format/date';

export interface SemesterDef {
  /** '2025-2026' */
  academicYear: string;
  /** 1 = 第一学期 (autumn), 2 = 第二学期 (spring) */
  term: 1 | 2;
  start: string;
  end: string;
}

export interface SchoolCalendarInput {
  semesters?: readonly SemesterDef[];
}

export interface AcademicYearSpan {
  academicYear: string;
  start: string;
  end: string;
}

export interface SchoolCalendar {
  semester(academicYear: string, term: 1 | 2): SemesterDef;
  academicYear(label: string): AcademicYearSpan;
  /** The academic year a date falls in ('2025-2026' for 2026-03-01). */
  academicYearOf(date: string): string;
  semestersOverlapping(from: string, to: string): SemesterDef[];
  academicYearsOverlapping(from: string, to: string): AcademicYearSpan[];
}

export const DEFAULT_SEMESTER_DATES = {
  first: { start: '09-01', end: '01-20' },
  second: { start: '02-20', end: '07-10' },
} as const;

export function academicYearLabel(startYear: number): string {
  return `${startYear}-${startYear + 1}`;
}

export function semesterLabel(s: Pick<SemesterDef, 'academicYear' | 'term'>): string {
  return `${s.academicYear}学年${s.term === 1 ? '第一' : '第二'}学期`;
}

function startYearOf(label: string): number {
  const m = /^(\d{4})-(\d{4})$/.exec(label);
  if (!m || Number(m[2]) !== Number(m[1]) + 1) throw new RangeError(`not an academic year: ${label}`);
  return Number(m[1]);
}

export function createSchoolCalendar(input: SchoolCalendarInput = {}): SchoolCalendar {
  const given = new Map<string, SemesterDef>();
  for (const s of input.semesters ?? []) given.set(`${s.academicYear}#${s.term}`, s);

  function semester(academicYear: string, term: 1 | 2): SemesterDef {
    const found = given.get(`${academicYear}#${term}`);
    if (found) return found;
    const y = startYearOf(academicYear);
    const d = term === 1 ? DEFAULT_SEMESTER_DATES.first : DEFAULT_SEMESTER_DATES.second;
    return term === 1
      ? { academicYear, term, start: `${y}-${d.start}`, end: `${y + 1}-${d.end}` }
      : { academicYear, term, start: `${y + 1}-${d.start}`, end: `${y + 1}-${d.end}` };
  }

  function yearStart(y: number): string {
    const first = semester(academicYearLabel(y), 1).start;
    const sep1 = `${y}-09-01`;
    return first < sep1 ? first : sep1;
  }

  function academicYear(label: string): AcademicYearSpan {
    const y = startYearOf(label);
    return { academicYear: label, start: yearStart(y), end: addDays(yearStart(y + 1), -1) };
  }

  function academicYearOf(date: string): string {
    const y = Number(date.slice(0, 4));
    return date >= yearStart(y) ? academicYearLabel(y) : academicYearLabel(y - 1);
  }

  function academicYearsOverlapping(from: string, to: string): AcademicYearSpan[] {
    const out: AcademicYearSpan[] = [];
    const first = startYearOf(academicYearOf(from));
    const last = startYearOf(academicYearOf(to));
    for (let y = first; y <= last; y++) out.push(academicYear(academicYearLabel(y)));
    return out;
  }

  function semestersOverlapping(from: string, to: string): SemesterDef[] {
    const out: SemesterDef[] = [];
    const first = startYearOf(academicYearOf(from)) - 1;
    const last = startYearOf(academicYearOf(to)) + 1;
    for (let y = first; y <= last; y++) {
      for (const term of [1, 2] as const) {
        const s = semester(academicYearLabel(y), term);
        if (s.start <= to && s.end >= from) out.push(s);
      }
    }
    return out;
  }

  return { semester, academicYear, academicYearOf, semestersOverlapping, academicYearsOverlapping };
}
