// What a secretary reads in the cells of the tables she prints: the name of a unit, a company, a village, a class or
// a party branch is never split at a line end when the cell could hold it on one line (“××县 / 宏达机械有限公司” and
// “数学教工第二党 / 支部” were). Read back from the PDFs of the county ledger (preset 004) and the demo ledger: each
// table cell's lines, found by the table's own rules.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/services/backend';
import { tempDbPath, tempDir } from '../support/tmp';
import { openCountyAndDemo } from './county-fixture';
import { openFontSet } from '../../electron/services/documents/fonts';
import { renderPlain } from '../../electron/services/documents/plain';
import type { TableBlock } from '../../electron/services/documents/table';
import { nameParts } from '../../electron/services/documents/names';
import { TYPE_AREA } from '../../electron/services/documents/units';
import { FONTS_DIR } from './fixtures';
import { draftPdf, measurePdf, PT, renderPng, type MeasuredPage } from './measure';
import { looseLines } from './paging';

process.env.LEDGER_SYSTEM_FONTS = '0';
const dir = tempDir();
const NOW = () => new Date('2026-11-20T08:00:00+08:00');
const fonts = openFontSet({ bundledDir: FONTS_DIR, useSystem: false });

interface Cell {
  page: number;
  /** Inner width of the cell's column, mm. */
  width: number;
  /** Text size, mm. */
  size: number;
  lines: string[];
}

/**
 * The cells of every table on portrait pages: columns between vertical rules, rows between horizontal rules, the
 * runs of one baseline inside one cell joined left to right into a line.
 */
function tableCells(pages: MeasuredPage[]): Cell[] {
  const out: Cell[] = [];
  pages.forEach((p, pi) => {
    const vertical = p.rules.filter((r) => Math.abs(r.x1 - r.x2) < 0.01 && Math.abs(r.y1 - r.y2) > 1);
    const horizontal = p.rules.filter((r) => Math.abs(r.y1 - r.y2) < 0.01 && Math.abs(r.x1 - r.x2) > 1);
    const cells = new Map<string, { x0: number; x1: number; runs: typeof p.runs }>();
    for (const run of p.runs) {
      // The vertical rules beside the run at its height: the cell's left and right edges.
      const y = run.baseline - 0.3 * run.size * PT;
      const beside = vertical.filter((v) => Math.min(v.y1, v.y2) <= y && y <= Math.max(v.y1, v.y2));
      const left = beside.filter((v) => v.x1 <= run.x + 0.01).sort((a, b) => b.x1 - a.x1)[0];
      const right = beside.filter((v) => v.x1 >= run.x + run.width - 0.01).sort((a, b) => a.x1 - b.x1)[0];
      if (!left || !right) continue;
      const top = horizontal
        .filter((h) => h.y1 <= y && Math.min(h.x1, h.x2) <= run.x && Math.max(h.x1, h.x2) >= run.x)
        .sort((a, b) => b.y1 - a.y1)[0];
      if (!top) continue;
      const key = `${left.x1.toFixed(2)}/${top.y1.toFixed(2)}`;
      const cell = cells.get(key) ?? { x0: left.x1, x1: right.x1, runs: [] };
      cell.runs.push(run);
      cells.set(key, cell);
    }
    for (const c of cells.values()) {
      const byLine = new Map<string, typeof p.runs>();
      for (const r of c.runs) {
        const k = r.baseline.toFixed(1);
        byLine.set(k, [...(byLine.get(k) ?? []), r]);
      }
      const lines = [...byLine.entries()]
        .sort((a, b) => Number(a[0]) - Number(b[0]))
        .map(([, rs]) =>
          rs
            .sort((a, b) => a.x - b.x)
            .map((r) => r.text)
            .join('')
            // pdfjs ends an item at a line end with a space.
            .trimEnd(),
        );
      const size = c.runs[0]!.size * PT;
      // The cell's padding is 0.35 em each side (table.ts padX).
      out.push({ page: pi + 1, width: c.x1 - c.x0 - 0.7 * size, size, lines });
    }
  });
  return out;
}

/** Names that a cell line ends inside of, when the cell is wide enough for the name on one line. */
function splitNames(cells: Cell[], names: string[]): string[] {
  const found: string[] = [];
  const longestFirst = [...new Set(names)].filter((n) => [...n].length >= 3).sort((a, b) => b.length - a.length);
  for (const c of cells) {
    if (c.lines.length < 2) continue;
    const text = c.lines.join('');
    const ends: number[] = [];
    let at = 0;
    for (const l of c.lines.slice(0, -1)) ends.push((at += l.length));
    for (const n of longestFirst) {
      // A CJK character is an em wide; digits and × are narrower, so this errs towards “fits”.
      if ([...n].length * c.size > c.width + 0.01) continue;
      for (let i = text.indexOf(n); i >= 0; i = text.indexOf(n, i + 1))
        for (const e of ends)
          if (e > i && e < i + n.length)
            found.push(`p${c.page}: ${c.lines.join(' / ')} — “${n}” split after “${text.slice(i, e)}”`);
    }
  }
  return found;
}

async function render(b: Backend, input: Record<string, unknown>, name: string) {
  return measurePdf(await draftPdf(b, input, name));
}

function namesOf(b: Backend): string[] {
  const q = (sql: string) => (b.db.sqlite.prepare(sql).all() as { name: string }[]).map((r) => r.name);
  return [...q('SELECT name FROM units'), ...q('SELECT name FROM contact_objects')];
}

describe('table cells keep unit and organisation names whole', () => {
  let county: Backend;
  let demo: Backend;
  beforeAll(async () => {
    const both = await openCountyAndDemo(() => tempDbPath(dir), NOW);
    ({ county, demo } = both);
    return both.close;
  }, 120_000);

  it('the county 公示 and 一览表: “××县宏达机械有限公司” and every village, firm and project on one line', async () => {
    const names = namesOf(county);
    expect(names).toContain('××县宏达机械有限公司');
    const docs: [string, Record<string, unknown>][] = [
      ['cells-county-公示', { type: '公示', year: 2026 }],
      ['cells-county-一览表1', { type: '一览表', year: 2026, part: 1 }],
      ['cells-county-一览表2', { type: '一览表', year: 2026, part: 2 }],
    ];
    let seen = 0;
    for (const [name, input] of docs) {
      const cells = tableCells(await render(county, input, name));
      seen += cells.filter((c) => c.lines.join('').includes('宏达机械有限公司')).length;
      expect(splitNames(cells, names), name).toEqual([]);
    }
    expect(seen).toBeGreaterThan(0);
  }, 60_000);

  it('the demo 公示: colleges, classes, dormitories and party branches on one line', async () => {
    const names = namesOf(demo);
    expect(names.some((n) => n.endsWith('党支部'))).toBe(true);
    const cells = tableCells(await render(demo, { type: '公示', year: 2026 }, 'cells-demo-公示'));
    expect(cells.filter((c) => c.lines.length > 1).length).toBeGreaterThan(20);
    expect(splitNames(cells, names)).toEqual([]);
  }, 60_000);

  it('the demo 接待日安排: 时间 and 地点 printed only when the rota has them; dates and weekdays on one line', async () => {
    const rules = (await demo.dispatch('rules.list', { year: 2026, enabledOnly: true })) as {
      ok: true;
      value: { id: number; kind: string }[];
    };
    const roster = rules.value.find((r) => r.kind === 'roster')!;
    const headerOf = async (place: string, name: string) => {
      const g = await demo.dispatch('rota.generate', { ruleId: roster.id, academicYear: '2026-2027', term: 1, place });
      expect(g.ok).toBe(true);
      const cells = tableCells(await render(demo, { type: '接待日安排', from: '2026-09-01', to: '2026-12-31' }, name));
      const dates = cells.filter((c) => /^\d{4}年/u.test(c.lines[0] ?? ''));
      expect(dates.length).toBeGreaterThan(10);
      for (const c of dates) expect(c.lines.length, c.lines.join(' / ')).toBe(1);
      for (const c of cells.filter((c) => c.lines[0]?.startsWith('星期'))) expect(c.lines.length).toBe(1);
      const first = cells.filter((c) => c.page === 1);
      return {
        cells,
        heads: ['日期', '星期', '时间', '地点', '接待领导'].filter((h) => first.some((c) => c.lines.join('') === h)),
      };
    };
    // The demo's rota rule gives no time; no place entered: the table is 日期, 星期, 接待领导 (no empty columns).
    expect((await headerOf('', 'cells-demo-接待日安排')).heads).toEqual(['日期', '星期', '接待领导']);
    const withPlace = await headerOf('行政楼102信访接待室', 'cells-demo-接待日安排-地点');
    expect(withPlace.heads).toEqual(['日期', '星期', '地点', '接待领导']);
    expect(withPlace.cells.filter((c) => c.lines.join('') === '行政楼102信访接待室').length).toBeGreaterThan(10);
  }, 60_000);

  it('a column of firms too narrow for them at 四号 and 小四 steps down to 五号, each firm on one line', async () => {
    const firms = [
      '××县宏达机械有限公司',
      '××县绿源农业发展有限公司',
      '××县鑫盛建材有限责任公司',
      '××县福康食品有限公司',
    ];
    const people = ['李建国', '王志强', '张丽华', '刘德胜'];
    const titles = ['县委书记', '县委副书记、县长', '县人大常委会主任', '县政协主席'];
    // Each cadre linked to two firms (a county 一览表 of 民营企业 contact points), as the office types them.
    const table: TableBlock = {
      kind: 'table',
      columns: [
        { title: '序号', wrap: 'whole' },
        { title: '姓名', wrap: 'whole' },
        { title: '职务' },
        { title: '联系村（社区）' },
        { title: '联系民营企业' },
      ],
      rows: people.map((p, i) => [
        String(i + 1),
        p,
        titles[i]!,
        '城关镇东关村、龙泉镇前营村',
        `${firms[i]}、${firms[(i + 1) % 4]}`,
      ]),
    };
    const { pdf } = await renderPlain({ title: '2026年度县级领导干部联系点一览表', blocks: [table] }, fonts);
    renderPng(pdf, 'cells-firms');
    const cells = tableCells(await measurePdf(pdf));
    const firmCells = cells.filter((c) => firms.some((f) => c.lines.join('').includes(f)));
    expect(firmCells.length).toBe(4);
    // Every firm on one line of its cell.
    const split = firmCells.flatMap((c) =>
      firms
        .filter((f) => c.lines.join('').includes(f) && !c.lines.some((l) => l.includes(f)))
        .map((f) => `${f}: ${c.lines.join(' / ')}`),
    );
    expect(split).toEqual([]);
    // Within the standard's sizes: 五号 (10.5 pt), not smaller.
    for (const c of firmCells) expect(c.size / PT).toBeCloseTo(10.5, 1);
  }, 60_000);

  it('the county 通报: 附件2 and its title share the turned page with the 明细 header and first row, cut when too tall', async () => {
    const pages = await render(county, { type: '通报', from: '2026-01-01', to: '2026-06-30' }, 'cells-county-通报');
    const text = (p: MeasuredPage) => p.runs.map((r) => r.text).join('');
    const at = pages.findIndex((p) => p.runs.some((r) => r.text.trim() === '附件2'));
    expect(at).toBeGreaterThan(0);
    const page = text(pages[at]!);
    // The table's header and the first cadre's row under the heading, not on the next page.
    expect(page).toContain('未达到要求的项目');
    expect(page).toContain('李建国');
    // The first row goes on under the repeated header on the next page, its 序号 and 姓名 named again.
    const next = text(pages[at + 1]!);
    expect(next).toContain('未达到要求的项目');
    expect(next).toContain('李建国');
  }, 60_000);

  it('the demo 考核 report: list lines never end inside （记录2552） or a number with its unit, a date only after 年 or 月, a 佐证记录 item only between words — and none is spread apart', async () => {
    const cadres = (await demo.dispatch('cadres.list', {})) as { ok: true; value: { id: number }[] };
    const items: { page: number; lines: string[] }[] = [];
    const loose: string[] = [];
    for (const [k, c] of cadres.value.slice(0, 2).entries()) {
      const pages = await render(demo, { type: '考核', year: 2026, cadreId: c.id }, `cells-demo-考核-${k}`);
      items.push(...listItemsOf(pages));
      // The first cadre's report had «第 十 八 条 书 记 、 校 长 、 分 管 校…» at 0.55 em between characters.
      loose.push(...looseLines(pages, 0.3).map((l) => `cadre ${k}: ${l}`));
    }
    const broken = items.filter((i) => i.lines.length > 1);
    expect(broken.length).toBeGreaterThan(20);
    expect(items.filter((i) => /（记录\d+）/u.test(i.lines.join(''))).length).toBeGreaterThan(20);
    expect(badBreaks(items)).toEqual([]);
    expect(loose).toEqual([]);
  }, 120_000);
});

describe('long names of contact objects', () => {
  // Each long name with the places a line may end inside it: after a level of the organisation it names.
  const LONG: Record<string, string[]> = {
    机械与动力工程学院2024级研究生第三党支部: [
      '机械与动力工程学院',
      '机械与动力工程学院2024级',
      '机械与动力工程学院2024级研究生',
    ],
    能源科学与工程学院2025级本科生第一党支部: [
      '能源科学与工程学院',
      '能源科学与工程学院2025级',
      '能源科学与工程学院2025级本科生',
    ],
    体育学生公寓6号楼230室: ['体育学生公寓', '体育学生公寓6号楼'],
    // Before its legal form, or after the county (names.ts).
    '××县宏达机械有限公司': ['××县', '××县宏达机械'],
    计算机科学与技术学院数学教工第二党支部: ['计算机科学与技术学院', '计算机科学与技术学院数学教工'],
  };
  const names = Object.keys(LONG);
  /** Line ends inside a long name at a point not permitted; `splits` counts the names split at all. */
  const check = (where: string, lines: string[], out: string[], seen: { splits: number }) => {
    const text = lines.join('');
    const ends: number[] = [];
    let at = 0;
    for (const l of lines.slice(0, -1)) ends.push((at += l.length));
    for (const n of names)
      for (let i = text.indexOf(n); i >= 0; i = text.indexOf(n, i + 1))
        for (const e of ends)
          if (e > i && e < i + n.length) {
            seen.splits++;
            if (!LONG[n]!.includes(text.slice(i, e)))
              out.push(`${where}: “${text.slice(i, e)} / ${text.slice(e, i + n.length)}”`);
          }
  };

  it('break only between the levels they name, in every kind of column and in the 佐证记录', async () => {
    const row = (i: number) => names.slice(i % 3).concat(names.slice(0, i % 3));
    const table = (size: number, columns: string[]): TableBlock => ({
      kind: 'table',
      size,
      columns: [
        { title: '序号', wrap: 'whole' },
        { title: '姓名', wrap: 'whole' },
        { title: '职务', wrap: 'list' },
        ...columns.map((title) => ({ title, wrap: 'list' as const })),
      ],
      rows: [0, 1, 2, 3].map((i) => [
        String(i + 1),
        ['李建国', '王志强', '张丽华', '刘德胜'][i]!,
        '党委副书记、副校长',
        ...columns.map((_, c) =>
          row(i + c)
            .slice(0, 2 + ((i + c) % 3))
            .join('、'),
        ),
      ]),
    });
    const { pdf } = await renderPlain(
      {
        title: '2026年度领导干部联系点一览表',
        // As the ledger keeps them in running text (ledger.ts keepWords): each level of a long name whole.
        keep: names.flatMap((n) => nameParts(n)),
        blocks: [
          // As the 公示 (联系点) and the 一览表 (one column per kind of object).
          table(14, ['联系点']),
          table(12, ['联系学院', '联系班级', '联系宿舍', '联系党支部']),
          { kind: 'caption', text: '佐证记录（4条）' },
          {
            kind: 'list',
            size: 12,
            items: [0, 1, 2, 3].map(
              (i) => `${i + 1}. 2026年3月${i + 5}日\u3000走访\u3000${row(i).join('、')}（记录${2550 + i}）`,
            ),
          },
        ],
      },
      fonts,
    );
    renderPng(pdf, 'cells-long-names');
    const pages = await measurePdf(pdf);
    const bad: string[] = [];
    const seen = { splits: 0 };
    for (const c of tableCells(pages)) check(`p${c.page} cell`, c.lines, bad, seen);
    for (const it of listItemsOf(pages)) check(`p${it.page} 佐证记录`, it.lines, bad, seen);
    expect(seen.splits).toBeGreaterThan(5);
    expect(bad).toEqual([]);
  }, 60_000);
});

/**
 * The items of the flush-left lists (佐证记录, 考核依据: 小四, hanging indent) outside tables: a line at the 版心's
 * left edge starts an item, a line two characters in continues it.
 */
function listItemsOf(pages: MeasuredPage[]): { page: number; lines: string[] }[] {
  const left = TYPE_AREA.left;
  const hang = 2 * 12 * PT;
  const items: { page: number; lines: string[] }[] = [];
  pages.forEach((p, pi) => {
    const vertical = p.rules.filter((r) => Math.abs(r.x1 - r.x2) < 0.01);
    const inTable = (y: number) => vertical.some((v) => Math.min(v.y1, v.y2) - 1 <= y && y <= Math.max(v.y1, v.y2) + 1);
    const byLine = new Map<string, typeof p.runs>();
    for (const r of p.runs.filter((r) => Math.abs(r.size - 12) < 0.01 && !inTable(r.baseline))) {
      const k = r.baseline.toFixed(1);
      byLine.set(k, [...(byLine.get(k) ?? []), r]);
    }
    for (const [, rs] of [...byLine.entries()].sort((a, b) => Number(a[0]) - Number(b[0]))) {
      rs.sort((a, b) => a.x - b.x);
      const text = rs
        .map((r) => r.text)
        .join('')
        .trimEnd()
        // pdfjs may put a space between letter-spaced characters of a justified line.
        .replace(/ (?=\p{Script=Han})|(?<=\p{Script=Han}) /gu, '');
      if (Math.abs(rs[0]!.x - left) < 0.3) items.push({ page: pi + 1, lines: [text] });
      else if (Math.abs(rs[0]!.x - left - hang) < 0.3 && items.length) items[items.length - 1]!.lines.push(text);
    }
  });
  return items;
}

const words = new Intl.Segmenter('zh', { granularity: 'word' });
/** Line ends that fall inside what a reader takes as one: a record reference, a date, a number and its unit, a word. */
/**
 * Line ends inside a （记录N）, a number with its unit or a date (but after its 年 or 月), and in a 佐证记录 item
 * (“3. 2026年…”) inside a word. A 考核依据 item (“第六条…”) is long explanatory text, justified: a line may end inside
 * an ordinary word there, as Chinese text does, rather than be spread apart (names are kept whole by keepWords).
 */
function badBreaks(items: { page: number; lines: string[] }[]): string[] {
  const out: string[] = [];
  const wholes = [/（记录\d+）/gu, /\d{4}年\d{1,2}月\d{1,2}日/gu, /\d+[次条项个人日]/gu];
  for (const it of items) {
    const text = it.lines.join('');
    const ends: number[] = [];
    let at = 0;
    for (const l of it.lines.slice(0, -1)) ends.push((at += l.length));
    const spans: [number, number][] = [];
    for (const re of wholes) for (const m of text.matchAll(re)) spans.push([m.index, m.index + m[0].length]);
    let w = 0;
    const evidence = /^\d+\. /u.test(text);
    for (const seg of words.segment(text)) {
      if (evidence && seg.isWordLike && /^\p{Script=Han}{2,}$/u.test(seg.segment))
        spans.push([w, w + seg.segment.length]);
      w += seg.segment.length;
    }
    const dateCut = (e: number) => /[年月]/u.test(text[e - 1]!) && /\d/u.test(text[e]!);
    for (const e of ends)
      for (const [a, b] of spans)
        if (e > a && e < b && !(dateCut(e) && !/^（记录/u.test(text.slice(a))))
          out.push(`p${it.page}: “${text.slice(a, e)} / ${text.slice(e, b)}” in ${it.lines.join(' / ')}`);
  }
  return out;
}
