// The 考核 packet rendered by worker threads (one per core, longest job first) is the packet rendered on one thread:
// the same files, each with the same pages and the same text on every page, read back from the PDFs. A cancel ends
// the workers and leaves no folder; a document the fonts cannot print fails with the same Chinese message.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import { writePacket } from '../../electron/services/documents';
import { layoutFields } from '../../electron/services/documents/ledger';
import { decodePages, encodePages } from '../../electron/services/documents/page-codec';
import {
  cutLong,
  defaultPipeline,
  defaultWorkers,
  longestFirst,
  renderAll,
} from '../../electron/services/documents/pool';
import { documentFonts } from '../../electron/services/settings';
import type { DocumentFields, PlainBlockFields } from '../../shared/api/documents';
import { estimatePages } from '../../electron/services/documents/parts';
import { tempDbPath, tempDir } from '../support/tmp';
import { seedLedger } from './ledger-fixture';

process.env.LEDGER_SYSTEM_FONTS = '0';
const dir = tempDir();
let b: Backend;

beforeAll(async () => {
  b = await openBackend(tempDbPath(dir), { now: () => new Date('2026-12-20T08:00:00Z') });
  seedLedger(b.db, { cadres: 6, leaders: 2, recordsPerCadre: 3 });
});

const filesUnder = (d: string): string[] =>
  readdirSync(d)
    .flatMap((n) => (statSync(join(d, n)).isDirectory() ? filesUnder(join(d, n)) : [join(d, n)]))
    .map((f) => f)
    .sort();

/** Every PDF of a packet: its path in the folder → the text of each page (pdftotext, pages split at form feeds). */
function pagesText(out: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const f of filesUnder(out).filter((f) => f.endsWith('.pdf'))) {
    const text = execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 });
    m.set(relative(out, f), text.split('\f').slice(0, -1));
  }
  return m;
}

describe('考核 packet by a pool of workers', () => {
  it('two workers write the packet one thread writes: same files, pages and text on every page', async () => {
    const serial = await writePacket(b.ctx, {
      year: 2026,
      out: join(dir, 'serial'),
      fonts: documentFonts(b.ctx),
      workers: 1,
    });
    // The report is cut into parts of about two pages (a share of the 500-cadre packet is hundreds): its cadres'
    // sections are laid out and written by both workers and joined into one PDF.
    const pooled = await writePacket(b.ctx, {
      year: 2026,
      out: join(dir, 'pooled'),
      fonts: documentFonts(b.ctx),
      workers: 2,
      partPages: 2,
    });
    expect(serial.workers).toBe(0);
    expect(pooled.workers).toBe(2);
    expect(pooled.files.map((f) => [relative(pooled.dir, f.path), f.pages])).toEqual(
      serial.files.map((f) => [relative(serial.dir, f.path), f.pages]),
    );
    expect(pooled.files).toHaveLength(6 + 3);
    const a = pagesText(serial.dir);
    const p = pagesText(pooled.dir);
    expect([...p.keys()]).toEqual([...a.keys()]);
    for (const [name, pages] of a) {
      expect(p.get(name)!.length, name).toBe(pages.length);
      expect(p.get(name), name).toEqual(pages);
    }
    // The joined report: page numbers run on across the joins, odd pages' at the right, even pages' at the left;
    // every font is embedded, each part's subsets under a name of their own.
    const report = p.get('2026年度考核报告.pdf')!;
    report.forEach((text, i) => {
      const line = text.split('\n').find((l) => new RegExp(`^\\s*—\\s*${i + 1}\\s*—\\s*$`).test(l));
      expect(line, `page ${i + 1}`).toBeDefined();
      const indent = line!.length - line!.trimStart().length;
      if (i % 2 === 0) expect(indent, `page ${i + 1}`).toBeGreaterThan(30);
      else expect(indent, `page ${i + 1}`).toBeLessThan(10);
    });
    const fonts = (d: string) =>
      execFileSync('pdffonts', [join(d, '2026年度考核报告.pdf')], { encoding: 'utf8' })
        .split('\n')
        .slice(2)
        .filter(Boolean)
        .map((l) => l.split(/\s+/));
    const joined = fonts(pooled.dir);
    expect(joined.every((f) => f[f.length - 5] === 'yes')).toBe(true);
    expect(new Set(joined.map((f) => f[0])).size).toBe(joined.length);
    // More subsets than the one-piece report: it was written in parts.
    expect(joined.length).toBeGreaterThan(fonts(serial.dir).length);
    // What the 清单 says is what the PDFs hold, page for page.
    const list = readFileSync(join(pooled.dir, '清单.txt'), 'utf8');
    for (const [name, pages] of p) expect(list).toContain(`${name}（${pages.length}页）`);
    expect(list).toEqual(readFileSync(join(serial.dir, '清单.txt'), 'utf8'));
    // The report holds every cadre's section; the cadres' own files are not empty.
    expect(a.get('2026年度考核报告.pdf')!.length).toBeGreaterThan(10);
    expect(readdirSync(join(pooled.dir, '干部')).every((f) => statSync(join(pooled.dir, '干部', f)).size > 1000)).toBe(
      true,
    );
  }, 240_000);

  it('a cancel while workers render ends them, reports nothing after it and leaves no folder', async () => {
    const out = join(dir, 'cancelled');
    const ac = new AbortController();
    const seen: number[] = [];
    const job = {
      signal: ac.signal,
      progress(done: number) {
        seen.push(done);
        if (done === 2) ac.abort();
      },
      writing: <T>(fn: () => Promise<T> | T) => Promise.resolve(fn()),
    };
    await expect(
      writePacket({ ...b.ctx, job }, { year: 2026, out, fonts: documentFonts(b.ctx), workers: 2 }),
    ).rejects.toThrow(/已取消/);
    expect(seen.at(-1)).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).some((f) => f.startsWith('cancelled'))).toBe(false);
  }, 240_000);

  it('a document a worker cannot print fails the packet with the message it gives on one thread', async () => {
    const fonts = documentFonts(b.ctx);
    // U+E000 (private use): no font of any role has it.
    const bad: DocumentFields = {
      layout: 'plain',
      type: '考核',
      title: '考核表',
      blocks: [{ kind: 'paragraph', text: '姓名\uE000' }],
    };
    const good: DocumentFields = {
      layout: 'plain',
      type: '考核',
      title: '考核表',
      blocks: [{ kind: 'paragraph', text: '正常' }],
    };
    const jobs = [
      { fields: good, pages: 1 },
      { fields: bad, pages: 1 },
    ];
    const here = await renderAll(jobs, { fonts, workers: 1, done: () => undefined }).catch((e: Error) => e.message);
    const pooled = await renderAll(jobs, { fonts, workers: 2, done: () => undefined }).catch((e: Error) => e.message);
    expect(here).toMatch(/字体无法显示的字/);
    expect(pooled).toBe(here);
  }, 120_000);

  it('a document is cut into parts only when it is longer than one worker’s share of the pages', () => {
    // A report of 30 cadres' sections (each starting a page, ~2 estimated pages) and 30 small files.
    const section = (i: number): PlainBlockFields[] => [
      { kind: 'title', text: `干部${i}`, newPage: true },
      {
        kind: 'table',
        columns: [{ title: '条款' }, { title: '状态' }],
        rows: Array.from({ length: 32 }, () => ['四.1', '达标']),
      },
    ];
    const report: DocumentFields = {
      layout: 'plain',
      type: '考核',
      title: '考核报告',
      blocks: Array.from({ length: 30 }, (_, i) => section(i)).flat(),
    };
    const small: DocumentFields = { layout: 'plain', type: '考核', title: '考核表', blocks: section(0) };
    const jobs = [report, ...Array.from({ length: 30 }, () => small)].map((fields) => ({
      fields,
      pages: fields.layout === 'plain' ? estimatePages(fields.blocks) : 1,
    }));
    const total = jobs.reduce((a, j) => a + j.pages, 0);
    // Half the pages: within one of two workers' share — left whole (a cut would only add work).
    expect(jobs[0]!.pages).toBeLessThan(total / 2);
    expect(cutLong(jobs, 2).size).toBe(0);
    // More than one of three workers' share: cut, each part opening a cadre's section, together the whole report.
    expect(jobs[0]!.pages).toBeGreaterThan(total / 3);
    const parts = cutLong(jobs, 3).get(0)!;
    expect(parts.length).toBeGreaterThan(1);
    expect(cutLong(jobs, 3).size).toBe(1);
    expect(parts.flatMap((p) => p.blocks)).toEqual(report.blocks);
    expect(parts.map((p) => p.head)).toEqual(parts.map((_, k) => k === 0));
    for (const p of parts) expect(p.blocks[0]).toMatchObject({ kind: 'title', newPage: true });
  });

  it('no workers on two cores or fewer (they lose there), one per core above', () => {
    expect([1, 2, 3, 4, 8].map((c) => defaultWorkers(c))).toEqual([1, 1, 3, 4, 8]);
  });

  it('jobs go out longest first, equal estimates in their order', () => {
    expect(longestFirst([{ pages: 2 }, { pages: 120 }, { pages: 5 }, { pages: 5 }, { pages: 1 }])).toEqual([
      1, 2, 3, 0, 4,
    ]);
  });
});

/** A PDF's bytes but its creation date and the identifier pdfkit derives from it. */
const undated = (f: string) =>
  readFileSync(f)
    .toString('latin1')
    .replace(/\(D:\d{14}Z\)/, '')
    .replace(/\/ID \[<[0-9a-f]+> <[0-9a-f]+>\]/, '');

describe('考核 packet laid out here and written by one worker (two cores)', () => {
  it('writes the packet one thread writes: the same files, byte for byte but the creation date', async () => {
    const serial = await writePacket(b.ctx, {
      year: 2026,
      out: join(dir, 'serial-p'),
      fonts: documentFonts(b.ctx),
      workers: 1,
    });
    // The report is laid out in parts of about two pages, each added to the one PDF the worker keeps open.
    const piped = await writePacket(b.ctx, {
      year: 2026,
      out: join(dir, 'piped'),
      fonts: documentFonts(b.ctx),
      workers: 1,
      pipeline: true,
      partPages: 2,
    });
    expect(serial).toMatchObject({ workers: 0, pipeline: false });
    expect(piped).toMatchObject({ workers: 1, pipeline: true });
    expect(piped.files.map((f) => [relative(piped.dir, f.path), f.pages])).toEqual(
      serial.files.map((f) => [relative(serial.dir, f.path), f.pages]),
    );
    const names = filesUnder(serial.dir).map((f) => relative(serial.dir, f));
    expect(filesUnder(piped.dir).map((f) => relative(piped.dir, f))).toEqual(names);
    expect(names.filter((n) => n.endsWith('.pdf'))).toHaveLength(6 + 3);
    for (const n of names.filter((n) => n.endsWith('.pdf')))
      expect(undated(join(piped.dir, n)) === undated(join(serial.dir, n)), n).toBe(true);
    expect(readFileSync(join(piped.dir, '清单.txt'), 'utf8')).toEqual(
      readFileSync(join(serial.dir, '清单.txt'), 'utf8'),
    );
    // The report was laid out in parts: more than one part's worth of pages.
    expect(piped.files[0]!.pages).toBeGreaterThan(4);
  }, 240_000);

  it('a cancel ends the worker, reports nothing after it and leaves no folder', async () => {
    const out = join(dir, 'cancelled-p');
    const ac = new AbortController();
    const seen: number[] = [];
    const job = {
      signal: ac.signal,
      progress(done: number, total: number | null) {
        seen.push(done);
        if (done > 0) expect(total).toBe(6 + 3);
        if (done === 2) ac.abort();
      },
      writing: <T>(fn: () => Promise<T> | T) => Promise.resolve(fn()),
    };
    await expect(
      writePacket(
        { ...b.ctx, job },
        { year: 2026, out, fonts: documentFonts(b.ctx), workers: 1, pipeline: true, partPages: 2 },
      ),
    ).rejects.toThrow(/已取消/);
    expect(seen.at(-1)).toBe(2);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).some((f) => f.startsWith('cancelled-p'))).toBe(false);
  }, 240_000);

  it('a document the fonts cannot print fails with the message it gives on one thread', async () => {
    const fonts = documentFonts(b.ctx);
    const jobs = [
      { fields: { layout: 'plain', type: '考核', title: '考核表', blocks: [{ kind: 'paragraph', text: '正常' }] } },
      {
        fields: { layout: 'plain', type: '考核', title: '考核表', blocks: [{ kind: 'paragraph', text: '姓名\uE000' }] },
      },
    ].map((j) => ({ fields: j.fields as DocumentFields, pages: 1 }));
    const here = await renderAll(jobs, { fonts, workers: 1, done: () => undefined }).catch((e: Error) => e.message);
    const piped = await renderAll(jobs, { fonts, workers: 1, pipeline: true, done: () => undefined }).catch(
      (e: Error) => e.message,
    );
    expect(here).toMatch(/字体无法显示的字/);
    expect(piped).toBe(here);
  }, 120_000);

  it('a worker that cannot start leaves every document to this thread: all written, none twice', async () => {
    const fonts = documentFonts(b.ctx);
    const broken = join(dir, 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('no engine');\n");
    const jobs = [1, 2, 3].map((n) => ({
      fields: {
        layout: 'plain',
        type: '考核',
        title: `考核表${n}`,
        blocks: [{ kind: 'paragraph', text: '正常'.repeat(n) }],
      } as DocumentFields,
      pages: 1,
    }));
    const done: number[] = [];
    const r = await renderAll(jobs, {
      fonts,
      workers: 1,
      pipeline: true,
      entry: broken,
      done: (i, pdf) => {
        expect(pdf.pages).toBe(1);
        done.push(i);
      },
    });
    expect(r.workers).toBe(0);
    expect(done.sort()).toEqual([0, 1, 2]);
  }, 120_000);

  it('pages posted to the worker come back as they were laid out', () => {
    const fonts = documentFonts(b.ctx);
    const pages = layoutFields(
      {
        layout: 'plain',
        type: '考核',
        title: '考核表',
        blocks: [
          { kind: 'heading', level: 1, text: '基本情况' },
          { kind: 'table', columns: [{ title: '条款' }, { title: '状态' }], rows: [['四.1', '达标']] },
        ],
      },
      fonts,
    );
    // A turned page with its page number in the portrait frame, a coloured run and a coloured rule.
    pages.push({
      orientation: 'landscape',
      rotated: true,
      items: [
        {
          kind: 'text',
          x: 1.5,
          baseline: 2.25,
          text: '红头',
          role: 'xiaobiaosong',
          size: 22,
          spacing: 0.1,
          color: '#ff0000',
        },
        { kind: 'rule', x1: 0, y1: 1 / 3, x2: 100, y2: 1 / 3, width: 0.75, color: '#ff0000' },
        { kind: 'text', x: 3, baseline: 4, text: '', role: 'fangsong', size: 16, spacing: 0 },
      ],
      overlay: [{ kind: 'text', x: 5, baseline: 6, text: '— 2 —', role: 'songti', size: 14, spacing: 0 }],
    });
    expect(pages[0]!.items.length).toBeGreaterThan(3);
    expect(decodePages(encodePages(pages))).toEqual(pages);
    expect(decodePages(encodePages([]))).toEqual([]);
  });

  it('is the default on two cores only (one core: nothing to run a second thread on)', () => {
    expect([1, 2, 3, 4, 8].map((c) => defaultPipeline(c))).toEqual([false, true, false, false, false]);
  });
});
