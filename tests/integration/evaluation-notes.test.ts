// 统计考核 says in words what a figure leaves out, the same as the rule editor's preview: an interval rule's
// overruns (each with the department and the day it became overdue) and the cadres of a group not reached by a
// members-coverage rule — in the row's notes, in its `missing` names, and in the why panel (evaluation.explain).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import type { EvalExplanation, EvalRow, EvaluationResult } from '../../shared/api/evaluation';
import type { RulePreview, StoredRule } from '../../shared/api/rules';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir('ledger-notes-');
let b: Backend;
const Q1 = { from: '2026-01-01', to: '2026-03-31' };

async function ok<T = { id: number }>(method: string, input: unknown): Promise<T> {
  const r = await b.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

const INTERVAL = {
  kind: 'interval',
  title: '每两周深入所联系的科室',
  clause: '第二条',
  who: { scope: 'cadre', label: '机关科室负责人', cadres: { unitCategories: ['机关科室'] } },
  counts: { activityTypes: ['深入科室'], objects: { categories: ['临床科室'], among: 'assignments' } },
  maxGap: 14,
  dayKind: 'calendarDays',
  per: 'object',
};
const TALKS = {
  kind: 'coverage',
  title: '每季度与班子成员逐一谈心',
  clause: '第三条',
  who: { scope: 'cadre', label: '主要负责人', cadres: { roles: ['主要负责人'] } },
  counts: { activityTypes: ['谈心谈话'] },
  members: { cadres: { unitCategories: ['机关科室'] }, sameUnit: true },
  period: 'quarter',
};
let interval: StoredRule;
let talks: StoredRule;
let wang: number;

beforeAll(async () => {
  b = await openBackend(tempDbPath(dir));
  await ok('vocabulary.add', { list: 'unitCategories', name: '机关科室' });
  await ok('vocabulary.add', { list: 'roles', name: '主要负责人' });
  await ok('vocabulary.add', { list: 'objectCategories', name: '临床科室', kind: 'unit' });
  for (const t of ['深入科室', '谈心谈话']) await ok('vocabulary.add', { list: 'activityTypes', name: t });
  const types = (await ok<{ activityTypes: { id: number; name: string }[] }>('vocabulary.get', {})).activityTypes;
  const type = (n: string) => types.find((t) => t.name === n)!.id;
  const office = await ok('units.create', { name: '院办', category: '机关科室' });
  wang = (await ok('cadres.create', { name: '王主任', unitId: office.id, roles: ['主要负责人'] })).id;
  const zhao = await ok('cadres.create', { name: '赵副主任', unitId: office.id });
  await ok('cadres.create', { name: '钱副主任', unitId: office.id });
  const neuro = await ok('objects.create', { name: '神经外科', category: '临床科室' });
  const lab = await ok('objects.create', { name: '检验科', category: '临床科室' });
  for (const o of [neuro.id, lab.id]) await ok('assignments.create', { year: 2026, cadreId: wang, objectId: o });
  const visit = (date: string, object: number) =>
    ok('records.create', { date, activityTypeId: type('深入科室'), cadreIds: [wang], objectIds: [object] });
  for (const d of ['2026-01-10', '2026-01-24', '2026-02-07', '2026-02-21', '2026-03-07', '2026-03-21'])
    await visit(d, neuro.id);
  await visit('2026-01-10', lab.id);
  await visit('2026-02-01', lab.id); // 22 days after the 10th, then nothing to the end of March
  // 王主任 talks with 赵副主任 only: 钱副主任 is not reached.
  await ok('records.create', { date: '2026-02-10', activityTypeId: type('谈心谈话'), cadreIds: [wang, zhao.id] });
  const reg = await ok('rules.createRegulation', { name: '机关科室联系临床科室办法' });
  interval = await ok<StoredRule>('rules.create', { regulationId: reg.id, year: 2026, body: INTERVAL });
  talks = await ok<StoredRule>('rules.create', { regulationId: reg.id, year: 2026, body: TALKS });
}, 120_000);
afterAll(() => b?.close());

const GAPS = [
  '检验科：2026年1月10日之后间隔22天，2026年1月25日起超期',
  '检验科：2026年2月1日之后间隔58天，2026年2月16日起超期',
];

describe('统计考核 names what a figure leaves out', () => {
  let rows: EvalRow[];
  beforeAll(async () => {
    rows = (await ok<EvaluationResult>('evaluation.run', { selection: Q1, asOf: Q1.to })).rows;
  });

  it('an interval rule’s row lists each overrun, as the rule editor’s preview does', async () => {
    const row = rows.find((r) => r.ruleId === interval.id && r.cadreName === '王主任')!;
    expect(row.status).toBe('missed');
    expect(row.notes).toEqual(GAPS);
    const preview = await ok<RulePreview>('rules.preview', { body: INTERVAL, year: 2026, asOf: Q1.to });
    expect(preview.rows.find((r) => r.name === '王主任')!.note).toBe(GAPS.join('；'));
  });

  it('the why panel of that figure gives the same overruns and the visits counted', async () => {
    const row = rows.find((r) => r.ruleId === interval.id && r.cadreName === '王主任')!;
    const why = await ok<EvalExplanation>('evaluation.explain', {
      selection: Q1,
      asOf: Q1.to,
      ruleId: interval.id,
      cadreId: wang,
      periodStart: row.period.start,
    });
    for (const g of GAPS) expect(why.lines).toContain(g);
    expect(why.counted.length).toBe(row.evidence.length);
  });

  it('after a record is added or deleted, the why panel sees it (the ledger’s records are patched in place)', async () => {
    const row = rows.find((r) => r.ruleId === talks.id && r.cadreName === '王主任')!;
    const target = { selection: Q1, asOf: Q1.to, ruleId: talks.id, cadreId: wang, periodStart: row.period.start };
    const before = await ok<EvalExplanation>('evaluation.explain', target);
    const types = (await ok<{ activityTypes: { id: number; name: string }[] }>('vocabulary.get', {})).activityTypes;
    const visit = await ok('records.create', {
      date: '2026-03-25',
      activityTypeId: types.find((t) => t.name === '深入科室')!.id,
      cadreIds: [wang],
    });
    const after = await ok<EvalExplanation>('evaluation.explain', target);
    expect(before.skipped.map((s) => s.id)).not.toContain(visit.id);
    expect(after.skipped.find((s) => s.id === visit.id)?.note).toContain('类型为“深入科室”');
    expect(after.skipped.length).toBe(before.skipped.length + 1);
    await ok('records.delete', { id: visit.id });
    expect((await ok<EvalExplanation>('evaluation.explain', target)).skipped).toEqual(before.skipped);
  });

  it('a coverage over cadres names the cadre not reached, in the notes and in `missing`', () => {
    const row = rows.find((r) => r.ruleId === talks.id && r.cadreName === '王主任')!;
    expect([row.achieved, row.required, row.status]).toEqual([1, 2, 'missed']);
    expect(row.missing).toEqual(['钱副主任']);
    expect(row.notes).toContain('未联系：钱副主任');
  });
});
