// Writes the ledger workbook with exceljs's streaming writer: styled, frozen header row, set widths, and
// date columns kept as text so that 2026-03-05 reads back as typed.
import type ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { NOTES_SHEET, SHEET_OF, type Cell, type LedgerSheets, type SheetSpec } from './sheets';

const TEXT_COLUMNS = /日期|时间|任职|年级|姓名|名称|单位|干部|对象|部门|来源/;

const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true, name: '宋体', size: 11 },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE8F3' } },
  alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
  border: { bottom: { style: 'thin', color: { argb: 'FF7F9DB9' } } },
};

/** The 说明 sheet of the template and of every export: how to fill the workbook in. */
export const NOTES: string[] = [
  '联系群众工作台账 — 导入/导出工作簿说明',
  '',
  '1. 本工作簿包含六张表：单位、干部、联系对象、联系点、联系记录、督办事项。每张表的第一行是表头，列的顺序可以调整，但表头不能删改；用不到的表可以删去（例如只导入联系记录时，只留「联系记录」表）。',
  '2. 日期写作 2026-03-05、2026/3/5 或 2026年3月5日，也可以是 Excel 日期单元格；时间写作 15:00；“党员”填 是 或 否。',
  '3. 人员和单位按名称填写；如有重名，写作“名称（所属单位）”，例如“张伟（机械学院）”。',
  '4. 一个单元格中有多个值时，用 、 或 , 或 ， 分隔，例如“领导干部”一栏可填“张三、李四”（联合座谈对每人都计数）。',
  '5. “类型”须是本台账已有的活动类型（载入制度预设时带入，如 调研、走访、接待日、听课、讲思政课、座谈、谈心谈话、组织生活）；写错或未登记的类型不会导入，程序会列出可用的类型。“联系对象”的“类别”如 学院、班级、宿舍、高层次人才，尚未登记的类别会加入词汇表，并在导入结果中列出。',
  '6. 督办事项的“来源”填所来自的联系记录（日期 领导干部 类型，如“2026-03-05 张三 座谈”），或 来信、来访、意见箱、电子信箱、举报电话、座谈、接待日。“延期至”填批准延期后的办理期限（须晚于截止日期），可不填；没有这一列的旧工作簿也能导入。',
  '7. 导入要么全部成功，要么一条也不写入：任何一行有错，程序会列出所有错误（表、行号、列、内容、原因），改正后重新导入即可。',
  '8. 台账中已有的相同数据（同名同单位的干部、相同日期领导干部类型和内容的记录等）会被跳过，重复导入同一文件不会产生重复数据。向已有数据的台账导入前，程序会自动备份数据库。',
  '9. 本“说明”表不会被导入，可以保留或删除。',
];

export function cellValue(c: Cell | undefined): ExcelJS.CellValue {
  if (c === undefined || c === null) return null;
  return c;
}

export interface WriteOptions {
  notes?: boolean;
}

/** The workbook as bytes: the six sheets (rows may be empty) and the 说明 sheet first. */
export async function writeWorkbook(sheets: LedgerSheets, opts: WriteOptions = {}): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  // Loaded on first use: exceljs is the heaviest thing the backend would otherwise load at every start.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  wb.creator = '联系群众工作台账';
  if (opts.notes !== false) {
    const ws = wb.addWorksheet(NOTES_SHEET);
    ws.columns = [{ width: 120 }];
    NOTES.forEach((line, i) => {
      const row = ws.addRow([line]);
      row.alignment = { wrapText: true, vertical: 'top' };
      if (i === 0) row.font = { bold: true, size: 14 };
      row.commit();
    });
    ws.commit();
  }
  for (const [key, spec] of Object.entries(SHEET_OF) as [keyof LedgerSheets, SheetSpec][]) {
    const rows = sheets[key] as Record<string, Cell>[];
    // workbook.md's columns exactly; a column added after it (延期至) only when a row holds a value, so that
    // the template stays the documented one and an export still gives the same ledger back.
    const columns = spec.columns.filter((c) => !c.optional || rows.some((r) => !isEmptyCell(r[c.key])));
    const ws = wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({
      key: c.key,
      width: c.width,
      ...(TEXT_COLUMNS.test(c.header) ? { style: { numFmt: '@' } } : {}),
    }));
    const header = ws.addRow(columns.map((c) => c.header));
    header.height = 22;
    header.eachCell((cell) => (cell.style = HEADER_STYLE));
    header.commit();
    const keys = columns.map((c) => c.key);
    for (const row of rows) ws.addRow(keys.map((k) => cellValue(row[k]))).commit();
    ws.commit();
  }
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

const isEmptyCell = (c: Cell | undefined) => c === undefined || c === null || c === '';

export function emptySheets(): LedgerSheets {
  return { units: [], cadres: [], objects: [], assignments: [], records: [], followUps: [] };
}
