// The six regulations of other institutions (tests/fixtures/regulations/<name>.txt, found by helper extract)
// written as rules by hand (<name>.rules.json beside each): every rule is stored through `ledger rules add`
// into a ledger of that institution, `ledger rules check` finds it consistent with the roster and the lists,
// and its evaluation on a small case is the one computed by hand below (2026 calendar: 1 January a Thursday;
// 15–23 February the Spring Festival holiday). What the rule model still cannot say is listed in each file's
// notes and in the closing note.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBackend, type Backend } from '../../electron/services/backend';
import { runCli } from '../../electron/doors/cli/commands';
import type { EvalRow, EvaluationResult } from '../../shared/api/evaluation';
import type { RulePreview } from '../../shared/api/rules';
import { validateRule } from '../../shared/rules/validate';
import { tempDbPath, tempDir } from '../support/tmp';

const FIXTURES = join(__dirname, '..', 'fixtures', 'regulations');

interface RulesFile {
  notes: string[];
  vocabulary: { activityTypes: string[]; objectCategories: { name: string; kind: 'unit' | 'person' }[] };
  rules: { id: string; who: { cadres?: { levels?: string[]; roles?: string[]; unitCategories?: string[] } } }[];
}
const read = (name: string): RulesFile =>
  JSON.parse(readFileSync(join(FIXTURES, `${name}.rules.json`), 'utf8')) as RulesFile;

/** What a scenario builds its ledger with: ids by name. */
interface Build {
  call: <T = { id: number }>(method: string, input: unknown) => Promise<T>;
  type: (name: string) => number;
}

/**
 * A ledger for one regulation: its lists, the scenario's people and records, the rules added by the CLI from
 * the fixture, then evaluated over the selection as of its last day.
 */
async function run(
  name: string,
  lists: { levels?: string[]; roles?: string[]; unitCategories?: string[] },
  build: (b: Build) => Promise<void>,
  selection: { from: string; to: string },
): Promise<{ rows: EvalRow[]; added: string; check: string; db: string }> {
  const dir = tempDir();
  const db = tempDbPath(dir);
  const doc = read(name);
  let backend: Backend = await openBackend(db);
  const call = async <T = { id: number }>(method: string, input: unknown): Promise<T> => {
    const r = await backend.dispatch(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.value as T;
  };
  const add = async (list: string, value: string, kind?: string) => {
    const r = await backend.dispatch('vocabulary.add', { list, name: value, ...(kind ? { kind } : {}) });
    if (!r.ok && !r.error.message.includes('已有')) throw new Error(r.error.message);
  };
  for (const v of lists.levels ?? []) await add('levels', v);
  for (const v of lists.roles ?? []) await add('roles', v);
  for (const v of lists.unitCategories ?? []) await add('unitCategories', v);
  for (const v of doc.vocabulary.activityTypes) await add('activityTypes', v);
  for (const c of doc.vocabulary.objectCategories) await add('objectCategories', c.name, c.kind);
  const vocab = await call<{ activityTypes: { id: number; name: string }[] }>('vocabulary.get', {});
  const type = (t: string) => vocab.activityTypes.find((x) => x.name === t)!.id;
  await build({ call, type });
  backend.close();

  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli([...args, '--db', db], { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
    expect(err.join('\n')).not.toMatch(/错误|不能|应为|请/);
    expect(code).toBe(0);
    return out.join('\n');
  };
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(doc.rules));
  // The regulation's own title (the first line of its text that is not a note).
  const title = readFileSync(join(FIXTURES, `${name}.txt`), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('#'))!;
  const added = await cli('rules', 'add', '--year', '2026', '--file', file, '--regulation', title);
  const check = await cli('rules', 'check', '--year', '2026');

  backend = await openBackend(db);
  try {
    const r = await backend.dispatch('evaluation.run', { selection: selection, asOf: selection.to });
    if (!r.ok) throw new Error(r.error.message);
    return { rows: (r.value as EvaluationResult).rows, added, check, db };
  } finally {
    backend.close();
  }
}

/** The rows of one rule for one cadre or unit (by name; '' for the institution or a group), period by period. */
function of(rows: EvalRow[], code: string, who = ''): [string, number, number, string][] {
  return rows
    .filter(
      (r) =>
        r.ruleCode === code &&
        (who === ''
          ? r.cadreId === null && !r.unitId
          : r.cadreName === who || (r.cadreId === null && r.unitName === who)),
    )
    .filter((r) => r.status !== 'n/a')
    .sort((a, b) => a.period.start.localeCompare(b.period.start))
    .map((r) => [r.period.label, r.achieved, r.required, r.status]);
}

const Q1 = { from: '2026-01-01', to: '2026-03-31' };

describe('every rule file holds rules the model reads, one per obligation the notes name', () => {
  it.each([
    'bureau-hami-gjj',
    'bureau-jiefang',
    'company-jiedairi',
    'county-jiedairi',
    'hospital-xatl',
    'street-jingling',
  ])('%s', (name) => {
    const doc = read(name);
    expect(doc.rules.length).toBeGreaterThan(0);
    for (const r of doc.rules) expect(() => validateRule(r, r.id)).not.toThrow();
    expect(new Set(doc.rules.map((r) => r.id)).size).toBe(doc.rules.length);
    expect(doc.notes.length).toBeGreaterThan(0);
  });
});

describe('each regulation stored through the CLI and evaluated on a case computed by hand', () => {
  it('county-jiedairi: the 15th moved off a Sunday and the Spring Festival; each unit on the 10th; the plan by 15 January', async () => {
    const { rows, added, check } = await run(
      'county-jiedairi',
      {
        levels: ['县级', '镇级', '科级'],
        roles: ['主要负责人', '分管领导'],
        unitCategories: ['乡镇', '县直机关'],
      },
      async ({ call, type }) => {
        const town = await call('units.create', { name: '青山镇', category: '乡镇' });
        const bureau = await call('units.create', { name: '县教育局', category: '县直机关' });
        const zhang = await call('cadres.create', { name: '张县长', level: '县级' });
        const li = await call('cadres.create', { name: '李书记', level: '县级' });
        await call('cadres.create', { name: '陈副县长', level: '县级' });
        const wang = await call('cadres.create', {
          name: '王镇长',
          level: '镇级',
          unitId: town.id,
          roles: ['主要负责人'],
        });
        const zhao = await call('cadres.create', {
          name: '赵局长',
          level: '科级',
          unitId: bureau.id,
          roles: ['分管领导'],
        });
        const rec = (date: string, cadres: number | number[], t = '接待日') =>
          call('records.create', { date, activityTypeId: type(t), cadreIds: [cadres].flat() });
        const handed = (recordId: number, departmentId: number) =>
          call('followUps.create', { raisedDate: '2026-01-15', recordId, matter: '信访件', departmentId });
        // 15 January: 张县长 received with 赵局长, whose 县教育局 got the case → held.
        const jan = await rec('2026-01-15', [zhang.id, zhao.id]);
        await handed(jan.id, bureau.id);
        await rec('2026-02-15', li.id); // the Sunday in the holiday: the duty moved to Tuesday 24 February
        // 15 March is a Sunday: Monday the 16th. A case handed to 青山镇, whose head was not there → not held.
        const mar = await rec('2026-03-16', li.id);
        await handed(mar.id, town.id);
        // 第三条, 县信访局: notices at least 5 days before (10 Jan, 19 Feb, 11 Mar the latest) and reports the day
        // before (14 Jan, 23 Feb, 15 Mar). February's notice came on the 20th; March's report on Friday the 13th.
        await rec('2026-01-09', zhang.id, '通知接待');
        await rec('2026-02-20', li.id, '通知接待');
        await rec('2026-03-10', li.id, '通知接待');
        await rec('2026-01-14', zhang.id, '汇报预约情况');
        await rec('2026-02-23', li.id, '汇报预约情况');
        await rec('2026-03-13', li.id, '汇报预约情况');
        for (const d of ['2026-01-10', '2026-02-10', '2026-03-10']) await rec(d, wang.id);
        await rec('2026-01-12', zhao.id); // not the 10th
        await rec('2026-02-10', zhao.id);
        await rec('2026-01-14', wang.id, '报送接待日方案');
        await rec('2026-01-20', zhao.id, '报送接待日方案'); // after 15 January
      },
      Q1,
    );
    expect(added).toContain('已新增6条要求');
    expect(added).toContain(
      '县党政领导每月15日（遇节假日顺延至下一个工作日）轮流接待日，涉及的承办单位主要负责人、分管领导一同参加（第一条、第四条）',
    );
    expect(added).toContain('县信访局于每月15日（遇节假日顺延至下一个工作日）值班日前至少5日通知接待（第三条）');
    expect(added).toContain('县信访局于每月15日（遇节假日顺延至下一个工作日）值班日前1日汇报预约情况（第三条）');
    expect(check).toBe('2026年度的要求与名册、词汇都对得上');
    expect(of(rows, 'county-1')).toEqual([
      ['2026年1月', 1, 1, 'met'],
      ['2026年2月', 0, 1, 'missed'],
      ['2026年3月', 0, 1, 'missed'],
    ]);
    expect(rows.find((r) => r.ruleCode === 'county-1' && r.period.label === '2026年3月')!.notes).toContain(
      '2026年3月16日：涉及的青山镇负责人未一同参加',
    );
    expect(of(rows, 'county-3a')).toEqual([
      ['2026年1月', 1, 1, 'met'],
      ['2026年2月', 0, 1, 'missed'],
      ['2026年3月', 1, 1, 'met'],
    ]);
    expect(of(rows, 'county-3b')).toEqual([
      ['2026年1月', 1, 1, 'met'],
      ['2026年2月', 1, 1, 'met'],
      ['2026年3月', 0, 1, 'missed'],
    ]);
    expect(rows.find((r) => r.ruleCode === 'county-1' && r.period.label === '2026年2月')!.missing.join()).toContain(
      '2月24日',
    );
    // The year runs: 李书记's Sunday visit counts as a reception (the clause counts receptions, not the day).
    expect(of(rows, 'county-2', '张县长')).toEqual([['2026年', 1, 1, 'met']]);
    expect(of(rows, 'county-2', '李书记')).toEqual([['2026年', 2, 1, 'met']]);
    expect(of(rows, 'county-2', '陈副县长')).toEqual([['2026年', 0, 1, 'open']]);
    expect(of(rows, 'county-6a', '青山镇')).toEqual([
      ['2026年1月', 1, 1, 'met'],
      ['2026年2月', 1, 1, 'met'],
      ['2026年3月', 1, 1, 'met'],
    ]);
    expect(of(rows, 'county-6a', '县教育局')).toEqual([
      ['2026年1月', 0, 1, 'missed'],
      ['2026年2月', 1, 1, 'met'],
      ['2026年3月', 0, 1, 'missed'],
    ]);
    expect(of(rows, 'county-6b', '青山镇')).toEqual([['2026年', 1, 1, 'met']]);
    expect(of(rows, 'county-6b', '县教育局')).toEqual([['2026年', 0, 1, 'missed']]);
  });

  it('company-jiedairi: every second Thursday 14:00—16:00 from the week of the notice, 19 February cancelled; the Monday notices', async () => {
    const { rows, check } = await run(
      'company-jiedairi',
      { roles: ['班子成员'] },
      async ({ call, type }) => {
        const liu = await call('cadres.create', { name: '刘经理', roles: ['班子成员'] });
        const sun = await call('cadres.create', { name: '孙副经理', roles: ['班子成员'] });
        const zhou = await call('cadres.create', { name: '周主任' });
        const rec = (date: string, cadre: number, from: string | null, to: string | null, t = '接待日') =>
          call('records.create', { date, startTime: from, endTime: to, activityTypeId: type(t), cadreIds: [cadre] });
        await rec('2026-01-08', liu.id, '14:00', '16:00');
        await rec('2026-01-22', sun.id, '14:00', '16:00');
        await rec('2026-02-05', liu.id, '09:00', '11:00'); // the morning: not the reception hours
        await rec('2026-03-05', sun.id, '14:00', '16:00');
        await rec('2026-03-12', liu.id, '14:00', '16:00'); // a Thursday between: no reception that week
        for (const d of ['2026-01-05', '2026-01-19', '2026-02-02', '2026-03-02', '2026-03-16', '2026-03-30'])
          await rec(d, zhou.id, null, null, '公示');
      },
      Q1,
    );
    expect(check).toBe('2026年度的要求与名册、词汇都对得上');
    // Duty Thursdays: 8 and 22 January, 5 February (19 February is in the holiday), 5 and 19 March.
    expect(of(rows, 'company-3')).toEqual([
      ['2026年1月', 2, 2, 'met'],
      ['2026年2月', 0, 1, 'missed'],
      ['2026年3月', 1, 2, 'missed'],
    ]);
    // Notice Mondays: 5 and 19 January, 2 and 16 February, 2, 16 and 30 March (no holiday rule in the text).
    expect(of(rows, 'company-4')).toEqual([
      ['2026年1月', 2, 2, 'met'],
      ['2026年2月', 1, 2, 'missed'],
      ['2026年3月', 3, 3, 'met'],
    ]);
  });

  it('bureau-jiefang: one leader and two section heads each Wednesday; 信访 replies in 15 days, closed in 60; the yearly summary', async () => {
    const { rows, check } = await run(
      'bureau-jiefang',
      { roles: ['班子成员', '科室负责人'], unitCategories: ['科室'] },
      async ({ call, type }) => {
        const office = await call('units.create', { name: '局办公室', category: '科室' });
        const zhang = await call('cadres.create', { name: '张局长', roles: ['班子成员'] });
        const wang = await call('cadres.create', { name: '王副局长', roles: ['班子成员'] });
        const li = await call('cadres.create', { name: '李科长', roles: ['科室负责人'] });
        const zhao = await call('cadres.create', { name: '赵科长', roles: ['科室负责人'] });
        const qian = await call('cadres.create', { name: '钱科长', roles: ['科室负责人'] });
        const rec = (date: string, cadres: number[], t = '接访') =>
          call('records.create', { date, activityTypeId: type(t), cadreIds: cadres });
        await rec('2026-01-07', [zhang.id, li.id, zhao.id]); // one record of the three
        await rec('2026-01-14', [wang.id]);
        await rec('2026-01-14', [li.id]);
        await rec('2026-01-21', [zhang.id]);
        await rec('2026-01-21', [qian.id]);
        await rec('2026-01-21', [zhao.id]);
        await rec('2026-01-28', [li.id]);
        await rec('2026-01-28', [li.id]); // the same head twice is one person
        await rec('2026-01-30', [zhang.id], '接访工作总结');
        await call('followUps.create', {
          raisedDate: '2026-01-05',
          assignedDate: '2026-01-05',
          departmentId: office.id,
          source: '来信',
          matter: '小区供暖',
          feedbackDate: '2026-01-12',
          closedDate: '2026-01-30',
          status: '已办结',
        });
        await call('followUps.create', {
          raisedDate: '2026-01-02',
          assignedDate: '2026-01-02',
          departmentId: office.id,
          source: '来访',
          matter: '道路积水',
          feedbackDate: '2026-01-20', // 18 days: the first reply is late
          status: '已反馈',
        });
      },
      { from: '2026-01-01', to: '2026-01-31' },
    );
    expect(check).toBe('2026年度的要求与名册、词汇都对得上');
    expect(of(rows, 'jf-1a')).toEqual([['2026年1月', 3, 4, 'missed']]);
    expect(of(rows, 'jf-1b')).toEqual([['2026年1月', 2, 4, 'missed']]);
    const stages = (id: number) =>
      rows
        .filter((r) => r.ruleCode === 'jf-4' && r.followUpId === id)
        .map((r) => `${r.period.end} ${r.status}`)
        .sort();
    const ids = [...new Set(rows.filter((r) => r.ruleCode === 'jf-4').map((r) => r.followUpId!))].sort();
    expect(ids).toHaveLength(2);
    // Raised 5 January: reply by the 20th, close by 6 March — replied the 12th, closed the 30th.
    expect(stages(ids[0]!)).toEqual(['2026-01-20 met', '2026-03-06 met']);
    // Raised 2 January: reply by the 17th (given the 20th), close by 3 March, still running on 31 January.
    expect(stages(ids[1]!)).toEqual(['2026-01-17 missed', '2026-03-03 open']);
    expect(of(rows, 'jf-5')).toEqual([['2026年', 1, 1, 'met']]);
  });

  it('hospital-xatl: each linked department within 14 days of the last visit; a yearly report per office', async () => {
    const { rows, check, db } = await run(
      'hospital-xatl',
      { unitCategories: ['机关科室'] },
      async ({ call, type }) => {
        const office = await call('units.create', { name: '院办', category: '机关科室' });
        const party = await call('units.create', { name: '党办', category: '机关科室' });
        const wang = await call('cadres.create', { name: '王主任', unitId: office.id });
        const li = await call('cadres.create', { name: '李主任', unitId: party.id });
        const neuro = await call('objects.create', { name: '神经外科', category: '临床科室' });
        const lab = await call('objects.create', { name: '检验科', category: '医技科室' });
        const burns = await call('objects.create', { name: '烧伤科', category: '临床科室' });
        for (const [cadre, object] of [
          [wang.id, neuro.id],
          [wang.id, lab.id],
          [li.id, burns.id],
        ] as const)
          await call('assignments.create', { year: 2026, cadreId: cadre, objectId: object });
        const visit = (date: string, cadre: number, object: number) =>
          call('records.create', { date, activityTypeId: type('深入科室'), cadreIds: [cadre], objectIds: [object] });
        for (const d of ['2026-01-10', '2026-01-24', '2026-02-07', '2026-02-21', '2026-03-07', '2026-03-21'])
          await visit(d, wang.id, neuro.id);
        await visit('2026-01-10', wang.id, lab.id);
        await visit('2026-02-01', wang.id, lab.id); // 22 days after the 10th
        for (const d of ['2026-01-14', '2026-01-28', '2026-02-11', '2026-02-25', '2026-03-11', '2026-03-25'])
          await visit(d, li.id, burns.id);
        await call('records.create', { date: '2026-03-20', activityTypeId: type('调研报告'), cadreIds: [wang.id] });
      },
      Q1,
    );
    expect(check).toBe('2026年度的要求与名册、词汇都对得上');
    // 李主任: every 14 days, the last 6 days before the end of March → 达标, the longest interval 14 days.
    expect(of(rows, 'xatl-2', '李主任')).toEqual([['2026年1月1日—2026年3月31日', 14, 14, 'met']]);
    // 王主任: 神经外科 every 14 days, but 检验科 10 January → 1 February (22 days, overdue from 25 January) and
    // nothing since (58 days to 31 March).
    const wang = rows.find((r) => r.ruleCode === 'xatl-2' && r.cadreName === '王主任')!;
    expect([wang.status, wang.achieved]).toEqual(['missed', 58]);
    // The preview of the rule names the overrun intervals, object by object.
    const b = await openBackend(db);
    try {
      const p = await b.dispatch('rules.preview', {
        body: read('hospital-xatl').rules[0],
        year: 2026,
        asOf: '2026-03-31',
      });
      if (!p.ok) throw new Error(p.error.message);
      const note = (p.value as RulePreview).rows.find((r) => r.name === '王主任')!.note;
      expect(note).toBe(
        '检验科：2026年1月10日之后间隔22天，2026年1月25日起超期；检验科：2026年2月1日之后间隔58天，2026年2月16日起超期',
      );
    } finally {
      b.close();
    }
    expect(of(rows, 'xatl-5', '院办')).toEqual([['2026年', 1, 1, 'met']]);
    expect(of(rows, 'xatl-5', '党办')).toEqual([['2026年', 0, 1, 'open']]);
  });

  it('bureau-hami-gjj: a contact point each; two visits a year to one’s own point (a visit elsewhere does not count)', async () => {
    const { rows, check } = await run(
      'bureau-hami-gjj',
      { roles: ['班子成员'] },
      async ({ call, type }) => {
        const ma = await call('cadres.create', { name: '马主任', roles: ['班子成员'] });
        const he = await call('cadres.create', { name: '何副主任', roles: ['班子成员'] });
        const city = await call('objects.create', { name: '市区管理部', category: '管理部' });
        const community = await call('objects.create', { name: '结对共建社区', category: '社区' });
        await call('assignments.create', { year: 2026, cadreId: ma.id, objectId: city.id });
        const rec = (date: string, cadre: number, object: number, t: string) =>
          call('records.create', { date, activityTypeId: type(t), cadreIds: [cadre], objectIds: [object] });
        await rec('2026-02-02', ma.id, community.id, '调查研究'); // not his contact point
        await rec('2026-02-02', he.id, community.id, '调查研究');
        await rec('2026-03-03', ma.id, city.id, '指导工作');
        await rec('2026-03-20', ma.id, city.id, '现场办公');
      },
      Q1,
    );
    expect(check).toContain('2026年度');
    expect(of(rows, 'gjj-2', '马主任')).toEqual([['2026年', 1, 1, 'met']]);
    // No contact point at all a quarter into the year: 预警.
    expect(of(rows, 'gjj-2', '何副主任').map((r) => [r[1], r[3]])).toEqual([[0, 'behind']]);
    expect(of(rows, 'gjj-3', '马主任')).toEqual([['2026年', 2, 2, 'met']]);
    expect(of(rows, 'gjj-3', '何副主任')).toEqual([['2026年', 0, 2, 'open']]);
  });

  it('street-jingling: each member on a household visit every month (a group visit counts for each); a household paired with each', async () => {
    const { rows, check } = await run(
      'street-jingling',
      { roles: ['班子成员'] },
      async ({ call, type }) => {
        const chen = await call('cadres.create', { name: '陈书记', roles: ['班子成员'] });
        const lin = await call('cadres.create', { name: '林主任', roles: ['班子成员'] });
        const home = await call('objects.create', { name: '张某家', category: '困难群众' });
        await call('assignments.create', { year: 2026, cadreId: chen.id, objectId: home.id });
        const rec = (date: string, cadres: number[]) =>
          call('records.create', { date, activityTypeId: type('入户走访'), cadreIds: cadres, objectIds: [home.id] });
        await rec('2026-01-12', [chen.id, lin.id]); // the group together
        await rec('2026-02-09', [chen.id]);
      },
      Q1,
    );
    expect(check).toContain('2026年度');
    expect(of(rows, 'jl-2', '陈书记')).toEqual([
      ['2026年1月', 1, 1, 'met'],
      ['2026年2月', 1, 1, 'met'],
      ['2026年3月', 0, 1, 'missed'],
    ]);
    expect(of(rows, 'jl-2', '林主任')).toEqual([
      ['2026年1月', 1, 1, 'met'],
      ['2026年2月', 0, 1, 'missed'],
      ['2026年3月', 0, 1, 'missed'],
    ]);
    expect(of(rows, 'jl-1', '陈书记')).toEqual([['2026年', 1, 1, 'met']]);
    expect(of(rows, 'jl-1', '林主任').map((r) => [r[1], r[3]])).toEqual([[0, 'behind']]);
  });
});
