// What a migration gets: Kysely's schema builder to write DDL, and exec to run what it built.
// Migrations are synchronous: the runner wraps each one in its own better-sqlite3 transaction.
import type { Compilable, CompiledQuery, Kysely } from 'kysely';

export interface MigrationContext {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  db: Kysely<any>;
  exec(q: Compilable | CompiledQuery | string): void;
}

export interface Migration {
  /** The schema version this migration brings the file to (1, 2, …). */
  version: number;
  name: string;
  up(m: MigrationContext): void;
}
