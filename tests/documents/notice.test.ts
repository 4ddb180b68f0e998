// A secretary prints the 2026 contact-work 通知: every GB/T 9704 measure is read back from the PDF itself.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isLedgerError } from '../../shared/errors';
import {
  layoutNotice,
  openFontSet,
  renderNotice,
  type FontSet,
  type NoticeInput,
} from '../../electron/services/documents';
import { FONTS_DIR, sampleNotice } from './fixtures';
import { inkRows, measurePdf, PT, renderPng, type MeasuredPage, type Run } from './measure';

const P = (225 * 72) / 25.4 - 16; // 21 pitches + one glyph = 225 mm
const PITCH_PT = P / 21;
const PITCH = PITCH_PT * PT; // mm
const C = 156 / 28; // one 字 of body text on the grid, mm (3号 5.64 also passes: 4c differs by 0.3)
const C4 = 14 * PT; // one 字 of 4号
const near = (a: number, b: number, tol = 0.5) =>
  expect(Math.abs(a - b), `${a} ≈ ${b} ±${tol}`).toBeLessThanOrEqual(tol);
const top = (r: Run) => r.baseline - 0.88 * r.size * PT;
const bottom = (r: Run) => r.baseline + 0.12 * r.size * PT;
const right = (r: Run) => r.x + r.width;
const isRed = (r: number, g: number, b: number) => r > 200 && g < 60 && b < 60;
const isDark = (r: number, g: number, b: number) => r < 120 && g < 120 && b < 120;

let fonts: FontSet;
let input: NoticeInput;
let pdf: Buffer;
let pages: MeasuredPage[];

beforeAll(async () => {
  fonts = openFontSet({ bundledDir: FONTS_DIR, useSystem: false });
  input = sampleNotice(3);
  pdf = await renderNotice(input, fonts);
  pages = await measurePdf(pdf);
  renderPng(pdf, 'notice');
});

const find = (page: MeasuredPage, pred: (r: Run) => boolean) => {
  const r = page.runs.find(pred);
  expect(r, 'run not found').toBeDefined();
  return r!;
};

describe('版面 (5.1, 5.2)', () => {
  it('every page is A4', () => {
    for (const p of pages) {
      near(p.width, 595.28, 0.5);
      near(p.height, 841.89, 0.5);
    }
  });

  it('everything but the page numbers stays inside the 版心', () => {
    for (const p of pages) {
      for (const r of p.runs.filter((r) => !/^— \d+ —$/.test(r.text))) {
        expect(r.x).toBeGreaterThanOrEqual(28 - 0.5);
        expect(right(r)).toBeLessThanOrEqual(184 + 0.5);
        expect(top(r)).toBeGreaterThanOrEqual(37 - 1);
        expect(bottom(r)).toBeLessThanOrEqual(262 + 1);
      }
      for (const l of p.rules) {
        expect(Math.min(l.x1, l.x2)).toBeGreaterThanOrEqual(28 - 0.5);
        expect(Math.max(l.x1, l.x2)).toBeLessThanOrEqual(184 + 0.5);
        expect(Math.max(l.y1, l.y2)).toBeLessThanOrEqual(262 + 0.5);
      }
    }
  });

  it('a full body page has 22 lines of 16 pt 仿宋, one pitch apart, filling 37–262 mm', () => {
    const full = pages.find(
      (p) => new Set(p.runs.filter((r) => r.size === 16).map((r) => r.baseline.toFixed(2))).size === 22,
    );
    expect(full, 'no page with 22 body lines').toBeDefined();
    const body = full!.runs.filter((r) => r.size === 16);
    const baselines = [...new Set(body.map((r) => Math.round(r.baseline * 1000) / 1000))].sort((a, b) => a - b);
    for (let i = 1; i < baselines.length; i++) near((baselines[i]! - baselines[i - 1]!) / PT, PITCH_PT, 0.2);
    near(baselines[0]! - 0.88 * 16 * PT, 37);
    near(baselines[21]! + 0.12 * 16 * PT, 262);
    expect(body.filter((r) => /^[^一二三四（]/.test(r.text)).every((r) => /Fang/.test(r.font))).toBe(true);
  });

  it('a full line holds 28 characters, its last glyph ending on the right edge (184 mm)', () => {
    const lines = pages
      .flatMap((p) => p.runs)
      .filter((r) => r.size === 16 && [...r.text].length === 28 && /^[\u4e00-\u9fff，、。；“”]+$/.test(r.text));
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) {
      near(l.x, 28);
      near(right(l), 184);
    }
  });

  it('paragraphs indent their first line by two characters and wrap flush left', () => {
    const p2 = pages[1]!;
    const xs = new Set(p2.runs.filter((r) => r.size === 16).map((r) => Math.round(r.x * 10) / 10));
    expect([...xs].some((x) => Math.abs(x - 28) < 0.3)).toBe(true);
    expect([...xs].some((x) => Math.abs(x - (28 + 2 * C)) < 0.3)).toBe(true);
  });
});

describe('版头 (7.2)', () => {
  it('the 发文机关标志 is red, centred on x = 106 mm, its ink top 35 mm below the 版心 (y = 72)', () => {
    const mark = find(pages[0]!, (r) => r.text === input.issuerMark);
    near(mark.x + mark.width / 2, 106);
    const red = inkRows(pdf, 1, 300, isRed).filter((y) => y < 110);
    near(red[0]!, 72);
  });

  it('the 发文字号 sits two lines below the mark, centred', () => {
    const mark = find(pages[0]!, (r) => r.text === input.issuerMark);
    const number = find(pages[0]!, (r) => r.text === input.docNumber);
    near(number.x + number.width / 2, 106);
    const redRows = inkRows(pdf, 1, 300, isRed).filter((y) => y < top(number));
    const markBottom = redRows[redRows.length - 1]!;
    expect(markBottom).toBeGreaterThan(top(mark));
    const gap = top(number) - markBottom;
    expect(gap).toBeGreaterThanOrEqual(2 * PITCH - 0.2);
    expect(gap).toBeLessThanOrEqual(3 * PITCH);
    expect(number.text).toMatch(/^[^〔〕第]+〔\d{4}〕[1-9]\d*号$/);
  });

  it('the red separator spans the 版心, 4 mm below the number', () => {
    const number = find(pages[0]!, (r) => r.text === input.docNumber);
    const sep = pages[0]!.rules.find((l) => l.rgb[0] >= 0.8 && l.rgb[1] <= 0.2 && l.rgb[2] <= 0.2);
    expect(sep).toBeDefined();
    near(sep!.x1, 28);
    near(sep!.x2, 184);
    near(sep!.y1 - sep!.width / 2 - bottom(number), 4, 1);
    // And it is really drawn there in red.
    const red = inkRows(pdf, 1, 300, isRed, [100, 110]).filter((y) => y > top(number));
    near(red[0]!, sep!.y1 - sep!.width / 2, 0.3);
  });
});

describe('主体 (7.3)', () => {
  it('the title is 2号, every line centred, two lines below the separator', () => {
    const titles = pages[0]!.runs.filter((r) => r.size === 22);
    expect(titles.length).toBeGreaterThanOrEqual(1);
    expect(titles.map((t) => t.text).join('')).toBe(input.title);
    for (const t of titles) near(t.x + t.width / 2, 106);
    const sep = pages[0]!.rules.find((l) => l.rgb[0] >= 0.8)!;
    const gap = top(titles[0]!) - (sep.y1 + sep.width / 2);
    expect(gap).toBeGreaterThanOrEqual(2 * PITCH - 0.2);
    expect(gap).toBeLessThanOrEqual(3 * PITCH);
    // Words stay whole: no line ends inside 领导干部.
    expect(titles.map((t) => t.text)).not.toContain('关于做好2026年度领导干');
  });

  it('the 主送机关 is flush left one line below the title, ending with a full-width colon', () => {
    const titles = pages[0]!.runs.filter((r) => r.size === 22);
    const to = find(pages[0]!, (r) => r.text.startsWith('各学院党委'));
    near(to.x, 28);
    expect(to.text.endsWith('：')).toBe(true);
    const gap = top(to) - bottom(titles[titles.length - 1]!);
    expect(gap).toBeGreaterThanOrEqual(PITCH - 0.2);
    expect(gap).toBeLessThanOrEqual(2 * PITCH);
    // Page 1 shows body text.
    expect(pages[0]!.runs.some((r) => r.text.startsWith('为深入贯彻'))).toBe(true);
  });

  it('headings use 黑体 for 一、, 楷体 for （一）, 仿宋 for 1. and （1）, all 16 pt', () => {
    const all = pages.flatMap((p) => p.runs);
    const h1 = all.find((r) => r.text.startsWith('一、总体要求'))!;
    const h2 = all.find((r) => r.text.startsWith('（一）联系对象'))!;
    // “1.” is set solid (no tracking inside Latin and digits), so it is a run of its own before “走访调研”.
    const h3 = all.find(
      (r) => r.text === '1.' && all.some((n) => n.baseline === r.baseline && n.text.startsWith('走访调研')),
    )!;
    const h4 = all.find((r) => r.text.startsWith('（1）建立台账'))!;
    expect(h1.font).toMatch(/Hei/);
    expect(h2.font).toMatch(/Kai/);
    expect(h3.font).toMatch(/Fang/);
    expect(h4.font).toMatch(/Fang/);
    for (const h of [h1, h2, h3, h4]) {
      expect(h.size).toBe(16);
      near(h.x, 28 + 2 * C);
    }
  });

  it('the 附件说明 starts two characters in, numbers aligned, no end punctuation', () => {
    const all = pages.flatMap((p) => p.runs);
    const label = all.find((r) => r.text === '附件：')!;
    near(label.x, 28 + 2 * C);
    const n1 = all.find((r) => r.text.startsWith('1.') && r.baseline === label.baseline)!;
    const n2 = all.find((r) => r.text.startsWith('2.') && Math.abs(r.x - n1.x) < 0.1)!;
    near(n2.baseline - n1.baseline, PITCH, 0.1);
    const names = all.filter((r) => r.size === 16 && (r.text.endsWith('一览表') || r.text.endsWith('记录表')));
    expect(names.length).toBe(2);
    for (const n of names) expect(n.text).not.toMatch(/[。；，]$/);
  });

  it('sealed: the date ends 4 characters from the right, the 署名 centred over it, 附注 on the next line', () => {
    const all = pages.flatMap((p) => p.runs);
    const date = all.find((r) => r.text === '2026年3月1日')!;
    const name = all.find((r) => r.text === input.signature)!;
    near(right(date), 184 - 4 * C);
    near(name.x + name.width / 2, date.x + date.width / 2);
    near(date.baseline - name.baseline, PITCH, 0.1);
    const note = all.find((r) => r.text.startsWith('（联系人'))!;
    near(note.x, 28 + 2 * C);
    near(note.baseline - date.baseline, PITCH, 0.1);
  });

  it('each attachment starts a page: 附件N in 黑体 flush left on line 1, its title centred two lines lower', () => {
    for (const n of [1, 2]) {
      const page = pages.find((p) => p.runs.some((r) => r.text === `附件${n}`))!;
      const head = find(page, (r) => r.text === `附件${n}`);
      expect(head.font).toMatch(/Hei/);
      near(head.x, 28);
      near(top(head), 37);
      const title = find(page, (r) => r.size === 22);
      near(title.x + title.width / 2, 106);
      near(title.baseline - head.baseline, 2 * PITCH, 0.1);
      expect(title.text).toBe(input.attachments![n - 1]!.title);
    }
  });

  it('a table stays on the grid and inside the 版心', () => {
    const page = pages.find((p) => p.runs.some((r) => r.text === '附件1'))!;
    const v = page.rules.filter((l) => Math.abs(l.x1 - l.x2) < 0.01);
    const hz = page.rules.filter((l) => Math.abs(l.y1 - l.y2) < 0.01);
    expect(v.length).toBeGreaterThan(4);
    expect(Math.min(...hz.map((l) => l.x1))).toBeGreaterThanOrEqual(28 - 0.1);
    expect(Math.max(...hz.map((l) => l.x2))).toBeLessThanOrEqual(184 + 0.1);
    expect(page.runs.some((r) => r.text === '赵敏')).toBe(true);
  });
});

describe('版记 and 页码 (7.4, 7.5)', () => {
  it('the 版记 rules are 0.35/0.25/0.35 mm, 版心-wide, the last on y = 262 mm of the last page', () => {
    const last = pages[pages.length - 1]!;
    const rules = last.rules.filter((l) => Math.abs(l.y1 - l.y2) < 0.01).sort((a, b) => a.y1 - b.y1);
    expect(rules.map((r) => Math.round(r.width * 100) / 100)).toEqual([0.35, 0.25, 0.35]);
    for (const r of rules) {
      near(r.x1, 28);
      near(r.x2, 184);
      expect(r.rgb).toEqual([0, 0, 0]);
    }
    near(rules[2]!.y1, 262);
    const copy = find(last, (r) => r.text === '抄送：');
    near(copy.x, 28 + C4);
    expect(copy.size).toBe(14);
    const names = find(last, (r) => r.text.startsWith('省委教育工委'));
    expect(names.text.endsWith('。')).toBe(true);
    const printed = find(last, (r) => r.text.endsWith('印发'));
    expect(printed.text).toBe('2026年3月2日印发');
    near(right(printed), 184 - C4);
    const printer = find(last, (r) => r.text === input.printer);
    near(printer.x, 28 + C4);
    expect(printer.baseline).toBeCloseTo(printed.baseline, 3);
    // The 版记 stands on the back of a sheet (an even page).
    expect(pages.length % 2).toBe(0);
  });

  it('page numbers read "— N —" in 14 pt 宋体, 7 mm below the 版心, right on odd pages and left on even', () => {
    pages.forEach((p, i) => {
      const n = i + 1;
      const num = p.runs.find((r) => /^— \d+ —$/.test(r.text));
      // 7.5: a blank page before the 版记 page, and that 版记 page, carry no number (P36); every other page does.
      const blank = (q: MeasuredPage | undefined) => !!q && q.runs.length === 0 && q.rules.length === 0;
      const imprintOnly = p.runs.every((r) => r.size === 14) && p.rules.length === 3;
      if (blank(p) || (imprintOnly && blank(pages[i - 1]))) {
        expect(num, `page ${n} is not numbered`).toBeUndefined();
        return;
      }
      expect(num, `page ${n}`).toBeDefined();
      expect(num!.text).toBe(`— ${n} —`);
      expect(num!.size).toBe(14);
      expect(num!.font).toMatch(/Song/);
      if (n % 2) near(right(num!), 184 - C4);
      else near(num!.x, 28 + C4);
    });
    // The dashes' ink lies on y = 269 mm.
    const rows = inkRows(pdf, 1, 300, isDark, [150, 184]).filter((y) => y > 263);
    near((rows[0]! + rows[rows.length - 1]!) / 2, 269);
  });
});

describe('a title with dates', () => {
  it('breaks between words, never inside a date: “…至2026年12月31日 / 领导干部接待日安排的通知”', async () => {
    // The 接待日安排 of an autumn term, as ledger.ts titles it.
    const title = '关于2026年9月1日至2026年12月31日领导干部接待日安排的通知';
    const pages = await measurePdf(await renderNotice(sampleNotice(1, { title, attachments: [] }), fonts));
    const byLine = new Map<string, string>();
    for (const r of pages[0]!.runs.filter((r) => r.size === 22)) {
      const k = r.baseline.toFixed(1);
      byLine.set(k, (byLine.get(k) ?? '') + r.text);
    }
    const lines = [...byLine.entries()].sort((a, b) => Number(a[0]) - Number(b[0])).map(([, t]) => t);
    expect(lines.join('')).toBe(title);
    expect(lines.length).toBe(2);
    // Every date of the title lies whole on one line.
    for (const d of title.match(/\d{4}年\d{1,2}月\d{1,2}日/gu)!)
      expect(lines.some((l) => l.includes(d)), `${d} split: ${lines.join(' / ')}`).toBe(true);
  });
});

describe('页码 of the 版记 page (7.5, P36)', () => {
  // Notices of growing length until each case occurs: the 版记 alone on an even page right after the body (numbered),
  // and after a blank page (neither numbered).
  const find = (want: (pages: ReturnType<typeof layoutNotice>) => boolean) => {
    for (let k = 1; k < 40; k++) {
      const n = sampleNotice(5, {
        attachments: [],
        body: Array.from({ length: k }, () => ({
          kind: 'paragraph' as const,
          text: '各单位要认真落实联系群众工作制度，及时填写工作记录。',
        })),
      });
      if (want(layoutNotice(n, fonts))) return n;
    }
    throw new Error('no such notice');
  };
  const imprintAlone = (p: { items: { kind: string; size?: number }[] }) =>
    p.items.filter((i) => i.kind === 'rule').length === 3 && p.items.every((i) => i.kind === 'rule' || i.size === 14);

  it('a 版记 page right after the body is numbered', async () => {
    const n = find(
      (ps) => ps.length % 2 === 0 && imprintAlone(ps[ps.length - 1]!) && ps[ps.length - 2]!.items.length > 1,
    );
    const ps = await measurePdf(await renderNotice(n, fonts));
    const last = ps[ps.length - 1]!;
    expect(
      last.runs.find((r) => r.text === `— ${ps.length} —`),
      'the 版记 page has its number',
    ).toBeDefined();
  });

  it('after a blank page, neither the blank page nor the 版记 page is numbered', async () => {
    const n = find((ps) => ps.length >= 3 && ps[ps.length - 2]!.items.length === 0);
    const ps = await measurePdf(await renderNotice(n, fonts));
    expect(ps[ps.length - 2]!.runs).toEqual([]);
    expect(ps[ps.length - 1]!.runs.some((r) => /^— \d+ —$/.test(r.text))).toBe(false);
    expect(ps[ps.length - 3]!.runs.some((r) => r.text === `— ${ps.length - 2} —`)).toBe(true);
  });
});

describe('text and fonts', () => {
  it('embeds every font (pdffonts)', () => {
    const out = execFileSync('pdffonts', ['-'], { input: pdf, encoding: 'utf8' });
    const rows = out.split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const row of rows) expect(row).toMatch(/\byes\s+yes\s+yes\b/);
  });

  it('copy and paste gives back the input text (pdftotext)', () => {
    const text = execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' }).replace(/\s+/g, '');
    const paragraphs = input.body.flatMap((b) =>
      b.kind === 'paragraph' ? [b.text] : b.kind === 'heading' ? [b.text + (b.runIn ?? '')] : [],
    );
    // Page numbers interrupt a paragraph that crosses a page; drop them first.
    const clean = text.replace(/—\d+—/g, '');
    for (const p of paragraphs) expect(clean).toContain(p.replace(/\s+/g, ''));
    expect(clean).toContain(input.title);
    expect(clean).toContain('2026年3月1日');
  });

  it('a second and third document render in the same process (fonts parsed once, not consumed)', async () => {
    const a = await renderNotice(sampleNotice(4), fonts);
    const b = await renderNotice(sampleNotice(5, { sealed: false, attachments: [] }), fonts);
    const [pa, pb] = await Promise.all([measurePdf(a), measurePdf(b)]);
    expect(pa[0]!.runs.some((r) => r.text === '校党发〔2026〕4号')).toBe(true);
    expect(pb[0]!.runs.some((r) => r.text === '校党发〔2026〕5号')).toBe(true);
  });
});

describe('unsealed notices (7.3.5.2)', () => {
  it('署名 ends two characters from the right one line below the body; the date starts 2 characters further right', async () => {
    const doc = await renderNotice(
      sampleNotice(6, { sealed: false, note: undefined, attachments: [], signature: '××大学党委办公室' }),
      fonts,
    );
    const ps = await measurePdf(doc);
    renderPng(doc, 'notice-unsealed');
    const all = ps.flatMap((p) => p.runs);
    const name = all.find((r) => r.text === '××大学党委办公室')!;
    const date = all.find((r) => r.text === '2026年3月1日')!;
    near(right(name), 184 - 2 * C);
    near(date.x, name.x + 2 * C);
    near(date.baseline - name.baseline, PITCH, 0.1);
  });

  it('a longer date sits two characters from the right and pushes the 署名 left', async () => {
    const doc = await renderNotice(
      sampleNotice(7, { sealed: false, attachments: [], signature: '团委', date: '2026-12-31' }),
      fonts,
    );
    const all = (await measurePdf(doc)).flatMap((p) => p.runs);
    const name = all.find((r) => r.text === '团委')!;
    const date = all.find((r) => r.text === '2026年12月31日')!;
    near(right(date), 184 - 2 * C);
    near(date.x, name.x + 2 * C);
  });
});

describe('rare characters in names', () => {
  const RARE = '堃喆昇犇镕祎珺䶮';

  it('the bundled fonts alone print them: each from the fallback font, embedded as a subset', async () => {
    const names = [...RARE].map((c, i) => '张王李赵钱孙周吴'[i] + c);
    const doc = await renderNotice(
      sampleNotice(8, {
        note: `联系人：${names.join('、')}`,
        attachments: [],
        body: [{ kind: 'paragraph', text: `${names.join('、')}同志在联系点开展工作。` }],
      }),
      fonts,
    );
    const text = execFileSync('pdftotext', ['-', '-'], { input: doc, encoding: 'utf8' }).replace(/\s/g, '');
    for (const n of names) expect(text).toContain(n);
    const embedded = execFileSync('pdffonts', ['-'], { input: doc, encoding: 'utf8' });
    expect(embedded).toMatch(/\+BabelStoneHan\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    // Every glyph run of a rare character lies on the body's grid like its neighbours (same baseline as 张).
    const runs = (await measurePdf(doc)).flatMap((p) => p.runs);
    const rare = runs.find((r) => r.text.includes('堃'))!;
    const before = runs.find((r) => r.text.endsWith('张') && Math.abs(r.baseline - rare.baseline) < 0.01);
    expect(before, 'the name’s first character on the same baseline').toBeDefined();
    near(before!.x + before!.width, rare.x, 0.1);
    renderPng(doc, 'notice-rare');
  });

  it('a character no font has (Extension B) is refused in Chinese, naming it and where it is', async () => {
    const err = await renderNotice(sampleNotice(8, { note: '联系人：王𠀀' }), fonts).catch((e: unknown) => e);
    expect(isLedgerError(err)).toBe(true);
    const msg = (err as Error).message;
    expect(msg).toContain('“𠀀”（U+20000）');
    expect(msg).toContain('附注');
  });

  const TTC = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';
  it.skipIf(!existsSync(TTC))(
    'a .ttc as a role font (as Windows’ simsun.ttc for 宋体) prints its named face',
    async () => {
      const withTtc = openFontSet({ bundledDir: FONTS_DIR, useSystem: false, overrides: { songti: TTC, heiti: TTC } });
      expect(withTtc.songti.font.postscriptName).toBe('NotoSerifCJKsc-Regular');
      const doc = await renderNotice(sampleNotice(9, { attachments: [] }), withTtc);
      const embedded = execFileSync('pdffonts', ['-'], { input: doc, encoding: 'utf8' });
      expect(embedded).toContain('+NotoSerifCJKsc-Regular');
      const p = await measurePdf(doc);
      expect(p[0]!.runs.some((r) => r.text === '— 1 —')).toBe(true);
      expect(p[0]!.runs.find((r) => r.text.startsWith('一、'))?.font).toMatch(/NotoSerifCJKsc/);
    },
  );
});

describe('input errors', () => {
  it('a 发文字号 with 第 or square brackets is refused in Chinese', async () => {
    for (const docNumber of ['校党发[2026]3号', '校党发〔2026〕第3号', '校党发〔2026〕03号']) {
      const err = await renderNotice(sampleNotice(1, { docNumber }), fonts).catch((e: unknown) => e);
      expect(isLedgerError(err)).toBe(true);
      expect((err as Error).message).toContain('发文字号');
    }
  });
});
