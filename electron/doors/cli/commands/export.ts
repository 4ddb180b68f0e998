// ledger export: the whole ledger as a ledger workbook (.xlsx) that `ledger import` reads back.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { withLedger } from '../ledger';

export const run: Command = async (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    options: { db: { type: 'string' }, template: { type: 'boolean' } },
    allowPositionals: true,
  });
  const file = positionals[0];
  if (!file) {
    io.err('请指定导出的文件名，例如：ledger export --db 台账.sqlite 台账.xlsx');
    return 1;
  }
  if (values.template) {
    // The empty template holds nothing of any ledger: no file is opened for it.
    const { templateWorkbook } = await import('../../../services/workbook/index');
    writeFileSync(file, await templateWorkbook());
    io.out(`已写出空白导入模板：${file}`);
    return 0;
  }
  return withLedger(io, values.db, { readOnly: true }, async (ledger) => {
    const wb = await ledger.send('workbook.export', {});
    writeFileSync(file, Buffer.from(wb.dataBase64, 'base64'));
    const { counts } = await ledger.send('system.info', {});
    io.out(
      `已导出到 ${file}：单位 ${counts.units}，干部 ${counts.cadres}，联系对象 ${counts.contact_objects}，` +
        `联系点 ${counts.assignments}，联系记录 ${counts.records}，督办事项 ${counts.follow_ups}`,
    );
    return 0;
  });
};
