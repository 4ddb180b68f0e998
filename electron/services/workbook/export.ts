// Export of the whole ledger into the workbook the import reads: names instead of ids (名称（所属单位）
// where two share a name), dates as text, several values joined with 、.
import type { ServiceContext } from '../context';
import { NameIndex, type Named } from './import';
import type { Cell, LedgerSheets } from './sheets';
import { emptySheets } from './xlsx';

const yesNo = (b: number) => (b ? '是' : '否');
const orNull = <T>(v: T | null | undefined): T | null => (v === undefined || v === '' ? null : v);

/** The ledger as the six sheets' rows. */
export function ledgerSheets(ctx: ServiceContext): LedgerSheets {
  const sq = ctx.db.sqlite;
  const out = emptySheets();
  const all = <T>(sql: string) => sq.prepare(sql).all() as T[];

  const units = all<{ id: number; name: string; category: string; parent_id: number | null; note: string }>(
    'SELECT id, name, category, parent_id, note FROM units ORDER BY id',
  );
  const unitById = new Map(units.map((u) => [u.id, u]));
  const unitName = (id: number | null) => (id === null ? '' : (unitById.get(id)?.name ?? ''));
  // The same indexes the import builds, so that every reference written reads back to the same row.
  const unitIndex = new NameIndex('单位', '单位');
  const unitNamed = new Map<number, Named>();
  for (const u of units) {
    const n = { id: u.id, name: u.name, qualifiers: [unitName(u.parent_id)] };
    unitIndex.add(n);
    unitNamed.set(u.id, n);
  }
  const unitRef = (id: number | null) => (id === null ? null : unitIndex.refText(unitNamed.get(id)!));
  // Parents before children, so that the sheet reads top-down like an org chart.
  const depth = (u: (typeof units)[number]): number => {
    let d = 0;
    for (let p = u.parent_id; p !== null && d < 100; p = unitById.get(p)?.parent_id ?? null) d++;
    return d;
  };
  for (const u of [...units].sort((a, b) => depth(a) - depth(b) || a.id - b.id))
    out.units.push({ name: u.name, category: orNull(u.category), parent: unitRef(u.parent_id), note: orNull(u.note) });

  const cadres = all<{
    id: number;
    name: string;
    title: string;
    level: string;
    unit_id: number | null;
    party_member: number;
    term_start: string | null;
    term_end: string | null;
    note: string;
  }>('SELECT id, name, title, level, unit_id, party_member, term_start, term_end, note FROM cadres ORDER BY id');
  const roles = new Map<number, string[]>();
  for (const r of all<{ cadre_id: number; role: string }>('SELECT cadre_id, role FROM cadre_roles ORDER BY rowid'))
    roles.set(r.cadre_id, [...(roles.get(r.cadre_id) ?? []), r.role]);
  const cadreIndex = new NameIndex('干部', '干部');
  const cadreNamed = new Map<number, Named>();
  for (const c of cadres) {
    const n = { id: c.id, name: c.name, qualifiers: [unitName(c.unit_id), c.title] };
    cadreIndex.add(n);
    cadreNamed.set(c.id, n);
  }
  const cadreRef = (id: number) => cadreIndex.refText(cadreNamed.get(id)!);
  for (const c of cadres)
    out.cadres.push({
      name: c.name,
      title: orNull(c.title),
      level: orNull(c.level),
      roles: orNull((roles.get(c.id) ?? []).join('、')),
      unit: unitRef(c.unit_id),
      partyMember: yesNo(c.party_member),
      termStart: c.term_start,
      termEnd: c.term_end,
      note: orNull(c.note),
    });

  const objects = all<{
    id: number;
    name: string;
    category: string;
    unit_id: number | null;
    grade: string;
    note: string;
  }>('SELECT id, name, category, unit_id, grade, note FROM contact_objects ORDER BY id');
  const objectIndex = new NameIndex('联系对象', '联系对象');
  const objectNamed = new Map<number, Named>();
  for (const o of objects) {
    const n = { id: o.id, name: o.name, qualifiers: [unitName(o.unit_id), o.category] };
    objectIndex.add(n);
    objectNamed.set(o.id, n);
  }
  const objectRef = (id: number) => objectIndex.refText(objectNamed.get(id)!);
  for (const o of objects)
    out.objects.push({
      name: o.name,
      category: o.category,
      unit: unitRef(o.unit_id),
      grade: orNull(o.grade),
      note: orNull(o.note),
    });

  for (const a of all<{
    year: number;
    cadre_id: number;
    object_id: number;
    slot: string;
    start_date: string | null;
    end_date: string | null;
    note: string;
  }>('SELECT year, cadre_id, object_id, slot, start_date, end_date, note FROM assignments ORDER BY year, id'))
    out.assignments.push({
      year: a.year,
      cadre: cadreRef(a.cadre_id),
      object: objectRef(a.object_id),
      slot: orNull(a.slot),
      startDate: a.start_date,
      endDate: a.end_date,
      note: orNull(a.note),
    });

  const typeName = new Map(
    all<{ id: number; name: string }>('SELECT id, name FROM activity_types').map((t) => [t.id, t.name]),
  );
  const links = (sql: string) => {
    const m = new Map<number, number[]>();
    for (const l of all<{ record_id: number; v: number }>(sql)) {
      const list = m.get(l.record_id);
      if (list) list.push(l.v);
      else m.set(l.record_id, [l.v]);
    }
    return m;
  };
  const recordCadres = links('SELECT record_id, cadre_id AS v FROM record_cadres ORDER BY record_id, position, rowid');
  const recordObjects = links(
    'SELECT record_id, object_id AS v FROM record_objects ORDER BY record_id, position, rowid',
  );
  const records = all<{
    id: number;
    date: string;
    start_time: string | null;
    end_time: string | null;
    activity_type_id: number;
    place: string;
    content: string;
    opinions: string;
    implementation: string;
    hours: number | null;
    days: number | null;
    companions: number | null;
  }>(
    `SELECT id, date, start_time, end_time, activity_type_id, place, content, opinions, implementation, hours, days,
       companions FROM records ORDER BY date, id`,
  );
  const recordSource = new Map<number, string>();
  for (const r of records) {
    const cadreRefs = (recordCadres.get(r.id) ?? []).map(cadreRef).join('、');
    const type = typeName.get(r.activity_type_id) ?? '';
    recordSource.set(r.id, [r.date, r.start_time, cadreRefs, type].filter(Boolean).join(' '));
    const row: Record<string, Cell> = {
      date: r.date,
      startTime: r.start_time,
      endTime: r.end_time,
      cadres: cadreRefs,
      type,
      place: orNull(r.place),
      objects: orNull((recordObjects.get(r.id) ?? []).map(objectRef).join('、')),
      hours: r.hours,
      days: r.days,
      companions: r.companions,
      content: orNull(r.content),
      opinions: orNull(r.opinions),
      implementation: orNull(r.implementation),
    };
    out.records.push(row);
  }

  for (const f of all<{
    raised_date: string;
    record_id: number | null;
    source: string;
    matter: string;
    raiser: string;
    department_id: number | null;
    limit_days: number | null;
    assigned_date: string | null;
    feedback_date: string | null;
    closed_date: string | null;
    status: string;
    result: string;
    extended_date: string | null;
  }>(
    `SELECT raised_date, record_id, source, matter, raiser, department_id, limit_days, assigned_date, feedback_date,
       closed_date, status, result, extended_date FROM follow_ups ORDER BY raised_date, id`,
  ))
    out.followUps.push({
      raisedDate: f.raised_date,
      source: orNull(f.record_id !== null ? (recordSource.get(f.record_id) ?? f.source) : f.source),
      matter: f.matter,
      raiser: orNull(f.raiser),
      department: unitRef(f.department_id),
      limitDays: f.limit_days,
      assignedDate: f.assigned_date,
      feedbackDate: f.feedback_date,
      closedDate: f.closed_date,
      status: f.status,
      result: orNull(f.result),
      extendedDate: f.extended_date,
    });
  return out;
}
