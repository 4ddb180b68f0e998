// Page breaks a secretary sends back, read from the PDFs of the demo ledger (preset 002) and the county ledger
// (preset 004): a paragraph's first line alone at a page's foot — above all under its heading (“考核依据” and one line
// of its introduction) — or its last line alone atop the next page (paging.ts finds them by where lines start).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/services/backend';
import { tempDbPath, tempDir } from '../support/tmp';
import { openCountyAndDemo } from './county-fixture';
import { openFontSet } from '../../electron/services/documents/fonts';
import { renderPlain } from '../../electron/services/documents/plain';
import { FONTS_DIR } from './fixtures';
import { draftPdf, measurePdf, renderPng } from './measure';
import { looseLines, pageLines, pagingFaults } from './paging';

process.env.LEDGER_SYSTEM_FONTS = '0';
const dir = tempDir();
const NOW = () => new Date('2026-11-20T08:00:00+08:00');
const fonts = openFontSet({ bundledDir: FONTS_DIR, useSystem: false });

describe('a table over two pages', () => {
  it('never leaves its last row alone under the repeated header', async () => {
    // A 按单位汇总 table one row longer each time: one of these lengths puts exactly one row on the next page.
    const faults: string[] = [];
    let across = 0;
    for (let n = 14; n <= 22; n++) {
      const rows = Array.from({ length: n }, (_, i) => [`第${i + 1}单位`, '3', '18', '9', '3', '6', '50%']);
      const { pdf, pages } = await renderPlain(
        {
          title: '2026年度领导干部联系群众工作考核报告',
          blocks: [
            { kind: 'paragraph', text: '依据制度要求逐项考核。“项次”为领导干部、要求与考核周期的组合。' },
            { kind: 'heading', level: 1, text: '按单位汇总' },
            {
              kind: 'table',
              size: 12,
              columns: ['单位', '人数', '项次', '达标', '未达标', '进行中', '达标率'].map((title) => ({ title })),
              rows,
            },
          ],
        },
        fonts,
      );
      if (pages > 1) across++;
      const found = pagingFaults(await measurePdf(pdf));
      if (found.length) renderPng(pdf, `paging-table-${n}`);
      faults.push(...found.map((f) => `${n} rows: ${f}`));
    }
    expect(across).toBeGreaterThan(3);
    expect(faults).toEqual([]);
  }, 60_000);
});

describe('a table or a section at a page break', () => {
  it('a table starts on the next page when fewer than two of its rows fit under its header', async () => {
    // One more line of text before the table each time: one of these puts the header and one row at the page's foot.
    const faults: string[] = [];
    let moved = 0;
    for (let n = 14; n <= 19; n++) {
      const { pdf } = await renderPlain(
        {
          title: '2026年度领导干部联系群众工作考核报告',
          blocks: [
            ...Array.from({ length: n }, (_, i) => ({ kind: 'paragraph' as const, text: `第${i + 1}段。` })),
            {
              kind: 'table',
              size: 12,
              columns: ['单位', '人数', '达标率'].map((title) => ({ title })),
              rows: Array.from({ length: 6 }, (_, i) => [`第${i + 1}单位`, '3', '50%']),
            },
          ],
        },
        fonts,
      );
      const pages = await measurePdf(pdf);
      // The table begins on page 2: its header is the first thing there.
      if (pages[1]?.runs.some((r) => r.text === '单位') && !pages[0]!.runs.some((r) => r.text === '单位')) moved++;
      const found = pagingFaults(pages);
      if (found.length) renderPng(pdf, `paging-table-start-${n}`);
      faults.push(...found.map((f) => `${n} lines: ${f}`));
    }
    expect(moved).toBeGreaterThan(0);
    expect(faults).toEqual([]);
  }, 60_000);

  it('a cadre’s section never ends with one line alone on a page', async () => {
    // Sections of one-line items, one item longer each time: one of these lengths overflows its page by one line.
    const faults: string[] = [];
    let across = 0;
    for (let n = 17; n <= 22; n++) {
      const section = (name: string, newPage: boolean) => [
        { kind: 'title' as const, text: name, newPage },
        { kind: 'list' as const, size: 12, items: Array.from({ length: n }, (_, i) => `${i + 1}. 第${i + 1}条记录`) },
      ];
      const { pdf, pages } = await renderPlain(
        { title: '考核报告', blocks: [...section('李建国', false), ...section('王志强', true)] },
        fonts,
      );
      if (pages > 2) across++;
      const found = pagingFaults(await measurePdf(pdf));
      if (found.length) renderPng(pdf, `paging-tail-${n}`);
      faults.push(...found.map((f) => `${n} items: ${f}`));
    }
    expect(across).toBeGreaterThan(0);
    expect(faults).toEqual([]);
  }, 60_000);
});

describe('page breaks', () => {
  let county: Backend;
  let demo: Backend;
  let close: () => void;
  beforeAll(async () => {
    ({ county, demo, close } = await openCountyAndDemo(() => tempDbPath(dir), NOW));
  }, 120_000);
  afterAll(() => close?.());

  it('the 考核 report never leaves one line of a paragraph or a list item alone at a page’s foot or top', async () => {
    const cadres = (await demo.dispatch('cadres.list', {})) as { ok: true; value: { id: number; name: string }[] };
    // The first cadre (long 考核依据 items broken over pages), and the two whose “考核依据” heading stood at a page's
    // foot with one line of its introduction (the whole report's pp. 203 and 283).
    const chosen = cadres.value.filter((c, i) => i === 0 || c.name === '姜林' || c.name === '孟杰');
    expect(chosen.length).toBe(3);
    const faults: string[] = [];
    for (const c of chosen) {
      const pages = await measurePdf(
        await draftPdf(demo, { type: '考核', year: 2026, cadreId: c.id }, `paging-${c.name}`),
      );
      faults.push(...pagingFaults(pages).map((f) => `${c.name} ${f}`));
    }
    expect(faults).toEqual([]);
  }, 120_000);

  it('the county 考核 report, 通报 and 公示 keep two lines of a paragraph together at each page break', async () => {
    const faults: string[] = [];
    for (const [name, input] of [
      ['考核', { type: '考核', year: 2026 }],
      ['通报', { type: '通报', from: '2026-01-01', to: '2026-06-30' }],
      ['公示', { type: '公示', year: 2026 }],
    ] as const) {
      const pages = await measurePdf(await draftPdf(county, input, `paging-county-${name}`));
      faults.push(...pagingFaults(pages).map((f) => `${name} ${f}`));
    }
    expect(faults).toEqual([]);
  }, 180_000);

  it('the 公示 and 通知 (demo and county) set no line of running text loose: a date is cut after its 年 or 月 instead', async () => {
    // Was: «公 示 期 为 5 个 工 作 日 ， 自 2026 年 11 月 20 日 至» (0.38 em between characters), the date after it
    // kept whole on the next line.
    const loose: string[] = [];
    let lines = 0;
    for (const [name, on] of [
      ['demo', demo],
      ['county', county],
    ] as const)
      for (const type of ['公示', '通知'] as const) {
        const pages = await measurePdf(await draftPdf(on, { type, year: 2026 }, `paging-loose-${name}-${type}`));
        lines += pages.flatMap(pageLines).length;
        loose.push(...looseLines(pages).map((f) => `${name} ${type} ${f}`));
      }
    expect(lines).toBeGreaterThan(100);
    expect(loose).toEqual([]);
  }, 180_000);
});
