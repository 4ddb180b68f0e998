// The evaluator's input read from the ledger: rules of the year (or the regulation's preset when none are
// stored yet), roster, contact points, records and follow-ups, plus the two calendars.
import { createSchoolCalendar } from '../../../shared/calendar/school';
import { rule as ruleSchema, type Rule } from '../../../shared/rules/schema';
import { evaluate } from '../../../shared/rules/evaluate';
import type { EvalInput, EvalResult, Selection } from '../../../shared/rules/types';
import { workdayCalendar } from '../calendar';
import type { ServiceContext } from '../context';
import { listPresets } from '../presets';
import { presetsDir } from '../resources';

export interface RecordSummary {
  id: number;
  date: string;
  type: string;
  place: string;
  objects: string[];
}

export interface LedgerEvaluation {
  results: EvalResult[];
  rules: Rule[];
  /** Where the rules came from: 制度要求 stored for the year, or a preset as shipped. */
  rulesSource: 'stored' | 'preset' | 'none';
  records: Map<number, RecordSummary>;
}

function loadRules(
  ctx: Pick<ServiceContext, 'db'>,
  year: number,
): { rules: Rule[]; source: LedgerEvaluation['rulesSource'] } {
  const { db } = ctx;
  const stored = db.all(
    db.q.selectFrom('rules').select(['body']).where('year', '=', year).where('enabled', '=', 1).orderBy('sort'),
  );
  const parse = (xs: unknown[]) =>
    xs.flatMap((x) => {
      const r = ruleSchema.safeParse(x);
      return r.success ? [r.data] : [];
    });
  if (stored.length) {
    const rules = parse(
      stored.map((s) => {
        try {
          return JSON.parse(s.body) as unknown;
        } catch {
          return null;
        }
      }),
    );
    if (rules.length) return { rules, source: 'stored' };
  }
  const presetIds = db
    .all(db.q.selectFrom('regulations').select('preset_id').where('preset_id', 'is not', null))
    .map((r) => r.preset_id!);
  if (presetIds.length) {
    const presets = listPresets(presetsDir()).filter((p) => presetIds.includes(p.id));
    const rules = parse(presets.flatMap((p) => p.rules as unknown[]));
    if (rules.length) return { rules, source: 'preset' };
  }
  return { rules: [], source: 'none' };
}

/** Reads everything the evaluator needs for [from, to] and evaluates it as of `asOf`. */
export function evaluateLedger(
  ctx: Pick<ServiceContext, 'db'>,
  o: { year: number; from: string; to: string; asOf: string; selection?: Selection },
): LedgerEvaluation {
  const { db } = ctx;
  const { rules, source } = loadRules(ctx, o.year);
  const roles = new Map<number, string[]>();
  for (const r of db.all(db.q.selectFrom('cadre_roles').select(['cadre_id', 'role'])))
    roles.set(r.cadre_id, [...(roles.get(r.cadre_id) ?? []), r.role]);
  const cadres = db.all(db.q.selectFrom('cadres').selectAll()).map((c) => ({
    id: String(c.id),
    name: c.name,
    level: c.level,
    roles: roles.get(c.id) ?? [],
    unitId: c.unit_id === null ? null : String(c.unit_id),
    partyMember: c.party_member === 1,
    termStart: c.term_start,
    termEnd: c.term_end,
  }));
  const units = db
    .all(db.q.selectFrom('units').select(['id', 'name', 'category']))
    .map((u) => ({ id: String(u.id), name: u.name, category: u.category }));
  const objectRows = db.all(db.q.selectFrom('contact_objects').select(['id', 'name', 'category', 'unit_id', 'grade']));
  const objectName = new Map(objectRows.map((x) => [x.id, x.name]));
  const objects = objectRows.map((x) => ({
    id: String(x.id),
    name: x.name,
    category: x.category,
    unitId: x.unit_id === null ? null : String(x.unit_id),
    grade: x.grade || null,
  }));
  const assignments = db
    .all(
      db.q
        .selectFrom('assignments')
        .selectAll()
        .where('year', '>=', o.year - 1)
        .where('year', '<=', o.year + 1),
    )
    .map((a) => ({
      id: String(a.id),
      year: a.year,
      cadreId: String(a.cadre_id),
      objectId: String(a.object_id),
      slot: a.slot || null,
      startDate: a.start_date,
      endDate: a.end_date,
    }));
  // Records a little around the range, so periods that straddle it (an academic year) see theirs.
  const lo = `${Number(o.from.slice(0, 4)) - 1}${o.from.slice(4)}`;
  const hi = `${Number(o.to.slice(0, 4)) + 1}${o.to.slice(4)}`;
  const recordRows = db.all(
    db.q
      .selectFrom('records as r')
      .innerJoin('activity_types as t', 't.id', 'r.activity_type_id')
      .select([
        'r.id',
        'r.date',
        'r.start_time',
        'r.end_time',
        'r.place',
        'r.hours',
        'r.days',
        'r.companions',
        't.name as type',
      ])
      .where('r.date', '>=', lo)
      .where('r.date', '<=', hi),
  );
  const rc = new Map<number, string[]>();
  const ro = new Map<number, number[]>();
  for (const x of db.all(
    db.q
      .selectFrom('record_cadres as c')
      .innerJoin('records as r', 'r.id', 'c.record_id')
      .select(['c.record_id', 'c.cadre_id'])
      .where('r.date', '>=', lo)
      .where('r.date', '<=', hi)
      .orderBy('c.position'),
  ))
    rc.set(x.record_id, [...(rc.get(x.record_id) ?? []), String(x.cadre_id)]);
  for (const x of db.all(
    db.q
      .selectFrom('record_objects as c')
      .innerJoin('records as r', 'r.id', 'c.record_id')
      .select(['c.record_id', 'c.object_id'])
      .where('r.date', '>=', lo)
      .where('r.date', '<=', hi)
      .orderBy('c.position'),
  ))
    ro.set(x.record_id, [...(ro.get(x.record_id) ?? []), x.object_id]);
  const summaries = new Map<number, RecordSummary>();
  const records = recordRows.map((r) => {
    summaries.set(r.id, {
      id: r.id,
      date: r.date,
      type: r.type,
      place: r.place,
      objects: (ro.get(r.id) ?? []).map((i) => objectName.get(i) ?? ''),
    });
    return {
      id: String(r.id),
      date: r.date,
      startTime: r.start_time,
      endTime: r.end_time,
      activityType: r.type,
      cadreIds: rc.get(r.id) ?? [],
      objectIds: (ro.get(r.id) ?? []).map(String),
      hours: r.hours,
      days: r.days,
      companions: r.companions,
    };
  });
  const followUps = db
    .all(db.q.selectFrom('follow_ups').select(['id', 'source', 'raised_date', 'closed_date']))
    .map((f) => ({
      id: String(f.id),
      type: f.source,
      raisedOn: f.raised_date,
      completedOn: f.closed_date,
    }));
  const semesters = db
    .all(db.q.selectFrom('semesters').selectAll())
    .map((s) => ({ academicYear: s.academic_year, term: s.term, start: s.start_date, end: s.end_date }));
  const input: EvalInput = {
    rules,
    cadres,
    units,
    objects,
    assignments,
    records,
    followUps,
    calendar: { school: createSchoolCalendar({ semesters }), workdays: workdayCalendar(db) },
    asOf: o.asOf,
    selection: o.selection ?? { from: o.from, to: o.to },
  };
  return { results: rules.length ? evaluate(input) : [], rules, rulesSource: source, records: summaries };
}
