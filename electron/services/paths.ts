// Where the ledger file lives: --db PATH, else LEDGER_DB, else the user's data folder.
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';

export const APP_DIR_NAME = 'contact-ledger';
export const DB_FILE_NAME = 'ledger.sqlite';

/** The per-user data folder, the same one Electron's app.getPath('userData') uses for this app. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_DIR_NAME);
}

/** Reads `--db PATH` or `--db=PATH` from argv. */
export function dbArg(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--db') return argv[i + 1];
    if (a.startsWith('--db=')) return a.slice(5);
  }
  return undefined;
}

export function resolveDbPath(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): string {
  return dbArg(argv) || env.LEDGER_DB || join(defaultDataDir(env), DB_FILE_NAME);
}

/**
 * The demo ledger sits beside hers under its own name (ledger.sqlite → ledger.演示.sqlite), with its own
 * backups and attachments folders, so nothing of the demo is ever written into her file.
 */
export function demoPathFor(dbPath: string): string {
  const name = basename(dbPath);
  const dot = name.lastIndexOf('.');
  return join(dirname(dbPath), dot > 0 ? `${name.slice(0, dot)}.演示${name.slice(dot)}` : `${name}.演示`);
}

/** Backups sit in a folder beside the database: ledger.sqlite → ledger.sqlite.backups/. */
export function backupDirFor(dbPath: string): string {
  return join(dirname(dbPath), `${basename(dbPath)}.backups`);
}

/** Attachments sit beside the database too, named by content hash. */
export function attachmentDirFor(dbPath: string): string {
  return join(dirname(dbPath), `${basename(dbPath)}.attachments`);
}

/** Font files she chose for documents may be copied beside the database: ledger.sqlite.fonts/ (设置 → 公文字体). */
export function fontDirFor(dbPath: string): string {
  return join(dirname(dbPath), `${basename(dbPath)}.fonts`);
}
