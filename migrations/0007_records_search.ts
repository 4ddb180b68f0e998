// Schema v7: the records' text index (issue 13). An FTS5 table of character bigrams over 内容, 意见和建议,
// 落实情况 and 地点, with the record's year as one more token (so that a year's matches are counted in
// the index alone), filled by the app (electron/services/records-search.ts) from a queue that triggers
// keep: any writer — the app, an import, a tool outside the app — only queues the id of what it changed,
// so writes stay as cheap as before and the index never silently misses a change. Existing records are
// queued here and indexed by the app after opening.
import type { Migration } from './context';

/** Queues each new record (exported: an import's bulk load sets it aside while its SQL is still this). */
export const RECORDS_SEARCH_INSERT = `CREATE TRIGGER records_search_insert AFTER INSERT ON records BEGIN
      INSERT OR IGNORE INTO records_search_pending (record_id) VALUES (new.id); END`;

export const m0007: Migration = {
  version: 7,
  name: 'records-search',
  up({ exec }) {
    // contentless: the text stays in records only; contentless_delete lets a row be dropped by its id.
    exec(`CREATE VIRTUAL TABLE records_search USING fts5(
      content, opinions, implementation, place, year,
      content = '', contentless_delete = 1, tokenize = 'ascii', detail = full)`);
    exec('CREATE TABLE records_search_pending (record_id INTEGER PRIMARY KEY)');
    exec(RECORDS_SEARCH_INSERT);
    exec(`CREATE TRIGGER records_search_update AFTER UPDATE OF id, date, content, opinions, implementation, place ON records BEGIN
      INSERT OR IGNORE INTO records_search_pending (record_id) VALUES (old.id);
      INSERT OR IGNORE INTO records_search_pending (record_id) VALUES (new.id); END`);
    exec(`CREATE TRIGGER records_search_delete AFTER DELETE ON records BEGIN
      INSERT OR IGNORE INTO records_search_pending (record_id) VALUES (old.id); END`);
    exec('INSERT INTO records_search_pending (record_id) SELECT id FROM records');
  },
};
