// ledger import: reads a ledger workbook (.xlsx) into the ledger, all or nothing.
import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { VocabularyMapping } from '../../../../shared/api/workbook';
import { vocabularyListOf } from '../../../../shared/domain/vocabulary';
import { isLedgerError } from '../../../../shared/errors';
import type { Command } from '../command';
import { withLedger } from '../ledger';

export const run: Command = async (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, map: { type: 'string', multiple: true } },
    allowPositionals: true,
  });
  // --map 级别:正处级=处级 reads a value of the file as one the list holds (never adds to a list).
  const mappings: VocabularyMapping[] = [];
  for (const m of values.map ?? []) {
    const hit = /^([^:：]+)[:：](.+)=(.+)$/.exec(m.trim());
    const list = hit ? vocabularyListOf(hit[1]!) : undefined;
    if (!hit || !list) {
      io.err(
        `--map “${m}”看不懂，应写成“词汇表:文件中的值=台账中的值”，如 --map 级别:正处级=处级（词汇表：级别、角色、活动类型、对象类别、单位类别）`,
      );
      return 1;
    }
    mappings.push({ list, from: hit[2]!.trim(), to: hit[3]!.trim() });
  }
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
        // The backend reads the file from disk itself: no base64 copy of it is made and decoded again.
        path: resolve(file),
        ...(mappings.length ? { mappings } : {}),
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
