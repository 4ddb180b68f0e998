// The records' index (联系记录 内容 / 意见和建议 / 落实情况 / 地点, and who, whom and what kind): an FTS5
// table of character bigrams, so that a search of any length — Chinese words are mostly two characters —
// is an index lookup with exactly the meaning of the LIKE '%…%' it replaces (ASCII letters in either case,
// everything else as typed). Every token carries the record's year (migration 0013): the grid always asks
// for a year, and a year's matches are then one term's list, not a term's list intersected with the list
// of every record of the year (at 500,000 records that intersection was most of a search's time). The
// record's cadres, contact objects and type are tokens too (column `keys`), so that a filter by a name,
// a pinyin or a type is counted in the index as well, each record once however many of its cadres match.
// Triggers (migrations 0007, 0013) only queue the ids of changed records; the queue is indexed here, so
// writes stay cheap, every writer (the app, an import, a tool outside the app) keeps the index honest,
// and a search never uses an index that is behind.
import type { Db } from './db/db';

/** The columns of records that are indexed, as the FTS5 table names them. */
export type SearchColumn = 'content' | 'opinions' | 'implementation' | 'place';
const COLUMNS: readonly SearchColumn[] = ['content', 'opinions', 'implementation', 'place'];

/**
 * A character as four base-36 digits (36⁴ > the last code point), so that any pair of characters is one
 * 8-letter token the FTS5 'ascii' tokenizer keeps whole; 'zzzz' is no character and marks a field's end.
 */
const code = (ch: string) => ch.codePointAt(0)!.toString(36).padStart(4, '0');
const END = 'zzzz';

/** LIKE folds ASCII letters only; so does the index. */
const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** What every token of a record dated in `year` starts with. */
const yearMark = (year: number) => `y${year}`;

/** The tokens of one field of a record of `year`: the bigram starting at every character, the last one closed by END. */
export function searchTokens(text: string, year: number): string {
  const y = yearMark(year);
  const chars = Array.from(fold(text), code);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) out.push(y + chars[i]! + (chars[i + 1] ?? END));
  return out.join(' ');
}

/** What a record is linked to, as `keys` tokens: c17 is cadre 17, o5 contact object 5, t3 activity type 3. */
export type SearchKey = `${'c' | 'o' | 't'}${number}`;

/** The `keys` column of a record of `year`. */
export function keyTokens(keys: readonly SearchKey[], year: number): string {
  return keys.map((k) => yearMark(year) + k).join(' ');
}

/**
 * The FTS5 query finding `text` inside any of `columns` among the records of `year`: a phrase of its
 * consecutive bigrams (one token for a two-character word); a single character is every bigram that
 * starts with it.
 */
export function searchQuery(columns: readonly SearchColumn[], text: string, year: number): string {
  const y = yearMark(year);
  const chars = Array.from(fold(text), code);
  const target = `{${columns.join(' ')}}`;
  if (chars.length === 1) return `${target} : ${y}${chars[0]}*`;
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) bigrams.push(y + chars[i]! + chars[i + 1]!);
  return `${target} : "${bigrams.join(' ')}"`;
}

/** The FTS5 query finding the records of `year` linked to any of `keys` (none: no record). */
export function keysQuery(keys: readonly SearchKey[], year: number): string {
  if (keys.length === 0) return '{keys} : none';
  return `{keys} : (${keys.map((k) => yearMark(year) + k).join(' OR ')})`;
}

/** The year of a stored date as the index files it (a date the app did not write still has one). */
export const yearOfDate = (date: string) => Number(date.slice(0, 4)) || 0;

/** How many changed records wait to be indexed. */
export function pendingCount(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM records_search_pending').get() as { n: number }).n;
}

/**
 * Indexes up to `limit` queued records (all when omitted) in one transaction; returns how many. A record
 * deleted meanwhile leaves the index; one changed again after being read is queued again by its trigger.
 */
export function indexPending(db: Db, limit = Number.MAX_SAFE_INTEGER): number {
  const take = db.prepare('SELECT record_id AS id FROM records_search_pending ORDER BY record_id LIMIT ?');
  const read = db.prepare(
    `SELECT date, activity_type_id AS type, ${COLUMNS.join(', ')},
       (SELECT group_concat(cadre_id, ' ') FROM record_cadres WHERE record_id = r.id) AS cadres,
       (SELECT group_concat(object_id, ' ') FROM record_objects WHERE record_id = r.id) AS objects
     FROM records r WHERE id = ?`,
  );
  const drop = db.prepare('DELETE FROM records_search WHERE rowid = ?');
  const put = db.prepare(`INSERT INTO records_search (rowid, ${COLUMNS.join(', ')}, keys) VALUES (?, ?, ?, ?, ?, ?)`);
  const done = db.prepare('DELETE FROM records_search_pending WHERE record_id = ?');
  return db.tx(() => {
    const ids = (take.all(limit) as { id: number }[]).map((r) => r.id);
    for (const id of ids) {
      drop.run(id);
      const r = read.get(id) as
        | (Record<SearchColumn, string> & { date: string; type: number; cadres: string | null; objects: string | null })
        | undefined;
      if (r) {
        const year = yearOfDate(r.date);
        const ids = (s: string | null, kind: 'c' | 'o') =>
          s ? s.split(' ').map((x): SearchKey => `${kind}${Number(x)}`) : [];
        const keys: SearchKey[] = [`t${r.type}`, ...ids(r.cadres, 'c'), ...ids(r.objects, 'o')];
        put.run(id, ...COLUMNS.map((c) => searchTokens(r[c], year)), keyTokens(keys, year));
      }
      done.run(id);
    }
    return ids.length;
  });
}

export interface SearchIndex {
  /**
   * Whether searches may use the index now: a short queue is indexed on the spot; a long one (after an
   * import or the upgrade of a large file) is indexed in slices in the background, and until it is done
   * searches read the records themselves — slower, never wrong.
   */
  ready(): boolean;
}

export function createSearchIndex(
  db: Db,
  opts: { syncLimit?: number; slice?: number; defer?: (fn: () => void) => void } = {},
): SearchIndex {
  const syncLimit = opts.syncLimit ?? 2000;
  const slice = opts.slice ?? 2000;
  const defer = opts.defer ?? ((fn) => setTimeout(fn, 0).unref());
  let catchingUp = false;
  const step = () => {
    if (!db.sqlite.open) return void (catchingUp = false);
    try {
      if (indexPending(db, slice) === slice) return defer(step);
    } catch {
      // Busy (another program writing) or closed meanwhile: the next search starts again.
    }
    catchingUp = false;
  };
  return {
    ready() {
      const waiting = pendingCount(db);
      if (waiting === 0) return true;
      if (waiting <= syncLimit) {
        try {
          indexPending(db);
          return true;
        } catch {
          return false;
        }
      }
      if (!catchingUp) {
        catchingUp = true;
        defer(step);
      }
      return false;
    },
  };
}
