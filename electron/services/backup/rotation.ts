// Which backups to keep — one rotation for every kind, since each is a full copy of the ledger and any
// kind left out (before-import copies were) makes the folder grow without limit: all of today, the newest
// of each of the last 30 days, the newest of each month for a year, and the newest of each kind whatever
// its age (the copy before the last restore or upgrade stays). Pure: the files and "now" are arguments.
import type { BackupKind } from '../../../shared/api/backup';

export interface Dated {
  name: string;
  at: Date;
  kind?: BackupKind;
}

const dayKey = (d: Date) => `${d.getFullYear()}-${d.getMonth()}-${d.getDate()}`;
const monthIndex = (d: Date) => d.getFullYear() * 12 + d.getMonth();
/** Whole local calendar days from a to b. */
function daysBetween(a: Date, b: Date): number {
  const start = new Date(a.getFullYear(), a.getMonth(), a.getDate());
  const end = new Date(b.getFullYear(), b.getMonth(), b.getDate());
  return Math.round((end.getTime() - start.getTime()) / 86_400_000);
}

/** The names to keep; every other file passed in may be deleted. */
export function backupsToKeep(files: readonly Dated[], now: Date): Set<string> {
  const keep = new Set<string>();
  const newestOfDay = new Map<string, Dated>();
  const newestOfMonth = new Map<number, Dated>();
  const newestOfKind = new Map<string, Dated>();
  for (const f of files) {
    const kind = f.kind ?? '';
    const newest = newestOfKind.get(kind);
    if (!newest || newest.at < f.at) newestOfKind.set(kind, f);
    const days = daysBetween(f.at, now);
    // A backup dated in the future (clock moved back) is kept: it is not ours to judge.
    if (days <= 0) {
      keep.add(f.name);
      continue;
    }
    if (days <= 30) {
      const k = dayKey(f.at);
      const cur = newestOfDay.get(k);
      if (!cur || cur.at < f.at) newestOfDay.set(k, f);
    }
    if (monthIndex(now) - monthIndex(f.at) <= 12) {
      const k = monthIndex(f.at);
      const cur = newestOfMonth.get(k);
      if (!cur || cur.at < f.at) newestOfMonth.set(k, f);
    }
  }
  for (const f of newestOfDay.values()) keep.add(f.name);
  for (const f of newestOfMonth.values()) keep.add(f.name);
  for (const f of newestOfKind.values()) keep.add(f.name);
  return keep;
}
