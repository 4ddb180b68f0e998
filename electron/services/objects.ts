// 联系对象: the units and people cadres contact.
import type { InferResult } from 'kysely';
import type { ParsedInput } from '../../shared/api/contract';
import type { ContactObject } from '../../shared/domain/contact-object';
import { LedgerError } from '../../shared/errors';
import { pinyinKeys } from '../../shared/format/pinyin';
import { appendAudit } from './audit';
import type { ServiceContext } from './context';
import { assertListed } from './vocabulary';
import { assertNameKept } from './year-lock';
import { countWhere, mustExist, refuseIfPresent, refuseIfUsed } from './rows';

type Fields = Omit<ContactObject, 'id' | 'unitName'> & { id?: number };

export function objectHandlers(ctx: ServiceContext) {
  const { db } = ctx;
  const select = () =>
    db.q
      .selectFrom('contact_objects as o')
      .leftJoin('units as u', 'u.id', 'o.unit_id')
      .select(['o.id', 'o.name', 'o.category', 'o.unit_id', 'u.name as unit_name', 'o.grade', 'o.note']);
  const toObject = (r: InferResult<ReturnType<typeof select>>[number]): ContactObject => ({
    id: r.id,
    name: r.name,
    category: r.category,
    unitId: r.unit_id,
    unitName: r.unit_name,
    grade: r.grade,
    note: r.note,
  });
  const get = (id: number): ContactObject => {
    const r = db.first(select().where('o.id', '=', id));
    if (!r) throw new LedgerError('NOT_FOUND', `编号为 ${id} 的联系对象不存在`);
    return toObject(r);
  };

  const checkIdentity = (o: Fields, exceptId?: number) => {
    let q = db.q
      .selectFrom('contact_objects')
      .select('id')
      .where('name', '=', o.name)
      .where('category', '=', o.category);
    q = o.unitId === null ? q.where('unit_id', 'is', null) : q.where('unit_id', '=', o.unitId);
    const clash = db.first(q);
    if (clash && clash.id !== exceptId)
      throw new LedgerError('CONFLICT', `已有同名、同类别、同单位的联系对象“${o.name}”（${o.category}）`);
  };

  const columns = (o: Fields) => {
    const keys = pinyinKeys(o.name);
    return {
      name: o.name,
      category: o.category,
      unit_id: o.unitId,
      grade: o.grade,
      note: o.note,
      pinyin: keys.full,
      initials: keys.initials,
    };
  };

  const insert = (o: Fields): ContactObject => {
    if (o.unitId !== null) mustExist(db, 'units', o.unitId, '所属单位', '单位');
    checkIdentity(o);
    const at = ctx.now().toISOString();
    const { lastInsertRowid } = db.run(
      db.q.insertInto('contact_objects').values({
        ...(o.id !== undefined ? { id: o.id } : {}),
        ...columns(o),
        created_at: at,
        updated_at: at,
      }),
    );
    return get(Number(lastInsertRowid));
  };

  return {
    'objects.list': ({ category }: ParsedInput<'objects.list'>): ContactObject[] => {
      let q = select().orderBy('o.id');
      if (category) q = q.where('o.category', '=', category);
      return db.all(q).map(toObject);
    },

    'objects.create': (input: ParsedInput<'objects.create'>): ContactObject =>
      db.tx(() => {
        assertListed(db, 'objectCategories', [input.category], '类别');
        const created = insert(input);
        appendAudit(ctx, { action: 'create', table: 'contact_objects', rowId: created.id, after: created });
        return created;
      }),

    'objects.update': ({ id, patch }: ParsedInput<'objects.update'>): ContactObject =>
      db.tx(() => {
        const before = get(id);
        const next = { ...before, ...patch };
        assertNameKept(ctx, { table: 'contact_objects', id, noun: '联系对象', name: before.name }, next.name);
        if (patch.category !== undefined && patch.category !== before.category)
          assertListed(db, 'objectCategories', [patch.category], '类别');
        if (patch.unitId !== undefined && next.unitId !== null) mustExist(db, 'units', next.unitId, '所属单位', '单位');
        checkIdentity(next, id);
        db.run(
          db.q
            .updateTable('contact_objects')
            .set({ ...columns(next), updated_at: ctx.now().toISOString() })
            .where('id', '=', id),
        );
        const after = get(id);
        appendAudit(ctx, { action: 'update', table: 'contact_objects', rowId: id, before, after });
        return after;
      }),

    'objects.delete': ({ id }: ParsedInput<'objects.delete'>): ContactObject =>
      db.tx(() => {
        const before = get(id);
        refuseIfUsed(`联系对象“${before.name}”`, [
          [countWhere(db, 'assignments', 'object_id', id), '个联系点安排'],
          [countWhere(db, 'record_objects', 'object_id', id), '条联系记录'],
        ]);
        db.run(db.q.deleteFrom('contact_objects').where('id', '=', id));
        appendAudit(ctx, { action: 'delete', table: 'contact_objects', rowId: id, before });
        return before;
      }),

    'objects.restore': (o: ParsedInput<'objects.restore'>): ContactObject =>
      db.tx(() => {
        refuseIfPresent(db, 'contact_objects', o.id, '联系对象');
        const restored = insert(o);
        appendAudit(ctx, { action: 'restore', table: 'contact_objects', rowId: o.id, after: restored });
        return restored;
      }),
  };
}
