// Small checks every roster service makes: does a row exist, and what still refers to it.
import { LedgerError } from '../../shared/errors';
import type { Db } from './db/db';
import type { DB } from './db/tables';

type TableWithId = { [K in keyof DB]: DB[K] extends { id: unknown } ? K : never }[keyof DB];

export function exists(db: Db, table: TableWithId, id: number): boolean {
  return !!db.sqlite.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id);
}

/** Throws NOT_FOUND naming the field the user filled in, e.g. 「所在单位」编号为 9 的单位不存在. */
export function mustExist(db: Db, table: TableWithId, id: number, field: string, noun: string): void {
  if (!exists(db, table, id)) throw new LedgerError('NOT_FOUND', `「${field}」编号为 ${id} 的${noun}不存在`);
}

export function countWhere(db: Db, table: keyof DB, column: string, id: number): number {
  return (db.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`).get(id) as { n: number }).n;
}

/** Refuses a deletion while other rows still refer to the row, saying what they are. */
export function refuseIfUsed(what: string, uses: [number, string][], hint = ''): void {
  const used = uses.filter(([n]) => n > 0);
  if (used.length)
    throw new LedgerError('IN_USE', `${what}已有${used.map(([n, l]) => `${n} ${l}`).join('、')}，不能删除。${hint}`);
}

/** Undo of a deletion must bring the row back under its old id, and only if the id is free. */
export function refuseIfPresent(db: Db, table: TableWithId, id: number, noun: string): void {
  if (exists(db, table, id)) throw new LedgerError('CONFLICT', `编号为 ${id} 的${noun}已存在，无需恢复`);
}
