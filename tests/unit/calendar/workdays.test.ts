// Working days from the bundled official schedule: holidays, make-up workdays, and years with no schedule.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HolidayDataMissingError, createWorkdayCalendar } from '../../../shared/calendar';
import { holidayData, workdays } from '../rules/fixtures';

describe('bundled holiday data', () => {
  it('covers every year chinese-days has, 2004–2026, one file each', () => {
    const years = holidayData()
      .map((y) => y.year)
      .sort((a, b) => a - b);
    expect(years[0]).toBe(2004);
    expect(years[years.length - 1]).toBe(2026);
    expect(years).toHaveLength(23);
    expect(existsSync(join(__dirname, '..', '..', '..', 'scripts', 'holidays.mjs'))).toBe(true);
  });

  it('2026 National Day: 1–7 October off, Sunday 20 September and Saturday 10 October worked', () => {
    for (let d = 1; d <= 7; d++) expect(workdays.isWorkday(`2026-10-0${d}`)).toBe(false);
    expect(workdays.holidayName('2026-10-01')).toBe('国庆节');
    expect(workdays.isWorkday('2026-09-20')).toBe(true);
    expect(workdays.isWorkday('2026-10-10')).toBe(true);
    expect(workdays.isWorkday('2026-10-08')).toBe(true);
    expect(workdays.isWorkday('2026-10-11')).toBe(false);
  });

  it('October 2026 has 18 working days (22 weekdays − 5 holidays + 1 make-up Saturday)', () => {
    expect(workdays.workdaysBetween('2026-10-01', '2026-10-31')).toEqual({ count: 18, unknownYears: [] });
  });
});

describe('addWorkdays', () => {
  it('5 working days from Thursday 12 Feb 2026 jump the Spring Festival to 26 Feb, counting make-up Saturday 14 Feb', () => {
    expect(workdays.addWorkdays('2026-02-12', 5)).toEqual({ date: '2026-02-26', unknownYears: [] });
  });

  it('10 working days from 12 Feb 2026 end on 4 March, make-up Saturday 28 Feb included', () => {
    expect(workdays.addWorkdays('2026-02-12', 10).date).toBe('2026-03-04');
  });

  it('0 working days from a holiday is the next working day; negative counts go back', () => {
    expect(workdays.addWorkdays('2026-10-03', 0).date).toBe('2026-10-08');
    expect(workdays.addWorkdays('2026-10-08', -1).date).toBe('2026-09-30');
  });

  it('a deadline running into 2027, a year with no schedule, is flagged, not silently counted', () => {
    const r = workdays.addWorkdays('2026-12-28', 10);
    expect(r.unknownYears).toEqual([2027]);
    expect(workdays.workdaysBetween('2026-12-01', '2027-01-31').unknownYears).toEqual([2027]);
  });

  it('asking whether a day of a year with no schedule is a working day throws a Chinese error', () => {
    expect(() => workdays.isWorkday('2030-05-01')).toThrow(HolidayDataMissingError);
    expect(() => workdays.isWorkday('2030-05-01')).toThrow(/2030年/);
    expect(workdays.checkWorkday('2030-05-01')).toEqual({ workday: true, known: false });
  });

  it('the calendar uses only the data it is given', () => {
    const cal = createWorkdayCalendar([
      { year: 2026, holidays: { '2026-03-02': '测试' }, workdays: { '2026-03-07': '测试' } },
    ]);
    expect(cal.isWorkday('2026-03-02')).toBe(false);
    expect(cal.isWorkday('2026-03-07')).toBe(true);
    expect(cal.isWorkday('2026-10-01')).toBe(true);
    expect(cal.years).toEqual([2026]);
  });
});
