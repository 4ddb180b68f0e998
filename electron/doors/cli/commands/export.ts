// ledger export: the whole ledger as a ledger workbook (.xlsx) that `ledger import` reads back.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openBackend } from '../../../services/backend';
import { exportWorkbook, templateWorkbook } from '../../../services/workbook/index';
import type { CommandSpec } from '../command';
import { dbPath } from '../db-path';

export const exportCommand: CommandSpec = {
  usage: 'export --db PATH FILE.xlsx [--template]',
  help: '导出整个台账为工作簿（--template：只导出空白导入模板）',
  run: async (args, io) => {
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
      writeFileSync(file, await templateWorkbook());
      io.out(`已写出空白导入模板：${file}`);
      return 0;
    }
    const backend = await openBackend(dbPath(values, io));
    try {
      const data = await exportWorkbook(backend.ctx);
      writeFileSync(file, data);
      const info = await backend.handlers['system.info']({});
      io.out(
        `已导出到 ${file}：单位 ${info.counts.units}，干部 ${info.counts.cadres}，联系对象 ${info.counts.contact_objects}，` +
          `联系点 ${info.counts.assignments}，联系记录 ${info.counts.records}，督办事项 ${info.counts.follow_ups}`,
      );
      return 0;
    } finally {
      backend.close();
    }
  },
};
