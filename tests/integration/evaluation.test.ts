// 统计考核 on a small ledger a person can check by hand: preset 002 for 2026, two cadres, a handful of
// records. 赵敏 observed 4 classes in the spring of 2026 → 002-16a (听课 ≥4 a 学年) met; 钱伟 observed none.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import type { CadreReminders, EvalRow, EvaluationResult, EvidenceRecord } from '../../shared/api/evaluation';
import { expandRows } from '../../shared/api/evaluation-outside';
import { tempDbPath, tempDir } from '../support/tmp';
import { addVocabulary } from '../support/vocabulary';

const dir = tempDir();
const path = tempDbPath(dir);
let b: Backend;
const ids: Record<string, number> = {};
const lessons: number[] = [];

async function ok<T>(method: string, input: unknown): Promise<T> {
  const r = await b.dispatch(method, input);
  if (!r.ok) throw new Error(`${method} refused: ${r.error.message}`);
  return r.value as T;
}
// Every row, the 不适用 rows of the cadres a rule leaves out (listed apart) among them.
const row = (res: EvaluationResult, cadre: string, code: string, label?: string): EvalRow | undefined =>
  expandRows(res).find((r) => r.cadreName === cadre && r.ruleCode === code && (!label || r.period.label === label));

beforeAll(async () => {
  b = await openBackend(path, { now: () => new Date('2026-06-30T08:00:00Z') });
  await ok('rules.applyPreset', { presetId: '002', year: 2026 });
  const types = (await ok<{ activityTypes: { id: number; name: string }[] }>('vocabulary.get', {})).activityTypes;
  for (const t of types) ids[t.name] = t.id;
  await addVocabulary(b.dispatch, { unitCategories: ['校领导'] });
  ids.school = (await ok<{ id: number }>('units.create', { name: '学校领导', category: '校领导' })).id;
  ids.college = (await ok<{ id: number }>('units.create', { name: '机械学院', category: '学院' })).id;
  ids.zhao = (
    await ok<{ id: number }>('cadres.create', {
      name: '赵敏',
      title: '副校长',
      level: '校级',
      unitId: ids.school,
      roles: ['分管教学'],
    })
  ).id;
  ids.qian = (
    await ok<{ id: number }>('cadres.create', { name: '钱伟', title: '院长', level: '正处级', unitId: ids.college })
  ).id;
  ids.class = (
    await ok<{ id: number }>('objects.create', { name: '机械2501班', category: '班级', unitId: ids.college })
  ).id;
  for (const date of ['2026-03-04', '2026-03-18', '2026-04-08', '2026-05-13'])
    lessons.push(
      (
        await ok<{ id: number }>('records.create', {
          date,
          activityTypeId: ids['听课'],
          cadreIds: [ids.zhao],
          objectIds: [ids.class],
          place: '理科楼201',
          hours: 2,
        })
      ).id,
    );
  return () => b.close();
});

describe('evaluation of a hand-made ledger', () => {
  it('赵敏 observed 4 classes in 2025-2026 → 002-16a met; 钱伟 none → 预警 before the year ends, 未达标 after', async () => {
    const res = await ok<EvaluationResult>('evaluation.run', { selection: { year: 2026 }, asOf: '2026-06-30' });
    const zhao = row(res, '赵敏', '002-16a', '2025-2026学年')!;
    expect(zhao).toMatchObject({ required: 4, achieved: 4, unit: '次', status: 'met', clause: '002 第十六条' });
    expect(zhao.evidence).toEqual(lessons);
    expect(zhao.description).toBe('每位领导干部每学年听课不少于4次（002 第十六条）');
    expect(row(res, '钱伟', '002-16a', '2025-2026学年')).toMatchObject({ achieved: 0, status: 'behind' });
    // 分管教学: ≥8 a semester — 4 in the spring semester is short of it, and the semester is nearly over.
    expect(row(res, '赵敏', '002-16b', '2025-2026学年第二学期')).toMatchObject({
      required: 8,
      achieved: 4,
      status: 'behind',
    });
    expect(row(res, '钱伟', '002-16b')).toMatchObject({ status: 'n/a' });

    const later = await ok<EvaluationResult>('evaluation.run', {
      selection: { academicYear: '2025-2026' },
      asOf: '2026-09-30',
    });
    expect(row(later, '钱伟', '002-16a')).toMatchObject({ status: 'missed' });
    expect(later.byRule.find((r) => r.ruleCode === '002-16a')).toMatchObject({ met: 1, missed: 1, rate: 0.5 });
    const units = Object.fromEntries(later.byUnit.map((u) => [u.unitName, u]));
    expect(units['学校领导']!.met).toBeGreaterThanOrEqual(1);
    expect(units['机械学院']!.missed).toBeGreaterThanOrEqual(1);
  });

  it('a record moved out of the year is no longer counted (the cached inputs follow the edit)', async () => {
    const sel = { selection: { year: 2026 }, asOf: '2026-06-30' };
    await ok('records.update', { id: lessons[3], patch: { date: '2025-06-10' } });
    const res = await ok<EvaluationResult>('evaluation.run', sel);
    // 3 of 4 with two months of the 学年 left is on pace (⌊4 × 303/365⌋ = 3): 进行中.
    expect(row(res, '赵敏', '002-16a', '2025-2026学年')).toMatchObject({ achieved: 3, status: 'open' });
    await ok('records.update', { id: lessons[3], patch: { date: '2026-05-13' } });
    const back = await ok<EvaluationResult>('evaluation.run', sel);
    expect(row(back, '赵敏', '002-16a', '2025-2026学年')).toMatchObject({ achieved: 4, status: 'met' });
    // A rule edit is picked up too.
    const rules = await ok<{ id: number; code: string; body: object }[]>('rules.list', { year: 2026 });
    const r16a = rules.find((r) => r.code === '002-16a')!;
    await ok('rules.update', { id: r16a.id, body: { ...r16a.body, min: 5 } });
    const stricter = await ok<EvaluationResult>('evaluation.run', sel);
    expect(row(stricter, '赵敏', '002-16a', '2025-2026学年')).toMatchObject({ required: 5, achieved: 4 });
    await ok('rules.update', { id: r16a.id, body: { ...r16a.body, min: 4 } });
  });

  it('本月提醒 says what 赵敏 still has to do and by when, soonest first', async () => {
    const rem = await ok<CadreReminders[]>('evaluation.reminders', { asOf: '2026-06-30' });
    const zhao = rem.find((c) => c.cadreName === '赵敏')!;
    const lesson = zhao.items.find((i) => i.ruleCode === '002-16b')!;
    expect(lesson).toMatchObject({ due: '2026-07-10', required: 8, achieved: 4, remaining: 4, status: 'behind' });
    const dues = zhao.items.map((i) => i.due);
    expect([...dues].sort()).toEqual(dues);
    expect(zhao.items.some((i) => i.ruleCode === '002-16a')).toBe(false);
  });

  it('a figure’s evidence lists its records with date, type and place', async () => {
    const ev = await ok<EvidenceRecord[]>('evaluation.evidence', { ids: lessons.slice(0, 2) });
    expect(ev).toEqual([
      expect.objectContaining({
        date: '2026-03-04',
        activityType: '听课',
        place: '理科楼201',
        cadreNames: ['赵敏'],
        objectNames: ['机械2501班'],
      }),
      expect.objectContaining({ date: '2026-03-18' }),
    ]);
  });

  it('ledger evaluate --json prints one object per cadre × rule × period', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['bin/ledger.mjs', 'evaluate', '--db', path, '--year', '2026', '--as-of', '2026-06-30', '--json'],
      { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
    );
    const rows = JSON.parse(stdout) as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(40);
    for (const r of rows) {
      expect(Object.keys(r)).toEqual(
        expect.arrayContaining([
          'cadre',
          'rule',
          'clause',
          'period',
          'required',
          'achieved',
          'unit',
          'status',
          'evidence',
        ]),
      );
      expect(['met', 'missed', 'open', 'behind', 'n/a']).toContain(r.status);
    }
    expect(rows).toContainEqual(
      expect.objectContaining({
        cadre: '赵敏',
        rule: '002-16a',
        clause: '002 第十六条',
        period: { label: '2025-2026学年', start: '2025-09-01', end: '2026-08-31' },
        required: 4,
        achieved: 4,
        unit: '次',
        status: 'met',
        evidence: lessons,
      }),
    );
    const table = await promisify(execFile)(
      process.execPath,
      ['bin/ledger.mjs', 'evaluate', '--db', path, '--year', '2026', '--as-of', '2026-06-30'],
      { timeout: 60_000 },
    );
    expect(table.stdout).toContain(
      '【领导干部每学年听课不少于4次\u3000第十六条】每位领导干部每学年听课不少于4次（002 第十六条）',
    );
    expect(table.stdout).not.toContain('002-16a');
    expect(table.stdout).toMatch(/赵敏\s+2025-2026学年\s+4\/4次\s+达标/);
  });
});
