// 导入/导出: the ledger workbook (workbook.md) in and out, and its empty template.
import { z } from './zod-zh';
import { method } from './method';
import { vocabularyList } from './vocabulary';

/** An .xlsx file travelling through the contract: its name and its bytes in base64. */
export const workbookFile = z.object({
  fileName: z.string().trim().min(1, { error: '文件名不能为空' }).max(260, { error: '文件名过长' }).describe('文件名'),
  dataBase64: z.string().min(1, { error: '文件是空的' }).describe('文件内容'),
});
export type WorkbookFile = z.infer<typeof workbookFile>;

/**
 * A workbook to read in: its bytes in base64 (a file the renderer holds, e.g. one dropped on the window), or
 * the path of an .xlsx on this computer (the CLI's argument) that the backend reads itself — the file then
 * never travels through the contract as text and back, which at 500,000 联系记录 was ~70 MB of the import's
 * peak. Exactly one of the two.
 */
const workbookSourceShape = {
  fileName: workbookFile.shape.fileName,
  dataBase64: z.string().min(1, { error: '文件是空的' }).optional().describe('文件内容'),
  path: z
    .string()
    .trim()
    .min(1, { error: '文件路径不能为空' })
    .max(4096, { error: '文件路径过长' })
    .optional()
    .describe('文件路径'),
};
const oneSource = (v: { dataBase64?: string; path?: string }, ctx: z.RefinementCtx) => {
  if ((v.dataBase64 === undefined) === (v.path === undefined))
    ctx.addIssue({
      code: 'custom',
      path: ['path'],
      message: v.path === undefined ? '请给出文件内容或文件路径' : '文件内容和文件路径只能给一个',
    });
};
export const workbookSource = z.object(workbookSourceShape).strict().superRefine(oneSource);

/** Per sheet: how many rows were written, and how many were already in the ledger (skipped). */
/** The user's answer for a value the file uses that a list lacks: read it as this listed value. */
export const vocabularyMapping = z
  .object({
    list: vocabularyList.describe('词汇表'),
    from: z.string().trim().min(1, { error: '不能为空' }).describe('文件中的值'),
    to: z.string().trim().min(1, { error: '不能为空' }).describe('对应到'),
  })
  .strict();
export type VocabularyMapping = z.infer<typeof vocabularyMapping>;

/** A value the workbook uses that the ledger's list lacks: the app asks what it should be read as. */
export const unknownValue = z.object({
  list: vocabularyList,
  /** 级别, 角色 … */
  label: z.string(),
  /** 「干部」表的“级别” */
  where: z.string(),
  value: z.string(),
  rows: z.number().int(),
  allowed: z.array(z.string()),
});
export type UnknownValue = z.infer<typeof unknownValue>;

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
  'workbook.import': method(
    '导入台账工作簿',
    z
      .object({
        ...workbookSourceShape,
        mappings: z.array(vocabularyMapping).max(1000).optional().describe('词汇对应'),
      })
      .strict()
      .superRefine(oneSource),
    importResult,
  ),
  /** Before importing: the values the file uses that the ledger's lists lack, so the user can map them. */
  'workbook.unknownValues': method('检查工作簿中不在词汇表里的值', workbookSource, z.array(unknownValue)),
  'workbook.export': method('导出台账工作簿', z.object({}).strict(), workbookFile),
  'workbook.template': method('下载导入模板', z.object({}).strict(), workbookFile),
};
