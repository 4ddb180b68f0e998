// ledger packet: the year-end 考核 packet (report, one PDF per cadre, 一览表, workbook) into a folder.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { withLedger } from '../ledger';

export const run: Command = async (args, io) => {
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
  const dir = resolve(values.out);
  return withLedger(io, values.db, { mustExist: true, readOnly: true }, async (ledger) => {
    const t0 = performance.now();
    const r = await ledger.send('documents.packet', { year, dir });
    io.out(`已生成${year}年度考核材料：${r.dir}`);
    io.out(
      `共${r.files}个PDF文件，${r.pages}页${r.workbook ? '，另附台账工作簿' : ''}，用时${((performance.now() - t0) / 1000).toFixed(1)}秒`,
    );
    return 0;
  });
};
