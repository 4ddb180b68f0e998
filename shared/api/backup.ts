// 备份 methods: list the backups with what each holds, make one now, restore one.
import { z } from './zod-zh';
import { method } from './method';

export const backupKind = z.enum(['start', 'auto', 'manual', 'before-import', 'before-restore', 'before-migration']);
export type BackupKind = z.infer<typeof backupKind>;

/** The Chinese name of each kind, as the list shows it. */
export const BACKUP_KIND_LABELS: Record<BackupKind, string> = {
  start: '启动时',
  auto: '定时',
  manual: '手动',
  'before-import': '导入前',
  'before-restore': '恢复前',
  'before-migration': '升级前',
};

export const backupInfo = z.object({
  path: z.string(),
  fileName: z.string(),
  /** When the backup was made (ISO). */
  at: z.string(),
  kind: backupKind,
  size: z.number(),
  schemaVersion: z.number().int(),
  /** Read from the backup itself, so that the user sees what restoring it brings back. */
  counts: z.object({
    records: z.number().int(),
    cadres: z.number().int(),
    units: z.number().int(),
    contactObjects: z.number().int(),
    assignments: z.number().int(),
    followUps: z.number().int(),
    auditEntries: z.number().int(),
  }),
  /** The time of the last change recorded in the backup's audit trail. */
  lastChange: z.string().nullable(),
  ok: z.boolean(),
  problem: z.string().nullable(),
});
export type BackupInfo = z.infer<typeof backupInfo>;

/** What makes a sound file still not this ledger's backup: refused unless chosen knowingly (仍要恢复). */
export const RESTORE_ACCEPTS = ['otherLedger', 'brokenTrail'] as const;
export type RestoreAccept = (typeof RESTORE_ACCEPTS)[number];
export const RESTORE_ACCEPT_LABELS: Record<RestoreAccept, string> = {
  otherLedger: '另一个台账的数据',
  brokenTrail: '审计记录校验链断裂',
};

export const restoreResult = z.object({
  restoredFrom: z.string(),
  /** The copy of the file as it was just before the restore. */
  safetyCopy: z.string(),
  backup: backupInfo,
  /** What was restored anyway (仍要恢复), as the anchors log outside the file also says. */
  accepted: z.array(z.enum(RESTORE_ACCEPTS)).optional(),
});
export type RestoreResult = z.infer<typeof restoreResult>;

const folder = z.string({ error: '必须是文件夹路径' }).min(1, { error: '不能为空' }).max(4096, { error: '路径太长' });

export const backupMethods = {
  'backups.list': method(
    '列出备份',
    z.object({ dir: folder.optional().describe('备份文件夹') }).strict(),
    z.array(backupInfo),
  ),
  /** Without dir: into the folder beside the database; with dir: a folder the user picked. */
  'backups.create': method(
    '立即备份',
    z.object({ dir: folder.optional().describe('备份到文件夹') }).strict(),
    backupInfo,
  ),
  'backups.restore': method(
    '从备份恢复',
    z
      .object({
        path: folder.describe('备份文件'),
        /**
         * What the secretary chose to restore anyway after being told (仍要恢复): a file of another ledger,
         * or one whose audit trail is broken. Without it such a file is refused.
         */
        accept: z.array(z.enum(RESTORE_ACCEPTS)).max(2).optional().describe('仍要恢复'),
      })
      .strict(),
    restoreResult,
  ),
};
