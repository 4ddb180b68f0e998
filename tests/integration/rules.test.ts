// 制度: a ledger started from preset 002 keeps all its rules for the year, each with its clause; an edited
// rule is validated field by field; a year's rules are copied to the next; a locked year refuses edits.
import { beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import type { Semester, StoredRule } from '../../shared/api/rules';
import { tempDbPath, tempDir } from '../support/tmp';
import { calls } from '../support/calls';

const dir = tempDir();
let b: Backend;

const { ok, refused } = calls(() => b);

beforeAll(async () => {
  b = await openBackend(tempDbPath(dir), { now: () => new Date('2026-03-10T08:00:00Z') });
  return () => b.close();
});

describe('rules from a preset', () => {
  it('init from preset 002 stores its 41 rules for 2026, each carrying its clause', async () => {
    expect(await ok('rules.applyPreset', { presetId: '002', year: 2026 })).toMatchObject({ rules: 41 });
    const rules = await ok<StoredRule[]>('rules.list', { year: 2026 });
    expect(rules).toHaveLength(41);
    expect(rules.every((r) => /^002 /.test(r.clause) && r.enabled)).toBe(true);
    const r16a = rules.find((r) => r.code === '002-16a')!;
    expect(r16a).toMatchObject({ clause: '002 第十六条', kind: 'frequency', presetId: '002', department: '教务处' });
    expect(r16a.description).toBe('每位领导干部每学年听课不少于4次（002 第十六条）');
    expect(await ok<number[]>('rules.years', {})).toEqual([2026]);
    const presets = await ok<{ id: string; applied: boolean }[]>('rules.presets', {});
    expect(presets.find((p) => p.id === '002')?.applied).toBe(true);
    expect(await refused('rules.applyPreset', { presetId: '002', year: 2026 })).toContain('已在此台账中');
  });

  it('an edit that breaks the schema is refused naming the field; nothing changes', async () => {
    const r16a = (await ok<StoredRule[]>('rules.list', { year: 2026 })).find((r) => r.code === '002-16a')!;
    const msg = await refused('rules.update', { id: r16a.id, body: { ...r16a.body, min: -1 } });
    expect(msg).toContain('「至少」不能为负数');
    expect(await refused('rules.update', { id: r16a.id, body: { ...r16a.body, period: 'fortnight' } })).toContain(
      '「周期」',
    );
    expect(await refused('rules.update', { id: r16a.id, body: { ...r16a.body, kind: 'wish' } })).toContain('「类型」');
    const after = (await ok<StoredRule[]>('rules.list', { year: 2026 })).find((r) => r.id === r16a.id)!;
    expect(after.body).toMatchObject({ min: 4, period: 'academicYear' });
  });

  it('听课 raised to 6 a semester reads back as a sentence; disabling keeps it but leaves it out', async () => {
    const r16a = (await ok<StoredRule[]>('rules.list', { year: 2026 })).find((r) => r.code === '002-16a')!;
    const edited = await ok<StoredRule>('rules.update', {
      id: r16a.id,
      body: { ...r16a.body, min: 6, period: 'semester' },
    });
    expect(edited.description).toBe('每位领导干部每学期听课不少于6次（002 第十六条）');
    await ok('rules.setEnabled', { id: r16a.id, enabled: false });
    expect((await ok<StoredRule[]>('rules.list', { year: 2026, enabledOnly: true })).length).toBe(40);
    await ok('rules.setEnabled', { id: r16a.id, enabled: true });
  });

  it('a new rule gets a code; a rule deleted is gone', async () => {
    const [reg] = await ok<{ id: number }[]>('rules.regulations', {});
    const created = await ok<StoredRule>('rules.create', {
      regulationId: reg!.id,
      year: 2026,
      body: {
        kind: 'frequency',
        title: '校领导每月走访食堂',
        clause: '002 第六条',
        who: { cadres: { levels: ['校级'] } },
        counts: { activityTypes: ['走访'] },
        period: 'month',
        min: 1,
      },
    });
    expect(created.code).toMatch(/^002-u\d+$/);
    expect(created.description).toBe('每位校级每月走访不少于1次（002 第六条）');
    await ok('rules.delete', { id: created.id });
    expect((await ok<StoredRule[]>('rules.list', { year: 2026 })).length).toBe(41);
  });

  it('2026’s rules are copied to 2027; a locked 2027 refuses an edit', async () => {
    expect(await ok('rules.copyYear', { from: 2026, to: 2027 })).toEqual({ copied: 41 });
    expect(await refused('rules.copyYear', { from: 2026, to: 2027 })).toContain('2027年度已有41条要求');
    await ok('years.lock', { year: 2027, reason: '考核完成' });
    const r = (await ok<StoredRule[]>('rules.list', { year: 2027 }))[0]!;
    expect(await refused('rules.setEnabled', { id: r.id, enabled: false })).toContain('2027年度已锁定');
  });

  it('semesters default from the school calendar until saved', async () => {
    const list = await ok<Semester[]>('semesters.list', { academicYears: ['2025-2026'] });
    expect(list).toEqual([
      expect.objectContaining({ term: 1, start: '2025-09-01', end: '2026-01-20', stored: false }),
      expect.objectContaining({ term: 2, start: '2026-02-20', end: '2026-07-10', stored: false }),
    ]);
    await ok('semesters.save', { academicYear: '2025-2026', term: 2, start: '2026-03-02', end: '2026-07-12' });
    const again = await ok<Semester[]>('semesters.list', { academicYears: ['2025-2026'] });
    expect(again[1]).toMatchObject({ start: '2026-03-02', end: '2026-07-12', stored: true });
    expect(
      await refused('semesters.save', { academicYear: '2025-2026', term: 1, start: '2026-01-20', end: '2025-09-01' }),
    ).toContain('「结束日期」不能早于「开始日期」');
  });
});
