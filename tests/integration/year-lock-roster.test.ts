// A locked year is judged on the people as they were when it was locked: a promotion, a move to another
// unit or a new 级别 after the 考核 changes none of the locked year's figures — on 统计考核, in the printed
// 考核 and in the rule editor's preview — while an open year reads today's roster. The roster is part of the
// lock's kept state: changed in the file behind the program's back, `verify` names the lock.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../electron/services/audit';
import { openBackend, type Backend } from '../../electron/services/backend';
import { evaluateLedger } from '../../electron/services/documents/evaluation';
import type { EvaluationResult } from '../../shared/api/evaluation';
import type { RulePreview } from '../../shared/api/rules';
import { calls } from '../support/calls';
import { tempDbPath, tempDir } from '../support/tmp';
import { addVocabulary } from '../support/vocabulary';

const dir = tempDir('ledger-lockroster-');
let b: Backend;
const { ok } = calls(() => b);
const ids: Record<string, number> = {};

/** 每位校领导每年调研不少于1次: binds whoever is 校级. */
const rule = {
  kind: 'frequency',
  title: '每年调研',
  clause: '自定 第一条',
  who: { label: '校领导', cadres: { levels: ['校级'] } },
  counts: { activityTypes: ['调研'] },
  period: 'calendarYear',
  min: 1,
};

/** Whom 统计考核 judges in a year (不适用 left out), and how: name → status. */
async function judged(year: number): Promise<Record<string, string>> {
  const res = await ok<EvaluationResult>('evaluation.run', { selection: { year }, asOf: `${year}-12-31` });
  return Object.fromEntries(res.rows.filter((r) => r.status !== 'n/a').map((r) => [r.cadreName, r.status]));
}

beforeAll(async () => {
  b = await openBackend(tempDbPath(dir), { now: () => new Date('2027-01-20T02:00:00Z') });
  await addVocabulary(b.dispatch, { levels: ['校级', '处级'], unitCategories: ['学院'] });
  ids.study = (await ok<{ id: number }>('vocabulary.addActivityType', { name: '调研' })).id;
  ids.college = (await ok<{ id: number }>('units.create', { name: '机械学院', category: '学院' })).id;
  ids.other = (await ok<{ id: number }>('units.create', { name: '化工学院', category: '学院' })).id;
  ids.wang = (await ok<{ id: number }>('cadres.create', { name: '王校长', level: '校级', unitId: ids.college })).id;
  ids.li = (await ok<{ id: number }>('cadres.create', { name: '李处长', level: '处级', unitId: ids.college })).id;
  const reg = await ok<{ id: number }>('rules.createRegulation', { name: '联系基层办法' });
  await ok('rules.create', { regulationId: reg.id, year: 2026, body: rule });
  await ok('records.create', {
    date: '2026-06-10',
    activityTypeId: ids.study,
    cadreIds: [ids.wang],
    objectIds: [],
    place: '机械学院',
    content: '调研实验室安全',
  });
  return () => b.close();
});

describe('a locked year keeps the roster it was judged on', () => {
  it('before the lock: 王校长 is judged (达标), 李处长 (处级) is not', async () => {
    expect(await judged(2026)).toEqual({ 王校长: 'met' });
  });

  it('promoted and moved after the lock: 2026 still judges only 王校长, on 统计考核, in the printed 考核 and in the preview', async () => {
    await ok('years.lock', { year: 2026, reason: '2026年度考核完成' });
    await ok('cadres.update', { id: ids.li, patch: { level: '校级' } });
    await ok('cadres.update', { id: ids.wang, patch: { level: '处级', unitId: ids.other } });
    expect(await judged(2026)).toEqual({ 王校长: 'met' });
    const printed = evaluateLedger(b.ctx, { from: '2026-01-01', to: '2026-12-31', asOf: '2026-12-31' });
    expect(printed.results.filter((r) => r.status !== 'n/a').map((r) => r.cadreId)).toEqual([String(ids.wang)]);
    const preview = await ok<RulePreview>('rules.preview', { body: rule, year: 2026, asOf: '2026-12-31' });
    expect(preview.counts).toEqual({ met: 1, missed: 0, open: 0, behind: 0 });
  });

  it('an open year reads today’s roster: in 2027 李处长 is 校级 and judged, 王校长 no longer', async () => {
    const preview = await ok<RulePreview>('rules.preview', { body: rule, year: 2027, asOf: '2027-12-31' });
    expect(preview.rows.map((r) => r.name)).toEqual(['李处长']);
  });

  it('unlocked, the year reads today’s roster again; locked again, it keeps the roster of the new lock', async () => {
    await ok('years.unlock', { year: 2026, reason: '更正级别' });
    expect(await judged(2026)).toEqual({ 李处长: 'missed' });
    await ok('years.lock', { year: 2026, reason: '更正后重新锁定' });
    await ok('cadres.update', { id: ids.wang, patch: { level: '校级' } });
    expect(await judged(2026)).toEqual({ 李处长: 'missed' });
  });

  it('the roster is in the lock’s kept state: changed in the file outside the program, verify names the lock', () => {
    expect(verifyLedger(b.ctx).ok).toBe(true);
    const row = b.db.sqlite.prepare('SELECT roster FROM year_locks WHERE year = 2026').get() as { roster: string };
    const forged = row.roster.replace('"level":"处级"', '"level":"校级"');
    expect(forged).not.toBe(row.roster);
    b.db.sqlite.prepare('UPDATE year_locks SET roster = ? WHERE year = 2026').run(forged);
    const report = verifyLedger(b.ctx);
    expect(report.ok).toBe(false);
    expect(JSON.stringify(report)).toContain('年度锁定');
  });
});

// The other attributes a locked year's records are read through: a unit's 类别 (who is bound: 学院 cadres),
// a contact object's 类别 and unit (which contacts count: students of the cadre's own college). Changed after
// the lock (the college becomes an office, the student a teacher of another college), the locked year's
// figure stays; the open year reads the change. Decision: kept (snapshotted with the lock), not refused —
// the roster must follow reorganisations, the locked year reads it as it stood.
describe('a unit’s 类别 and a contact object’s 类别 and unit, changed after the lock', () => {
  let c: Backend;
  const call = calls(() => c);
  const n: Record<string, number> = {};
  const collegeRule = {
    kind: 'frequency',
    title: '联系本院学生',
    clause: '自定 第二条',
    who: { label: '学院干部', cadres: { unitCategories: ['学院'] } },
    counts: { activityTypes: ['谈心'], objects: { categories: ['学生'], among: 'ownUnit' } },
    period: 'calendarYear',
    min: 1,
  };
  const judgedOn = async (year: number) => {
    const res = await call.ok<EvaluationResult>('evaluation.run', { selection: { year }, asOf: `${year}-12-31` });
    return Object.fromEntries(res.rows.filter((r) => r.status !== 'n/a').map((r) => [r.cadreName, r.status]));
  };

  beforeAll(async () => {
    c = await openBackend(tempDbPath(dir), { now: () => new Date('2027-01-20T02:00:00Z') });
    await addVocabulary(c.dispatch, {
      levels: ['处级'],
      unitCategories: ['学院', '机关部门'],
      objectCategories: ['学生', '教师'],
    });
    n.talk = (await call.ok<{ id: number }>('vocabulary.addActivityType', { name: '谈心' })).id;
    n.college = (await call.ok<{ id: number }>('units.create', { name: '机械学院', category: '学院' })).id;
    n.other = (await call.ok<{ id: number }>('units.create', { name: '化工学院', category: '学院' })).id;
    n.zhao = (await call.ok<{ id: number }>('cadres.create', { name: '赵院长', level: '处级', unitId: n.college })).id;
    n.zhang = (
      await call.ok<{ id: number }>('objects.create', { name: '张同学', category: '学生', unitId: n.college })
    ).id;
    const reg = await call.ok<{ id: number }>('rules.createRegulation', { name: '学院联系学生办法' });
    await call.ok('rules.create', { regulationId: reg.id, year: 2026, body: collegeRule });
    await call.ok('rules.create', { regulationId: reg.id, year: 2027, body: collegeRule });
    for (const date of ['2026-05-12', '2027-03-09'])
      await call.ok('records.create', {
        date,
        activityTypeId: n.talk,
        cadreIds: [n.zhao],
        objectIds: [n.zhang],
        place: '机械学院',
        content: '谈学业规划',
      });
    return () => c.close();
  });

  it('2026 locked: 赵院长 stays 达标 after the college becomes 机关部门 and 张同学 a 教师 of 化工学院; 2027 reads the change', async () => {
    expect(await judgedOn(2026)).toEqual({ 赵院长: 'met' });
    expect(await judgedOn(2027)).toEqual({ 赵院长: 'met' });
    await call.ok('years.lock', { year: 2026, reason: '2026年度考核完成' });
    await call.ok('units.update', { id: n.college, patch: { category: '机关部门' } });
    expect(await judgedOn(2026)).toEqual({ 赵院长: 'met' });
    expect(await judgedOn(2027)).toEqual({}); // no longer a 学院 cadre: not bound this year
    await call.ok('units.update', { id: n.college, patch: { category: '学院' } });
    await call.ok('objects.update', { id: n.zhang, patch: { category: '教师' } });
    expect(await judgedOn(2026)).toEqual({ 赵院长: 'met' });
    expect(await judgedOn(2027)).toEqual({ 赵院长: 'missed' }); // a teacher does not count
    await call.ok('objects.update', { id: n.zhang, patch: { category: '学生', unitId: n.other } });
    expect(await judgedOn(2026)).toEqual({ 赵院长: 'met' });
    expect(await judgedOn(2027)).toEqual({ 赵院长: 'missed' }); // a student of another college does not count
    const printed = evaluateLedger(c.ctx, { from: '2026-01-01', to: '2026-12-31', asOf: '2026-12-31' });
    expect(printed.results.filter((r) => r.status === 'met').map((r) => r.cadreId)).toEqual([String(n.zhao)]);
    expect(verifyLedger(c.ctx).ok).toBe(true);
  });
});
