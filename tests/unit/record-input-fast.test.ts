// The import's fast check of a 联系记录 row (plainRecordInput) must never let through what the schema
// (recordInput) refuses, and must give what the schema gives: compared on 20,000 rows built from good, edge
// and bad values of every field.
import { describe, expect, it } from 'vitest';
import { plainRecordInput, recordInput } from '../../shared/domain/record';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const pools: Record<string, unknown[]> = {
  date: [
    '2026-03-05',
    '2000-01-01',
    '2100-12-31',
    '1999-12-31',
    '2101-01-01',
    '2026-02-30',
    '2026-3-5',
    '',
    'abc',
    45000,
    null,
  ],
  startTime: [null, '09:00', '23:59', '24:00', '9:00', '09:60', '', ' 09:00', 0.5],
  endTime: [null, '11:30', '00:00', '08:59', '23:59', '25:00', 'x'],
  activityTypeId: [1, 7, 0, -1, 1.5, 2 ** 53, '1', NaN],
  cadreIds: [
    [1],
    [1, 2],
    [],
    [0],
    [1, 1.5],
    ['1'],
    Array.from({ length: 50 }, (_, i) => i + 1),
    Array.from({ length: 51 }, (_, i) => i + 1),
  ],
  objectIds: [
    [],
    [3],
    [3, 4],
    [-2],
    Array.from({ length: 500 }, (_, i) => i + 1),
    Array.from({ length: 501 }, (_, i) => i + 1),
    null,
  ],
  place: ['', '会议室302', '  会议室 ', 'x'.repeat(200), ` ${'x'.repeat(200)} `, 'x'.repeat(201), '\t\n', 5],
  content: ['', '到学院调研', 'x'.repeat(20_000), 'x'.repeat(20_001), null],
  opinions: ['', '建议', 7],
  implementation: ['', '已落实', 'y'.repeat(20_001)],
  hours: [null, 0, 2, 1000, 1000.5, -1, Infinity, NaN, '2'],
  days: [null, 0, 1.5, 366, 367, -0.1],
  companions: [null, 0, 3, 100, 101, 2.5, -1, '1'],
};

describe('plainRecordInput', () => {
  it('accepts only what recordInput accepts, and returns what it returns, on 20,000 rows', () => {
    const r = random(13);
    let accepted = 0;
    for (let n = 0; n < 20_000; n++) {
      const row: Record<string, unknown> = {};
      // Most rows mostly good (first values), so that both answers are well represented.
      for (const [k, pool] of Object.entries(pools))
        row[k] = pool[r() < 0.8 ? Math.floor(r() * 2) : Math.floor(r() * pool.length)];
      if (r() < 0.02) row.extra = 'x';
      if (r() < 0.02) delete row.hours;
      const fast = plainRecordInput(row);
      const schema = recordInput.safeParse(row);
      if (fast) {
        accepted++;
        expect(schema.success, JSON.stringify(row).slice(0, 300)).toBe(true);
        expect(fast).toEqual(schema.data);
      }
    }
    // The fast path is taken for the plain rows an import mostly has.
    expect(accepted).toBeGreaterThan(4000);
  });

  it('takes the plain row of an import', () => {
    const row = {
      date: '2026-03-05',
      startTime: '09:00',
      endTime: '11:00',
      activityTypeId: 3,
      cadreIds: [1, 2],
      objectIds: [5],
      place: ' 会议室302 ',
      content: '到学院调研',
      opinions: '',
      implementation: '',
      hours: 2,
      days: null,
      companions: 1,
    };
    expect(plainRecordInput(row)).toEqual(recordInput.parse(row));
    expect(plainRecordInput({ ...row, endTime: '08:00' })).toBeNull();
  });
});
