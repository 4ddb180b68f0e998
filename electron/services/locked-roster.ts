// A locked year is judged on the roster as it stood when it was locked. A cadre's 级别, 角色, unit and term, a
// unit's 类别 and a contact object's 类别, unit and 年级 decide which requirements bind whom; they change as
// people are promoted and moved after the year-end 考核, which must not change a locked year's figures. The
// lock keeps them (year_locks.roster, schema v10, so the audit trail's kept state of the lock covers them),
// and every evaluation whose range lies inside one locked year reads them instead of today's.
import type { EvalIndex } from '../../shared/rules/evaluate';
import type { EvalCadre, EvalObject, EvalUnit } from '../../shared/rules/types';
import type { Db } from './db/db';

export interface Roster {
  cadres: EvalCadre[];
  units: EvalUnit[];
  objects: EvalObject[];
}

/** The roster as the evaluator reads it, from the file as it is now. */
export function loadRoster(db: Db): Roster {
  // Rows as arrays (raw): thousands of cadres and contact objects, each read into its object directly.
  const rows = <T>(sql: string) => db.sqlite.prepare(sql).raw(true).all() as T[];
  const roles = new Map<number, string[]>();
  for (const [cadreId, role] of rows<[number, string]>('SELECT cadre_id, role FROM cadre_roles')) {
    const l = roles.get(cadreId);
    if (l) l.push(role);
    else roles.set(cadreId, [role]);
  }
  const cadres: EvalCadre[] = rows<[number, string, string, number | null, number, string | null, string | null]>(
    'SELECT id, name, level, unit_id, party_member, term_start, term_end FROM cadres ORDER BY id',
  ).map((c) => ({
    id: String(c[0]),
    name: c[1],
    level: c[2],
    roles: roles.get(c[0]) ?? [],
    unitId: c[3] === null ? null : String(c[3]),
    partyMember: c[4] === 1,
    termStart: c[5],
    termEnd: c[6],
  }));
  const units: EvalUnit[] = rows<[number, string, string]>('SELECT id, name, category FROM units ORDER BY id').map(
    (u) => ({ id: String(u[0]), name: u[1], category: u[2] }),
  );
  const objects: EvalObject[] = rows<[number, string, string, number | null, string]>(
    'SELECT id, name, category, unit_id, grade FROM contact_objects',
  ).map((o) => ({
    id: String(o[0]),
    name: o[1],
    category: o[2],
    unitId: o[3] === null ? null : String(o[3]),
    grade: o[4] || null,
  }));
  return { cadres, units, objects };
}

/**
 * The roster a locked year was locked with, when the range lies inside that one year; null for an open
 * year, a range across years, or a lock made before schema v10 (judged on today's roster, as it was).
 */
export function lockedRoster(db: Db, range: { from: string; to: string }): { roster: Roster; lockedAt: string } | null {
  const year = Number(range.from.slice(0, 4));
  if (range.to.slice(0, 4) !== range.from.slice(0, 4)) return null;
  const row = db.sqlite.prepare('SELECT roster, locked_at FROM year_locks WHERE year = ?').get(year) as
    { roster: string | null; locked_at: string } | undefined;
  return row?.roster ? { roster: JSON.parse(row.roster) as Roster, lockedAt: row.locked_at } : null;
}

interface View<D> {
  data: D;
  index(asOf: string): EvalIndex;
}

/** The ledger's data and index with a locked roster in place of today's; records, rules and calendar shared. */
export function withRoster<
  D extends Roster & {
    cadreById: Map<string, EvalCadre>;
    unitNames: Map<string, string>;
    objectNames: Map<string, string>;
  },
  V extends View<D>,
>(view: V, roster: Roster | null): V {
  if (!roster) return view;
  const cadreById = new Map(roster.cadres.map((c) => [c.id, c]));
  const objectById = new Map(roster.objects.map((o) => [o.id, o]));
  const objectsByCategory = new Map<string, EvalObject[]>();
  for (const o of roster.objects) {
    const l = objectsByCategory.get(o.category);
    if (l) l.push(o);
    else objectsByCategory.set(o.category, [o]);
  }
  const data: D = {
    ...view.data,
    ...roster,
    cadreById,
    unitNames: new Map(roster.units.map((u) => [u.id, u.name])),
    objectNames: new Map(roster.objects.map((o) => [o.id, o.name])),
  };
  return {
    ...view,
    data,
    index: (asOf: string) => ({ ...view.index(asOf), cadres: cadreById, objects: objectById, objectsByCategory }),
  };
}
