// 演示数据: a university year under preset 002 — offered on an empty ledger, refused on real data, the
// same for the same seed, and a realistic mix: most cadres keep most obligations, a minority is behind.
import { beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import { bundledHolidays } from '../../electron/services/calendar';
import { demoSheets } from '../../electron/services/demo/index';
import type { DemoResult } from '../../shared/api/demo';
import { createWorkdayCalendar } from '../../shared/calendar/workdays';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir('ledger-demo-');
const now = () => new Date('2026-12-31T12:00:00+08:00');
let b: Backend;
let result: DemoResult;
const all = <T>(sql: string) => b.db.sqlite.prepare(sql).all() as T[];

beforeAll(async () => {
  b = await openBackend(tempDbPath(dir), { now });
  const r = await b.dispatch('demo.generate', {});
  if (!r.ok) throw new Error(r.error.message);
  result = r.value as DemoResult;
  return () => b.close();
});

describe('demo.generate on an empty ledger', () => {
  it('applies preset 002 first and fills a university: ~40 school leaders, ~250 middle-level cadres, a year of records', () => {
    expect(result.presetApplied).toBe(true);
    expect(all<{ name: string }>('SELECT name FROM regulations')[0]!.name).toContain('河南理工大学');
    const levels = Object.fromEntries(
      all<{ level: string; n: number }>('SELECT level, count(*) n FROM cadres GROUP BY 1').map((r) => [r.level, r.n]),
    );
    expect(levels['校级']).toBe(40);
    expect(levels['正处级']! + levels['副处级']!).toBeGreaterThan(200);
    expect(result.records).toBeGreaterThan(2500);
    expect(result.followUps).toBeGreaterThan(100);
    const roles = all<{ role: string }>('SELECT DISTINCT role FROM cadre_roles').map((r) => r.role);
    for (const r of [
      '党委书记',
      '校长',
      '分管教学',
      '分管学生工作',
      '分管科研',
      '分管马克思主义学院',
      '学院党委书记',
      '院长',
    ])
      expect(roles).toContain(r);
    const categories = all<{ category: string }>('SELECT DISTINCT category FROM contact_objects').map(
      (r) => r.category,
    );
    for (const c of [
      '学院',
      '班级',
      '宿舍',
      '社团',
      '学生党支部',
      '教工党支部',
      '高层次人才',
      '党外代表人士',
      '离退休校级领导干部',
    ])
      expect(categories).toContain(c);
    expect(
      all<{ grade: string }>("SELECT DISTINCT grade FROM contact_objects WHERE category = '班级' ORDER BY 1").map(
        (r) => r.grade,
      ),
    ).toEqual(['大一', '大三', '大二', '大四']);
  });

  it('assigns 2026 contact points by 第八、九、二十三、二十六、二十八、三十条', () => {
    const slots = Object.fromEntries(
      all<{ slot: string; n: number }>('SELECT slot, count(*) n FROM assignments WHERE year = 2026 GROUP BY 1').map(
        (r) => [r.slot, r.n],
      ),
    );
    expect(Object.keys(slots).sort()).toEqual(
      [
        '结对子',
        '联系党外代表人士',
        '联系党支部',
        '联系学院',
        '联系离退休老同志',
        '联系系（教研室）或班级',
        '联系高层次人才',
      ].sort(),
    );
    // 第八条: every school leader has 1–3 colleges and one 班级/宿舍/社团.
    const perLeader = all<{ n: number; pair: number }>(
      `SELECT sum(a.slot = '联系学院') n, sum(a.slot = '结对子') pair FROM cadres c JOIN assignments a ON a.cadre_id = c.id
       WHERE c.level = '校级' GROUP BY c.id`,
    );
    expect(perLeader).toHaveLength(40);
    for (const l of perLeader) {
      expect(l.n).toBeGreaterThanOrEqual(1);
      expect(l.n).toBeLessThanOrEqual(3);
      expect(l.pair).toBe(1);
    }
    // 第十条: a 结对子 class, dorm or society is not shared.
    expect(all("SELECT object_id FROM assignments WHERE slot = '结对子' GROUP BY 1 HAVING count(*) > 1")).toEqual([]);
  });

  it('records fall on working days; 听课 and 讲思政课 carry hours; some seminars have several cadres; some carry 意见和建议', () => {
    const cal = createWorkdayCalendar(bundledHolidays());
    const dates = all<{ date: string }>('SELECT DISTINCT date FROM records').map((r) => r.date);
    expect(dates.filter((d) => !cal.isWorkday(d))).toEqual([]);
    expect(
      all(
        "SELECT r.id FROM records r JOIN activity_types t ON t.id = r.activity_type_id WHERE t.name IN ('听课', '讲思政课') AND (r.hours IS NULL OR r.start_time IS NULL)",
      ),
    ).toEqual([]);
    expect(all('SELECT record_id FROM record_cadres GROUP BY 1 HAVING count(*) > 1').length).toBeGreaterThan(3);
    expect(all<{ n: number }>("SELECT count(*) n FROM records WHERE opinions <> ''")[0]!.n).toBeGreaterThan(100);
  });

  it('follow-ups in every status, handed to departments, some tied to their record', () => {
    const statuses = all<{ status: string }>('SELECT DISTINCT status FROM follow_ups ORDER BY 1')
      .map((r) => r.status)
      .sort();
    expect(statuses).toEqual(['已交办', '已办结', '已反馈', '待交办'].sort());
    expect(all<{ n: number }>('SELECT count(*) n FROM follow_ups WHERE record_id IS NOT NULL')[0]!.n).toBeGreaterThan(
      50,
    );
    expect(
      all<{ n: number }>("SELECT count(*) n FROM follow_ups WHERE status <> '待交办' AND department_id IS NULL")[0]!.n,
    ).toBe(0);
  });

  it('most college cadres observe their classes (听课) each semester, a minority falls behind', () => {
    const perCadre = all<{ n: number }>(
      `SELECT count(r.id) n FROM cadres c JOIN units u ON u.id = c.unit_id AND u.category = '学院'
       LEFT JOIN record_cadres rc ON rc.cadre_id = c.id
       LEFT JOIN records r ON r.id = rc.record_id AND r.date BETWEEN '2026-03-01' AND '2026-07-10'
         AND r.activity_type_id = (SELECT id FROM activity_types WHERE name = '听课')
       WHERE NOT EXISTS (SELECT 1 FROM cadre_roles x WHERE x.cadre_id = c.id AND x.role IN ('院长', '分管教学'))
       GROUP BY c.id`,
    );
    const met = perCadre.filter((c) => c.n >= 2).length;
    expect(met / perCadre.length).toBeGreaterThan(0.6);
    expect(met / perCadre.length).toBeLessThan(0.98);
  });

  it('is refused once the ledger has cadres or records, so it never mixes with real data', async () => {
    const r = await b.dispatch('demo.generate', { year: 2026 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('此台账已有干部或联系记录，不能生成演示数据');
  });
});

describe('the generator', () => {
  it('is deterministic: the same seed gives the same rows, another seed other rows', () => {
    const a = demoSheets(2026, 5);
    expect(demoSheets(2026, 5)).toEqual(a);
    expect(demoSheets(2026, 6).records).not.toEqual(a.records);
  });

  it('keeps a ledger up to today: nothing after asOf', () => {
    const s = demoSheets(2026, 1, '2026-05-31');
    expect(s.records.every((r) => String(r.date) <= '2026-05-31')).toBe(true);
    expect(s.records.length).toBeGreaterThan(500);
  });
});
