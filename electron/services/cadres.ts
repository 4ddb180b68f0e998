// 干部: the roster of cadres, with their roles and term of office.
import { sql, type InferResult } from 'kysely';
import type { ParsedInput } from '../../shared/api/contract';
import { TERM_ORDER_MESSAGE, termInOrder, type Cadre } from '../../shared/domain/cadre';
import { LedgerError } from '../../shared/errors';
import { matchName, pinyinKeys } from '../../shared/format/pinyin';
import { appendAudit } from './audit';
import type { ServiceContext } from './context';
import { assertListed } from './vocabulary';
import { assertNameKept } from './year-lock';

export function cadreHandlers(ctx: ServiceContext) {
  const { db } = ctx;
  const select = () =>
    db.q
      .selectFrom('cadres as c')
      .leftJoin('units as u', 'u.id', 'c.unit_id')
      .select([
        'c.id',
        'c.name',
        'c.title',
        'c.level',
        'c.unit_id',
        'u.name as unit_name',
        'c.party_member',
        'c.term_start',
        'c.term_end',
        'c.note',
      ]);
  type Row = InferResult<ReturnType<typeof select>>[number];

  const rolesOf = (ids: number[]): Map<number, string[]> => {
    const map = new Map<number, string[]>();
    if (ids.length === 0) return map;
    const rows = db.all(
      db.q
        .selectFrom('cadre_roles')
        .select(['cadre_id', 'role'])
        .where('cadre_id', 'in', ids)
        .orderBy(sql`rowid`),
    );
    for (const r of rows) map.set(r.cadre_id, [...(map.get(r.cadre_id) ?? []), r.role]);
    return map;
  };

  const toCadre = (r: Row, roles: string[]): Cadre => ({
    id: r.id,
    name: r.name,
    title: r.title,
    level: r.level,
    roles,
    unitId: r.unit_id,
    unitName: r.unit_name,
    partyMember: r.party_member === 1,
    termStart: r.term_start,
    termEnd: r.term_end,
    note: r.note,
  });

  const get = (id: number): Cadre => {
    const r = db.first(select().where('c.id', '=', id));
    if (!r) throw new LedgerError('NOT_FOUND', `编号为 ${id} 的干部不存在`);
    return toCadre(r, rolesOf([id]).get(id) ?? []);
  };

  const checkUnit = (unitId: number | null) => {
    if (unitId === null) return;
    if (!db.first(db.q.selectFrom('units').select('id').where('id', '=', unitId)))
      throw new LedgerError('NOT_FOUND', `「所在单位」编号为 ${unitId} 的单位不存在`);
  };

  /** 级别 and 角色 come from the institution's lists (a value already stored stays, even if unlisted since). */
  const checkVocabulary = (c: { level: string; roles: readonly string[] }) => {
    assertListed(db, 'levels', [c.level], '级别');
    assertListed(db, 'roles', c.roles, '角色');
  };

  const columns = (c: Omit<Cadre, 'id' | 'unitName' | 'roles'>) => {
    const keys = pinyinKeys(c.name);
    return {
      name: c.name,
      title: c.title,
      level: c.level,
      unit_id: c.unitId,
      party_member: c.partyMember ? 1 : 0,
      term_start: c.termStart,
      term_end: c.termEnd,
      note: c.note,
      pinyin: keys.full,
      initials: keys.initials,
    };
  };

  const writeRoles = (id: number, roles: readonly string[]) => {
    db.run(db.q.deleteFrom('cadre_roles').where('cadre_id', '=', id));
    for (const role of new Set(roles)) db.run(db.q.insertInto('cadre_roles').values({ cadre_id: id, role }));
  };

  const insert = (c: Omit<Cadre, 'unitName'> | (Omit<Cadre, 'unitName' | 'id'> & { id?: number })) => {
    checkUnit(c.unitId);
    const at = ctx.now().toISOString();
    const { lastInsertRowid } = db.run(
      db.q.insertInto('cadres').values({
        ...(c.id !== undefined ? { id: c.id } : {}),
        ...columns(c),
        created_at: at,
        updated_at: at,
      }),
    );
    const id = Number(lastInsertRowid);
    writeRoles(id, c.roles);
    return get(id);
  };

  return {
    'cadres.list': (): Cadre[] => {
      const rows = db.all(select().orderBy('c.id'));
      const roles = rolesOf(rows.map((r) => r.id));
      return rows.map((r) => toCadre(r, roles.get(r.id) ?? []));
    },

    'cadres.create': (input: ParsedInput<'cadres.create'>): Cadre =>
      db.tx(() => {
        checkVocabulary(input);
        const created = insert(input);
        appendAudit(ctx, { action: 'create', table: 'cadres', rowId: created.id, after: created });
        return created;
      }),

    'cadres.update': ({ id, patch }: ParsedInput<'cadres.update'>): Cadre =>
      db.tx(() => {
        const before = get(id);
        const next = { ...before, ...patch };
        assertNameKept(ctx, { table: 'cadres', id, noun: '干部', name: before.name }, next.name);
        checkVocabulary({
          level: patch.level !== undefined && patch.level !== before.level ? patch.level : '',
          roles: (patch.roles ?? []).filter((r) => !before.roles.includes(r)),
        });
        if (!termInOrder(next)) throw new LedgerError('INVALID_INPUT', TERM_ORDER_MESSAGE);
        if (patch.unitId !== undefined) checkUnit(next.unitId);
        db.run(
          db.q
            .updateTable('cadres')
            .set({ ...columns(next), updated_at: ctx.now().toISOString() })
            .where('id', '=', id),
        );
        if (patch.roles) writeRoles(id, patch.roles);
        const after = get(id);
        appendAudit(ctx, { action: 'update', table: 'cadres', rowId: id, before, after });
        return after;
      }),

    'cadres.delete': ({ id }: ParsedInput<'cadres.delete'>): Cadre =>
      db.tx(() => {
        const before = get(id);
        const count = (table: 'record_cadres' | 'assignments' | 'rota_duties') =>
          db.first(
            db.q
              .selectFrom(table)
              .select((e) => e.fn.countAll<number>().as('n'))
              .where('cadre_id', '=', id),
          )!.n;
        const uses = [
          [count('record_cadres'), '条联系记录'],
          [count('assignments'), '个联系点'],
          [count('rota_duties'), '次接待日值班'],
        ].filter(([n]) => (n as number) > 0);
        if (uses.length)
          throw new LedgerError(
            'IN_USE',
            `干部“${before.name}”已有${uses.map(([n, l]) => `${n} ${l}`).join('、')}，不能删除。` +
              '如已离任，请填写“任职结束”。',
          );
        db.run(db.q.deleteFrom('cadres').where('id', '=', id));
        appendAudit(ctx, { action: 'delete', table: 'cadres', rowId: id, before });
        return before;
      }),

    'cadres.search': ({ q, limit }: ParsedInput<'cadres.search'>) => {
      const s = `%${q.toLowerCase().replace(/[\\%_]/g, '')}%`;
      const rows = db.all(
        select()
          .where((e) => e.or([e('c.name', 'like', s), e('c.initials', 'like', s), e('c.pinyin', 'like', s)]))
          .orderBy('c.id')
          .limit(500),
      );
      const roles = rolesOf(rows.map((r) => r.id));
      return rows
        .map((r) => ({ cadre: toCadre(r, roles.get(r.id) ?? []), highlight: matchName(r.name, q) }))
        .filter((m): m is { cadre: Cadre; highlight: [number, number] } => m.highlight !== null)
        .sort((a, b) => a.highlight[0] - b.highlight[0])
        .slice(0, limit);
    },

    /** Undo of a deletion: the same row comes back under the same id. */
    'cadres.restore': (c: ParsedInput<'cadres.restore'>): Cadre =>
      db.tx(() => {
        if (db.first(db.q.selectFrom('cadres').select('id').where('id', '=', c.id)))
          throw new LedgerError('CONFLICT', `编号为 ${c.id} 的干部已存在，无需恢复`);
        const restored = insert(c);
        appendAudit(ctx, { action: 'restore', table: 'cadres', rowId: c.id, after: restored });
        return restored;
      }),
  };
}
