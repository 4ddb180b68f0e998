// ISO weeks, for weekly rules and the 双周 rota.
import { describe, expect, it } from 'vitest';
import { isoWeek, isoWeekLabel, isoWeekStart, weeksOverlapping } from '../../../shared/calendar';

describe('ISO weeks', () => {
  it('1 Jan 2026 (a Thursday) is in week 1 of 2026; 1 Jan 2027 (a Friday) in week 53 of 2026', () => {
    expect(isoWeek('2026-01-01')).toEqual({ year: 2026, week: 1 });
    expect(isoWeek('2027-01-01')).toEqual({ year: 2026, week: 53 });
    expect(isoWeek('2024-12-30')).toEqual({ year: 2025, week: 1 });
  });

  it('week 12 of 2026 starts Monday 16 March and reads 2026年第12周', () => {
    expect(isoWeekStart(2026, 12)).toBe('2026-03-16');
    expect(isoWeekLabel(isoWeek('2026-03-22'))).toBe('2026年第12周');
  });

  it('the weeks overlapping 2026 begin on 29 Dec 2025 and end on 3 Jan 2027', () => {
    const w = weeksOverlapping('2026-01-01', '2026-12-31');
    expect(w[0]!.start).toBe('2025-12-29');
    expect(w[w.length - 1]!.end).toBe('2027-01-03');
    expect(w).toHaveLength(53);
  });
});
