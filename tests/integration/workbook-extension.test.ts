// 延期至 moves with the ledger: the workbook's 督办事项 sheet carries it out and back in (a trailing column, written
// only when an item has an extension: the template keeps workbook.md's columns), a workbook made before the
// column existed still imports (the item without an extension), and an extension the 督办 page would refuse is
// refused by the import with the row and field named, nothing written.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import type { WorkbookFile } from '../../shared/api/workbook';
import type { FollowUp } from '../../shared/domain/follow-up';
import { okOn as ok, refusalOn as refused } from '../support/calls';
import { tempDbPath, tempDir } from '../support/tmp';
import { addVocabulary } from '../support/vocabulary';

const dir = tempDir('ledger-wb-extension-');
const now = () => new Date('2026-06-30T08:00:00Z');
let b: Backend;

async function freshLedger(): Promise<Backend> {
  const c = await openBackend(tempDbPath(dir), { now });
  await addVocabulary(c.dispatch, { unitCategories: ['职能部门'] });
  return c;
}
/** The exported workbook with one 督办事项 cell changed, or the 延期至 column taken out as an old workbook has it. */
async function edited(file: WorkbookFile, change: (sheet: ExcelJS.Worksheet, col: number) => void) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('督办事项')!;
  let col = 0;
  sheet.getRow(1).eachCell((cell, n) => {
    if (cell.value === '延期至') col = n;
  });
  expect(col).toBeGreaterThan(0);
  change(sheet, col);
  return { fileName: file.fileName, dataBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

beforeAll(async () => {
  b = await freshLedger();
  const unit = await ok<{ id: number }>(b, 'units.create', { name: '后勤处', category: '职能部门' });
  const f = await ok<FollowUp>(b, 'followUps.create', {
    raisedDate: '2026-03-02',
    source: '来信',
    matter: '宿舍热水供应不足',
    departmentId: unit.id,
    limitDays: 10,
    assignedDate: '2026-03-02',
    status: '已交办',
  });
  await ok(b, 'followUps.update', { id: f.id, patch: { extendedDate: '2026-03-25' } });
});
afterAll(() => b.close());

describe('延期至 in the workbook', () => {
  it('goes out in the 督办事项 sheet and comes back into a fresh ledger', async () => {
    const file = await ok<WorkbookFile>(b, 'workbook.export', {});
    const c = await freshLedger();
    try {
      await ok(c, 'workbook.import', file);
      const [f] = await ok<FollowUp[]>(c, 'followUps.list', {});
      expect(f).toMatchObject({ matter: '宿舍热水供应不足', extendedDate: '2026-03-25', dueDate: '2026-03-16' });
    } finally {
      c.close();
    }
  });

  it('a workbook without the column (made before it existed) still imports, the item without an extension', async () => {
    const file = await edited(await ok<WorkbookFile>(b, 'workbook.export', {}), (sheet, col) =>
      sheet.spliceColumns(col, 1),
    );
    const c = await freshLedger();
    try {
      await ok(c, 'workbook.import', file);
      const [f] = await ok<FollowUp[]>(c, 'followUps.list', {});
      expect(f).toMatchObject({ matter: '宿舍热水供应不足', extendedDate: null });
      // A ledger without any extension exports workbook.md's columns exactly, as the template has them.
      const out = new ExcelJS.Workbook();
      const again = await ok<WorkbookFile>(c, 'workbook.export', {});
      await out.xlsx.load(Buffer.from(again.dataBase64, 'base64') as unknown as ArrayBuffer);
      const headers: string[] = [];
      out
        .getWorksheet('督办事项')!
        .getRow(1)
        .eachCell((cell) => headers.push(String(cell.value)));
      expect(headers).toEqual([
        '提出日期',
        '来源',
        '事项',
        '反映人',
        '承办部门',
        '办理时限（工作日）',
        '交办日期',
        '反馈日期',
        '办结日期',
        '状态',
        '办理结果',
      ]);
    } finally {
      c.close();
    }
  });

  it('an extension not after the deadline is refused with the row and field named, and nothing is written', async () => {
    const file = await edited(await ok<WorkbookFile>(b, 'workbook.export', {}), (sheet, col) => {
      sheet.getRow(2).getCell(col).value = '2026-03-10';
    });
    const c = await freshLedger();
    try {
      const e = await refused(c, 'workbook.import', file);
      expect((e.issues ?? []).map((i) => `${i.sheet}|${i.row}|${i.field}|${i.message}`)).toEqual([
        '督办事项|2|延期至|「延期至」须晚于截止日期（2026-03-16）',
      ]);
      expect(await ok<FollowUp[]>(c, 'followUps.list', {})).toEqual([]);
    } finally {
      c.close();
    }
  });
});
