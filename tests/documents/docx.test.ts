// The editable copy: a secretary opens the .docx in WPS or Word. Read back with jszip + xmldoc (page size, margins,
// fonts by role, red mark, text), and converted by LibreOffice headless to PDF: the same number of pages as ours.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { XmlDocument, type XmlElement } from 'xmldoc';
import { beforeAll, describe, expect, it } from 'vitest';
import { openFontSet, renderFields, type FontSet } from '../../electron/services/documents';
import { renderDocx } from '../../electron/services/documents/docx';
import type { DocumentFields } from '../../shared/api/documents';
import { ARTIFACTS, FONTS_DIR, sampleBody } from './fixtures';
import { comparePages, pageTexts } from './lo-pages';

let fonts: FontSet;
const notice: DocumentFields = {
  layout: 'notice',
  type: '通知',
  issuerMark: '中共××大学委员会文件',
  docNumber: '校党发〔2026〕3号',
  title: '关于做好2026年度领导干部联系师生工作的通知',
  mainRecipients: '各学院党委（党总支），机关各部门，各直属单位',
  body: sampleBody(1),
  attachments: [],
  signature: '中共××大学委员会',
  date: '2026-03-01',
  sealed: true,
  note: '联系人：王明，电话：0391-3987654',
  copyTo: ['省委教育工委', '省教育厅'],
  printer: '中共××大学委员会办公室',
  printDate: '2026-03-02',
};
const roster: DocumentFields = {
  layout: 'plain',
  type: '一览表',
  title: '2026年度校领导联系点一览表',
  blocks: [
    {
      kind: 'table',
      size: 12,
      columns: [
        { title: '序号', align: 'center', wrap: 'whole' },
        { title: '姓名', align: 'center', wrap: 'whole' },
        { title: '职务', wrap: 'list' },
        { title: '联系学院', wrap: 'list' },
        { title: '结对子' },
        { title: '联系党支部' },
        { title: '联系高层次人才', wrap: 'list' },
        { title: '联系党外代表人士', wrap: 'list' },
      ],
      // As wide as the demo's 附1: the table turns onto landscape pages (横排表格).
      rows: Array.from({ length: 30 }, (_, i) => [
        String(i + 1),
        ['谢超华', '欧阳明远', '张堃', '吴䶮'][i % 4]!,
        '党委副书记、副校长',
        '能源科学与工程学院、外国语学院',
        '数学学生公寓11号楼327室',
        '文法本科生第一党支部',
        '胡志佳、阎娜红',
        '汤东云、邓艳清',
      ]),
    },
  ],
};

// As the 通报's 明细 of a unit that missed a daily duty: cells full of dates, where LibreOffice puts a little space
// between each Chinese character and digit and the PDF's lines would no longer fit their cells.
const dates = (m: number) => Array.from({ length: 12 }, (_, d) => `${m}月${d + 1}日`).join('、');
const details: DocumentFields = {
  layout: 'plain',
  type: '通报',
  title: '未达到要求情况明细表',
  blocks: [
    {
      kind: 'table',
      columns: [
        { title: '序号', align: 'center', wrap: 'whole' },
        { title: '单位', align: 'center', wrap: 'whole' },
        { title: '未达到要求的项目、周期（应达、实际）' },
      ],
      rows: Array.from({ length: 8 }, (_, i) => [
        String(i + 1),
        ['东城街道', '西城街道', '城关镇', '龙泉镇'][i % 4]!,
        [1, 2, 3, 4, 5, 6].map((m) => `${m}月应30次、实1次（未见记录：${dates(m)}等29个）`).join('；'),
      ]),
    },
  ],
};

// As the 考核 report's summaries: headings, each followed by a table that runs over pages, and text under the tables —
// LibreOffice's pages take 22 whole lines, so a table had a row more room on each page than in our PDF, and text under
// a table started right under it instead of on the PDF's next grid row.
const summary: DocumentFields = {
  layout: 'plain',
  type: '考核',
  title: '2026年度领导干部联系群众工作考核报告',
  blocks: [1, 2, 3].flatMap((n) => [
    { kind: 'heading' as const, level: 1 as const, text: `第${n}部分汇总` },
    {
      kind: 'table' as const,
      size: 12,
      columns: [
        { title: '条款', align: 'center' as const, wrap: 'whole' as const },
        { title: '要求' },
        { title: '项次', align: 'center' as const, wrap: 'whole' as const },
        { title: '达标率', align: 'center' as const, wrap: 'whole' as const },
      ],
      rows: Array.from({ length: 9 + 11 * n }, (_, i) => [
        `${n}.${i + 1}`,
        i % 3 ? '县级领导每年到基层不少于3个月' : '县级领导任期内走遍所有村，每年撰写1—2篇调研报告并在会上交流',
        String(i + 1),
        `${(i * 7) % 100}%`,
      ]),
    },
    { kind: 'paragraph' as const, text: `以上第${n}部分共${9 + 11 * n}项，达标情况见上表。` },
  ]),
};

// Our PDF's keeps: a section's last one-line item is never alone on a page (the item before goes with it), and a table
// starts on the next page when only its header and first row fit (the heading goes along). LibreOffice left “第二项：无。”
// alone atop page 2 and the first row alone at page 3's foot before the .docx carried them.
const filler = '领导干部深入基层联系群众，倾听师生意见建议，帮助解决实际困难和问题，';
const lines = (n: number) => filler.repeat(Math.ceil((n * 28) / filler.length)).slice(0, n * 28 - 4) + '。';
const keeps: DocumentFields = {
  layout: 'plain',
  type: '考核',
  title: '2026年度考核报告',
  blocks: [
    { kind: 'paragraph', text: lines(18) },
    { kind: 'list', items: ['第一项：县级领导每年到基层不少于3个月。', '第二项：无。'] },
    { kind: 'title', text: '第二部分', newPage: true },
    { kind: 'paragraph', text: lines(14) },
    { kind: 'heading', level: 1, text: '汇总' },
    {
      kind: 'table',
      size: 12,
      columns: [
        { title: '条款', align: 'center', wrap: 'whole' },
        { title: '要求' },
        { title: '项次', align: 'center', wrap: 'whole' },
      ],
      rows: Array.from({ length: 6 }, (_, i) => [
        String(i + 1),
        '县级领导每年到基层不少于3个月，任期内走遍所有村，每年撰写1—2篇调研报告并在会上交流',
        String(i + 1),
      ]),
    },
  ],
};

async function xmlOf(docx: Buffer, part = 'word/document.xml'): Promise<XmlDocument> {
  const zip = await JSZip.loadAsync(docx);
  return new XmlDocument(await zip.file(part)!.async('string'));
}
const all = (el: XmlElement, name: string): XmlElement[] => {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const n of e.children)
      if (n.type === 'element') {
        const c = n as XmlElement;
        if (c.name === name) out.push(c);
        walk(c);
      }
  };
  walk(el);
  return out;
};
const textOf = (doc: XmlDocument) =>
  all(doc, 'w:t')
    .map((t) => t.val)
    .join('');
const mm = (twips: string | undefined) => (Number(twips) / 20) * (25.4 / 72);

let noticeDocx: Buffer;
let rosterDocx: Buffer;
let detailsDocx: Buffer;
let summaryDocx: Buffer;
let keepsDocx: Buffer;

beforeAll(async () => {
  fonts = openFontSet({ bundledDir: FONTS_DIR, useSystem: false });
  noticeDocx = await renderDocx(notice, fonts);
  rosterDocx = await renderDocx(roster, fonts);
  detailsDocx = await renderDocx(details, fonts);
  summaryDocx = await renderDocx(summary, fonts);
  keepsDocx = await renderDocx(keeps, fonts);
  mkdirSync(join(ARTIFACTS, 'docx'), { recursive: true });
  writeFileSync(join(ARTIFACTS, 'docx', 'notice.docx'), noticeDocx);
  writeFileSync(join(ARTIFACTS, 'docx', 'roster.docx'), rosterDocx);
  writeFileSync(join(ARTIFACTS, 'docx', 'details.docx'), detailsDocx);
  writeFileSync(join(ARTIFACTS, 'docx', 'summary.docx'), summaryDocx);
  writeFileSync(join(ARTIFACTS, 'docx', 'keeps.docx'), keepsDocx);
});

describe('.docx read back', () => {
  it('A4 with the GB/T 9704 版心: 订口 28 mm, 156 mm wide, 22 lines at the PDF pitch from its first line', async () => {
    const doc = await xmlOf(noticeDocx);
    const sect = all(doc, 'w:sectPr').at(-1)!;
    const size = sect.childNamed('w:pgSz')!.attr;
    const mar = sect.childNamed('w:pgMar')!.attr;
    expect(mm(size['w:w'])).toBeCloseTo(210, 0);
    expect(mm(size['w:h'])).toBeCloseTo(297, 0);
    expect(mm(mar['w:left'])).toBeCloseTo(28, 0);
    expect(210 - mm(mar['w:left']) - mm(mar['w:right'])).toBeCloseTo(156, 0);
    // An exact 592-twip line carries its baseline 23.8 pt down (LibreOffice): the margin is lifted so the first
    // baseline is the PDF's, 37 mm + 0.88 em; the text area holds 22 such lines and not 23.
    expect(mm(mar['w:top']) + (23.8 * 25.4) / 72).toBeCloseTo(37 + (0.88 * 16 * 25.4) / 72, 0);
    const area = 16838 - Number(mar['w:top']) - Number(mar['w:bottom']);
    expect(Math.floor(area / 592)).toBe(22);
  });

  it('fonts are named by role, the mark and separator are red, the text is all there', async () => {
    const doc = await xmlOf(noticeDocx);
    const runs = all(doc, 'w:r');
    const fontOf = (text: string) => {
      const r = runs.find((x) => all(x, 'w:t').some((t) => t.val.includes(text)))!;
      return r.descendantWithPath('w:rPr.w:rFonts')!.attr['w:eastAsia'];
    };
    expect(fontOf('中共××大学委员会文件')).toBe('方正小标宋简体');
    expect(fontOf('关于做好2026年度')).toBe('方正小标宋简体');
    expect(fontOf('为深入贯彻落实')).toBe('仿宋_GB2312');
    expect(fontOf('一、总体要求')).toBe('黑体');
    expect(fontOf('（一）联系对象')).toBe('楷体_GB2312');
    const mark = runs.find((x) => all(x, 'w:t').some((t) => t.val === '中共××大学委员会文件'))!;
    expect(mark.descendantWithPath('w:rPr.w:color')!.attr['w:val']).toBe('E60000');
    const separator = all(doc, 'w:pBdr').map((b) => b.childNamed('w:bottom')!.attr);
    expect(separator.some((b) => b['w:color'] === 'E60000')).toBe(true);
    const text = textOf(doc);
    for (const s of [
      '校党发〔2026〕3号',
      '各学院党委（党总支），机关各部门，各直属单位：',
      '2026年3月1日',
      '抄送：省委教育工委，省教育厅。',
      '2026年3月2日印发',
    ])
      expect(text).toContain(s);
    // Body text: 3号 (32 half-points) at a fixed 22-line pitch.
    const body = all(doc, 'w:p').find((p) => all(p, 'w:t').some((t) => t.val.startsWith('为深入贯彻落实')))!;
    expect(body.descendantWithPath('w:pPr.w:spacing')!.attr['w:lineRule']).toBe('exact');
    expect(body.descendantWithPath('w:r.w:rPr.w:sz')!.attr['w:val']).toBe('32');
  });

  it('page numbers: “— N —” in 4号 宋体, right on odd pages and left on even pages', async () => {
    const zip = await JSZip.loadAsync(noticeDocx);
    const settings = await zip.file('word/settings.xml')!.async('string');
    expect(settings).toContain('w:evenAndOddHeaders');
    const footers = Object.keys(zip.files).filter((f) => /^word\/footer\d+\.xml$/.test(f));
    const jcs = new Set<string>();
    for (const f of footers) {
      const x = new XmlDocument(await zip.file(f)!.async('string'));
      expect(
        all(x, 'w:instrText')
          .map((t) => t.val)
          .join(''),
      ).toMatch(/PAGE/);
      expect(
        all(x, 'w:t')
          .map((t) => t.val)
          .join(''),
      ).toMatch(/—\s*—/);
      jcs.add(x.descendantWithPath('w:p.w:pPr.w:jc')!.attr['w:val']!);
    }
    expect([...jcs].sort()).toEqual(['left', 'right']);
  });

  it('a table carries the PDF’s widths, repeats its header and never splits a row', async () => {
    const doc = await xmlOf(rosterDocx);
    // The wide table is on a landscape page: wider than high (the docx library swaps the sides of a landscape page
    // itself; given 297 × 210 it wrote a portrait page marked landscape, which LibreOffice cut off at the right).
    const turned = all(doc, 'w:pgSz').filter((p) => p.attr['w:orient'] === 'landscape');
    expect(turned.length).toBeGreaterThan(0);
    for (const p of turned) expect(Number(p.attr['w:w'])).toBeGreaterThan(Number(p.attr['w:h']));
    const rows = all(doc, 'w:tr');
    expect(rows[0]!.descendantWithPath('w:trPr.w:tblHeader')).toBeDefined();
    expect(rows.every((r) => r.descendantWithPath('w:trPr.w:cantSplit'))).toBe(true);
    expect(textOf(doc)).toContain('张堃');
    expect(textOf(doc)).toContain('吴䶮');
  });

  it('a cell line full of dates is narrowed by the space LibreOffice puts between Chinese and digits; a line without digits is not', async () => {
    const doc = await xmlOf(detailsDocx);
    const runs = all(doc, 'w:r').filter((r) => r.descendantWithPath('w:t'));
    const scale = (r: XmlElement) => Number(r.descendantWithPath('w:rPr.w:w')?.attr['w:val'] ?? 100);
    const dense = runs.filter((r) => /\d+月\d+日、\d+月\d+日、\d+月\d+日/.test(r.descendantWithPath('w:t')!.val));
    expect(dense.length).toBeGreaterThan(8);
    for (const r of dense) expect(scale(r)).toBeLessThan(100);
    for (const r of dense) expect(scale(r)).toBeGreaterThanOrEqual(80);
    const plainText = runs.filter((r) => !/[0-9]/.test(r.descendantWithPath('w:t')!.val));
    expect(plainText.length).toBeGreaterThan(0);
    for (const r of plainText) expect(scale(r)).toBe(100);
  });
});

const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
// Installed by .ci/run; a machine without LibreOffice skips this part only outside CI.
describe.skipIf(!soffice && !process.env.CI)('LibreOffice headless', () => {
  it('converts the .docx to PDF with as many pages as ours', async () => {
    const dir = join(ARTIFACTS, 'docx');
    const out = join(dir, 'lo');
    execFileSync(
      soffice!,
      [
        `-env:UserInstallation=file://${join(dir, 'lo-profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        out,
        join(dir, 'notice.docx'),
        join(dir, 'roster.docx'),
        join(dir, 'details.docx'),
        join(dir, 'summary.docx'),
        join(dir, 'keeps.docx'),
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    expect(readdirSync(out).sort()).toEqual(['details.pdf', 'keeps.pdf', 'notice.pdf', 'roster.pdf', 'summary.pdf']);
    const pages = (f: string) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [f], { encoding: 'utf8' }))![1]);
    for (const [name, fields] of [
      ['notice', notice],
      ['roster', roster],
      ['details', details],
      ['summary', summary],
      ['keeps', keeps],
    ] as const) {
      const ours = await renderFields(fields, fonts);
      expect(pages(join(out, `${name}.pdf`)), name).toBe(ours.pages);
      // The same text on each page: the page breaks fall where ours do (inside the tables too).
      writeFileSync(join(dir, `ours-${name}.pdf`), ours.pdf);
      const theirs = pageTexts(join(out, `${name}.pdf`));
      expect(comparePages(pageTexts(join(dir, `ours-${name}.pdf`)), theirs), name).toEqual([]);
    }
    // The keeps are ours: page 2 holds both items, page 4 opens with the heading over the table.
    const kept = pageTexts(join(dir, 'ours-keeps.pdf'));
    expect(kept[1]).toMatch(/^第一项.*第二项：无。$/);
    expect(kept[3]).toMatch(/^一、汇总条款要求项次1/);
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '50',
      '-f',
      '1',
      '-l',
      '1',
      join(out, 'notice.pdf'),
      join(dir, 'lo-notice'),
    ]);
  }, 180_000);
});
