// The records grid at 500,000 records: how long a page takes through the API (validation, SQL with
// sorting and filtering, names of cadres and objects), against the same SQL run raw.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend } from '../../electron/services/backend';

const RECORDS = 500_000;
const CADRES = 2_000;
const OBJECTS = 5_000;
const TYPES = ['调研', '走访', '接待日', '听课', '讲思政课', '座谈', '谈心谈话', '组织生活'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => unknown, runs = 15, untimed?: () => void): number {
  fn(); // warm the statement cache and the page cache
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    untimed?.();
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

/** Fills a ledger quickly with raw inserts (the benchmark measures reading, not this). */
function fill(path: string): void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  const at = '2026-01-01T00:00:00Z';
  db.transaction(() => {
    const type = db.prepare('INSERT INTO activity_types (name, sort) VALUES (?, ?)');
    TYPES.forEach((t, i) => type.run(t, i));
    const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
    const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英';
    const cadre = db.prepare(
      'INSERT INTO cadres (name, title, pinyin, initials, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    for (let i = 0; i < CADRES; i++)
      cadre.run(`${surnames[i % 20]}${given[(i * 7) % 24]}${given[(i * 13) % 24]}`, '处长', `x${i}`, `x${i}`, at, at);
    const obj = db.prepare('INSERT INTO contact_objects (name, category, created_at, updated_at) VALUES (?, ?, ?, ?)');
    for (let i = 0; i < OBJECTS; i++) obj.run(`对象${i}`, '班级', at, at);
    const rec = db.prepare(
      `INSERT INTO records (date, start_time, end_time, activity_type_id, place, content, opinions, hours, created_at, updated_at)
       VALUES (?, '15:00', '17:00', ?, ?, ?, ?, ?, ?, ?)`,
    );
    const rc = db.prepare('INSERT INTO record_cadres (record_id, cadre_id, title, position) VALUES (?, ?, ?, ?)');
    const ro = db.prepare('INSERT INTO record_objects (record_id, object_id, position) VALUES (?, ?, 0)');
    for (let i = 1; i <= RECORDS; i++) {
      const day = 1 + (i % 365);
      const date = new Date(Date.UTC(2026, 0, day)).toISOString().slice(0, 10);
      rec.run(
        date,
        1 + (i % TYPES.length),
        `会议室${i % 50}`,
        `第${i}次联系，听取师生意见`,
        i % 7 ? '' : '宿舍热水',
        2,
        at,
        at,
      );
      rc.run(i, 1 + (i % CADRES), '处长', 0);
      if (i % 5 === 0) rc.run(i, 1 + ((i + CADRES / 2) % CADRES), '处长', 1);
      ro.run(i, 1 + (i % OBJECTS));
    }
  })();
  db.close();
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-grid-'));
  const path = join(dir, 'ledger.sqlite');
  try {
    (await openBackend(path)).close();
    let t = performance.now();
    fill(path);
    console.log(
      `filled ${RECORDS.toLocaleString()} records (${CADRES} cadres, ${OBJECTS} objects) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    const b = await openBackend(path);
    const page = b.handlers['records.page'];
    const deep = Math.floor(RECORDS * 0.8);
    const cases: [string, Parameters<typeof page>[0], string][] = [
      [
        'first page',
        { offset: 0, limit: 100, sort: [{ field: 'date', dir: 'desc' }], filters: {} },
        'SELECT * FROM records ORDER BY date DESC, id DESC LIMIT 100',
      ],
      [
        `page at row ${deep.toLocaleString()}`,
        { offset: deep, limit: 100, sort: [{ field: 'date', dir: 'desc' }], filters: {} },
        `SELECT * FROM records ORDER BY date DESC, id DESC LIMIT 100 OFFSET ${deep}`,
      ],
      [
        'filtered (2026, 听课, has 意见) + sorted by date ↑',
        {
          offset: 0,
          limit: 100,
          sort: [{ field: 'date', dir: 'asc' }],
          filters: { year: 2026, activityTypeIds: [4], hasOpinions: true },
        },
        "SELECT * FROM records WHERE date BETWEEN '2026-01-01' AND '2026-12-31' AND activity_type_id = 4 AND opinions != '' ORDER BY date, id LIMIT 100",
      ],
      [
        'filtered by one cadre + sorted by date ↓',
        { offset: 0, limit: 100, sort: [{ field: 'date', dir: 'desc' }], filters: { cadreId: 17 } },
        'SELECT * FROM records WHERE id IN (SELECT record_id FROM record_cadres WHERE cadre_id = 17) ORDER BY date DESC, id DESC LIMIT 100',
      ],
    ];
    // A change to the file between runs makes every timed call count its total afresh, as after a new
    // filter; "scrolling" is the next block with the same filter, when the grid's total is already known.
    const touch = b.db.sqlite.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('bench', ?)");
    let n = 0;
    console.log(
      'case | API page, new filter (ms, median of 15) | API next block while scrolling | raw SQL page (ms) | new filter ÷ raw',
    );
    for (const [name, input, raw] of cases) {
      const stmt = b.db.sqlite.prepare(raw);
      const api = time(
        () => page(input),
        15,
        () => touch.run(String(++n)),
      );
      const scrolling = time(() => page(input));
      const bare = time(() => stmt.all());
      console.log(
        `${name} | ${api.toFixed(1)} | ${scrolling.toFixed(1)} | ${bare.toFixed(1)} | ${(api / bare).toFixed(1)}×`,
      );
    }
    t = performance.now();
    const total = (
      page({ offset: 0, limit: 1, sort: [{ field: 'date', dir: 'desc' }], filters: {} }) as { total: number }
    ).total;
    console.log(
      `(total shown in the grid: ${total.toLocaleString()}; one call ${(performance.now() - t).toFixed(1)} ms)`,
    );
    b.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
