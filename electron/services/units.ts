// 单位: the roster of units, a tree through 上级单位.
import type { InferResult } from 'kysely';
import type { ParsedInput } from '../../shared/api/contract';
import { LedgerError } from '../../shared/errors';
import type { Unit } from '../../shared/domain/unit';
import { appendAudit } from './audit';
import type { ServiceContext } from './context';
import { assertListed } from './vocabulary';
import { assertNameKept } from './year-lock';

export function unitHandlers(ctx: ServiceContext) {
  const { db } = ctx;
  const select = () =>
    db.q
      .selectFrom('units as u')
      .leftJoin('units as p', 'p.id', 'u.parent_id')
      .select(['u.id', 'u.name', 'u.category', 'u.parent_id', 'u.note', 'p.name as parent_name']);

  const toUnit = (r: InferResult<ReturnType<typeof select>>[number]): Unit => ({
    id: r.id,
    name: r.name,
    category: r.category,
    parentId: r.parent_id,
    parentName: r.parent_name,
    note: r.note,
  });

  const get = (id: number): Unit => {
    const r = db.first(select().where('u.id', '=', id));
    if (!r) throw new LedgerError('NOT_FOUND', `编号为 ${id} 的单位不存在`);
    return toUnit(r);
  };

  const checkNameFree = (name: string, parentId: number | null, exceptId?: number) => {
    let q = db.q.selectFrom('units').select('id').where('name', '=', name);
    q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
    const clash = db.first(q);
    if (clash && clash.id !== exceptId)
      throw new LedgerError('CONFLICT', `已有名为“${name}”的单位${parentId === null ? '' : '（同一上级单位下）'}`);
  };

  const checkParent = (id: number | null, self?: number) => {
    if (id === null) return;
    if (id === self) throw new LedgerError('INVALID_INPUT', '上级单位不能是它自己');
    get(id);
    // Refuse a cycle: walking up from the new parent must never reach the unit itself.
    for (let cur: number | null = id, n = 0; cur !== null && n < 100; n++) {
      if (cur === self) throw new LedgerError('INVALID_INPUT', '上级单位不能是它的下级单位');
      cur = db.first(db.q.selectFrom('units').select('parent_id').where('id', '=', cur))?.parent_id ?? null;
    }
  };

  const insert = (u: { id?: number; name: string; category: string; parentId: number | null; note: string }) => {
    checkParent(u.parentId);
    checkNameFree(u.name, u.parentId);
    const at = ctx.now().toISOString();
    const { lastInsertRowid } = db.run(
      db.q.insertInto('units').values({
        ...(u.id !== undefined ? { id: u.id } : {}),
        name: u.name,
        category: u.category,
        parent_id: u.parentId,
        note: u.note,
        created_at: at,
        updated_at: at,
      }),
    );
    return get(Number(lastInsertRowid));
  };

  return {
    'units.list': (): Unit[] => db.all(select().orderBy('u.id')).map(toUnit),

    'units.create': (input: ParsedInput<'units.create'>): Unit =>
      db.tx(() => {
        assertListed(db, 'unitCategories', [input.category], '类别');
        const created = insert(input);
        appendAudit(ctx, { action: 'create', table: 'units', rowId: created.id, after: created });
        return created;
      }),

    /** Undo of a deletion: the same row comes back under the same id. */
    'units.restore': (row: ParsedInput<'units.restore'>): Unit =>
      db.tx(() => {
        if (db.first(db.q.selectFrom('units').select('id').where('id', '=', row.id)))
          throw new LedgerError('CONFLICT', `编号为 ${row.id} 的单位已存在，无需恢复`);
        const restored = insert(row);
        appendAudit(ctx, { action: 'restore', table: 'units', rowId: row.id, after: restored });
        return restored;
      }),

    'units.update': ({ id, patch }: ParsedInput<'units.update'>): Unit =>
      db.tx(() => {
        const before = get(id);
        const next = { ...before, ...patch };
        assertNameKept(ctx, { table: 'units', id, noun: '单位', name: before.name }, next.name);
        if (patch.category !== undefined && patch.category !== before.category)
          assertListed(db, 'unitCategories', [patch.category], '类别');
        if (patch.parentId !== undefined) checkParent(next.parentId, id);
        if (patch.name !== undefined || patch.parentId !== undefined) checkNameFree(next.name, next.parentId, id);
        db.run(
          db.q
            .updateTable('units')
            .set({
              name: next.name,
              category: next.category,
              parent_id: next.parentId,
              note: next.note,
              updated_at: ctx.now().toISOString(),
            })
            .where('id', '=', id),
        );
        const after = get(id);
        appendAudit(ctx, { action: 'update', table: 'units', rowId: id, before, after });
        return after;
      }),

    'units.delete': ({ id }: ParsedInput<'units.delete'>): Unit =>
      db.tx(() => {
        const before = get(id);
        const uses: string[] = [];
        const count = (table: 'units' | 'cadres' | 'contact_objects' | 'follow_ups', col: string, label: string) => {
          const n = db.first(
            db.q
              .selectFrom(table)
              .select((e) => e.fn.countAll<number>().as('n'))
              // eslint-disable-next-line @typescript-eslint/no-explicit-any
              .where(col as any, '=', id),
          )!.n;
          if (n > 0) uses.push(`${n} ${label}`);
        };
        count('units', 'parent_id', '个下级单位');
        count('cadres', 'unit_id', '名干部');
        count('contact_objects', 'unit_id', '个联系对象');
        count('follow_ups', 'department_id', '件督办事项');
        if (uses.length)
          throw new LedgerError('IN_USE', `单位“${before.name}”还有${uses.join('、')}，不能删除。请先调整它们。`);
        db.run(db.q.deleteFrom('units').where('id', '=', id));
        appendAudit(ctx, { action: 'delete', table: 'units', rowId: id, before });
        return before;
      }),
  };
}
