// Kysely builds typed queries; better-sqlite3 runs them synchronously, so a transaction is a plain
// function call that either commits whole or throws and leaves nothing behind.
import type BetterSqlite3 from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type CompiledQuery,
  type InferResult,
} from 'kysely';
import type { WriterLock } from './lock';
import type { DB } from './tables';

/** A Kysely that only compiles: execution goes through better-sqlite3. */
export function queryBuilder<T = DB>(): Kysely<T> {
  return new Kysely<T>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}

type Query = Compilable | CompiledQuery;
type Row<Q> = Q extends Compilable<infer R> ? R : unknown;

export class Db {
  readonly q: Kysely<DB> = queryBuilder<DB>();
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private lock: WriterLock | null = null;

  constructor(
    readonly sqlite: BetterSqlite3.Database,
    readonly path: string,
  ) {}

  /** A prepared statement for raw SQL, kept for reuse (hot paths: audit, bulk import). */
  prepare(sql: string): BetterSqlite3.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.sqlite.prepare(sql);
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(sql, st);
    }
    return st;
  }

  private compiled(query: Query): CompiledQuery {
    return 'compile' in query ? query.compile() : query;
  }

  all<Q extends Query>(query: Q): Row<Q>[] {
    const c = this.compiled(query);
    return this.prepare(c.sql).all(...(c.parameters as unknown[])) as Row<Q>[];
  }

  first<Q extends Query>(query: Q): Row<Q> | undefined {
    const c = this.compiled(query);
    return this.prepare(c.sql).get(...(c.parameters as unknown[])) as Row<Q> | undefined;
  }

  run(query: Query): BetterSqlite3.RunResult {
    const c = this.compiled(query);
    return this.prepare(c.sql).run(...(c.parameters as unknown[]));
  }

  /** Runs fn in one transaction (nested calls become savepoints). */
  tx<T>(fn: () => T): T {
    return this.sqlite.transaction(fn)();
  }

  pragma<T = unknown>(text: string): T {
    return this.sqlite.pragma(text, { simple: true }) as T;
  }

  /** The writer lock taken for this connection alone, released when it closes. */
  ownLock(lock: WriterLock): void {
    this.lock = lock;
  }

  close(): void {
    this.statements.clear();
    if (this.sqlite.open) this.sqlite.close();
    this.lock?.release();
    this.lock = null;
  }
}

export type { InferResult };
