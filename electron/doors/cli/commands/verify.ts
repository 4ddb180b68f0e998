// ledger verify: walk the audit chain and compare every audited row with its latest audited state.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openBackend } from '../../../services/backend';
import type { CommandSpec } from '../command';
import { dbPath } from '../db-path';

export const verify: CommandSpec = {
  usage: 'verify --db PATH [--json]',
  help: '校验审计日志链，并找出在本程序之外改动、添加或删除的数据（有问题时退出码为 2）',
  run: async (args, io) => {
    const { values } = parseArgs({ args, options: { db: { type: 'string' }, json: { type: 'boolean' } } });
    const path = dbPath(values, io);
    if (!existsSync(path)) {
      io.err(`找不到数据库文件：${path}`);
      return 1;
    }
    const backend = await openBackend(path);
    try {
      const r = await backend.handlers['audit.verify']({});
      if (values.json) io.out(JSON.stringify(r, null, 2));
      else {
        io.out(`审计日志：${r.entries} 条，链${r.chainBreaks.length ? `断裂 ${r.chainBreaks.length} 处` : '完整'}。`);
        for (const b of r.chainBreaks) io.out(`  第 ${b.id} 条（${b.table} 编号 ${b.rowId ?? '—'}）：${b.reason}`);
        io.out(
          `核对数据 ${r.rowsChecked} 行：${r.findings.length ? `发现 ${r.findings.length} 处在本程序之外的改动` : '与审计日志一致'}` +
            (r.rowsUnverifiable ? `（${r.rowsUnverifiable} 行的审计记录早于本功能，无法核对）` : '') +
            '。',
        );
        for (const f of r.findings) io.out(`  ${f.message}`);
        io.out(r.ok ? '校验通过。' : '校验未通过。');
      }
      return r.ok ? 0 : 2;
    } finally {
      backend.close();
    }
  },
};
