// The roster through the dispatcher, as every door calls it: validated input, Chinese refusals,
// audit entries, and undo of a deletion.
import { beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import { verifyAuditChain } from '../../electron/services/audit';
import type { Cadre } from '../../shared/domain/cadre';
import { tempDbPath, tempDir } from '../support/tmp';
import { addVocabulary } from '../support/vocabulary';
import { calls } from '../support/calls';

const dir = tempDir();
let b: Backend;
beforeAll(async () => {
  b = await openBackend(tempDbPath(dir));
  await addVocabulary(b.dispatch, {
    unitCategories: ['学院'],
    levels: ['正处级'],
    roles: ['学院党委书记', '支部书记'],
  });
  return () => b.close();
});

const { ok } = calls(() => b);

const count = (table: string) => (b.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('units and cadres', () => {
  it('a secretary adds 机械学院 and 张三 in it; the list shows him with his unit and roles', async () => {
    const unit = await ok<{ id: number }>('units.create', { name: '机械学院', category: '学院' });
    const c = await ok<Cadre>('cadres.create', {
      name: '张三',
      title: '机械学院党委书记',
      level: '正处级',
      roles: ['学院党委书记', '支部书记'],
      unitId: unit.id,
      termStart: '2024-03-05',
    });
    expect(c).toMatchObject({
      name: '张三',
      unitName: '机械学院',
      partyMember: true,
      roles: ['学院党委书记', '支部书记'],
    });
    const list = await ok<Cadre[]>('cadres.list', {});
    expect(list.map((x) => x.name)).toEqual(['张三']);
    const keys = b.db.sqlite.prepare('SELECT pinyin, initials FROM cadres WHERE id = ?').get(c.id);
    expect(keys).toEqual({ pinyin: 'zhangsan', initials: 'zs' });
  });

  it('a change to one field leaves the others as they were', async () => {
    const [c] = await ok<Cadre[]>('cadres.list', {});
    const after = await ok<Cadre>('cadres.update', { id: c!.id, patch: { title: '机械学院院长' } });
    expect(after).toMatchObject({
      title: '机械学院院长',
      level: '正处级',
      termStart: '2024-03-05',
      unitName: '机械学院',
    });
  });

  it('an empty name, a wrong date and an unknown field are refused, naming the field, and nothing is written', async () => {
    const before = count('cadres');
    const auditBefore = count('audit_log');
    const r = await b.dispatch('cadres.create', { name: '  ', termStart: '2026-02-30', salary: 1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('INVALID_INPUT');
    expect(r.error.message).toContain('新增干部');
    expect(r.error.message).toContain('「姓名」不能为空');
    expect(r.error.message).toContain('「任职开始」不是有效日期');
    expect(r.error.issues?.map((i) => i.field)).toEqual(expect.arrayContaining(['姓名', '任职开始']));
    expect(count('cadres')).toBe(before);
    expect(count('audit_log')).toBe(auditBefore);
  });

  it('a term that ends before it starts is refused', async () => {
    const r = await b.dispatch('cadres.create', { name: '李四', termStart: '2026-03-01', termEnd: '2025-03-01' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('任职结束不能早于任职开始') },
    });
    const [c] = await ok<Cadre[]>('cadres.list', {});
    const u = await b.dispatch('cadres.update', { id: c!.id, patch: { termEnd: '2020-01-01' } });
    expect(u).toMatchObject({ ok: false, error: { message: expect.stringContaining('任职结束不能早于任职开始') } });
  });

  it('an unknown unit, an unknown method and a missing cadre are refused in Chinese', async () => {
    expect(await b.dispatch('cadres.create', { name: '王五', unitId: 999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringContaining('「所在单位」编号为 999 的单位不存在') },
    });
    expect(await b.dispatch('cadres.drop', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_METHOD', message: '没有名为“cadres.drop”的操作' },
    });
    expect(await b.dispatch('cadres.update', { id: 4242, patch: {} })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '编号为 4242 的干部不存在' },
    });
  });

  it('a unit with a cadre in it cannot be deleted; the message says why', async () => {
    const [u] = await ok<{ id: number }[]>('units.list', {});
    expect(await b.dispatch('units.delete', { id: u!.id })).toMatchObject({
      ok: false,
      error: { code: 'IN_USE', message: '单位“机械学院”还有1 名干部，不能删除。请先调整它们。' },
    });
  });

  it('a deleted cadre comes back whole with 撤销 (restore), under the same id', async () => {
    const [c] = await ok<Cadre[]>('cadres.list', {});
    const gone = await ok<Cadre>('cadres.delete', { id: c!.id });
    expect(await ok<Cadre[]>('cadres.list', {})).toEqual([]);
    const back = await ok<Cadre>('cadres.restore', gone);
    expect(back).toEqual(c);
  });

  it('every write is in the audit trail, chained; editing a row of the trail outside the app is detected', async () => {
    // The lists' own entries (设置 → 词汇, added first) aside, the roster's writes in order.
    const actions = b.db.sqlite
      .prepare("SELECT id, action, table_name FROM audit_log WHERE table_name IN ('units', 'cadres') ORDER BY id")
      .all() as { id: number; action: string; table_name: string }[];
    expect(actions.map(({ action, table_name }) => ({ action, table_name }))).toEqual([
      { action: 'create', table_name: 'units' },
      { action: 'create', table_name: 'cadres' },
      { action: 'update', table_name: 'cadres' },
      { action: 'delete', table_name: 'cadres' },
      { action: 'restore', table_name: 'cadres' },
    ]);
    expect(verifyAuditChain(b.ctx)).toEqual({ entries: count('audit_log'), breaks: [] });
    const created = actions[1]!.id;
    b.db.sqlite.prepare("UPDATE audit_log SET after = replace(after, '张三', '张叁') WHERE id = ?").run(created);
    const { breaks } = verifyAuditChain(b.ctx);
    expect(breaks).toEqual([
      { id: created, table: 'cadres', rowId: expect.any(Number), reason: '内容与校验值不符（记录被改动）' },
    ]);
  });
});
