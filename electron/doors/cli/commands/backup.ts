// ledger backup: a checked copy of the ledger through SQLite's online backup API.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { withLedger } from '../ledger';

export const run: Command = async (args, io) => {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, to: { type: 'string' } } });
  return withLedger(io, values.db, { mustExist: true, readOnly: true }, async (ledger) => {
    const info = await ledger.send('backups.create', values.to ? { dir: resolve(values.to) } : {});
    io.out(
      `已备份到：${info.path}（联系记录 ${info.counts.records} 条、干部 ${info.counts.cadres} 名，完整性检查通过）`,
    );
    return 0;
  });
};
