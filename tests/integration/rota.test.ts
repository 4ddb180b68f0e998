// 接待日排班: 002 第十一条 (every Wednesday) for the autumn semester of 2026-2027 skips the National Day
// holiday, rotates the 校领导, swaps two duties, and links a duty to the 接待日 record of that day;
// 001 五.8 gives even-week Mondays 15:00–17:00.
import { beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import type { RotaDuty } from '../../shared/api/rota';
import type { StoredRule } from '../../shared/api/rules';
import { isoWeek } from '../../shared/calendar/weeks';
import { tempDbPath, tempDir } from '../support/tmp';
import { calls } from '../support/calls';

const dir = tempDir();
let b: Backend;
const ids: Record<string, number> = {};

const { ok, refused } = calls(() => b);
const rule = async (code: string) =>
  (await ok<StoredRule[]>('rules.list', { year: 2026 })).find((r) => r.code === code)!;

beforeAll(async () => {
  b = await openBackend(tempDbPath(dir), { now: () => new Date('2026-09-01T08:00:00Z') });
  await ok('rules.applyPreset', { presetId: '002', year: 2026 });
  await ok('rules.applyPreset', { presetId: '001', year: 2026 });
  for (const name of ['王书记', '李校长', '张副校长'])
    ids[name] = (await ok<{ id: number }>('cadres.create', { name, level: '校级' })).id;
  ids['处长'] = (await ok<{ id: number }>('cadres.create', { name: '刘处长', level: '正处级' })).id;
  return () => b.close();
});

describe('reception-day rota', () => {
  let duties: RotaDuty[];
  it('every Wednesday of the autumn semester, National Day (10月7日) skipped, 校领导 in rotation', async () => {
    const r11 = await rule('002-11');
    duties = await ok<RotaDuty[]>('rota.generate', {
      ruleId: r11.id,
      academicYear: '2026-2027',
      term: 1,
      place: '行政楼101',
    });
    const dates = duties.map((d) => d.date);
    expect(dates[0]).toBe('2026-09-02');
    expect(dates).toContain('2026-09-30');
    expect(dates).not.toContain('2026-10-07');
    expect(dates).toContain('2026-10-14');
    expect(duties.every((d) => d.weekday === '星期三' && d.clause === '002 第十一条')).toBe(true);
    expect(dates.at(-1)! <= '2027-01-20').toBe(true);
    // Only the 校级 cadres, in roster order, round and round; 刘处长 is not on it.
    expect(duties.slice(0, 4).map((d) => d.cadreName)).toEqual(['王书记', '李校长', '张副校长', '王书记']);
    expect(duties.some((d) => d.cadreName === '刘处长')).toBe(false);
  });

  it('two duties swapped change hands; generating again replaces the semester’s duties', async () => {
    const [a, c] = [duties[0]!, duties[1]!];
    const swapped = await ok<RotaDuty[]>('rota.swap', { a: a.id, b: c.id });
    expect(swapped.map((d) => [d.date, d.cadreName])).toEqual([
      ['2026-09-02', '李校长'],
      ['2026-09-09', '王书记'],
    ]);
    const list = await ok<RotaDuty[]>('rota.list', { from: '2026-09-01', to: '2027-01-31' });
    expect(list).toHaveLength(duties.length);
    expect(await refused('rota.swap', { a: a.id, b: a.id })).toContain('两次不同的值班');
  });

  it('a duty is linked to the 接待日 record its cadre entered that day', async () => {
    const types = (await ok<{ activityTypes: { id: number; name: string }[] }>('vocabulary.get', {})).activityTypes;
    const rec = await ok<{ id: number }>('records.create', {
      date: '2026-09-09',
      activityTypeId: types.find((t) => t.name === '接待日')!.id,
      cadreIds: [ids['王书记']],
      content: '接待来访教师3人次',
    });
    const list = await ok<RotaDuty[]>('rota.list', { from: '2026-09-09', to: '2026-09-09' });
    expect(list[0]).toMatchObject({ cadreName: '王书记', recordId: rec.id });
  });

  it('001 五.8: even ISO weeks’ Mondays, 15:00–17:00, holidays skipped', async () => {
    const r58 = await rule('001-5.8');
    const list = await ok<RotaDuty[]>('rota.generate', { ruleId: r58.id, academicYear: '2026-2027', term: 1 });
    expect(list.length).toBeGreaterThan(5);
    for (const d of list) {
      expect(d.weekday).toBe('星期一');
      expect(isoWeek(d.date).week % 2).toBe(0);
      expect([d.startTime, d.endTime]).toEqual(['15:00', '17:00']);
    }
    expect(list.map((d) => d.date)).not.toContain('2026-10-05');
  });

  it('a rule that is not a rota is refused', async () => {
    const r16a = await rule('002-16a');
    expect(await refused('rota.generate', { ruleId: r16a.id, academicYear: '2026-2027', term: 1 })).toContain(
      '不是排班要求',
    );
  });
});
