// 词汇: the institution's own lists, seeded from its preset, picked from, renamed with every use following
// (roster, units, objects, records, rules of every year), audited; rules checked against lists and roster.
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../electron/services/audit';
import { openBackend, type Backend } from '../../electron/services/backend';
import { migrations } from '../../migrations/index';
import type { StoredRule } from '../../shared/api/rules';
import type { RenameResult, RuleWarning, Vocabulary, VocabularyListState } from '../../shared/api/vocabulary';
import type { Cadre } from '../../shared/domain/cadre';
import { tempDbPath, tempDir } from '../support/tmp';
import { calls } from '../support/calls';

const dir = tempDir();
let b: Backend;

const { ok, refused } = calls(() => b);
const names = (terms: { name: string }[]) => terms.map((t) => t.name);
const count = (sql: string, ...args: unknown[]) => (b.db.sqlite.prepare(sql).get(...args) as { n: number }).n;

beforeAll(async () => {
  b = await openBackend(tempDbPath(dir), { now: () => new Date('2026-03-10T08:00:00Z') });
  return () => b.close();
});

describe('a ledger started from preset 004 (a county)', () => {
  it('holds the levels, roles and unit categories its rules name, beside its activity types and object categories', async () => {
    await ok('rules.applyPreset', { presetId: '004', year: 2026 });
    const v = await ok<Vocabulary>('vocabulary.get', {});
    expect(names(v.levels)).toEqual(expect.arrayContaining(['县级', '镇级', '县直', '科级']));
    expect(names(v.levels)).toHaveLength(4);
    expect(names(v.roles)).toEqual(expect.arrayContaining(['包村干部', '支部书记', '党代表', '后备干部', '志愿者']));
    expect(names(v.unitCategories)).toEqual(expect.arrayContaining(['镇', '街道', '县直单位']));
    expect(names(v.activityTypes)).toContain('下访');
    expect(v.objectCategories.find((c) => c.name === '贫困户')?.kind).toBe('person');
    const lists = await ok<VocabularyListState[]>('vocabulary.lists', {});
    const levels = lists.find((l) => l.list === 'levels')!;
    expect(levels.label).toBe('级别');
    // 004-1.2a/d, 2.1a, 2.3a/b, 4.2a, 4.3a, 8a/b name 县级.
    expect(levels.terms.find((t) => t.name === '县级')).toMatchObject({ uses: 0, ruleUses: 9 });
  });

  it('a new value is added once; a value with 、 or an empty one is refused naming the field', async () => {
    const t = await ok<{ id: number; name: string }>('vocabulary.add', { list: 'levels', name: '副科级' });
    expect(t.name).toBe('副科级');
    expect(await refused('vocabulary.add', { list: 'levels', name: '副科级' })).toContain('级别列表中已有“副科级”');
    expect(await refused('vocabulary.add', { list: 'roles', name: '书记、县长' })).toContain('「名称」');
    expect(await refused('vocabulary.add', { list: 'roles', name: ' ' })).toContain('「名称」不能为空');
    expect(await refused('vocabulary.add', { list: 'ranks', name: 'x' })).toContain('「词汇表」');
  });
});

describe('renaming carries every use along', () => {
  let town: number;
  let wang: Cadre;
  beforeAll(async () => {
    town = (await ok<{ id: number }>('units.create', { name: '城关镇', category: '镇' })).id;
    wang = await ok<Cadre>('cadres.create', {
      name: '王镇长',
      level: '镇级',
      roles: ['包村干部', '支部书记'],
      unitId: town,
    });
    await ok('cadres.create', { name: '李书记', level: '县级', roles: ['党代表'] });
    const village = await ok<{ id: number }>('objects.create', {
      name: '东关村',
      category: '村（社区）',
      unitId: town,
    });
    const types = (await ok<Vocabulary>('vocabulary.get', {})).activityTypes;
    await ok('records.create', {
      date: '2026-03-05',
      activityTypeId: types.find((t) => t.name === '下访')!.id,
      cadreIds: [wang.id],
      objectIds: [village.id],
    });
  });

  it('镇级 → 乡镇级: the cadre, every rule naming it (2026 and 2027) and the list follow; each change audited', async () => {
    await ok('rules.copyYear', { from: 2026, to: 2027 });
    await ok('years.lock', { year: 2027, reason: '测试' });
    const auditBefore = count('SELECT count(*) AS n FROM audit_log');
    const r = await ok<RenameResult>('vocabulary.rename', { list: 'levels', from: '镇级', to: '乡镇级' });
    // 镇级 is named by 1.2b, 1.2e, 2.1b, 2.3c, 2.3d, 2.3e, 8a, 8b: eight rules a year, two years.
    expect(r).toMatchObject({ merged: false, cadres: 1, rules: 16 });
    expect((await ok<Cadre[]>('cadres.list', {})).find((c) => c.id === wang.id)?.level).toBe('乡镇级');
    const rules2027 = await ok<StoredRule[]>('rules.list', { year: 2027 });
    const r12b = rules2027.find((x) => x.code === '004-1.2b')!;
    expect(r12b.body.who.cadres.levels).toEqual(['乡镇级']);
    expect(JSON.stringify(rules2027.map((x) => x.body))).not.toContain('"镇级"');
    expect(names((await ok<Vocabulary>('vocabulary.get', {})).levels)).toContain('乡镇级');
    expect(names((await ok<Vocabulary>('vocabulary.get', {})).levels)).not.toContain('镇级');
    // One entry per changed row plus one for the rename itself, and the list's new state (kept whole by
    // the audit trail); the audit trail still verifies row by row.
    expect(count('SELECT count(*) AS n FROM audit_log') - auditBefore).toBe(1 + 16 + 1 + 1);
    const entry = b.db.sqlite
      .prepare("SELECT action, before, after FROM audit_log WHERE table_name = 'vocabulary' ORDER BY id DESC")
      .get() as { action: string; before: string; after: string };
    expect(entry.action).toBe('rename');
    expect(JSON.parse(entry.before)).toEqual({ list: 'levels', name: '镇级' });
    const report = verifyLedger(b.ctx);
    expect(report.ok).toBe(true);
  });

  it('a role rename follows into the cadre and the rules; a unit category into units and rules', async () => {
    const r = await ok<RenameResult>('vocabulary.rename', { list: 'roles', from: '包村干部', to: '驻村干部' });
    expect(r).toMatchObject({ cadres: 1 });
    expect((await ok<Cadre[]>('cadres.list', {})).find((c) => c.id === wang.id)?.roles).toEqual([
      '驻村干部',
      '支部书记',
    ]);
    const u = await ok<RenameResult>('vocabulary.rename', { list: 'unitCategories', from: '镇', to: '乡镇' });
    expect(u).toMatchObject({ units: 1 });
    expect(u.rules).toBeGreaterThan(0);
    const rule = (await ok<StoredRule[]>('rules.list', { year: 2026 })).find((x) => x.code === '004-2.3c')!;
    expect(rule.body.who.cadres.unitCategories).toEqual(['乡镇']);
  });

  it('an activity type renamed: its records read the new name; merged into another: they move to it', async () => {
    const r = await ok<RenameResult>('vocabulary.rename', { list: 'activityTypes', from: '下访', to: '下基层接访' });
    expect(r.records).toBe(1);
    const recs = await ok<{ rows: { activityType: string }[] }>('records.page', { offset: 0, limit: 10 });
    expect(recs.rows[0]?.activityType).toBe('下基层接访');
    expect(await refused('vocabulary.rename', { list: 'activityTypes', from: '下基层接访', to: '走访' })).toContain(
      '请选择合并',
    );
    const m = await ok<RenameResult>('vocabulary.rename', {
      list: 'activityTypes',
      from: '下基层接访',
      to: '走访',
      merge: true,
    });
    expect(m).toMatchObject({ merged: true, records: 1 });
    expect(
      (await ok<{ rows: { activityType: string }[] }>('records.page', { offset: 0, limit: 10 })).rows[0]?.activityType,
    ).toBe('走访');
    expect(names((await ok<Vocabulary>('vocabulary.get', {})).activityTypes)).not.toContain('下基层接访');
    expect(verifyLedger(b.ctx).ok).toBe(true);
  });

  it('a rename is one saved change: 撤销 puts the cadre, the rules and the list back', async () => {
    // Undo never rewrites a locked year (the rename itself may: see above), so open 2027 again first.
    await ok('years.unlock', { year: 2027, reason: '测试撤销' });
    await ok('vocabulary.rename', { list: 'levels', from: '县级', to: '县处级' });
    const [last] = await ok<{ id: number; label: string }[]>('changes.list', { limit: 1 });
    expect(last!.label).toBe('把级别“县级”改名为“县处级”');
    await ok('changes.undo', { throughId: last!.id });
    expect(names((await ok<Vocabulary>('vocabulary.get', {})).levels)).toContain('县级');
    expect((await ok<Cadre[]>('cadres.list', {})).find((c) => c.name === '李书记')?.level).toBe('县级');
    const r = (await ok<StoredRule[]>('rules.list', { year: 2026 })).find((x) => x.code === '004-1.2a')!;
    expect(r.body.who.cadres.levels).toEqual(['县级']);
    expect(verifyLedger(b.ctx).ok).toBe(true);
  });

  it('an unknown value, a value in use and a rename onto itself are refused and change nothing', async () => {
    const before = count('SELECT count(*) AS n FROM audit_log');
    expect(await refused('vocabulary.rename', { list: 'levels', from: '处级', to: '正处级' })).toContain(
      '级别列表中没有“处级”',
    );
    expect(await refused('vocabulary.rename', { list: 'levels', from: '县级', to: '县级' })).toContain('相同');
    expect(await refused('vocabulary.remove', { list: 'levels', name: '县级' })).toContain('还有1位干部和');
    expect(count('SELECT count(*) AS n FROM audit_log')).toBe(before);
    expect(await ok('vocabulary.remove', { list: 'levels', name: '副科级' })).toMatchObject({ name: '副科级' });
  });
});

describe('rules checked against the lists and the roster', () => {
  it('a filter value no list holds, a value no cadre carries, and a rule that applies to nobody are each named', async () => {
    const rule = (await ok<StoredRule[]>('rules.list', { year: 2026 })).find((x) => x.code === '004-3')!;
    await ok('rules.update', {
      id: rule.id,
      body: { ...rule.body, who: { ...rule.body.who, cadres: { roles: ['后备干部'], levels: ['正科级'] } } },
    });
    const warnings = await ok<RuleWarning[]>('vocabulary.checkRules', { year: 2026 });
    const mine = warnings.filter((w) => w.ruleId === rule.id);
    expect(mine.find((w) => w.problem === 'unknownValue')).toMatchObject({
      list: 'levels',
      value: '正科级',
      message: expect.stringContaining('“正科级”不在本单位的级别列表中'),
    });
    expect(mine.find((w) => w.problem === 'noCadre' && w.value === '后备干部')?.message).toContain(
      '名册中没有角色为“后备干部”的干部',
    );
    expect(mine.find((w) => w.problem === 'noCadre' && !w.value)?.message).toContain('不会考核任何人');
    // 县级 rules match 李书记: no "applies to nobody" for them.
    const county = (await ok<StoredRule[]>('rules.list', { year: 2026 })).find((x) => x.code === '004-1.2a')!;
    expect(warnings.filter((w) => w.ruleId === county.id)).toEqual([]);
  });

  it('a unit category is judged by the category of each cadre’s unit as the roster holds it', async () => {
    const rule = (await ok<StoredRule[]>('rules.list', { year: 2026 })).find((x) => x.code === '004-3')!;
    const check = async (cadres: Record<string, string[]>) => {
      await ok('rules.update', { id: rule.id, body: { ...rule.body, who: { ...rule.body.who, cadres } } });
      const all = await ok<RuleWarning[]>('vocabulary.checkRules', { year: 2026 });
      return all.filter((w) => w.ruleId === rule.id).map((w) => w.message);
    };
    // 王镇长's unit 城关镇 is a 乡镇 (renamed from 镇 above); no cadre sits in a 街道.
    expect(await check({ unitCategories: ['乡镇'] })).toEqual([]);
    const street = await check({ unitCategories: ['街道'] });
    expect(street).toContainEqual(expect.stringContaining('名册中没有所在单位类别为“街道”的干部'));
    expect(street).toContainEqual(expect.stringContaining('不会考核任何人'));
    // 县级 李书记 has no unit: 县级 in a 乡镇 matches nobody, though each value alone is carried.
    expect(await check({ levels: ['县级'], unitCategories: ['乡镇'] })).toEqual([
      expect.stringContaining('名册中没有一位干部符合适用对象（级别：县级；所在单位类别：乡镇）'),
    ]);
  });
});

describe('a ledger made before the lists existed (schema v2)', () => {
  it('gets every level, role and category its data and rules use as listed values; nothing else changes', async () => {
    const path = tempDbPath(dir);
    (await openBackend(path, { migrations: migrations.filter((m) => m.version <= 2) })).close();
    // Rows as a v2 program wrote them (raw: today's services expect today's schema).
    const raw = new Database(path);
    const at = '2025-01-01T00:00:00Z';
    raw
      .prepare("INSERT INTO units (id, name, category, created_at, updated_at) VALUES (1, '机械学院', '学院', ?, ?)")
      .run(at, at);
    raw
      .prepare(
        "INSERT INTO cadres (id, name, level, unit_id, created_at, updated_at) VALUES (1, '张三', '正处级', 1, ?, ?)",
      )
      .run(at, at);
    raw.prepare("INSERT INTO cadre_roles (cadre_id, role) VALUES (1, '院长'), (1, '学院党委书记')").run();
    raw
      .prepare(
        "INSERT INTO contact_objects (name, category, created_at, updated_at) VALUES ('机械2501班', '新生班', ?, ?)",
      )
      .run(at, at);
    raw.prepare("INSERT INTO regulations (id, name, created_at) VALUES (1, '制度', ?)").run(at);
    const body = {
      id: 'x-1',
      kind: 'frequency',
      who: { scope: 'cadre', cadres: { levels: ['校级'], roles: ['分管教学'], excludeRoles: ['校长'] } },
    };
    raw
      .prepare(
        "INSERT INTO rules (regulation_id, year, clause, body, created_at, updated_at) VALUES (1, 2026, '第一条', ?, ?, ?)",
      )
      .run(JSON.stringify(body), at, at);
    expect(raw.pragma('user_version', { simple: true })).toBe(2);
    raw.close();

    const nb = await openBackend(path);
    try {
      const r = await nb.dispatch('vocabulary.get', {});
      if (!r.ok) throw new Error(r.error.message);
      const v = r.value as Vocabulary;
      expect(names(v.levels)).toEqual(['正处级', '校级']);
      expect(names(v.roles)).toEqual(['学院党委书记', '院长', '分管教学', '校长']);
      expect(names(v.unitCategories)).toEqual(['学院']);
      expect(v.objectCategories).toEqual([expect.objectContaining({ name: '新生班', kind: 'unit' })]);
      // Existing rows keep their values: the cadre still reads 正处级 with both roles.
      const c = await nb.dispatch('cadres.list', {});
      expect(c.ok && (c.value as Cadre[])[0]).toMatchObject({ level: '正处级', roles: ['院长', '学院党委书记'] });
    } finally {
      nb.close();
    }
  });
});

describe('the demo university speaks preset 002’s words', () => {
  it('every level, role, category and type the demo uses is on the lists a 002 ledger starts with', async () => {
    const { demoSheets } = await import('../../electron/services/demo/index');
    const { loadPreset, presetVocabulary } = await import('../../electron/services/presets');
    const { presetsDir } = await import('../../electron/services/resources');
    const lists = presetVocabulary(loadPreset(presetsDir(), '002'));
    const sheets = demoSheets(2026, 1);
    const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
    const off = (list: string[], values: string[]) => [...new Set(values.filter((v) => v && !list.includes(v)))];
    expect(
      off(
        lists.levels,
        sheets.cadres.map((c) => text(c.level)),
      ),
    ).toEqual([]);
    expect(
      off(
        lists.roles,
        sheets.cadres.flatMap((c) => text(c.roles).split('、')),
      ),
    ).toEqual([]);
    expect(
      off(
        lists.unitCategories,
        sheets.units.map((u) => text(u.category)),
      ),
    ).toEqual([]);
    expect(
      off(
        lists.objectCategories.map((c) => c.name),
        sheets.objects.map((o) => text(o.category)),
      ),
    ).toEqual([]);
    expect(
      off(
        lists.activityTypes,
        sheets.records.map((r) => text(r.type)),
      ),
    ).toEqual([]);
  });
});
