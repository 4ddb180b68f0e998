// ledger restore: list the backups, or replace the ledger with one (a copy of the current file first).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BACKUP_KIND_LABELS, type RestoreAccept, type RestoreResult } from '../../../../shared/api/backup';
import { LedgerError } from '../../../../shared/errors';
import type { CliIo, Command } from '../command';
import { ledgerPath, withLedger } from '../ledger';

function when(iso: string): string {
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export const run: Command = async (args, io) => {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string' },
      from: { type: 'string' },
      list: { type: 'boolean' },
      json: { type: 'boolean' },
      // 仍要恢复, each naming what the secretary accepts after being told: no blanket --force.
      'other-ledger': { type: 'boolean' },
      'broken-trail': { type: 'boolean' },
    },
  });
  const path = await ledgerPath(io, values.db);
  if (values.list || !values.from) {
    // The list is read from the backup files alone: it must work when the ledger itself cannot be opened.
    const { listBackups } = await import('../../../services/backup/files');
    const { backupDirFor } = await import('../../../services/paths');
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
  const from = resolve(values.from);
  const accept: RestoreAccept[] = [
    ...(values['other-ledger'] ? (['otherLedger'] as const) : []),
    ...(values['broken-trail'] ? (['brokenTrail'] as const) : []),
  ];
  try {
    return await withLedger(io, path, {}, async (ledger) =>
      report(await ledger.send('backups.restore', { path: from, ...(accept.length ? { accept } : {}) })),
    );
  } catch (e) {
    const { DamagedLedgerError } = await import('../../../services/db/open');
    if (!(e instanceof DamagedLedgerError)) return refusedAnyway(e, io);
    // A damaged file cannot be opened, so no contract can reach it: restore over it, keeping it aside,
    // then open the result once (start-up checks) to prove it sound.
    const { restoreOverDamaged } = await import('../../../services/backup/backups');
    let r: RestoreResult;
    try {
      r = restoreOverDamaged(path, from, undefined, accept);
    } catch (e2) {
      return refusedAnyway(e2, io);
    }
    await withLedger(io, path, {}, async (ledger) => ledger.send('system.info', {}));
    return report(r);
  }
};

const FLAGS: Record<RestoreAccept, string> = { otherLedger: '--other-ledger', brokenTrail: '--broken-trail' };

/** A refusal the secretary may override: the reason, then the flag that says she means it. */
function refusedAnyway(e: unknown, io: CliIo): number {
  const needs = (e instanceof LedgerError ? (e.issues ?? []) : [])
    .map((i) => i.value)
    .filter((v): v is RestoreAccept => v === 'otherLedger' || v === 'brokenTrail');
  if (!needs.length) throw e;
  io.err((e as LedgerError).message.replace(/如确认要用这个文件，请再次恢复并选择“仍要恢复”。$/, ''));
  io.err(`确认仍要恢复时，请在命令后加上 ${needs.map((n) => FLAGS[n]).join(' ')}。`);
  return 1;
}
