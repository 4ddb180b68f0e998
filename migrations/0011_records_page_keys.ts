// Schema v11: what the 台账 grid needs to answer a first page at 500,000 records without reading every
// record (issue 13, electron/services/records-query.ts). Additive: nothing existing changes meaning.
// - records_id_key (id, date, activity_type_id): a narrow copy of each record's date and type, found by
//   its id. A set of records found elsewhere (a cadre's, a contact object's, a text search's) is checked
//   against the year and sorted by date here, instead of reading each record's wide row (内容 …).
// - records_place / records_hours / records_days / records_companions: the other orders the grid sorts
//   by (地点, 课时, 天数, 陪同人数), each with the id (the grid's tie-break) and the date (the year filter),
//   so that the first page sorted by one of them is read in order rather than by sorting a year of rows.
// - records_day_counts: how many records each day has of each type, kept by triggers on records (any
//   writer — the app, an import, another program — keeps it true), so that the count of a year, of dates
//   or of types is a sum over at most a few thousand rows, not a count of hundreds of thousands. The
//   triggers use no conflict clause: inside a trigger the outer statement's conflict policy would win.
import type { Migration } from './context';

const add = (p: 'new' | 'old', d: 1 | -1) =>
  `INSERT INTO records_day_counts (date, activity_type_id, n)
         SELECT ${p}.date, ${p}.activity_type_id, 0 WHERE NOT EXISTS
           (SELECT 1 FROM records_day_counts WHERE date = ${p}.date AND activity_type_id = ${p}.activity_type_id);
       UPDATE records_day_counts SET n = n + (${d})
         WHERE date = ${p}.date AND activity_type_id = ${p}.activity_type_id;`;

/** Counts each new record (exported: an import's bulk load sets it aside while its SQL is still this). */
export const RECORDS_DAY_COUNTS_INSERT = `CREATE TRIGGER records_day_counts_insert AFTER INSERT ON records BEGIN ${add('new', 1)} END`;

export const m0011: Migration = {
  version: 11,
  name: 'records-page-keys',
  up({ exec }) {
    exec('CREATE INDEX records_id_key ON records (id, date, activity_type_id)');
    exec('CREATE INDEX records_place ON records (place, id, date)');
    exec('CREATE INDEX records_hours ON records (hours, id, date)');
    exec('CREATE INDEX records_days ON records (days, id, date)');
    exec('CREATE INDEX records_companions ON records (companions, id, date)');
    exec(`CREATE TABLE records_day_counts (
      date TEXT NOT NULL,
      activity_type_id INTEGER NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (date, activity_type_id)) WITHOUT ROWID`);
    exec(RECORDS_DAY_COUNTS_INSERT);
    exec(`CREATE TRIGGER records_day_counts_delete AFTER DELETE ON records BEGIN ${add('old', -1)} END`);
    exec(`CREATE TRIGGER records_day_counts_update AFTER UPDATE OF date, activity_type_id ON records
      WHEN old.date IS NOT new.date OR old.activity_type_id IS NOT new.activity_type_id
      BEGIN ${add('old', -1)} ${add('new', 1)} END`);
    exec(`INSERT INTO records_day_counts (date, activity_type_id, n)
      SELECT date, activity_type_id, count(*) FROM records GROUP BY date, activity_type_id`);
  },
};
