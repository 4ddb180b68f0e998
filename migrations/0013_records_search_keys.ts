// Schema v13: the records' index (migration 0007) made again so that the grid's filters are counted in it
// at 500,000 records (issue 13, electron/services/records-search.ts):
// - every token carries the record's year ("y2026" + the bigram) instead of one year token per record: a
//   year's matches of a word are that word's list alone, where intersecting it with the list of all the
//   year's records (330,000 of them) took 90–140 ms;
// - a column `keys` holds the record's cadres, contact objects and type (y2026c17 y2026o5 y2026t3), so that
//   a cadre's name or pinyin, an object or a type is a lookup in the index too, a record counted once
//   however many of its cadres match.
// The update trigger now also queues a record whose type changed, and new triggers on record_cadres and
// record_objects queue the record whose links changed. Every record is queued: the app indexes them in
// the background after opening (about a minute at 500,000 records), searching the records meanwhile.
import type { Migration } from './context';

/** Queues the record of each new link row (exported: an import's bulk load sets it aside while its SQL is still this). */
export const linkSearchInsert = (link: 'record_cadres' | 'record_objects') =>
  `CREATE TRIGGER ${link}_search_insert AFTER INSERT ON ${link} BEGIN
        INSERT OR IGNORE INTO records_search_pending (record_id) VALUES (new.record_id); END`;

export const m0013: Migration = {
  version: 13,
  name: 'records-search-keys',
  up({ exec }) {
    exec('DROP TABLE records_search');
    exec(`CREATE VIRTUAL TABLE records_search USING fts5(
      content, opinions, implementation, place, keys,
      content = '', contentless_delete = 1, tokenize = 'ascii', detail = full)`);
    exec('DROP TRIGGER records_search_update');
    exec(`CREATE TRIGGER records_search_update
      AFTER UPDATE OF id, date, activity_type_id, content, opinions, implementation, place ON records BEGIN
      INSERT OR IGNORE INTO records_search_pending (record_id) VALUES (old.id);
      INSERT OR IGNORE INTO records_search_pending (record_id) VALUES (new.id); END`);
    for (const [link, fk] of [
      ['record_cadres', 'cadre_id'],
      ['record_objects', 'object_id'],
    ] as const) {
      exec(linkSearchInsert(link));
      exec(`CREATE TRIGGER ${link}_search_update AFTER UPDATE OF record_id, ${fk} ON ${link} BEGIN
        INSERT OR IGNORE INTO records_search_pending (record_id) VALUES (old.record_id);
        INSERT OR IGNORE INTO records_search_pending (record_id) VALUES (new.record_id); END`);
      exec(`CREATE TRIGGER ${link}_search_delete AFTER DELETE ON ${link} BEGIN
        INSERT OR IGNORE INTO records_search_pending (record_id) VALUES (old.record_id); END`);
    }
    exec('INSERT OR IGNORE INTO records_search_pending (record_id) SELECT id FROM records');
  },
};
