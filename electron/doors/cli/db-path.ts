// --db PATH, else LEDGER_DB, else the default file in the user's data folder.
import { resolveDbPath } from '../../services/paths';
import type { CliIo } from './command';

export function dbPath(values: { db?: string | undefined }, io: CliIo): string {
  return values.db ?? resolveDbPath([], io.env);
}
