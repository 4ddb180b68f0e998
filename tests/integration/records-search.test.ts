// 台账 search by 内容 and 地点 through the text index: the same records as reading every record with LIKE,
// for any text a secretary may type, and never behind a change — made in the app or outside it.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import { pendingCount } from '../../electron/services/records-search';
import { migrations } from '../../migrations/index';
import type { LedgerRecord } from '../../shared/domain/record';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir();

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

// Two-character words, ASCII in both cases, LIKE's own wildcards, spaces, punctuation, a character outside
// the BMP and accented letters (which LIKE, and so the index, does not fold).
const ALPHABET = [
  ...'宿舍热水食堂图书馆就业师生意见',
  'A',
  'a',
  'b',
  'B',
  '，',
  ' ',
  '%',
  '_',
  '\\',
  '1',
  '😀',
  'é',
  'É',
  '"',
  '*',
];

function text(rand: () => number, max: number): string {
  let t = '';
  const n = Math.floor(rand() * max);
  for (let i = 0; i < n; i++) t += ALPHABET[Math.floor(rand() * ALPHABET.length)];
  return t;
}

const likeArg = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** What reading every record finds: the reference the index must equal. */
function byLike(path: string, filters: { text?: string; place?: string }): number[] {
  const raw = new Database(path, { readonly: true });
  try {
    const where: string[] = [];
    const args: string[] = [];
    if (filters.text) {
      where.push("(content LIKE ? ESCAPE '\\' OR opinions LIKE ? ESCAPE '\\' OR implementation LIKE ? ESCAPE '\\')");
      args.push(likeArg(filters.text), likeArg(filters.text), likeArg(filters.text));
    }
    if (filters.place) {
      where.push("place LIKE ? ESCAPE '\\'");
      args.push(likeArg(filters.place));
    }
    return (
      raw.prepare(`SELECT id FROM records WHERE ${where.join(' AND ')} ORDER BY date DESC, id DESC`).all(...args) as {
        id: number;
      }[]
    ).map((r) => r.id);
  } finally {
    raw.close();
  }
}

async function page(
  b: Backend,
  filters: { text?: string; place?: string; cadre?: string; object?: string; year?: number },
) {
  const r = await b.dispatch('records.page', { offset: 0, limit: 1000, filters });
  if (!r.ok) throw new Error(r.error.message);
  const v = r.value as { rows: LedgerRecord[]; total: number };
  return { ids: v.rows.map((x) => x.id), total: v.total };
}

/** Records written straight into the file, as an import or another program would. */
function fill(path: string, n: number, seed: number, firstId = 1): void {
  const rand = rng(seed);
  const raw = new Database(path);
  const at = '2026-01-01T00:00:00Z';
  raw.transaction(() => {
    raw.prepare("INSERT OR IGNORE INTO activity_types (id, name, sort) VALUES (1, '座谈', 0)").run();
    const ins = raw.prepare(
      `INSERT INTO records (id, date, activity_type_id, place, content, opinions, implementation, created_at, updated_at)
       VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 0; i < n; i++) {
      const date = `2026-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
      ins.run(firstId + i, date, text(rand, 6), text(rand, 14), text(rand, 8), text(rand, 8), at, at);
    }
  })();
  raw.close();
}

describe('searching records by 内容 and 地点', () => {
  it('finds exactly what reading every record with LIKE finds, for 300 random searches', async () => {
    const path = tempDbPath(dir);
    (await openBackend(path)).close();
    fill(path, 600, 11);
    const b = await openBackend(path);
    try {
      const rand = rng(5);
      const all = new Database(path, { readonly: true });
      const texts = (all.prepare('SELECT content, place FROM records').all() as { content: string; place: string }[])
        .flatMap((r) => [r.content, r.place])
        .filter((t) => t.length > 0);
      all.close();
      for (let i = 0; i < 300; i++) {
        // Half the searches are pieces of real text (so they hit), half random strings of 1–4 characters.
        let q: string;
        if (rand() < 0.5) {
          const t = Array.from(texts[Math.floor(rand() * texts.length)]!);
          const start = Math.floor(rand() * t.length);
          q = t.slice(start, start + 1 + Math.floor(rand() * 4)).join('');
        } else q = text(() => rand(), 5) || '热';
        q = q.trim();
        if (!q) continue;
        const filters = rand() < 0.7 ? { text: q } : rand() < 0.5 ? { place: q } : { text: q, place: q.slice(0, 1) };
        const expected = byLike(path, filters);
        const got = await page(b, filters);
        expect(got.total, JSON.stringify(filters)).toBe(expected.length);
        expect(got.ids, JSON.stringify(filters)).toEqual(expected.slice(0, 1000));
      }
      expect(pendingCount(b.db)).toBe(0);
    } finally {
      b.close();
    }
  }, 180_000);

  it('follows every change at once: a new record, an edit, a deletion, a write by another program', async () => {
    const path = tempDbPath(dir);
    const b = await openBackend(path);
    try {
      const type = await b.dispatch('vocabulary.addActivityType', { name: '座谈' });
      if (!type.ok) throw new Error(type.error.message);
      const typeId = (type.value as { id: number }).id;
      const cadre = await b.dispatch('cadres.create', { name: '张三', title: '党委书记' });
      if (!cadre.ok) throw new Error(cadre.error.message);
      const made = await b.dispatch('records.create', {
        date: '2026-03-05',
        activityTypeId: typeId,
        cadreIds: [(cadre.value as { id: number }).id],
        objectIds: [],
        place: '学生第一食堂',
        content: '与学生座谈，了解宿舍热水供应',
        opinions: '',
        implementation: '',
      });
      if (!made.ok) throw new Error(made.error.message);
      const id = (made.value as LedgerRecord).id;
      expect((await page(b, { text: '热水' })).ids).toEqual([id]);
      expect((await page(b, { place: '食堂' })).ids).toEqual([id]);

      await b.dispatch('records.update', { id, patch: { content: '走访图书馆，了解自习座位', place: '图书馆' } });
      expect((await page(b, { text: '热水' })).total).toBe(0);
      expect((await page(b, { text: '自习座位' })).ids).toEqual([id]);
      expect((await page(b, { place: '食堂' })).total).toBe(0);

      // Another program writes into the file: the next search sees it.
      fill(path, 3, 1, 1000);
      const raw = new Database(path);
      raw.prepare("UPDATE records SET content = '宿舍热水' WHERE id = 1001").run();
      raw.close();
      expect((await page(b, { text: '宿舍热水' })).ids).toContain(1001);

      // Cadres and objects are in the index too: changing a record's cadres, or another program linking
      // an object, shows at the next search by name or pinyin.
      const other = await b.dispatch('cadres.create', { name: '李四', title: '处长' });
      if (!other.ok) throw new Error(other.error.message);
      const liId = (other.value as { id: number }).id;
      expect((await page(b, { cadre: 'zs', year: 2026 })).ids).toEqual([id]);
      await b.dispatch('records.update', { id, patch: { cadreIds: [liId] } });
      expect((await page(b, { cadre: 'zs', year: 2026 })).total).toBe(0);
      expect((await page(b, { cadre: '李四', year: 2026 })).ids).toEqual([id]);
      await b.dispatch('vocabulary.addObjectCategory', { name: '宿舍' });
      const object = await b.dispatch('objects.create', { name: '三号宿舍', category: '宿舍' });
      if (!object.ok) throw new Error(object.error.message);
      expect((await page(b, { object: '宿舍' })).total).toBe(0);
      const linker = new Database(path);
      linker
        .prepare('INSERT INTO record_objects (record_id, object_id, position) VALUES (?, ?, 0)')
        .run(id, (object.value as { id: number }).id);
      linker.close();
      expect((await page(b, { object: '宿舍', year: 2026 })).ids).toEqual([id]);
      expect((await page(b, { object: 'shs', year: 2025 })).total).toBe(0);

      await b.dispatch('records.delete', { id });
      expect((await page(b, { text: '自习座位' })).total).toBe(0);
      expect((await page(b, { cadre: '李四' })).total).toBe(0);
    } finally {
      b.close();
    }
  });

  it('a file from before the index is searchable after the upgrade; a long queue is indexed in the background, searches right meanwhile', async () => {
    const path = tempDbPath(dir);
    // A version-2 ledger, as the previous program left it.
    (await openBackend(path, { migrations: migrations.filter((m) => m.version <= 2) })).close();
    fill(path, 5000, 3);
    const b = await openBackend(path);
    try {
      expect(pendingCount(b.db)).toBe(5000);
      const expected = byLike(path, { text: '热水' });
      expect(expected.length).toBeGreaterThan(0);
      // Too many to index on the spot: this search reads the records, and indexing starts behind it.
      expect((await page(b, { text: '热水' })).total).toBe(expected.length);
      for (let i = 0; i < 200 && pendingCount(b.db) > 0; i++) await new Promise((r) => setTimeout(r, 25));
      expect(pendingCount(b.db)).toBe(0);
      const got = await page(b, { text: '热水' });
      expect(got.total).toBe(expected.length);
      expect(got.ids).toEqual(expected.slice(0, 1000));
    } finally {
      b.close();
    }
  });
});

describe('reading a page of records at any size', () => {
  it('every mix of filters, sorts and pages reads what a plain query reads, walking the records or starting from the smallest set', async () => {
    const path = tempDbPath(dir);
    (await openBackend(path)).close();
    fill(path, 800, 21);
    const rand = rng(9);
    const raw = new Database(path);
    const at = '2026-01-01T00:00:00Z';
    raw.transaction(() => {
      raw.prepare("INSERT INTO activity_types (id, name, sort) VALUES (2, '听课', 1), (3, '走访', 2)").run();
      raw
        .prepare(
          'UPDATE records SET activity_type_id = 1 + (id % 3), hours = id % 4, date = ? || substr(date, 5) WHERE id % 5 = 0',
        )
        .run('2025');
      // 天数 and 陪同人数 with empty cells among them (they sort first, ascending), 地点 with many ties.
      raw
        .prepare(
          "UPDATE records SET days = CASE WHEN id % 3 = 0 THEN NULL ELSE (id % 4) * 0.5 END, companions = CASE WHEN id % 4 = 0 THEN NULL ELSE id % 3 END, place = CASE WHEN id % 2 = 0 THEN '食堂' ELSE place END",
        )
        .run();
      const cadre = raw.prepare(
        'INSERT INTO cadres (name, title, pinyin, initials, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      );
      for (const [n, p, i] of [
        ['张三', 'zhangsan', 'zs'],
        ['张思', 'zhangsi', 'zs'],
        ['李四', 'lisi', 'ls'],
        ['王伟', 'wangwei', 'ww'],
      ])
        cadre.run(n, '处长', p, i, at, at);
      const obj = raw.prepare(
        'INSERT INTO contact_objects (name, category, pinyin, initials, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      );
      for (const [n, p, i] of [
        ['机械2501班', 'jixie2501ban', 'jx2501b'],
        ['图书馆', 'tushuguan', 'tsg'],
        ['三号宿舍', 'sanhaosushe', 'shss'],
      ])
        obj.run(n, '班级', p, i, at, at);
      const rc = raw.prepare(
        "INSERT OR IGNORE INTO record_cadres (record_id, cadre_id, title, position) VALUES (?, ?, '处长', 0)",
      );
      const ro = raw.prepare('INSERT OR IGNORE INTO record_objects (record_id, object_id, position) VALUES (?, ?, 0)');
      for (let id = 1; id <= 800; id++) {
        rc.run(id, 1 + (id % 4));
        if (id % 7 === 0) rc.run(id, 1 + ((id + 1) % 4));
        if (id % 3) ro.run(id, 1 + (id % 3));
      }
    })();
    raw.close();
    const { recordsQuery } = await import('../../electron/services/records-query');
    const { createSearchIndex } = await import('../../electron/services/records-search');
    const b = await openBackend(path);
    const ref = new Database(path, { readonly: true });
    try {
      const search = createSearchIndex(b.db);
      const pickOne = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
      const sorts = [
        [{ field: 'date', dir: 'desc' }],
        [{ field: 'date', dir: 'asc' }],
        [{ field: 'activityType', dir: 'asc' }],
        [{ field: 'activityType', dir: 'desc' }],
        [{ field: 'place', dir: 'asc' }],
        [{ field: 'place', dir: 'desc' }],
        [{ field: 'hours', dir: 'asc' }],
        [{ field: 'hours', dir: 'desc' }],
        [{ field: 'days', dir: 'desc' }],
        [{ field: 'companions', dir: 'asc' }],
        [
          { field: 'hours', dir: 'desc' },
          { field: 'date', dir: 'asc' },
        ],
        [
          { field: 'activityType', dir: 'asc' },
          { field: 'companions', dir: 'desc' },
        ],
      ] as const;
      for (let i = 0; i < 150; i++) {
        const f: Record<string, unknown> = {};
        if (rand() < 0.5) f.year = pickOne([2025, 2026]);
        if (rand() < 0.2) f.activityTypeIds = [pickOne([1, 2, 3])];
        if (rand() < 0.3) f.cadre = pickOne(['张', 'zs', 'zhangs', 'lisi', 'w', '王伟', '无此人']);
        if (rand() < 0.15) f.cadreId = pickOne([1, 2, 3, 4]);
        if (rand() < 0.25) f.object = pickOne(['图书', 'tsg', 'jixie', '宿舍']);
        if (rand() < 0.3) f.text = pickOne(['热水', '宿', 'a', '师生意见', '%', '食堂']);
        if (rand() < 0.2) f.place = pickOne(['食', 'B', '堂']);
        if (rand() < 0.15) f.hasOpinions = rand() < 0.5;
        const sort = pickOne([...sorts]) as unknown as Parameters<typeof recordsQuery>[2];
        const offset = pickOne([0, 0, 30, 200]);
        const limit = pickOne([10, 50, 100]);

        // The reference: the plainest SQL for the same meaning, in the same order.
        const where: string[] = [];
        const args: unknown[] = [];
        const add = (cond: string, ...a: unknown[]) => {
          where.push(cond);
          args.push(...a);
        };
        if (f.year !== undefined) add('substr(r.date, 1, 4) = ?', String(f.year));
        if (f.activityTypeIds) add('r.activity_type_id = ?', (f.activityTypeIds as number[])[0]);
        const named = (link: string, fk: string, table: string, q: string) =>
          add(
            `EXISTS (SELECT 1 FROM ${link} l JOIN ${table} x ON x.id = l.${fk} WHERE l.record_id = r.id AND (x.name LIKE ? ESCAPE '\\' OR x.initials LIKE ? OR x.pinyin LIKE ?))`,
            likeArg(q),
            `${q.toLowerCase()}%`,
            `${q.toLowerCase()}%`,
          );
        if (f.cadre) named('record_cadres', 'cadre_id', 'cadres', f.cadre as string);
        if (f.cadreId)
          add('EXISTS (SELECT 1 FROM record_cadres l WHERE l.record_id = r.id AND l.cadre_id = ?)', f.cadreId);
        if (f.object) named('record_objects', 'object_id', 'contact_objects', f.object as string);
        if (f.text) {
          const t = likeArg(f.text as string);
          add(
            "(r.content LIKE ? ESCAPE '\\' OR r.opinions LIKE ? ESCAPE '\\' OR r.implementation LIKE ? ESCAPE '\\')",
            t,
            t,
            t,
          );
        }
        if (f.place) add("r.place LIKE ? ESCAPE '\\'", likeArg(f.place as string));
        if (f.hasOpinions !== undefined) where.push(f.hasOpinions ? "r.opinions != ''" : "r.opinions = ''");
        const col = {
          date: 'r.date',
          activityType: 't.name',
          place: 'r.place',
          hours: 'r.hours',
          days: 'r.days',
          companions: 'r.companions',
        } as Record<string, string>;
        const order = sort.map((s) => `${col[s.field]} ${s.dir}`);
        const byType = sort.some((s) => s.field === 'activityType');
        if (byType && !sort.some((s) => s.field === 'date')) order.push('r.date DESC', 'r.id DESC');
        else order.push(`r.id ${sort[0]!.dir}`);
        const sql = `SELECT r.id FROM records r JOIN activity_types t ON t.id = r.activity_type_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${order.join(', ')}`;
        const all = (ref.prepare(sql).all(...args) as { id: number }[]).map((r) => r.id);
        const expected = all.slice(offset, offset + limit);
        const label = JSON.stringify({ f, sort, offset, limit });
        // Each way of reading, with an index search's matches copied out as counted or only counted (as
        // when there are thousands: walking then checks each record's own text), the page read before or
        // after the count (the service counts first; a forced count copies the matches out).
        for (const mode of ['walk', 'drive', 'whole', undefined] as const)
          for (const copyAtOnce of [0, 5000]) {
            const how = `${mode ?? 'chosen'} ${copyAtOnce} ${label}`;
            const q = recordsQuery(b.db, search, sort, f as Parameters<typeof recordsQuery>[3], mode, how, copyAtOnce);
            if (mode) expect(q.ids(offset, limit), how).toEqual(expected);
            expect(q.count(), how).toBe(all.length);
            expect(q.ids(offset, limit), how).toEqual(expected);
          }
      }
    } finally {
      ref.close();
      b.close();
    }
  }, 180_000);
});

describe('a name that matches thousands of contact objects', () => {
  it('still finds their records (the matches stay a subquery instead of a list of values)', async () => {
    const path = tempDbPath(dir);
    (await openBackend(path)).close();
    fill(path, 300, 4);
    const raw = new Database(path);
    const at = '2026-01-01T00:00:00Z';
    raw.transaction(() => {
      raw
        .prepare("INSERT INTO cadres (id, name, title, created_at, updated_at) VALUES (1, '张三', '', ?, ?)")
        .run(at, at);
      const obj = raw.prepare(
        "INSERT INTO contact_objects (id, name, category, pinyin, initials, created_at, updated_at) VALUES (?, ?, '班级', '', '', ?, ?)",
      );
      for (let i = 1; i <= 2500; i++) obj.run(i, `测试班${i}`, at, at);
      const ro = raw.prepare('INSERT INTO record_objects (record_id, object_id, position) VALUES (?, ?, 0)');
      for (let id = 1; id <= 300; id += 2) ro.run(id, 1 + ((id * 7) % 2500));
    })();
    raw.close();
    const b = await openBackend(path);
    try {
      const r = await b.dispatch('records.page', { offset: 0, limit: 1000, filters: { object: '测试' } });
      if (!r.ok) throw new Error(r.error.message);
      const v = r.value as { rows: LedgerRecord[]; total: number };
      expect(v.total).toBe(150);
      expect(v.rows.every((x) => x.id % 2 === 1)).toBe(true);
    } finally {
      b.close();
    }
  });
});

describe('the counts of 台账 kept per day and type', () => {
  /** Every count the grid may ask for, from the service and from a plain count over the records. */
  async function compareCounts(b: Backend, path: string, types: number[], when: string) {
    const raw = new Database(path, { readonly: true });
    try {
      const filters: Record<string, unknown>[] = [
        {},
        { year: 2025 },
        { year: 2026 },
        { year: 2027 },
        { dateFrom: '2026-02-10', dateTo: '2026-11-03' },
        { year: 2026, dateFrom: '2026-06-01' },
        ...types.flatMap((t) => [{ activityTypeIds: [t] }, { year: 2026, activityTypeIds: [t] }]),
        { year: 2026, activityTypeIds: types },
      ];
      for (const f of filters) {
        const where: string[] = [];
        const args: unknown[] = [];
        if (f.year !== undefined) {
          where.push('substr(date, 1, 4) = ?');
          args.push(String(f.year));
        }
        if (f.dateFrom) {
          where.push('date >= ?');
          args.push(f.dateFrom);
        }
        if (f.dateTo) {
          where.push('date <= ?');
          args.push(f.dateTo);
        }
        if (f.activityTypeIds) {
          const ids = f.activityTypeIds as number[];
          where.push(`activity_type_id IN (${ids.map(() => '?').join(',')})`);
          args.push(...ids);
        }
        const expected = (
          raw
            .prepare(`SELECT count(*) AS n FROM records ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`)
            .get(...args) as { n: number }
        ).n;
        const r = await b.dispatch('records.page', { offset: 0, limit: 5, filters: f });
        if (!r.ok) throw new Error(r.error.message);
        expect((r.value as { total: number }).total, `${when} ${JSON.stringify(f)}`).toBe(expected);
      }
      // The kept table itself: one row per day and type that has records, with their number.
      const kept = raw
        .prepare('SELECT date, activity_type_id, n FROM records_day_counts WHERE n != 0 ORDER BY 1, 2')
        .all();
      const counted = raw
        .prepare('SELECT date, activity_type_id, count(*) AS n FROM records GROUP BY 1, 2 ORDER BY 1, 2')
        .all();
      expect(kept, when).toEqual(counted);
    } finally {
      raw.close();
    }
  }

  it('stay true through the app’s writes, an undo, an upgrade and another program’s writes', async () => {
    const path = tempDbPath(dir);
    // Records written before the kept counts existed (a version-10 file) are counted by the upgrade.
    (await openBackend(path, { migrations: migrations.filter((m) => m.version <= 10) })).close();
    fill(path, 400, 31);
    let b = await openBackend(path);
    try {
      const ok = async <T>(method: string, input: unknown): Promise<T> => {
        const r = await b.dispatch(method as never, input as never);
        if (!r.ok) throw new Error(r.error.message);
        return r.value as T;
      };
      const types = [1, (await ok<{ id: number }>('vocabulary.addActivityType', { name: '听课' })).id];
      await compareCounts(b, path, types, 'after the upgrade');
      const cadre = await ok<{ id: number }>('cadres.create', { name: '张三', title: '党委书记' });
      const input = (date: string, activityTypeId: number) => ({
        date,
        activityTypeId,
        cadreIds: [cadre.id],
        objectIds: [],
        place: '会议室',
        content: '座谈',
        opinions: '',
        implementation: '',
      });
      const made = await ok<LedgerRecord>('records.create', input('2026-03-05', types[1]!));
      await ok('records.createMany', { records: [input('2025-12-31', 1), input('2027-01-01', types[1]!)] });
      await compareCounts(b, path, types, 'after creating');
      await ok('records.update', { id: made.id, patch: { date: '2025-03-05' } });
      await ok('records.update', { id: made.id, patch: { activityTypeId: 1 } });
      await ok('records.update', { id: made.id, patch: { content: '走访' } });
      await compareCounts(b, path, types, 'after editing date, type and text');
      await ok('records.delete', { id: 7 });
      await ok('records.delete', { id: made.id });
      await compareCounts(b, path, types, 'after deleting');
      await ok('changes.undo', {});
      await compareCounts(b, path, types, 'after undoing a deletion');
      // Another program writes into the file while the app has it open.
      const other = new Database(path);
      other.prepare("UPDATE records SET date = '2027-02-02', activity_type_id = ? WHERE id % 9 = 0").run(types[1]);
      other.prepare('DELETE FROM records WHERE id % 11 = 0 AND id NOT IN (SELECT record_id FROM record_cadres)').run();
      other.close();
      fill(path, 50, 5, 2000);
      await compareCounts(b, path, types, 'after another program’s writes');
      b.close();
      b = await openBackend(path);
      await compareCounts(b, path, types, 'reopened');
    } finally {
      b.close();
    }
  });
});

describe('a ledger another program holds', () => {
  it('is searched read-only the same as by its holder (the matches kept in a temporary table)', async () => {
    const path = tempDbPath(dir);
    (await openBackend(path)).close();
    fill(path, 500, 8);
    const holder = await openBackend(path);
    const reader = await openBackend(path, { access: 'read' });
    try {
      for (const filters of [{ text: '热' }, { place: '宿' }, { text: '师生' }]) {
        const expected = byLike(path, filters);
        for (const b of [holder, reader]) {
          const got = await page(b, filters);
          expect(got.total, JSON.stringify(filters)).toBe(expected.length);
          expect(got.ids, JSON.stringify(filters)).toEqual(expected.slice(0, 1000));
        }
      }
      const w = await reader.dispatch('records.delete', { id: 1 });
      expect(w.ok).toBe(false);
    } finally {
      reader.close();
      holder.close();
    }
  });
});
