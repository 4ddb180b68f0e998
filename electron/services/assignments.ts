// 联系点: who holds which contact object in which year (002 第八至十条, 000 一.1 "五个一" …).
import type { InferResult } from 'kysely';
import type { ParsedInput } from '../../shared/api/contract';
import { DATE_ORDER_MESSAGE, assignmentDatesInOrder, type Assignment } from '../../shared/domain/assignment';
import { LedgerError } from '../../shared/errors';
import { appendAudit } from './audit';
import type { ServiceContext } from './context';
import { mustExist, refuseIfPresent } from './rows';
import { assertYearOpen } from './year-lock';

type Fields = Omit<Assignment, 'id' | 'cadreName' | 'objectName' | 'objectCategory'> & { id?: number };

export function assignmentHandlers(ctx: ServiceContext) {
  const { db } = ctx;
  const select = () =>
    db.q
      .selectFrom('assignments as a')
      .innerJoin('cadres as c', 'c.id', 'a.cadre_id')
      .innerJoin('contact_objects as o', 'o.id', 'a.object_id')
      .select([
        'a.id',
        'a.year',
        'a.cadre_id',
        'c.name as cadre_name',
        'a.object_id',
        'o.name as object_name',
        'o.category as object_category',
        'a.slot',
        'a.start_date',
        'a.end_date',
        'a.note',
      ]);
  const toAssignment = (r: InferResult<ReturnType<typeof select>>[number]): Assignment => ({
    id: r.id,
    year: r.year,
    cadreId: r.cadre_id,
    cadreName: r.cadre_name,
    objectId: r.object_id,
    objectName: r.object_name,
    objectCategory: r.object_category,
    slot: r.slot,
    startDate: r.start_date,
    endDate: r.end_date,
    note: r.note,
  });
  const get = (id: number): Assignment => {
    const r = db.first(select().where('a.id', '=', id));
    if (!r) throw new LedgerError('NOT_FOUND', `编号为 ${id} 的联系点不存在`);
    return toAssignment(r);
  };

  const check = (a: Fields, exceptId?: number) => {
    assertYearOpen(ctx, a.year, '联系点');
    mustExist(db, 'cadres', a.cadreId, '干部', '干部');
    mustExist(db, 'contact_objects', a.objectId, '联系对象', '联系对象');
    if (!assignmentDatesInOrder(a)) throw new LedgerError('INVALID_INPUT', DATE_ORDER_MESSAGE);
    const clash = db.first(
      db.q
        .selectFrom('assignments')
        .select('id')
        .where('year', '=', a.year)
        .where('cadre_id', '=', a.cadreId)
        .where('object_id', '=', a.objectId)
        .where('slot', '=', a.slot),
    );
    if (clash && clash.id !== exceptId)
      throw new LedgerError('CONFLICT', `${a.year}年度这位干部已联系该对象（联系类型“${a.slot || '未填'}”）`);
  };

  const columns = (a: Fields) => ({
    year: a.year,
    cadre_id: a.cadreId,
    object_id: a.objectId,
    slot: a.slot,
    start_date: a.startDate,
    end_date: a.endDate,
    note: a.note,
  });

  const insert = (a: Fields): Assignment => {
    check(a);
    const at = ctx.now().toISOString();
    const { lastInsertRowid } = db.run(
      db.q.insertInto('assignments').values({
        ...(a.id !== undefined ? { id: a.id } : {}),
        ...columns(a),
        created_at: at,
        updated_at: at,
      }),
    );
    return get(Number(lastInsertRowid));
  };

  return {
    'assignments.list': ({ year }: ParsedInput<'assignments.list'>): Assignment[] =>
      db.all(select().where('a.year', '=', year).orderBy('c.id').orderBy('a.id')).map(toAssignment),

    'assignments.create': (input: ParsedInput<'assignments.create'>): Assignment =>
      db.tx(() => {
        const created = insert(input);
        appendAudit(ctx, { action: 'create', table: 'assignments', rowId: created.id, after: created });
        return created;
      }),

    'assignments.update': ({ id, patch }: ParsedInput<'assignments.update'>): Assignment =>
      db.tx(() => {
        const before = get(id);
        assertYearOpen(ctx, before.year, '联系点');
        const next = { ...before, ...patch };
        check(next, id);
        db.run(
          db.q
            .updateTable('assignments')
            .set({ ...columns(next), updated_at: ctx.now().toISOString() })
            .where('id', '=', id),
        );
        const after = get(id);
        appendAudit(ctx, { action: 'update', table: 'assignments', rowId: id, before, after });
        return after;
      }),

    'assignments.delete': ({ id }: ParsedInput<'assignments.delete'>): Assignment =>
      db.tx(() => {
        const before = get(id);
        assertYearOpen(ctx, before.year, '联系点');
        db.run(db.q.deleteFrom('assignments').where('id', '=', id));
        appendAudit(ctx, { action: 'delete', table: 'assignments', rowId: id, before });
        return before;
      }),

    'assignments.restore': (a: ParsedInput<'assignments.restore'>): Assignment =>
      db.tx(() => {
        refuseIfPresent(db, 'assignments', a.id, '联系点');
        const restored = insert(a);
        appendAudit(ctx, { action: 'restore', table: 'assignments', rowId: a.id, after: restored });
        return restored;
      }),
  };
}
