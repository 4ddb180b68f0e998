// A secretary scripts her regulation: `ledger rules add|list|show|edit|remove|check` against a real ledger file,
// JSON in and out, refusals naming the field in Chinese and storing nothing; the preview of a rule being written
// names who met and who is behind; a rota needing two leaders a day gives each day two different cadres.
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBackend, type Backend } from '../../electron/services/backend';
import { runCli } from '../../electron/doors/cli/commands';
import type { RotaDuty } from '../../shared/api/rota';
import type { RulePreview, StoredRule } from '../../shared/api/rules';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir();
const db = tempDbPath(dir);

/** Runs `ledger …` in this process (the same command code the terminal runs), collecting what it prints. */
async function ledger(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--db', db], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: {},
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function file(name: string, data: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof data === 'string' ? data : JSON.stringify(data));
  return p;
}

const visits = {
  kind: 'frequency',
  title: '每月走访群众',
  clause: '自定 第一条',
  who: { label: '镇领导', cadres: { levels: ['镇级'] } },
  counts: { activityTypes: ['走访'], minDuration: { value: 1, unit: 'halfDays' } },
  period: 'month',
  min: 2,
};
const gap = {
  kind: 'interval',
  title: '走访间隔',
  clause: '自定 第二条',
  who: { label: '镇领导', cadres: { levels: ['镇级'] } },
  counts: { activityTypes: ['走访'] },
  maxGap: 30,
};

beforeAll(async () => {
  const b = await openBackend(db, { now: () => new Date('2026-03-20T08:00:00Z') });
  const call = async (m: string, input: unknown) => {
    const r = await b.dispatch(m, input);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as { id: number };
  };
  await call('rules.applyPreset', { presetId: '004', year: 2026 });
  const town = await call('units.create', { name: '青山镇', category: '镇' });
  const wang = await call('cadres.create', { name: '王镇长', level: '镇级', unitId: town.id });
  const li = await call('cadres.create', { name: '李书记', level: '镇级', unitId: town.id });
  await call('cadres.create', { name: '赵县长', level: '县级' });
  const types = (await b.dispatch('vocabulary.get', {})) as {
    ok: true;
    value: { activityTypes: { id: number; name: string }[] };
  };
  const visit = types.value.activityTypes.find((t) => t.name === '走访')!.id;
  for (const [date, cadre, days] of [
    ['2026-03-02', wang.id, 1],
    ['2026-03-09', wang.id, 0.5],
    ['2026-03-16', wang.id, 1],
    ['2026-03-03', li.id, 0.25],
  ] as const)
    await call('records.create', { date, activityTypeId: visit, cadreIds: [cadre], days });
  await b.close();
});

describe('ledger rules', () => {
  let before: number;
  it('add: an array of rules joins the only regulation; list shows them as sentences; show finds one by code', async () => {
    before = JSON.parse((await ledger('rules', 'list', '--year', '2026', '--json')).out).length;
    const add = await ledger('rules', 'add', '--year', '2026', '--file', file('two.json', [visits, gap]));
    expect(add.err).toBe('');
    expect(add.code).toBe(0);
    expect(add.out).toContain('已新增2条要求（《党员干部直接联系服务群众制度汇编》，2026年度）');
    expect(add.out).toContain('每位镇领导每月走访（每次不少于半天，不足的不计）不少于2次（自定 第一条）');
    expect(add.out).toContain('每位镇领导走访，相邻两次间隔不超过30日（自定 第二条）');
    const list = JSON.parse((await ledger('rules', 'list', '--year', '2026', '--json')).out) as {
      id: number;
      rule: { id: string; kind: string };
    }[];
    expect(list).toHaveLength(before + 2);
    const mine = list.slice(-2);
    expect(mine.map((r) => r.rule.kind)).toEqual(['frequency', 'interval']);
    const show = JSON.parse((await ledger('rules', 'show', mine[1]!.rule.id, '--year', '2026', '--json')).out);
    expect(show).toMatchObject({ id: mine[1]!.id, rule: { maxGap: 30, dayKind: 'calendarDays', per: 'kind' } });
  });

  it('a batch with one contradictory rule is refused whole, naming the rule and the field; nothing stored', async () => {
    const bad = await ledger(
      'rules',
      'add',
      '--year',
      '2026',
      '--file',
      file('bad.json', [visits, { ...gap, maxGap: 0 }]),
    );
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('第2条：新增要求：「最长间隔」至少为1');
    const minMax = await ledger('rules', 'add', '--year', '2026', '--file', file('mm.json', { ...visits, max: 1 }));
    expect(minMax.err).toBe('新增要求：「至多」不能小于“至少”（2）');
    const empty = await ledger(
      'rules',
      'add',
      '--year',
      '2026',
      '--file',
      file('e.json', { ...visits, who: { cadres: { roles: [] } } }),
    );
    expect(empty.err).toBe('新增要求：「角色（任一）」请至少选择一项，或不设此条件');
    const kind = await ledger('rules', 'add', '--year', '2026', '--file', file('k.json', { ...visits, kind: 'often' }));
    expect(kind.err).toMatch(/^新增要求：「类型」应为频次（frequency）、覆盖（coverage）、间隔（interval）/);
    const broken = await ledger('rules', 'add', '--year', '2026', '--file', file('x.json', '{ "kind": '));
    expect(broken.err).toMatch(/^文件“.*x\.json”不是有效的 JSON/);
    expect(JSON.parse((await ledger('rules', 'list', '--year', '2026', '--json')).out)).toHaveLength(before + 2);
  });

  it('edit: a patch is merged and validated; a bad one changes nothing; --disable switches a rule off', async () => {
    const list = JSON.parse((await ledger('rules', 'list', '--year', '2026', '--json')).out);
    const id = String(list.at(-1).id);
    const ok = await ledger('rules', 'edit', id, '--file', file('p.json', { maxGap: 45, dayKind: 'workdays' }));
    expect(ok.out).toContain('相邻两次间隔不超过45个工作日');
    const no = await ledger('rules', 'edit', id, '--file', file('q.json', { maxGap: -3 }));
    expect([no.code, no.err]).toEqual([1, '修改要求“走访间隔”：「最长间隔」至少为1']);
    expect(JSON.parse((await ledger('rules', 'show', id, '--json')).out).rule.maxGap).toBe(45);
    const off = await ledger('rules', 'edit', id, '--disable');
    expect(off.out).toContain('（已停用）');
  });

  it('a new regulation is made when --regulation names one the ledger does not have', async () => {
    const r = await ledger(
      'rules',
      'add',
      '--year',
      '2026',
      '--regulation',
      '青山镇补充规定',
      '--file',
      file('n.json', { ...visits, clause: '补充 第一条' }),
    );
    expect(r.err).toMatch(/^已新建制度《青山镇补充规定》/);
    expect(r.out).toContain('《青山镇补充规定》');
  });

  it('check: a rule naming an activity type no list holds, or matching no cadre, is reported', async () => {
    await ledger(
      'rules',
      'add',
      '--year',
      '2026',
      '--regulation',
      '青山镇补充规定',
      '--file',
      file('c.json', [
        { ...visits, clause: '补充 第二条', counts: { activityTypes: ['夜访'] } },
        { ...visits, clause: '补充 第三条', who: { cadres: { levels: ['镇级'], except: { levels: ['镇级'] } } } },
      ]),
    );
    const c = await ledger('rules', 'check', '--year', '2026');
    expect(c.out).toContain('活动类型“夜访”不在本单位的活动类型列表中');
    expect(c.out).toContain('名册中没有一位干部符合适用对象（级别：镇级；不含级别：镇级）');
  });

  it('remove: the rule is gone', async () => {
    const list = JSON.parse((await ledger('rules', 'list', '--year', '2026', '--json')).out);
    const last = list.at(-1);
    const r = await ledger('rules', 'remove', String(last.id));
    expect(r.out).toContain(`已删除要求 ${last.id}`);
    expect(JSON.parse((await ledger('rules', 'list', '--year', '2026', '--json')).out)).toHaveLength(list.length - 1);
  });
});

describe('preview and rota', () => {
  let b: Backend;
  beforeAll(async () => {
    b = await openBackend(db, { now: () => new Date('2026-03-20T08:00:00Z') });
    return () => b.close();
  });
  const ok = async <T>(m: string, input: unknown): Promise<T> => {
    const r = await b.dispatch(m, input);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as T;
  };

  it('the preview of “每月走访不少于2次，每次不少于半天” on 20 March: 王镇长 met (3 of 3 count), 李书记 behind (his quarter-day visit does not count)', async () => {
    const p = await ok<RulePreview>('rules.preview', { body: visits, year: 2026 });
    expect(p.description).toBe('每位镇领导每月走访（每次不少于半天，不足的不计）不少于2次（自定 第一条）');
    expect(p.counts).toEqual({ met: 1, missed: 0, open: 0, behind: 1 });
    expect(p.rows.map((r) => [r.name, r.period, r.achieved, r.status])).toEqual([
      ['李书记', '2026年3月', 0, 'behind'],
      ['王镇长', '2026年3月', 3, 'met'],
    ]);
    const r = await b.dispatch('rules.preview', { body: { ...visits, min: 3, max: 2 }, year: 2026 });
    expect(r.ok ? '' : r.error.message).toBe('预览：「至多」不能小于“至少”（3）');
  });

  it('the preview warns of what the 制度 page would: a type not on the list, a level nobody holds, a rule for nobody', async () => {
    const p = await ok<RulePreview>('rules.preview', {
      body: { ...visits, counts: { activityTypes: ['走访', '下乡'] } },
      year: 2026,
    });
    expect(p.warnings).toEqual(['要求中的活动类型“下乡”不在本单位的活动类型列表中，这一条件永远不会满足']);
    await ok('vocabulary.add', { list: 'levels', name: '市级' });
    const q = await ok<RulePreview>('rules.preview', {
      body: { ...visits, who: { label: '市领导', cadres: { levels: ['市级'] } } },
      year: 2026,
    });
    expect(q.warnings).toEqual([
      '名册中没有级别为“市级”的干部，适用对象中的这一项对不上任何人',
      '名册中没有一位干部符合适用对象（级别：市级），这条要求不会考核任何人',
    ]);
    expect(q.rows).toEqual([]);
  });

  it('a rota needing two leaders each reception day gives each day two different cadres, in rotation', async () => {
    const reg = await ok<{ id: number }>('rules.createRegulation', { name: '接待日安排' });
    const roster = await ok<StoredRule>('rules.create', {
      regulationId: reg.id,
      year: 2026,
      body: {
        kind: 'roster',
        title: '每周四两名领导接访',
        clause: '接待 第一条',
        who: { label: '镇领导', cadres: { levels: ['镇级'] } },
        activityTypes: ['接访'],
        pattern: { weekdays: [4], onHoliday: 'next' },
        period: 'month',
        perDuty: 2,
      },
    });
    const duties = await ok<RotaDuty[]>('rota.generate', {
      ruleId: roster.id,
      academicYear: '2026-2027',
      term: 1,
      cadreIds: [],
      place: '信访接待室',
      replace: true,
    });
    const byDate = new Map<string, string[]>();
    for (const d of duties) byDate.set(d.date, [...(byDate.get(d.date) ?? []), d.cadreName]);
    // 1 October (国庆) moves to the next working day, 8 October — a Thursday duty anyway: one day, not two.
    expect(byDate.has('2026-10-01')).toBe(false);
    expect(byDate.get('2026-10-08')).toHaveLength(2);
    for (const names of byDate.values()) expect(new Set(names).size).toBe(2);
    expect(duties.length).toBe(byDate.size * 2);
  });
});
