// ledger packet: the year-end 考核 packet (report, one PDF per cadre, 一览表, workbook) into a folder.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openBackend } from '../../../services/backend';
import { writePacket } from '../../../services/documents/packet';
import { documentFonts } from '../../../services/settings';
import { exportWorkbook } from '../../../services/workbook/index';
import type { CommandSpec } from '../command';
import { dbPath } from '../db-path';

export const packet: CommandSpec = {
  usage: 'packet --db PATH --year Y --out DIR',
  help: '生成年度考核材料包：考核报告、每名领导干部的考核表、两张一览表和台账工作簿',
  run: async (args, io) => {
    const { values } = parseArgs({
      args,
      options: { db: { type: 'string' }, year: { type: 'string' }, out: { type: 'string' } },
    });
    const year = Number(values.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      io.err('请用 --year 指定年度，如 --year 2026');
      return 1;
    }
    if (!values.out) {
      io.err('请用 --out 指定输出文件夹');
      return 1;
    }
    const path = dbPath(values, io);
    if (!existsSync(path)) {
      io.err(`找不到数据库文件：${path}`);
      return 1;
    }
    const backend = await openBackend(path);
    try {
      const t0 = performance.now();
      const r = await writePacket(backend.ctx, {
        year,
        out: values.out,
        fonts: documentFonts(backend.ctx),
        workbook: exportWorkbook,
      });
      io.out(`已生成${year}年度考核材料：${r.dir}`);
      io.out(
        `共${r.files.length}个PDF文件，${r.pages}页${r.workbook ? '，另附台账工作簿' : ''}，用时${((performance.now() - t0) / 1000).toFixed(1)}秒`,
      );
      return 0;
    } finally {
      backend.close();
    }
  },
};
