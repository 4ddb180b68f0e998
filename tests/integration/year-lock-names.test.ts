// The names a locked year's records read stay as they were: a unit, an activity type and every vocabulary
// value on those records cannot be renamed (nor merged, nor a rename made before the lock undone), by any
// door — the service, a grid's batch, the CLI — like a cadre or a contact object. Swapping two activity-type
// names (issue 11: a locked year's rate moved from 0.388 to 0.337) is refused at its first step.
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/doors/cli/commands';
import { verifyLedger } from '../../electron/services/audit';
import { openBackend, type Backend } from '../../electron/services/backend';
import { calls } from '../support/calls';
import { tempDbPath, tempDir } from '../support/tmp';
import { addVocabulary } from '../support/vocabulary';

const dir = tempDir('ledger-locknames-');
const dbPath = tempDbPath(dir);
let b: Backend;
const { ok, refused, refusal } = calls(() => b);
const ids: Record<string, number> = {};
const all = (sql: string) => b.db.sqlite.prepare(sql).all();

/** Everything a rename could move: the lists, the named rows and the rules' bodies. */
function snapshot() {
  return {
    types: all('SELECT id, name FROM activity_types ORDER BY id'),
    cats: all('SELECT id, name FROM object_categories ORDER BY id'),
    terms: all('SELECT id, list, name FROM vocabulary_terms ORDER BY id'),
    units: all('SELECT id, name, category FROM units ORDER BY id'),
    cadres: all('SELECT id, name, level FROM cadres ORDER BY id'),
    roles: all('SELECT cadre_id, role FROM cadre_roles ORDER BY cadre_id, role'),
    objects: all('SELECT id, name, category FROM contact_objects ORDER BY id'),
    records: all('SELECT id, activity_type_id FROM records ORDER BY id'),
  };
}

beforeAll(async () => {
  b = await openBackend(dbPath, { now: () => new Date('2027-01-20T02:00:00Z') });
  await addVocabulary(b.dispatch, {
    levels: ['处级', '科级'],
    roles: ['学院书记', '院长'],
    unitCategories: ['学院', '机关'],
    objectCategories: ['班级', '宿舍'],
  });
  ids.talk = (await ok<{ id: number }>('vocabulary.addActivityType', { name: '座谈' })).id;
  ids.visit = (await ok<{ id: number }>('vocabulary.addActivityType', { name: '走访' })).id;
  ids.study = (await ok<{ id: number }>('vocabulary.addActivityType', { name: '调研' })).id;
  ids.unit = (await ok<{ id: number }>('units.create', { name: '机械学院', category: '学院' })).id;
  ids.office = (await ok<{ id: number }>('units.create', { name: '后勤处', category: '机关' })).id;
  ids.zhao = (
    await ok<{ id: number }>('cadres.create', { name: '赵敏', level: '处级', roles: ['学院书记'], unitId: ids.unit })
  ).id;
  ids.cls = (await ok<{ id: number }>('objects.create', { name: '机械21-1班', category: '班级', unitId: ids.unit })).id;
  for (const [date, type] of [
    ['2026-05-10', ids.talk],
    ['2026-09-03', ids.visit],
  ] as const)
    await ok('records.create', {
      date,
      activityTypeId: type,
      cadreIds: [ids.zhao],
      objectIds: [ids.cls],
      place: '机械学院',
      content: '听取学生意见',
    });
  // Renamed before the year was closed: undoing it afterwards would rename a unit its records read.
  await ok('units.update', { id: ids.unit, patch: { name: '机械工程学院' } });
  await ok('years.lock', { year: 2026, reason: '2026年度考核完成' });
  return () => b.close();
});

describe('names a locked year reads', () => {
  it('a unit on the locked records cannot be renamed (form or grid); an unused one can', async () => {
    const before = snapshot();
    expect(await refused('units.update', { id: ids.unit, patch: { name: '机电学院' } })).toBe(
      '单位“机械工程学院”出现在已锁定的2026年度的联系记录中，改名会改变这些记录的内容，所以没有改名。' +
        '如确需改名，请先解锁该年度并填写理由。',
    );
    // A grid's paste or fill reaches the same service through one batch; all of it is refused.
    const grid = await refused('changes.apply', {
      label: '粘贴',
      calls: [
        { method: 'units.update', input: { id: ids.office, patch: { note: '新备注' } }, where: '第 1 行' },
        { method: 'units.update', input: { id: ids.unit, patch: { name: '机电学院' } }, where: '第 2 行「名称」' },
      ],
    });
    expect(grid).toContain('第 2 行');
    expect(grid).toContain('单位“机械工程学院”出现在已锁定的2026年度');
    expect(snapshot()).toEqual(before);
    // Other fields change; a unit no locked record reads may be renamed.
    await ok('units.update', { id: ids.unit, patch: { note: '2027年起合并教研室' } });
    await ok('units.update', { id: ids.office, patch: { name: '后勤保障处' } });
  });

  it('the rename made before the lock cannot be undone now', async () => {
    const list = await ok<{ id: number; label: string; undoneAt: string | null }[]>('changes.list', { limit: 50 });
    const rename = list.find((c) => c.label === '修改单位“机械工程学院”：名称');
    expect(rename, JSON.stringify(list.map((c) => c.label))).toBeDefined();
    const msg = await refused('changes.undo', { throughId: rename!.id });
    expect(msg).toContain('单位“机械工程学院”出现在已锁定的2026年度的联系记录中，撤销改名会改变这些记录的内容');
    // The undo takes back the later changes first, in one go: refused whole, nothing of it kept.
    expect(all('SELECT name, note FROM units ORDER BY id')).toEqual([
      { name: '机械工程学院', note: '2027年起合并教研室' },
      { name: '后勤保障处', note: '' },
    ]);
  });

  it('swapping two activity-type names is refused at its first step; a merge too; an unused type may be renamed', async () => {
    const before = snapshot();
    const first = await refusal('vocabulary.rename', { list: 'activityTypes', from: '座谈', to: '临时' });
    expect(first.code).toBe('FORBIDDEN');
    expect(first.message).toBe(
      '活动类型“座谈”出现在已锁定的2026年度的联系记录中，改名会改变这些记录的内容，所以没有改名。' +
        '如确需改名，请先解锁该年度并填写理由。',
    );
    expect(
      await refused('vocabulary.rename', { list: 'activityTypes', from: '走访', to: '座谈', merge: true }),
    ).toContain('活动类型“走访”出现在已锁定的2026年度的联系记录中，合并会改变这些记录的内容，所以没有合并');
    expect(snapshot()).toEqual(before);
    await ok('vocabulary.rename', { list: 'activityTypes', from: '调研', to: '专题调研' });
  });

  it('each vocabulary value the locked records carry keeps its name', async () => {
    const before = snapshot();
    const cases: [string, string, string, string][] = [
      ['levels', '处级', '正处级', '级别“处级”'],
      ['roles', '学院书记', '院党委书记', '角色“学院书记”'],
      ['unitCategories', '学院', '二级学院', '单位类别“学院”'],
      ['objectCategories', '班级', '教学班', '对象类别“班级”'],
    ];
    for (const [list, from, to, named] of cases)
      expect(await refused('vocabulary.rename', { list, from, to })).toContain(
        `${named}出现在已锁定的2026年度的联系记录中，改名会改变这些记录的内容`,
      );
    expect(snapshot()).toEqual(before);
    // Values no locked record carries are free to change.
    await ok('vocabulary.rename', { list: 'levels', from: '科级', to: '正科级' });
    await ok('vocabulary.rename', { list: 'objectCategories', from: '宿舍', to: '学生宿舍' });
  });

  it('the CLI is refused the same way, and the ledger still verifies', async () => {
    b.close();
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      ['vocab', 'rename', '--list', '活动类型', '--from', '走访', '--to', '家访', '--db', dbPath],
      {
        out: (l) => out.push(l),
        err: (l) => err.push(l),
        env: {},
      },
    );
    b = await openBackend(dbPath, { now: () => new Date('2027-01-20T02:00:00Z') });
    expect(code).not.toBe(0);
    expect(err.join('\n')).toContain('活动类型“走访”出现在已锁定的2026年度的联系记录中，改名会改变这些记录的内容');
    expect(b.db.sqlite.prepare('SELECT name FROM activity_types WHERE id = ?').get(ids.visit)).toEqual({
      name: '走访',
    });
    expect(verifyLedger(b.ctx).ok).toBe(true);
  });
});
