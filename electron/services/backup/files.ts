// Backup files: how they are named, what each one holds (read from the file itself), and which is
// the latest good one. Knows nothing of the open ledger, so that start-up checks can use it.
import type Database from 'better-sqlite3';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupInfo, BackupKind } from '../../../shared/api/backup';
import { openSqlite } from '../db/sqlite';

/** The kinds of backup, as file names carry them: ledger.sqlite.20260301-083000-123.start.sqlite. */
export const BACKUP_KINDS = ['start', 'auto', 'manual', 'before-import', 'before-restore', 'before-migration'] as const;

const OURS = /\.(\d{8})-(\d{6})(?:-(\d{3}))?(?:-\d+)?\.([a-z-]+)\.sqlite$/;
/** Named by open.ts before a migration: ledger.sqlite.v1-before-v2.20260301-083000.sqlite. */
const MIGRATION = /\.v\d+-before-v\d+\.(\d{8})-(\d{6})\.sqlite$/;
/** Named by the import before 2026-11-30: ledger.sqlite.before-import.20260301-083000.sqlite (was listed as 手动, never rotated). */
const OLD_IMPORT = /\.before-import\.(\d{8})-(\d{6})\.sqlite$/;

/** UTC in the name, so that names sort by time whatever the time zone. */
export function backupStamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace('T', '-')
    .replace(/\.(\d{3})Z$/, '-$1');
}

function fromStamp(ymd: string, hms: string, ms = '000'): Date {
  return new Date(
    `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}T${hms.slice(0, 2)}:${hms.slice(2, 4)}:${hms.slice(4, 6)}.${ms}Z`,
  );
}

export function backupFileName(dbFileName: string, kind: BackupKind, at: Date): string {
  return `${dbFileName}.${backupStamp(at)}.${kind}.sqlite`;
}

/** The time and kind a backup's name says, or null for a file that is not one of ours. */
export function parseBackupName(name: string): { at: Date; kind: BackupKind } | null {
  const m = OURS.exec(name);
  if (m && (BACKUP_KINDS as readonly string[]).includes(m[4]!))
    return { at: fromStamp(m[1]!, m[2]!, m[3]), kind: m[4] as BackupKind };
  const g = MIGRATION.exec(name);
  if (g) return { at: fromStamp(g[1]!, g[2]!), kind: 'before-migration' };
  const i = OLD_IMPORT.exec(name);
  if (i) return { at: fromStamp(i[1]!, i[2]!), kind: 'before-import' };
  return null;
}

type CountKey = keyof BackupInfo['counts'];
const COUNTED: [CountKey, string][] = [
  ['records', 'records'],
  ['cadres', 'cadres'],
  ['units', 'units'],
  ['contactObjects', 'contact_objects'],
  ['assignments', 'assignments'],
  ['followUps', 'follow_ups'],
  ['auditEntries', 'audit_log'],
];

/**
 * Opens a backup read-only and says what is in it. `check` runs integrity_check (slow on a big file:
 * used before a restore and when looking for the latest good backup, not for every listed file).
 */
export function inspectBackup(path: string, check: 'none' | 'quick' | 'full' = 'none'): BackupInfo {
  const name = path.split(/[\\/]/).pop()!;
  const parsed = parseBackupName(name);
  const st = statSync(path);
  const info: BackupInfo = {
    path,
    fileName: name,
    at: (parsed?.at ?? st.mtime).toISOString(),
    kind: parsed?.kind ?? 'manual',
    size: st.size,
    schemaVersion: 0,
    counts: { records: 0, cadres: 0, units: 0, contactObjects: 0, assignments: 0, followUps: 0, auditEntries: 0 },
    lastChange: null,
    ok: false,
    problem: null,
  };
  let db: Database.Database | null = null;
  try {
    db = openSqlite(path, { readonly: true, fileMustExist: true });
    info.schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const tables = new Set(
      (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (t) => t.name,
      ),
    );
    if (info.schemaVersion < 1 || !tables.has('audit_log')) {
      info.problem = '不是联系群众工作台账的数据库';
      return info;
    }
    for (const [key, table] of COUNTED)
      if (tables.has(table))
        info.counts[key] = (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    info.lastChange = (db.prepare('SELECT max(at) AS at FROM audit_log').get() as { at: string | null }).at;
    if (check !== 'none') {
      const result = db.pragma(check === 'full' ? 'integrity_check' : 'quick_check', { simple: true });
      if (result !== 'ok') {
        info.problem = `完整性检查未通过：${String(result)}`;
        return info;
      }
    }
    info.ok = true;
  } catch (e) {
    info.problem = `无法读取：${(e as Error).message}`;
  } finally {
    db?.close();
  }
  return info;
}

/** The backups in a folder, newest first. Files that are not ledgers are listed with their problem. */
export function listBackups(dir: string, check: 'none' | 'quick' | 'full' = 'none'): BackupInfo[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sqlite') && !f.endsWith('.partial.sqlite'))
    .map((f) => join(dir, f))
    .filter((p) => statSync(p).isFile())
    .map((p) => inspectBackup(p, check))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** The newest backup in the folder that opens and passes quick_check, for a damaged ledger. */
export function latestGoodBackup(dir: string): BackupInfo | null {
  for (const b of listBackups(dir)) {
    if (!b.ok) continue;
    const checked = inspectBackup(b.path, 'quick');
    if (checked.ok) return checked;
  }
  return null;
}
