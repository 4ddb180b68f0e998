// 导入/导出 handlers: the ledger workbook in (all or nothing), out, and the empty template.
import type { ParsedInput } from '../../../shared/api/contract';
import type { ImportResult, VocabularyMapping, WorkbookFile } from '../../../shared/api/workbook';
import { LedgerError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { ledgerSheets } from './export';
import { importFrom } from './import';
import { readWorkbook, streamWorkbook } from './read';
import { unknownWorkbookValues } from './vocabulary';
import { emptySheets, writeWorkbook } from './xlsx';

export const TEMPLATE_FILE_NAME = '联系群众工作台账-导入模板.xlsx';

/** Reads an .xlsx and imports it; throws LedgerError with every issue when anything is wrong. */
export async function importWorkbook(
  ctx: ServiceContext,
  data: Buffer,
  fileName: string,
  mappings: readonly VocabularyMapping[] = [],
): Promise<ImportResult> {
  // The 联系记录 rows are checked and written a batch at a time as they are read: never all held at once.
  return importFrom(ctx, (pass) => streamWorkbook(data, fileName, pass), { what: fileName, mappings });
}

export async function exportWorkbook(ctx: ServiceContext): Promise<Buffer> {
  return writeWorkbook(ledgerSheets(ctx));
}

export function templateWorkbook(): Promise<Buffer> {
  return writeWorkbook(emptySheets());
}

function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}`;
}

export function workbookHandlers(ctx: ServiceContext) {
  return {
    'workbook.import': async ({
      fileName,
      dataBase64,
      mappings,
    }: ParsedInput<'workbook.import'>): Promise<ImportResult> => {
      const data = Buffer.from(dataBase64, 'base64');
      if (data.length === 0) throw new LedgerError('INVALID_INPUT', `文件“${fileName}”是空的，没有导入任何内容。`);
      return importWorkbook(ctx, data, fileName, mappings);
    },
    'workbook.unknownValues': async ({ fileName, dataBase64 }: ParsedInput<'workbook.unknownValues'>) => {
      const data = Buffer.from(dataBase64, 'base64');
      if (data.length === 0) throw new LedgerError('INVALID_INPUT', `文件“${fileName}”是空的。`);
      return unknownWorkbookValues(ctx, (await readWorkbook(data, fileName)).sheets);
    },
    'workbook.export': async (): Promise<WorkbookFile> => ({
      fileName: `联系群众工作台账-${localDate(ctx.now())}.xlsx`,
      dataBase64: (await exportWorkbook(ctx)).toString('base64'),
    }),
    'workbook.template': async (): Promise<WorkbookFile> => ({
      fileName: TEMPLATE_FILE_NAME,
      dataBase64: (await templateWorkbook()).toString('base64'),
    }),
  };
}
