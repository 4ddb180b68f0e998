// Schema v3: the undo history. Each saved change (one grid edit, a paste of many rows, a form save, a
// replace-all) keeps every row it inserted, updated or deleted, before and after, so that it can be put
// back exactly, in order, the newest first (issue 10 "keystrokes that silently destroy", issue 15).
import type { Migration } from './context';

export const m0003: Migration = {
  version: 3,
  name: 'undo-history',
  up({ db, exec }) {
    const s = db.schema;
    exec(
      s
        .createTable('undo_changes')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('operator', 'text', (c) => c.notNull().defaultTo(''))
        // What the secretary sees in the 撤销 list (粘贴新增 3 行干部); NULL: made from the rows when shown.
        .addColumn('label', 'text')
        .addColumn('method', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('undone_at', 'text')
        .addColumn('undone_by', 'text'),
    );
    // Written by triggers in the transaction of the write itself, together with the change they belong to.
    exec(
      s
        .createTable('undo_rows')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('change_id', 'integer', (c) => c.notNull().references('undo_changes.id').onDelete('cascade'))
        .addColumn('table_name', 'text', (c) => c.notNull())
        .addColumn('op', 'text', (c) => c.notNull())
        .addColumn('row_key', 'integer', (c) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text'),
    );
    exec(s.createIndex('undo_rows_change').on('undo_rows').columns(['change_id', 'id']));
  },
};
