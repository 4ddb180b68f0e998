// ledger import: reads a ledger workbook (.xlsx) into the ledger, all or nothing.
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { isLedgerError } from '../../../../shared/errors';
import type { Command } from '../command';
import { withLedger } from '../ledger';

export const run: Command = async (args, io) => {
  const { values, positionals } = parseArgs({ args, options: { db: { type: 'string' } }, allowPositionals: true });
  const file = positionals[0];
  if (!file) {
    io.err('请指定要导入的工作簿文件，例如：ledger import --db 台账.sqlite 台账.xlsx');
    return 1;
  }
  if (!existsSync(file)) {
    io.err(`找不到文件：${file}`);
    return 1;
  }
  return withLedger(io, values.db, {}, async (ledger) => {
    try {
      const r = await ledger.send('workbook.import', {
        fileName: basename(file),
        dataBase64: readFileSync(file).toString('base64'),
      });
      io.out(`已导入“${basename(file)}”：`);
      for (const s of r.sheets)
        io.out(`  ${s.sheet}：导入 ${s.imported} 行${s.skipped ? `，已存在而跳过 ${s.skipped} 行` : ''}`);
      if (r.newVocabulary.activityTypes.length) io.out(`新增活动类型：${r.newVocabulary.activityTypes.join('、')}`);
      if (r.newVocabulary.objectCategories.length)
        io.out(`新增对象类别：${r.newVocabulary.objectCategories.join('、')}`);
      for (const w of r.warnings) io.out(`提示：${w}`);
      if (r.backupPath) io.out(`导入前已备份数据库：${r.backupPath}`);
      return 0;
    } catch (e) {
      if (!isLedgerError(e) || !e.issues?.length) throw e;
      io.err(e.message);
      for (const i of e.issues)
        io.err(
          i.row !== undefined
            ? `「${i.sheet}」第${i.row}行 ${i.field}${i.value ? `“${i.value}”` : ''}：${i.message}`
            : `「${i.sheet ?? ''}」${i.message}`,
        );
      return 1;
    }
  });
};
