// Backups of the ledger: files, rotation, the online backup, restore, and the scheduler.
export {
  backupAndRotate,
  checkRestorable,
  createBackup,
  restoreLedger,
  restoreOverDamaged,
  rotateBackups,
} from './backups';
export { inspectBackup, latestGoodBackup, listBackups, parseBackupName } from './files';
export { backupHandlers, type LedgerHost } from './handlers';
export { backupsToKeep } from './rotation';
export {
  createBackupScheduler,
  DEFAULT_BACKUP_INTERVAL_MS,
  realTimer,
  type BackupScheduler,
  type Timer,
} from './scheduler';
