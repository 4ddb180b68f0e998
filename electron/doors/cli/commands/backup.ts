// ledger backup: a checked copy of the ledger through SQLite's online backup API.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openBackend } from '../../../services/backend';
import { createBackup } from '../../../services/backup/backups';
import type { CommandSpec } from '../command';
import { dbPath } from '../db-path';

export const backup: CommandSpec = {
  usage: 'backup --db PATH [--to DIR]',
  help: '立即备份（默认放在数据库旁的 .backups 文件夹，并按规则轮换）',
  run: async (args, io) => {
    const { values } = parseArgs({ args, options: { db: { type: 'string' }, to: { type: 'string' } } });
    const path = dbPath(values, io);
    if (!existsSync(path)) {
      io.err(`找不到数据库文件：${path}`);
      return 1;
    }
    const backend = await openBackend(path);
    try {
      const info = values.to
        ? await createBackup(backend.db, { kind: 'manual', dir: resolve(values.to) })
        : (await backend.backup('manual', { force: true }))!;
      io.out(
        `已备份到：${info.path}（联系记录 ${info.counts.records} 条、干部 ${info.counts.cadres} 名，完整性检查通过）`,
      );
      return 0;
    } finally {
      backend.close();
    }
  },
};
