// 导入/导出: the ledger workbook (workbook.md) in and out, and its empty template.
import { z } from './zod-zh';
import { method } from './method';

/** An .xlsx file travelling through the contract: its name and its bytes in base64. */
export const workbookFile = z.object({
  fileName: z.string().trim().min(1, { error: '文件名不能为空' }).max(260, { error: '文件名过长' }).describe('文件名'),
  dataBase64: z.string().min(1, { error: '文件是空的' }).describe('文件内容'),
});
export type WorkbookFile = z.infer<typeof workbookFile>;

/** Per sheet: how many rows were written, and how many were already in the ledger (skipped). */
export const sheetCount = z.object({
  sheet: z.string(),
  imported: z.number().int(),
  skipped: z.number().int(),
});

export const importResult = z.object({
  sheets: z.array(sheetCount),
  /** 新增词汇: activity types and object categories the file used that the ledger did not know yet. */
  newVocabulary: z.object({ activityTypes: z.array(z.string()), objectCategories: z.array(z.string()) }),
  /** Columns and sheets that were ignored, e.g. 「联系记录」表的“序号”列. */
  warnings: z.array(z.string()),
  /** The backup taken before writing into a ledger that already had data, else null. */
  backupPath: z.string().nullable(),
});
export type ImportResult = z.infer<typeof importResult>;

export const workbookMethods = {
  /** All or nothing: a wrong row refuses the whole file with every error (sheet, row, column, value, reason). */
  'workbook.import': method('导入台账工作簿', workbookFile.strict(), importResult),
  'workbook.export': method('导出台账工作簿', z.object({}).strict(), workbookFile),
  'workbook.template': method('下载导入模板', z.object({}).strict(), workbookFile),
};
