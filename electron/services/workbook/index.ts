// 导入/导出 handlers: the ledger workbook in (all or nothing), out, and the empty template.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
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

/**
 * The most a workbook read from a path may weigh: the reader's 2,000,000 rows of a ledger workbook pack into
 * about 120 MB, and a file is read whole before its zip is checked.
 */
export const MAX_WORKBOOK_FILE = 256 * 1024 * 1024;

/** Why a workbook given by path cannot be read, in the words the import's other refusals use. */
const unreadable = (fileName: string, why: string) =>
  new LedgerError('INVALID_INPUT', `文件“${fileName}”无法导入：${why}。台账没有任何改动。`);

/**
 * The bytes of the workbook the caller names: decoded from base64, or read from the path (only an .xlsx, only a
 * file, only up to MAX_WORKBOOK_FILE — measured before a byte is read).
 */
async function workbookBytes(input: { fileName: string; dataBase64?: string; path?: string }): Promise<Buffer> {
  const { fileName, path } = input;
  if (path === undefined) {
    const data = Buffer.from(input.dataBase64 ?? '', 'base64');
    if (data.length === 0) throw new LedgerError('INVALID_INPUT', `文件“${fileName}”是空的，没有导入任何内容。`);
    return data;
  }
  if (!/\.xlsx$/i.test(path))
    throw unreadable(
      fileName,
      /\.xls$/i.test(path)
        ? `“${path}”是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入`
        : `“${path}”不是 Excel 工作簿（.xlsx）文件`,
    );
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw unreadable(
      fileName,
      code === 'ENOENT' || code === 'ENOTDIR'
        ? `找不到文件“${path}”`
        : code === 'EACCES' || code === 'EPERM'
          ? `没有读取“${path}”的权限`
          : `读取“${path}”时出错`,
    );
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw unreadable(fileName, `“${path}”不是文件（可能是文件夹）`);
    if (st.size === 0) throw unreadable(fileName, '文件是空的');
    if (st.size > MAX_WORKBOOK_FILE)
      throw unreadable(
        fileName,
        `文件太大（${Math.round(st.size / 1024 / 1024)} MB，最多 ${MAX_WORKBOOK_FILE / 1024 / 1024} MB），请拆分后再导入`,
      );
    // Into one buffer of the file's size, read synchronously (tens of milliseconds at 500,000 联系记录): the
    // promise API reads in 512 KB pieces and joins them, holding the file twice while the import starts — and
    // whatever is alive at the JS heap's first full collection sets how far the heap grows before the next.
    // In shared memory: a large workbook's reader thread reads this very copy (xlsx-thread.ts).
    const data = Buffer.from(new SharedArrayBuffer(st.size));
    let at = 0;
    while (at < st.size) {
      const n = readSync(fd, data, at, st.size - at, at);
      if (n === 0) break;
      at += n;
    }
    if (at !== st.size) throw unreadable(fileName, `读取“${path}”时文件变短了，请确认文件没有正在被写入后再导入`);
    return data;
  } catch (e) {
    if (e instanceof LedgerError) throw e;
    throw unreadable(fileName, `读取“${path}”时出错`);
  } finally {
    closeSync(fd);
  }
}

function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}`;
}

export function workbookHandlers(ctx: ServiceContext) {
  return {
    'workbook.import': async (input: ParsedInput<'workbook.import'>): Promise<ImportResult> =>
      importWorkbook(ctx, await workbookBytes(input), input.fileName, input.mappings),
    'workbook.unknownValues': async (input: ParsedInput<'workbook.unknownValues'>) =>
      unknownWorkbookValues(ctx, (await readWorkbook(await workbookBytes(input), input.fileName)).sheets),
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
