// ledger verify: walk the audit chain and compare every audited row with its latest audited state.
import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { withLedger } from '../ledger';

export const run: Command = async (args, io) => {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, json: { type: 'boolean' } } });
  return withLedger(io, values.db, { mustExist: true, readOnly: true }, async (ledger) => {
    const r = await ledger.send('audit.verify', {});
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
  });
};
