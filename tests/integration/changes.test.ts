// The undo history through the dispatcher, on a real file: every write is one saved change, a batch
// (a paste) is one change, changes are undone newest first, each undo is audited and the ledger still
// verifies, and an undo that would overwrite a later change made outside the history is refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import { KEEP_CHANGES } from '../../electron/services/changes';
import type { SavedChange } from '../../shared/api/changes';
import type { VerifyReport } from '../../shared/api/audit';
import type { Cadre } from '../../shared/domain/cadre';
import type { LedgerRecord } from '../../shared/domain/record';
import { tempDbPath, tempDir } from '../support/tmp';
import { addVocabulary } from '../support/vocabulary';
import { calls } from '../support/calls';

const dir = tempDir();
let b: Backend;
beforeAll(async () => {
  b = await openBackend(tempDbPath(dir));
  await addVocabulary(b.dispatch, { unitCategories: ['学院'], roles: ['分管教学', '党委书记'] });
  return () => b.close();
});

const { ok, refused } = calls(() => b);
const latest = async () => (await ok<SavedChange[]>('changes.list', { limit: 1 }))[0]!;
const names = () =>
  (b.db.sqlite.prepare('SELECT name FROM cadres ORDER BY id').all() as { name: string }[]).map((r) => r.name);
const verified = async () => {
  const r = await ok<VerifyReport>('audit.verify', {});
  expect(r.findings).toEqual([]);
  expect(r.chainBreaks).toEqual([]);
};

let zhang: Cadre;
let unitId: number;
let typeId: number;

describe('one edit, one change', () => {
  it('张三 becomes 党委书记: the history says so, and undo puts 职务 back, audited', async () => {
    unitId = (await ok<{ id: number }>('units.create', { name: '计算机学院', category: '学院' })).id;
    zhang = await ok<Cadre>('cadres.create', { name: '张三', title: '副院长', unitId, roles: ['分管教学'] });
    expect((await latest()).label).toBe('新增干部“张三”');

    await ok('cadres.update', { id: zhang.id, patch: { title: '党委书记' } });
    const change = await latest();
    expect(change).toMatchObject({ label: '修改干部“张三”：职务', method: 'cadres.update', undoneAt: null });

    const { undone } = await ok<{ undone: SavedChange[] }>('changes.undo', {});
    expect(undone.map((c) => c.id)).toEqual([change.id]);
    expect((await ok<Cadre[]>('cadres.list', {}))[0]).toMatchObject({ title: '副院长', roles: ['分管教学'] });
    const audit = b.db.sqlite
      .prepare("SELECT table_name, row_id FROM audit_log WHERE action = 'undo' ORDER BY id")
      .all();
    expect(audit).toEqual([
      { table_name: 'cadres', row_id: zhang.id },
      { table_name: 'undo_changes', row_id: change.id },
    ]);
    expect((await ok<SavedChange[]>('changes.list', { limit: 2 }))[0]!.undoneAt).not.toBeNull();
    await verified();
  });

  it('reading writes nothing, and a year lock or a document number is not an undoable change', async () => {
    const before = (await ok<SavedChange[]>('changes.list', { limit: 500 })).length;
    await ok('cadres.list', {});
    await ok('records.page', {});
    await ok('years.lock', { year: 2019, reason: '考核完成' });
    expect((await ok<SavedChange[]>('changes.list', { limit: 500 })).length).toBe(before);
  });
});

describe('a paste is one change, all or nothing', () => {
  it('three cadres pasted are one change; undo removes all three', async () => {
    const calls = ['李四', '王五', '赵六'].map((name, i) => ({
      method: 'cadres.create',
      input: { name, title: '教授' },
      where: `第 ${i + 1} 行`,
    }));
    const r = await ok<{ change: SavedChange; results: Cadre[] }>('changes.apply', {
      label: '粘贴新增 3 行干部',
      calls,
    });
    expect(r.results.map((c) => c.name)).toEqual(['李四', '王五', '赵六']);
    expect(r.change).toMatchObject({ label: '粘贴新增 3 行干部', method: 'changes.apply', rows: 3 });
    expect(names()).toEqual(['张三', '李四', '王五', '赵六']);

    await ok('changes.undo', {});
    expect(names()).toEqual(['张三']);
    await verified();
  });

  it('a wrong second row is refused naming it, and nothing of the first is kept', async () => {
    const before = (await ok<SavedChange[]>('changes.list', { limit: 500 })).length;
    const message = await refused('changes.apply', {
      label: '粘贴',
      calls: [
        { method: 'cadres.create', input: { name: '钱七' }, where: '第 1 行' },
        {
          method: 'cadres.create',
          input: { name: '孙八', termStart: '2024-05-01', termEnd: '2023-01-01' },
          where: '第 2 行',
        },
      ],
    });
    expect(message).toMatch(/^第 2 行：/);
    expect(names()).toEqual(['张三']);
    expect((await ok<SavedChange[]>('changes.list', { limit: 500 })).length).toBe(before);

    const bad = await refused('changes.apply', {
      label: '粘贴',
      calls: [{ method: 'cadres.create', input: { name: '' }, where: '第 4 行' }],
    });
    expect(bad).toContain('第 4 行：新增干部：');
    expect(await refused('changes.apply', { label: 'x', calls: [{ method: 'workbook.import', input: {} }] })).toContain(
      '不能作为一组修改中的一项',
    );
  });
});

describe('overwriting a cadre keeps his records, and is undone whole', () => {
  let record: LedgerRecord;
  it('张三 has a record; what refers to him is counted before he is overwritten', async () => {
    typeId =
      (b.db.sqlite.prepare("SELECT id FROM activity_types WHERE name = '座谈'").get() as { id: number } | undefined)
        ?.id ?? (await ok<{ id: number }>('vocabulary.addActivityType', { name: '座谈' })).id;
    record = await ok<LedgerRecord>('records.create', {
      date: '2026-03-05',
      activityTypeId: typeId,
      cadreIds: [zhang.id],
      place: '计算机学院',
      hours: 2,
    });
    await ok('followUps.create', { raisedDate: '2026-03-05', matter: '实验室空调', recordId: record.id });
    const refs = await ok<{ id: number; references: { label: string; count: number }[] }[]>('changes.references', {
      table: 'cadres',
      ids: [zhang.id],
    });
    expect(refs).toEqual([{ id: zhang.id, references: [{ label: '条联系记录', count: 1 }] }]);
    const unitRefs = await ok<{ references: { label: string; count: number }[] }[]>('changes.references', {
      table: 'units',
      ids: [unitId],
    });
    expect(unitRefs[0]!.references).toEqual([{ label: '名干部', count: 1 }]);
  });

  it('overwritten as 钱七 and undone: the record is 张三’s again', async () => {
    await ok('changes.apply', {
      label: '覆盖粘贴 1 行干部',
      calls: [{ method: 'cadres.update', input: { id: zhang.id, patch: { name: '钱七', title: '院长' } } }],
    });
    expect((await ok<LedgerRecord>('records.get', { id: record.id })).cadreNames).toEqual(['钱七']);
    await ok('changes.undo', {});
    expect((await ok<LedgerRecord>('records.get', { id: record.id })).cadreNames).toEqual(['张三']);
    expect(b.db.sqlite.prepare('SELECT pinyin, initials, title FROM cadres WHERE id = ?').get(zhang.id)).toEqual({
      pinyin: 'zhangsan',
      initials: 'zs',
      title: '副院长',
    });
    await verified();
  });

  it('a deleted record comes back by undo with its cadres, its place in 督办 and its audit state', async () => {
    await ok('records.delete', { id: record.id });
    expect(b.db.sqlite.prepare('SELECT record_id FROM follow_ups').get()).toEqual({ record_id: null });
    expect((await latest()).label).toBe('删除联系记录“2026-03-05 座谈”');
    await ok('changes.undo', {});
    const back = await ok<LedgerRecord>('records.get', { id: record.id });
    expect(back).toMatchObject({ cadreNames: ['张三'], place: '计算机学院', hours: 2 });
    expect(b.db.sqlite.prepare('SELECT record_id FROM follow_ups').get()).toEqual({ record_id: record.id });
    await verified();
  });

  it('a record changed by hand after a change cannot be undone over it', async () => {
    await ok('records.update', { id: record.id, patch: { place: '图书馆' } });
    b.db.sqlite.prepare("UPDATE records SET place = '操场' WHERE id = ?").run(record.id);
    const message = await refused('changes.undo', {});
    expect(message).toContain('不能撤销“修改联系记录“2026-03-05 座谈”：地点”');
    expect(message).toContain('在这之后又被改动过');
    expect(b.db.sqlite.prepare('SELECT place FROM records WHERE id = ?').get(record.id)).toEqual({ place: '操场' });
    // Put the file back as the app left it, for the tests after this one.
    b.db.sqlite.prepare("UPDATE records SET place = '图书馆' WHERE id = ?").run(record.id);
  });

  it('a change in a year locked since cannot be undone', async () => {
    await ok('years.lock', { year: 2026, reason: '考核完成' });
    expect(await refused('changes.undo', {})).toContain('2026年度已锁定');
    await ok('years.unlock', { year: 2026, reason: '补录' });
  });
});

describe('undone in order', () => {
  it('undoing back to an older change undoes the newer ones first, and none twice', async () => {
    await ok('cadres.update', { id: zhang.id, patch: { note: '一' } });
    const first = await latest();
    await ok('cadres.update', { id: zhang.id, patch: { note: '二' } });
    await ok('cadres.update', { id: zhang.id, patch: { note: '三' } });
    const { undone } = await ok<{ undone: SavedChange[] }>('changes.undo', { throughId: first.id });
    expect(undone.map((c) => c.label)).toEqual([
      '修改干部“张三”：备注',
      '修改干部“张三”：备注',
      '修改干部“张三”：备注',
    ]);
    expect(undone.map((c) => c.id)).toEqual([first.id + 2, first.id + 1, first.id]);
    expect((await ok<Cadre[]>('cadres.list', {}))[0]!.note).toBe('');
    expect(await refused('changes.undo', { throughId: first.id })).toContain('已经撤销过');
  });

  it(`keeps the last ${KEEP_CHANGES} changes`, async () => {
    for (let i = 0; i < KEEP_CHANGES + 5; i++) await ok('cadres.update', { id: zhang.id, patch: { note: `第${i}次` } });
    const kept = await ok<SavedChange[]>('changes.list', { limit: 500 });
    expect(kept.length).toBe(KEEP_CHANGES);
    const orphans = b.db.sqlite
      .prepare('SELECT count(*) AS n FROM undo_rows WHERE change_id NOT IN (SELECT id FROM undo_changes)')
      .get();
    expect(orphans).toEqual({ n: 0 });
  });
});
