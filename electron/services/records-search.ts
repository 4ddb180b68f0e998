// The records' text index (联系记录 内容 / 意见和建议 / 落实情况 / 地点): an FTS5 table of character
// bigrams, so that a search of any length — Chinese words are mostly two characters — is an index lookup
// with exactly the meaning of the LIKE '%…%' it replaces (ASCII letters in either case, everything else
// as typed). Triggers (migration 0007) only queue the ids of changed records; the queue is indexed here,
// so writes stay cheap, every writer (the app, an import, a tool outside the app) keeps the index honest,
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

/** The tokens of one field: the bigram starting at every character, the last one closed by END. */
export function searchTokens(text: string): string {
  const chars = Array.from(fold(text), code);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) out.push(chars[i]! + (chars[i + 1] ?? END));
  return out.join(' ');
}

/**
 * The FTS5 query finding `text` inside any of `columns`: a phrase of its consecutive bigrams (one token
 * for a two-character word); a single character is every bigram that starts with it.
 */
export function searchQuery(columns: readonly SearchColumn[], text: string): string {
  const chars = Array.from(fold(text), code);
  const target = `{${columns.join(' ')}}`;
  if (chars.length === 1) return `${target} : ${chars[0]}*`;
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) bigrams.push(chars[i]! + chars[i + 1]!);
  return `${target} : "${bigrams.join(' ')}"`;
}

/** The year a record is dated in, as the index holds it (the query `year : y2026`). */
export const yearToken = (year: number) => `y${year}`;

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
  const read = db.prepare(`SELECT date, ${COLUMNS.join(', ')} FROM records WHERE id = ?`);
  const drop = db.prepare('DELETE FROM records_search WHERE rowid = ?');
  const put = db.prepare(`INSERT INTO records_search (rowid, ${COLUMNS.join(', ')}, year) VALUES (?, ?, ?, ?, ?, ?)`);
  const done = db.prepare('DELETE FROM records_search_pending WHERE record_id = ?');
  return db.tx(() => {
    const ids = (take.all(limit) as { id: number }[]).map((r) => r.id);
    for (const id of ids) {
      drop.run(id);
      const r = read.get(id) as (Record<SearchColumn, string> & { date: string }) | undefined;
      if (r) put.run(id, ...COLUMNS.map((c) => searchTokens(r[c])), yearToken(Number(r.date.slice(0, 4))));
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
