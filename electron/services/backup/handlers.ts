// 备份 handlers: list, create, restore. A restore closes and reopens the file, which only the holder
// of the open ledger can do: it is reached through the context's host.
import { isAbsolute } from 'node:path';
import type { BackupInfo, RestoreAccept, RestoreResult } from '../../../shared/api/backup';
import { LedgerError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { backupDirFor } from '../paths';
import { backupAndRotate, createBackup } from './backups';
import { listBackups } from './files';

/** What the backend lends the handlers: the one operation that outlives the current connection. */
export interface LedgerHost {
  restore(source: string, accept?: readonly RestoreAccept[]): Promise<RestoreResult>;
  /** Opens a file with the system's viewer (Electron's shell, or the OS command in the browser host). */
  openPath?: (file: string) => Promise<void>;
  /** Long work in a worker; absent inside a worker itself. */
  jobs?: import('../jobs/manager').JobManager;
}

const absolute = (p: string, what: string) => {
  if (!isAbsolute(p)) throw new LedgerError('INVALID_INPUT', `${what}必须是完整路径：“${p.slice(0, 200)}”`);
  return p;
};

export function backupHandlers(ctx: ServiceContext & { host?: LedgerHost }) {
  return {
    'backups.list': ({ dir }: { dir?: string | undefined }): BackupInfo[] =>
      listBackups(dir ? absolute(dir, '备份文件夹') : backupDirFor(ctx.db.path)),
    'backups.create': ({ dir }: { dir?: string | undefined }): Promise<BackupInfo> =>
      dir
        ? createBackup(ctx.db, { kind: 'manual', dir: absolute(dir, '备份文件夹'), now: ctx.now })
        : backupAndRotate(ctx.db, 'manual', ctx.now),
    'backups.restore': ({
      path,
      accept,
    }: {
      path: string;
      accept?: RestoreAccept[] | undefined;
    }): Promise<RestoreResult> => {
      if (!ctx.host) throw new LedgerError('FORBIDDEN', '这种打开方式不支持恢复，请在程序中或用 ledger restore 恢复。');
      return ctx.host.restore(absolute(path, '备份文件'), accept ?? []);
    },
  };
}
