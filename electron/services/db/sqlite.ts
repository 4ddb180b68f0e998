// Every SQLite connection the services open goes through here, so that the Electron shell can point all
// of them (the ledger, its lock, backups being made or inspected) at the addon built for its ABI once.
import Database from 'better-sqlite3';

let binding: string | undefined;

/** Set once by the Electron shell: better-sqlite3 compiled for Electron (the Node build cannot load there). */
export function useSqliteBinding(path: string | undefined): void {
  binding = path;
}

export function openSqlite(path: string, options: Database.Options = {}): Database.Database {
  return new Database(path, binding && !options.nativeBinding ? { ...options, nativeBinding: binding } : options);
}

export type SqliteDatabase = Database.Database;
