// The gaps of the year lock an attacker (or a hurried secretary) used: a locked year's 督办事项 reopened or
// deleted, a cadre or contact object renamed so that locked records read differently, and dates no ledger
// means (an Excel 0, a year typed into a date cell, 2101) taken by the forms and the workbook import.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../electron/services/audit';
import { openBackend, type Backend } from '../../electron/services/backend';
import { writeWorkbook, emptySheets } from '../../electron/services/workbook/xlsx';
import type { ErrorPayload } from '../../shared/errors';
import { tempDbPath, tempDir } from '../support/tmp';
import { addVocabulary } from '../support/vocabulary';

const dir = tempDir('ledger-lockgaps-');
let b: Backend;
const ids: Record<string, number> = {};

async function ok<T = { id: number }>(method: string, input: unknown): Promise<T> {
  const r = await b.dispatch(method, input);
  if (!r.ok) throw new Error(`${method} refused: ${r.error.message}`);
  return r.value as T;
}
async function refused(method: string, input: unknown): Promise<ErrorPayload> {
  const r = await b.dispatch(method, input);
  if (r.ok) throw new Error(`${method} was accepted: ${JSON.stringify(r.value).slice(0, 300)}`);
  return r.error;
}
const row = (sql: string, ...args: unknown[]) => b.db.sqlite.prepare(sql).get(...args) as Record<string, unknown>;

beforeAll(async () => {
  b = await openBackend(tempDbPath(dir), { now: () => new Date('2027-01-20T02:00:00Z') });
  await addVocabulary(b.dispatch, { objectCategories: ['班级'], unitCategories: ['学院'] });
  ids.type = (await ok('vocabulary.addActivityType', { name: '座谈' })).id;
  ids.unit = (await ok('units.create', { name: '机械学院', category: '学院' })).id;
  ids.zhao = (await ok('cadres.create', { name: '赵敏', title: '副校长', unitId: ids.unit })).id;
  ids.qian = (await ok('cadres.create', { name: '钱进' })).id;
  ids.cls = (await ok('objects.create', { name: '机械21-1班', category: '班级', unitId: ids.unit })).id;
  ids.rec = (
    await ok('records.create', {
      date: '2026-05-10',
      activityTypeId: ids.type,
      cadreIds: [ids.zhao],
      objectIds: [ids.cls],
      place: '机械学院',
      content: '座谈',
    })
  ).id;
  ids.open = (
    await ok('followUps.create', {
      raisedDate: '2026-12-20',
      source: '座谈',
      matter: '宿舍热水不稳定',
      status: '待交办',
    })
  ).id;
  ids.closed = (
    await ok('followUps.create', {
      raisedDate: '2026-06-01',
      source: '来信',
      matter: '食堂价格偏高',
      departmentId: ids.unit,
      limitDays: 10,
      assignedDate: '2026-06-02',
      closedDate: '2026-06-10',
      status: '已办结',
      result: '已调整',
    })
  ).id;
  await ok('years.lock', { year: 2026, reason: '2026年度考核完成' });
  return () => b.close();
});

describe('督办事项 of a locked year', () => {
  it('cannot be deleted, reopened or edited where filled in', async () => {
    const before = row('SELECT * FROM follow_ups WHERE id = ?', ids.closed);
    expect((await refused('followUps.delete', { id: ids.closed })).message).toContain('2026年度已锁定');
    const back = await refused('followUps.update', { id: ids.closed, patch: { status: '已交办', closedDate: null } });
    expect(back).toMatchObject({ code: 'FORBIDDEN' });
    expect(back.message).toContain('提出于已锁定的2026年度');
    // An extension would move a locked year's deadline: refused, whether it falls in the locked year or after.
    const inLocked = await refused('followUps.update', { id: ids.closed, patch: { extendedDate: '2026-06-30' } });
    expect(inLocked.message).toContain('延期至');
    expect(inLocked.message).toContain('2026年度已锁定');
    const later = await refused('followUps.update', { id: ids.closed, patch: { extendedDate: '2027-01-29' } });
    expect(later.message).toContain('「延期至」');
    const edit = await refused('followUps.update', { id: ids.closed, patch: { matter: '食堂价格合理' } });
    expect(edit.message).toContain('不能修改已填写的「事项」');
    const result = await refused('followUps.update', { id: ids.closed, patch: { result: '未处理' } });
    expect(result.message).toContain('「办理结果」');
    expect(row('SELECT * FROM follow_ups WHERE id = ?', ids.closed)).toEqual(before);
  });

  it('can still be carried on to its close, but not with a date inside the locked year', async () => {
    const inLocked = await refused('followUps.update', {
      id: ids.open,
      patch: { departmentId: ids.unit, assignedDate: '2026-12-28' },
    });
    expect(inLocked.message).toContain('2026年度已锁定');
    expect(inLocked.message).toContain('交办日期');
    const carried = await ok<{ status: string }>('followUps.update', {
      id: ids.open,
      patch: { departmentId: ids.unit, assignedDate: '2027-01-21' },
    });
    expect(carried.status).toBe('已交办');
    await ok('followUps.update', { id: ids.open, patch: { closedDate: '2027-02-01', result: '已维修' } });
    expect(row('SELECT status FROM follow_ups WHERE id = ?', ids.open)).toEqual({ status: '已办结' });
  });

  it('a new item raised in a locked year is refused, and so is one moved into it', async () => {
    const n = row('SELECT count(*) AS n FROM follow_ups');
    expect(
      (
        await refused('followUps.create', {
          raisedDate: '2026-03-01',
          source: '来访',
          matter: '补录',
          status: '待交办',
        })
      ).message,
    ).toContain('2026年度已锁定');
    const fresh = await ok('followUps.create', {
      raisedDate: '2027-01-10',
      source: '来访',
      matter: '图书馆开放时间',
      status: '待交办',
    });
    expect(
      (await refused('followUps.update', { id: fresh.id, patch: { raisedDate: '2026-12-31' } })).message,
    ).toContain('2026年度已锁定');
    expect(row('SELECT count(*) AS n FROM follow_ups')).toEqual({ n: Number(n.n) + 1 });
  });
});

describe('names on locked records', () => {
  it('a cadre or contact object named on a locked record cannot be renamed; other changes go through', async () => {
    const cadre = await refused('cadres.update', { id: ids.zhao, patch: { name: '赵明' } });
    expect(cadre).toMatchObject({ code: 'FORBIDDEN' });
    expect(cadre.message).toBe(
      '干部“赵敏”出现在已锁定的2026年度的联系记录中，改名会改变这些记录的内容，所以没有改名。如确需改名，请先解锁该年度并填写理由。',
    );
    const obj = await refused('objects.update', { id: ids.cls, patch: { name: '机械21-2班' } });
    expect(obj.message).toContain('联系对象“机械21-1班”出现在已锁定的2026年度');
    expect(row('SELECT name FROM cadres WHERE id = ?', ids.zhao)).toEqual({ name: '赵敏' });
    expect(row('SELECT name FROM contact_objects WHERE id = ?', ids.cls)).toEqual({ name: '机械21-1班' });
    // A promotion is not a rename: the title may change; a cadre with no locked record may be renamed.
    await ok('cadres.update', { id: ids.zhao, patch: { title: '校长' } });
    await ok('cadres.update', { id: ids.qian, patch: { name: '钱晋' } });
  });
});

describe('dates no ledger means', () => {
  it('the forms refuse an Excel 0, a year read as a date, and 2101, naming the field', async () => {
    for (const date of ['1899-12-30', '1905-06-21', '2101-01-01']) {
      const e = await refused('records.create', {
        date,
        activityTypeId: ids.type,
        cadreIds: [ids.qian],
        place: '',
        content: '',
      });
      expect(e.code).toBe('INVALID_INPUT');
      expect(JSON.stringify(e)).toContain('日期须在2000年至2100年之间');
    }
    const f = await refused('followUps.create', {
      raisedDate: '2101-01-01',
      source: '来访',
      matter: 'x',
      status: '待交办',
    });
    expect(JSON.stringify(f)).toContain('日期须在2000年至2100年之间');
    // 任职 may lie before the ledger was started.
    await ok('cadres.create', { name: '孙立', termStart: '1998-09-01' });
  });

  it('the workbook import refuses them with the row named, and a 督办 row dated in a locked year', async () => {
    const sheets = emptySheets();
    const base = { cadres: '钱晋', type: '座谈', place: '图书馆', content: '座谈会' };
    sheets.records.push(
      // Excel's day 0 arrives as the number 0, 1899/12/30 typed as text, 1999 typed into a date cell.
      { ...base, date: new Date(Date.UTC(1899, 11, 30)) },
      { ...base, date: '1899/12/30' },
      { ...base, date: 1999 },
      { ...base, date: '2101-03-05' },
      { ...base, date: '2027-03-05' },
    );
    sheets.followUps.push({ raisedDate: '2026-11-02', source: '来信', matter: '补录去年的来信', status: '待交办' });
    const data = await writeWorkbook(sheets);
    const records = row('SELECT count(*) AS n FROM records');
    const e = await refused('workbook.import', { fileName: '补录.xlsx', dataBase64: data.toString('base64') });
    const issues = (e.issues ?? []).map((i) => `${i.sheet}|${i.row}|${i.field}|${i.message}`);
    expect(issues).toEqual([
      '联系记录|2|日期|不是有效日期（格式如 2026-03-05）',
      '联系记录|3|日期|日期须在2000年至2100年之间',
      '联系记录|4|日期|日期须在2000年至2100年之间',
      '联系记录|5|日期|日期须在2000年至2100年之间',
      '督办事项|2|提出日期|2026年度已锁定，不能导入日期在该年度的督办事项',
    ]);
    expect(row('SELECT count(*) AS n FROM records')).toEqual(records);
    expect(verifyLedger(b.ctx).ok).toBe(true);
  });
});
