// 设置 → 校历 and 节假日 on a real ledger file: a 督办 deadline running into 2027 is 待核 until 2027's
// schedule is entered; entering it from an .ics file recomputes the deadline, clears the flag, is audited
// and is one undoable change; a wrong file changes nothing; a locked year's schedule cannot be changed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../electron/services/audit';
import { openBackend, type Backend } from '../../electron/services/backend';
import type { CalendarOverview, HolidayYear, SaveHolidaysResult } from '../../shared/api/calendar';
import type { Semester } from '../../shared/api/rules';
import type { FollowUp } from '../../shared/domain/follow-up';
import { tempDbPath, tempDir } from '../support/tmp';
import { calls } from '../support/calls';

const dir = tempDir();
let b: Backend;
const ics = readFileSync(join('tests', 'fixtures', 'holidays', '2027-sample.ics'), 'utf8');

const { ok, refusal: refused } = calls(() => b);
const item = async (id: number) => (await ok<FollowUp[]>('followUps.list', {})).find((f) => f.id === id)!;

let late: FollowUp;
let early: FollowUp;
beforeAll(async () => {
  b = await openBackend(tempDbPath(dir), { now: () => new Date('2026-12-20T08:00:00Z') });
  // Handed over on 2026-12-28 with 5 working days: the count runs into 2027.
  late = await ok<FollowUp>('followUps.create', {
    raisedDate: '2026-12-28',
    matter: '东区路灯不亮',
    limitDays: 5,
  });
  early = await ok<FollowUp>('followUps.create', { raisedDate: '2026-11-02', matter: '图书馆座位不足', limitDays: 5 });
  return () => b.close();
});

describe('节假日', () => {
  it('2027 has no schedule: the deadline crossing into it is 待核 (counted Monday–Friday), and 设置 says so', async () => {
    expect(late).toMatchObject({ dueDate: '2027-01-04', dueDateUncertain: true });
    expect(early).toMatchObject({ dueDate: '2026-11-09', dueDateUncertain: false });
    const o = await ok<CalendarOverview>('calendar.overview', {});
    expect(o.years.map((y) => [y.year, y.source, y.flaggedFollowUps])).toEqual([
      [2025, 'bundled', 0],
      [2026, 'bundled', 0],
      [2027, 'none', 1],
    ]);
    expect(await ok<HolidayYear>('calendar.holidays', { year: 2027 })).toMatchObject({ source: 'none', days: [] });
  });

  it('a file for the wrong year is refused whole, naming the line; nothing is saved', async () => {
    const err = await refused('calendar.parseHolidays', { year: 2028, format: 'ics', content: ics });
    expect(err.message).toContain('这个 .ics 文件有13处问题，没有保存任何日期：第10行：“元旦”的2027-01-01不在2028年内');
    expect(err.issues?.[0]).toMatchObject({ field: '第10行', row: 10 });
    const bad = await refused('calendar.saveHolidays', {
      year: 2027,
      days: [
        { date: '2027-02-06', kind: 'holiday', name: '春节' },
        { date: '2027-02-06', kind: 'workday', name: '春节' },
      ],
    });
    expect(bad.message).toContain('第2行：2027-02-06既是放假日');
    expect((await ok<HolidayYear>('calendar.holidays', { year: 2027 })).source).toBe('none');
  });

  it('2027 from an .ics file: the deadline skips 元旦 (2027-01-01..03), is no longer 待核; audited; one change', async () => {
    const days = await ok<{ date: string; kind: string }[]>('calendar.parseHolidays', {
      year: 2027,
      format: 'ics',
      content: ics,
    });
    expect(days).toHaveLength(35);
    const r = await ok<SaveHolidaysResult>('calendar.saveHolidays', { year: 2027, days, origin: '2027-sample.ics' });
    expect(r).toEqual({ year: 2027, holidays: 29, workdays: 6, followUpsUpdated: 1, followUpsCleared: 1 });
    // 12-28 Mon + 5 working days: 29, 30, 31, then 元旦 1–3 off, 4, 5 → 2027-01-05.
    expect(await item(late.id)).toMatchObject({ dueDate: '2027-01-05', dueDateUncertain: false });
    expect(b.db.sqlite.prepare('SELECT due_date FROM follow_ups WHERE id = ?').pluck().get(late.id)).toBe('2027-01-05');
    expect(await item(early.id)).toMatchObject({ dueDate: '2026-11-09', dueDateUncertain: false });
    const o = await ok<CalendarOverview>('calendar.overview', {});
    expect(o.years.find((y) => y.year === 2027)).toMatchObject({ source: 'user', flaggedFollowUps: 0 });
    const audit = b.db.sqlite
      .prepare(
        "SELECT table_name, action FROM audit_log WHERE table_name IN ('calendar_years', 'follow_ups') ORDER BY id DESC LIMIT 2",
      )
      .all();
    expect(audit).toEqual([
      { table_name: 'follow_ups', action: 'update' },
      { table_name: 'calendar_years', action: 'create' },
    ]);
    expect(verifyLedger(b.ctx).ok).toBe(true);
    const [last] = await ok<{ label: string }[]>('changes.list', { limit: 1 });
    expect(last!.label).toBe('录入2027年节假日安排（2027-sample.ics）');
  });

  it('undone, 2027 is without a schedule again and the deadline 待核 again', async () => {
    await ok('changes.undo', {});
    expect((await ok<HolidayYear>('calendar.holidays', { year: 2027 })).source).toBe('none');
    expect(await item(late.id)).toMatchObject({ dueDate: '2027-01-04', dueDateUncertain: true });
    expect(verifyLedger(b.ctx).ok).toBe(true);
  });

  it('a schedule pasted from the notice replaces the bundled one of its year; a locked year refuses', async () => {
    await ok('calendar.saveHolidays', {
      year: 2027,
      days: await ok('calendar.parseHolidays', { year: 2027, format: 'ics', content: ics }),
    });
    await ok('years.lock', { year: 2027, reason: '考核完成' });
    const err = await refused('calendar.clearHolidays', { year: 2027 });
    expect(err.message).toContain('2027年度已锁定');
    expect((await ok<HolidayYear>('calendar.holidays', { year: 2027 })).source).toBe('user');
  });
});

describe('校历', () => {
  it('semesters keep their defaults until one is set; a set one is used and stored', async () => {
    const before = await ok<Semester[]>('semesters.list', { academicYears: ['2026-2027'] });
    expect(before.map((s) => [s.term, s.start, s.end, s.stored])).toEqual([
      [1, '2026-09-01', '2027-01-20', false],
      [2, '2027-02-20', '2027-07-10', false],
    ]);
    await ok('semesters.save', { academicYear: '2026-2027', term: 2, start: '2027-02-22', end: '2027-07-09' });
    const after = await ok<Semester[]>('semesters.list', { academicYears: ['2026-2027'] });
    expect(after[1]).toMatchObject({ start: '2027-02-22', end: '2027-07-09', stored: true });
    expect(after[0]).toMatchObject({ stored: false });
    const err = await refused('semesters.save', {
      academicYear: '2026-2027',
      term: 1,
      start: '2026-09-01',
      end: '2026-08-01',
    });
    expect(err.message).toContain('「结束日期」不能早于「开始日期」');
  });
});
