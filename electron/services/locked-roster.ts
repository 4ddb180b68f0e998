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
  const roles = new Map<number, string[]>();
  for (const r of db.all(db.q.selectFrom('cadre_roles').select(['cadre_id', 'role']))) {
    const l = roles.get(r.cadre_id);
    if (l) l.push(r.role);
    else roles.set(r.cadre_id, [r.role]);
  }
  const cadres: EvalCadre[] = db
    .all(
      db.q
        .selectFrom('cadres')
        .select(['id', 'name', 'level', 'unit_id', 'party_member', 'term_start', 'term_end'])
        .orderBy('id'),
    )
    .map((c) => ({
      id: String(c.id),
      name: c.name,
      level: c.level,
      roles: roles.get(c.id) ?? [],
      unitId: c.unit_id === null ? null : String(c.unit_id),
      partyMember: c.party_member === 1,
      termStart: c.term_start,
      termEnd: c.term_end,
    }));
  const units: EvalUnit[] = db
    .all(db.q.selectFrom('units').select(['id', 'name', 'category']).orderBy('id'))
    .map((u) => ({ id: String(u.id), name: u.name, category: u.category }));
  const objects: EvalObject[] = db
    .all(db.q.selectFrom('contact_objects').select(['id', 'name', 'category', 'unit_id', 'grade']))
    .map((o) => ({
      id: String(o.id),
      name: o.name,
      category: o.category,
      unitId: o.unit_id === null ? null : String(o.unit_id),
      grade: o.grade || null,
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
