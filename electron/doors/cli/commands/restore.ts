// ledger restore: list the backups, or replace the ledger with one (a copy of the current file first).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BACKUP_KIND_LABELS, type RestoreResult } from '../../../../shared/api/backup';
import { openBackend } from '../../../services/backend';
import { restoreOverDamaged } from '../../../services/backup/backups';
import { listBackups } from '../../../services/backup/files';
import { DamagedLedgerError } from '../../../services/db/open';
import { backupDirFor } from '../../../services/paths';
import type { CommandSpec } from '../command';
import { dbPath } from '../db-path';

function when(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export const restore: CommandSpec = {
  usage: 'restore --db PATH (--list | --from FILE)',
  help: '列出备份（日期、记录数），或从备份恢复（先保留当前文件的副本）',
  run: async (args, io) => {
    const { values } = parseArgs({
      args,
      options: {
        db: { type: 'string' },
        from: { type: 'string' },
        list: { type: 'boolean' },
        json: { type: 'boolean' },
      },
    });
    const path = dbPath(values, io);
    if (values.list || !values.from) {
      const list = listBackups(backupDirFor(path));
      if (values.json) {
        io.out(JSON.stringify(list, null, 2));
        return 0;
      }
      if (!values.list) io.err('请用 --from FILE 指定要恢复的备份；可恢复的备份如下：');
      if (list.length === 0) io.out(`备份文件夹“${backupDirFor(path)}”中没有备份。`);
      for (const b of list)
        io.out(
          `${when(b.at)}  ${BACKUP_KIND_LABELS[b.kind].padEnd(3, '　')}  ` +
            (b.ok
              ? `联系记录 ${b.counts.records}  干部 ${b.counts.cadres}  单位 ${b.counts.units}  联系对象 ${b.counts.contactObjects}  `
              : `【不可用：${b.problem}】  `) +
            b.path,
        );
      return values.list ? 0 : 1;
    }
    if (!existsSync(path)) {
      io.err(`找不到数据库文件：${path}`);
      return 1;
    }
    const report = (r: RestoreResult) => {
      io.out(
        `已从“${r.restoredFrom}”恢复（联系记录 ${r.backup.counts.records} 条、干部 ${r.backup.counts.cadres} 名）。`,
      );
      io.out(`恢复前的数据库已保留为：${r.safetyCopy}`);
      return 0;
    };
    let backend;
    try {
      backend = await openBackend(path);
    } catch (e) {
      // A damaged file cannot be opened: restore over it, keeping it aside, then open the result.
      if (!(e instanceof DamagedLedgerError)) throw e;
      const r = restoreOverDamaged(path, resolve(values.from));
      (await openBackend(path)).close();
      return report(r);
    }
    try {
      return report(await backend.restore(resolve(values.from)));
    } finally {
      backend.close();
    }
  },
};
