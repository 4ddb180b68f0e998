// The school calendar: default and edited semesters, academic years, semesters straddling the new year.
import { describe, expect, it } from 'vitest';
import { createSchoolCalendar, semesterLabel } from '../../../shared/calendar';

describe('school calendar', () => {
  const school = createSchoolCalendar();

  it('defaults: 第一学期 1 Sep – 20 Jan, 第二学期 20 Feb – 10 Jul', () => {
    expect(school.semester('2025-2026', 1)).toEqual({
      academicYear: '2025-2026',
      term: 1,
      start: '2025-09-01',
      end: '2026-01-20',
    });
    expect(school.semester('2025-2026', 2)).toEqual({
      academicYear: '2025-2026',
      term: 2,
      start: '2026-02-20',
      end: '2026-07-10',
    });
  });

  it('calendar year 2026 overlaps the semester that began in September 2025, with its true start', () => {
    const s = school.semestersOverlapping('2026-01-01', '2026-12-31');
    expect(s.map((x) => [semesterLabel(x), x.start, x.end])).toEqual([
      ['2025-2026学年第一学期', '2025-09-01', '2026-01-20'],
      ['2025-2026学年第二学期', '2026-02-20', '2026-07-10'],
      ['2026-2027学年第一学期', '2026-09-01', '2027-01-20'],
    ]);
  });

  it('an academic year runs 1 Sep – 31 Aug, and a date knows its academic year', () => {
    expect(school.academicYear('2025-2026')).toEqual({
      academicYear: '2025-2026',
      start: '2025-09-01',
      end: '2026-08-31',
    });
    expect(school.academicYearOf('2026-03-01')).toBe('2025-2026');
    expect(school.academicYearOf('2026-09-01')).toBe('2026-2027');
  });

  it('an office enters its own semester dates: 2025-09-06 … 2026-01-18', () => {
    const own = createSchoolCalendar({
      semesters: [{ academicYear: '2025-2026', term: 1, start: '2025-09-06', end: '2026-01-18' }],
    });
    expect(own.semestersOverlapping('2026-01-01', '2026-01-31')).toEqual([
      { academicYear: '2025-2026', term: 1, start: '2025-09-06', end: '2026-01-18' },
    ]);
    expect(own.semester('2026-2027', 1).start).toBe('2026-09-01');
  });

  it('an autumn semester starting in August starts its academic year early', () => {
    const own = createSchoolCalendar({
      semesters: [{ academicYear: '2026-2027', term: 1, start: '2026-08-28', end: '2027-01-15' }],
    });
    expect(own.academicYear('2026-2027').start).toBe('2026-08-28');
    expect(own.academicYear('2025-2026').end).toBe('2026-08-27');
  });

  it('rejects a malformed academic year', () => {
    expect(() => school.academicYear('2025-2027')).toThrow(RangeError);
  });
});
