// What a secretary reads in the running text of the 通报 and the 考核 report: a cadre's name (“孔 / 洋海”), a unit's
// name, a date (“统计截至2026 / 年11月20日”), a number with its unit (“实0 / 次”) or a Latin word never split at a
// line end, and no line starting with closing punctuation or ending with opening punctuation. Read back from the PDFs
// of the demo ledger (preset 002) and the county ledger (preset 004): the lines outside tables, each line end checked
// against the ledger's own names (running.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/services/backend';
import { tempDbPath, tempDir } from '../support/tmp';
import { openCountyAndDemo } from './county-fixture';
import { draftPdf, measurePdf } from './measure';
import { lineEndFaults, runningLines } from './running';

process.env.LEDGER_SYSTEM_FONTS = '0';
const dir = tempDir();
const NOW = () => new Date('2026-11-20T08:00:00+08:00');

/** Cadres, units and contact objects of up to 10 characters (a longer name may break: see ledger.ts keepWords). */
function namesOf(b: Backend): string[] {
  const rows = b.db.sqlite
    .prepare('SELECT name FROM cadres UNION SELECT name FROM units UNION SELECT name FROM contact_objects')
    .all() as { name: string }[];
  return rows.map((r) => r.name).filter((n) => [...n].length <= 10);
}

async function lines(b: Backend, input: Record<string, unknown>, name: string) {
  return runningLines(await measurePdf(await draftPdf(b, input, name)));
}

describe('running text keeps names, dates, numbers and Latin words whole at line ends', () => {
  let county: Backend;
  let demo: Backend;
  beforeAll(async () => {
    const both = await openCountyAndDemo(() => tempDbPath(dir), NOW);
    ({ county, demo } = both);
    return both.close;
  }, 120_000);

  it('the demo 通报 names every cadre behind on a requirement whole (“孔洋海”, never “孔 / 洋海”)', async () => {
    const text = await lines(demo, { type: '通报', from: '2026-01-01', to: '2026-06-30' }, 'running-demo-通报');
    // The 存在的问题 paragraphs list dozens of names: the check has something to find.
    const names = namesOf(demo);
    const all = text.map((l) => l.text).join('');
    expect(names.filter((n) => all.includes(n)).length).toBeGreaterThan(40);
    expect(lineEndFaults(text, names)).toEqual([]);
  }, 60_000);

  it('the county 通报: counts (“56项次”, “32名同志”) and names whole', async () => {
    const text = await lines(county, { type: '通报', from: '2026-01-01', to: '2026-06-30' }, 'running-county-通报');
    expect(text.length).toBeGreaterThan(30);
    expect(lineEndFaults(text, namesOf(county))).toEqual([]);
  }, 60_000);

  it('the 考核 report of a demo and a county cadre: its dates, counts, unit names and 禁则 in the 考核依据', async () => {
    for (const [b, name] of [
      [demo, 'running-demo-考核1人'],
      [county, 'running-county-考核1人'],
    ] as const) {
      const first = (b.db.sqlite.prepare('SELECT min(id) AS id FROM cadres').get() as { id: number }).id;
      const text = await lines(b, { type: '考核', year: 2026, cadreId: first }, name);
      // The report's opening paragraph carries its date; the 考核依据 is full of them.
      const all = text.map((l) => l.text).join('');
      expect(all).toContain('统计截至2026年11月20日');
      expect((all.match(/\d{4}年\d{1,2}月\d{1,2}日/gu) ?? []).length, name).toBeGreaterThan(20);
      // The opening paragraph (3号) and the 考核依据 items (小四) may cut a date after 年 or 月 rather than be set
      // loose (it was «统计截至 / 2026年11月20日», 0.12 em between characters; «第 十 八 条 书 记 、 校 长», 0.55 em).
      expect(lineEndFaults(text, namesOf(b), { cutDates: true }), name).toEqual([]);
    }
  }, 120_000);
});
