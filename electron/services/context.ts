// What every service receives: the database, a clock and who is operating. No singletons.
import { userInfo } from 'node:os';
import type { Db } from './db/db';

export interface Operator {
  /** The name set in 设置 (operator), else the OS user. */
  operator: string;
  osUser: string;
}

export interface ServiceContext {
  db: Db;
  now: () => Date;
  operator: () => Operator;
  /** What the host lends: restoring a backup, opening a file with the system viewer, jobs. */
  host?: import('./backup/handlers').LedgerHost;
  /** Present when the method runs as a job in a worker: progress, cancel, the write window. */
  job?: import('./jobs/control').JobControl;
}

function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

export function createContext(db: Db, now: () => Date = () => new Date()): ServiceContext {
  const osUser = osUserName();
  return {
    db,
    now,
    operator: () => {
      const row = db.prepare("SELECT value FROM settings WHERE key = 'operator'").get() as
        { value: string } | undefined;
      const name = row ? (JSON.parse(row.value) as string) : '';
      return { operator: name || osUser, osUser };
    },
  };
}
