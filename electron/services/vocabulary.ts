// 词汇: activity types and object categories, as the institution names them.
import type { ParsedInput } from '../../shared/api/contract';
import type { Vocabulary } from '../../shared/api/vocabulary';
import { LedgerError } from '../../shared/errors';
import { appendAudit } from './audit';
import type { ServiceContext } from './context';

export function vocabularyHandlers(ctx: ServiceContext) {
  const { db } = ctx;
  const nextSort = (table: 'activity_types' | 'object_categories') =>
    (db.sqlite.prepare(`SELECT coalesce(max(sort), -1) + 1 AS n FROM ${table}`).get() as { n: number }).n;
  return {
    'vocabulary.get': (): Vocabulary => ({
      activityTypes: db.all(db.q.selectFrom('activity_types').select(['id', 'name']).orderBy('sort').orderBy('id')),
      objectCategories: db.all(
        db.q.selectFrom('object_categories').select(['id', 'name', 'kind']).orderBy('sort').orderBy('id'),
      ),
    }),

    'vocabulary.addActivityType': ({ name }: ParsedInput<'vocabulary.addActivityType'>) =>
      db.tx(() => {
        if (db.first(db.q.selectFrom('activity_types').select('id').where('name', '=', name)))
          throw new LedgerError('CONFLICT', `已有活动类型“${name}”`);
        const { lastInsertRowid } = db.run(
          db.q.insertInto('activity_types').values({ name, note: '', sort: nextSort('activity_types') }),
        );
        const row = { id: Number(lastInsertRowid), name };
        appendAudit(ctx, { action: 'create', table: 'activity_types', rowId: row.id, after: row });
        return row;
      }),

    'vocabulary.addObjectCategory': ({ name, kind }: ParsedInput<'vocabulary.addObjectCategory'>) =>
      db.tx(() => {
        if (db.first(db.q.selectFrom('object_categories').select('id').where('name', '=', name)))
          throw new LedgerError('CONFLICT', `已有对象类别“${name}”`);
        const { lastInsertRowid } = db.run(
          db.q.insertInto('object_categories').values({ name, kind, sort: nextSort('object_categories') }),
        );
        const row = { id: Number(lastInsertRowid), name, kind };
        appendAudit(ctx, { action: 'create', table: 'object_categories', rowId: row.id, after: row });
        return row;
      }),
  };
}
