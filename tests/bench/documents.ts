// Documents benchmarks. `rows()` (npm run bench -- --json): 50 通知 by our engine against LibreOffice headless
// converting the same 50 通知 (our .docx of each) in one process, and the 500-cadre 考核 packet written by one
// process per core sharing it by pages (planShards) against the same packet in one process. `run()` (the older
// table): the packet against LibreOffice converting the same content as HTML. Prints figures; asserts nothing.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBackend } from '../../electron/services/backend';
import {
  evaluationReport,
  renderFields,
  draftDocument,
  writePacket,
  openFontSet,
} from '../../electron/services/documents';
import { renderDocx } from '../../electron/services/documents/docx';
import { documentFonts } from '../../electron/services/settings';
import type { NoticeFields, PlainBlockFields, PlainFields } from '../../shared/api/documents';
import { FONTS_DIR, sampleBody } from '../documents/fixtures';
import { seedLedger } from '../documents/ledger-fixture';

const CADRES = Number(process.env.BENCH_CADRES ?? 500);
const RECORDS = Number(process.env.BENCH_RECORDS_PER_CADRE ?? 24);
const NOW = () => new Date('2026-12-20T08:00:00Z');
process.env.LEDGER_SYSTEM_FONTS = '0';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The same content as HTML for LibreOffice: title, tables with borders, text, page breaks per cadre. */
function html(f: PlainFields): string {
  const block = (b: PlainBlockFields): string => {
    switch (b.kind) {
      case 'table':
        return `<table border="1" cellspacing="0" style="border-collapse:collapse;width:100%;font-size:12pt"><tr>${b.columns.map((c) => `<th>${esc(c.title)}</th>`).join('')}</tr>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</table>`;
      case 'form':
        return `<table border="1" cellspacing="0" style="width:100%">${b.rows.map((r) => `<tr>${r.cells.map((c) => `<td>${esc(c.label)}</td><td${c.wide ? ' colspan="3"' : ''}>${esc(c.value)}</td>`).join('')}</tr>`).join('')}</table>`;
      case 'title':
        return `<h2 style="text-align:center;${b.newPage ? 'page-break-before:always' : ''}">${esc(b.text)}</h2>`;
      case 'list':
      case 'signatures':
        return b.items.map((i) => `<p style="font-size:12pt">${esc(i)}</p>`).join('');
      case 'heading':
      case 'caption':
        return `<h3>${esc(b.text)}</h3>`;
      default:
        return `<p>${esc(b.text)}</p>`;
    }
  };
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>@page{size:A4;margin:37mm 26mm 35mm 28mm}body{font-family:'FandolFang','FangSong';font-size:16pt}h1,h2{font-family:'FandolSong'}</style></head><body><h1 style="text-align:center">${esc(f.title)}</h1>${f.subtitle ? `<p style="text-align:center">${esc(f.subtitle)}</p>` : ''}${f.blocks.map(block).join('')}</body></html>`;
}

async function ours(
  dbPath: string,
  out: string,
  cores: number,
): Promise<{ ms: number; pages: number; files: number; shardPages: number[] }> {
  const t0 = performance.now();
  const self = fileURLToPath(import.meta.url);
  const children = Array.from(
    { length: cores },
    (_, index) =>
      new Promise<{ pages: number; files: number }>((resolve, reject) => {
        const p = spawn(
          process.execPath,
          ['--import', 'tsx', self, 'shard', dbPath, out, String(index), String(cores)],
          { stdio: ['ignore', 'pipe', 'inherit'] },
        );
        let text = '';
        p.stdout.on('data', (d: Buffer) => (text += d.toString()));
        p.on('exit', (code) =>
          code === 0
            ? resolve(JSON.parse(text.trim().split('\n').pop()!) as { pages: number; files: number })
            : reject(new Error(`shard ${index} exited ${code}`)),
        );
      }),
  );
  const parts = await Promise.all(children);
  return {
    ms: performance.now() - t0,
    pages: parts.reduce((a, p) => a + p.pages, 0),
    files: parts.reduce((a, p) => a + p.files, 0),
    shardPages: parts.map((p) => p.pages),
  };
}

async function shard(dbPath: string, out: string, index: number, count: number) {
  // Read-only: the workers share one ledger file (one writer per file across processes).
  const b = await openBackend(dbPath, { now: NOW, access: 'read' });
  const r = await writePacket(b.ctx, { year: 2026, out, fonts: documentFonts(b.ctx), shard: { index, count } });
  b.close();
  console.log(JSON.stringify({ pages: r.pages, files: r.files.length }));
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-docs-'));
  try {
    const dbPath = join(dir, 'ledger.sqlite');
    const b = await openBackend(dbPath, { now: NOW });
    let t = performance.now();
    seedLedger(b.db, { cadres: CADRES, leaders: 20, recordsPerCadre: RECORDS });
    console.log(
      `ledger: ${CADRES} cadres, ${CADRES * RECORDS} records (${((performance.now() - t) / 1000).toFixed(1)} s to write)`,
    );

    // The same documents as HTML, for LibreOffice.
    t = performance.now();
    const report = evaluationReport(b.ctx, { type: '考核', year: 2026 });
    const htmlDir = join(dir, 'html');
    mkdirSync(htmlDir);
    writeFileSync(join(htmlDir, 'report.html'), html(report.fields));
    report.cadrePages.forEach((p, i) => {
      const [, ...rest] = p.blocks;
      writeFileSync(
        join(htmlDir, `c${String(i).padStart(4, '0')}.html`),
        html({
          layout: 'plain',
          type: '考核',
          title: '2026年度联系群众工作考核表',
          subtitle: p.cadre.name,
          blocks: rest,
        }),
      );
    });
    for (const part of [1, 2] as const)
      writeFileSync(
        join(htmlDir, `roster${part}.html`),
        html(draftDocument(b.ctx, { type: '一览表', year: 2026, part }) as PlainFields),
      );
    const evalMs = performance.now() - t;
    // Single-process figure: the whole report in one document.
    t = performance.now();
    const whole = await renderFields(report.fields, documentFonts(b.ctx));
    const wholeMs = performance.now() - t;
    b.close();

    const cores = Math.max(1, Math.min(2, availableParallelism()));
    const one = await ours(dbPath, join(dir, 'packet1'), 1);
    const two = cores > 1 ? await ours(dbPath, join(dir, 'packet2'), cores) : one;
    const rows: [string, string, string, string][] = [
      ['evaluate + build HTML twin', `${(evalMs / 1000).toFixed(2)} s`, '', ''],
      [
        'report alone, in-process',
        `${(wholeMs / 1000).toFixed(2)} s`,
        `${whole.pages}`,
        `${((whole.pages / wholeMs) * 1000).toFixed(1)}`,
      ],
      [
        'packet, 1 process',
        `${(one.ms / 1000).toFixed(2)} s`,
        `${one.pages}`,
        `${((one.pages / one.ms) * 1000).toFixed(1)}`,
      ],
      [
        `packet, ${cores} processes`,
        `${(two.ms / 1000).toFixed(2)} s`,
        `${two.pages}`,
        `${((two.pages / two.ms) * 1000).toFixed(1)}`,
      ],
    ];
    let lo: { ms: number; pages: number } | null = null;
    try {
      execFileSync('soffice', ['--version'], { stdio: 'ignore' });
      const files = readdirSync(htmlDir).map((f) => join(htmlDir, f));
      const outDir = join(dir, 'lo');
      const profile = `file://${join(dir, 'lo-profile')}`;
      // A warm-up conversion creates the profile, so the timed batch measures conversion only.
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=${profile}`,
          '--headless',
          '--convert-to',
          'pdf:writer_web_pdf_Export',
          '--outdir',
          join(dir, 'lo-warm'),
          files[0]!,
        ],
        { stdio: 'ignore' },
      );
      t = performance.now();
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=${profile}`,
          '--headless',
          '--convert-to',
          'pdf:writer_web_pdf_Export',
          '--outdir',
          outDir,
          ...files,
        ],
        { stdio: 'ignore', maxBuffer: 1 << 26 },
      );
      const ms = performance.now() - t;
      let pages = 0;
      for (const f of readdirSync(outDir)) {
        const info = execFileSync('pdfinfo', [join(outDir, f)], { encoding: 'utf8' });
        pages += Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
      }
      lo = { ms, pages };
      rows.push([
        'LibreOffice headless, 1 batch',
        `${(ms / 1000).toFixed(2)} s`,
        `${pages}`,
        `${((pages / ms) * 1000).toFixed(1)}`,
      ]);
    } catch (e) {
      console.log(
        `LibreOffice (soffice) not available or failed — comparison skipped (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`,
      );
    }
    console.log(
      `\n| run | time | pages | pages/s |\n|---|---|---|---|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`,
    );
    if (lo) {
      console.log(
        `\nratio (LibreOffice time / ours with ${cores} processes): ${(lo.ms / two.ms).toFixed(2)}× (goal ≥ 3×); per page: ${(lo.ms / lo.pages / (two.ms / two.pages)).toFixed(2)}×`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ── Rows of issue 13's table (`npm run bench -- --json`; the shape is speed's harness.ts BenchRow) ──────────────

interface Row {
  metric: string;
  product: number;
  anchor: number | null;
  unit: 'ms' | 's' | 'MB';
  ratio: number | null;
  goal: string;
  met: boolean;
}
const med = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const pdfPages = (f: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [f], { encoding: 'utf8' }))?.[1] ?? 0);

/** 50 different 通知 of the ledger's kind (each with its own body length), as fields. */
function notices(n: number): NoticeFields[] {
  return Array.from({ length: n }, (_, i) => ({
    layout: 'notice',
    type: '通知',
    issuerMark: '中共××大学委员会文件',
    docNumber: `校党发〔2026〕${i + 1}号`,
    title: `关于做好2026年度领导干部联系师生工作的通知（第${i + 1}批）`,
    mainRecipients: '各学院党委（党总支），机关各部门，各直属单位',
    body: sampleBody(1 + (i % 3)),
    attachments: [],
    signature: '中共××大学委员会',
    date: '2026-03-01',
    sealed: true,
    note: '联系人：王明，电话：0391-3987654',
    copyTo: ['省委教育工委', '省教育厅'],
    printer: '中共××大学委员会办公室',
    printDate: '2026-03-02',
  }));
}

/**
 * Documents vs LibreOffice: our engine writes 50 通知 to PDF in one process (fonts parsed once, warm); LibreOffice
 * headless converts the same 50 通知 — our .docx of each — to PDF in one process (profile warm). Medians of `runs`.
 */
async function noticesRow(o: { quick: boolean; log: (l: string) => void }): Promise<Row> {
  const n = o.quick ? 5 : 50;
  const runs = o.quick ? 1 : 3;
  const dir = mkdtempSync(join(tmpdir(), 'bench-notices-'));
  try {
    const fonts = openFontSet({ bundledDir: FONTS_DIR, useSystem: false });
    const list = notices(n);
    await renderFields(list[0]!, fonts); // warm: fonts parsed, as LibreOffice's warm profile
    let ourPages = 0;
    const ours: number[] = [];
    for (let k = 0; k < runs; k++) {
      const t = performance.now();
      ourPages = 0;
      for (const f of list) ourPages += (await renderFields(f, fonts)).pages;
      ours.push(performance.now() - t);
    }
    const docxDir = join(dir, 'docx');
    mkdirSync(docxDir);
    const files: string[] = [];
    for (const [i, f] of list.entries()) {
      const p = join(docxDir, `n${String(i).padStart(3, '0')}.docx`);
      writeFileSync(p, await renderDocx(f, fonts));
      files.push(p);
    }
    const profile = `-env:UserInstallation=file://${join(dir, 'lo-profile')}`;
    execFileSync('soffice', [profile, '--headless', '--convert-to', 'pdf', '--outdir', join(dir, 'warm'), files[0]!], {
      stdio: 'ignore',
    });
    const lo: number[] = [];
    let loPages = 0;
    for (let k = 0; k < runs; k++) {
      const out = join(dir, `lo${k}`);
      const t = performance.now();
      execFileSync('soffice', [profile, '--headless', '--convert-to', 'pdf', '--outdir', out, ...files], {
        stdio: 'ignore',
      });
      lo.push(performance.now() - t);
      loPages = readdirSync(out).reduce((a, f) => a + pdfPages(join(out, f)), 0);
    }
    o.log(
      `  ${n} notices: ours ${ours.map((x) => (x / 1000).toFixed(2)).join(', ')} s (${ourPages} pages); LibreOffice ${lo.map((x) => (x / 1000).toFixed(2)).join(', ')} s (${loPages} pages)`,
    );
    const product = med(ours) / 1000;
    const anchor = med(lo) / 1000;
    return {
      metric: `documents: ${n} 通知 → PDF in one process (${ourPages} pages); anchor: LibreOffice headless converting the same ${n} 通知 (.docx, ${loPages} pages) in one process`,
      product: r3(product),
      anchor: r3(anchor),
      unit: 's',
      ratio: r3(product / anchor),
      goal: 'ratio ≤ 0.333 (≥ 3× faster than LibreOffice)',
      met: product / anchor <= 1 / 3,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The 500-cadre 考核 packet written by `cores` processes sharing it by pages; anchor: the same packet in 1 process. */
async function packetRow(o: { quick: boolean; log: (l: string) => void }): Promise<Row> {
  const cadres = o.quick ? 20 : CADRES;
  const dir = mkdtempSync(join(tmpdir(), 'bench-packet-'));
  try {
    const dbPath = join(dir, 'ledger.sqlite');
    const b = await openBackend(dbPath, { now: NOW });
    seedLedger(b.db, { cadres, leaders: Math.min(20, cadres), recordsPerCadre: RECORDS });
    b.close();
    const cores = Math.max(1, Math.min(4, availableParallelism()));
    const one = await ours(dbPath, join(dir, 'p1'), 1);
    const many = await ours(dbPath, join(dir, 'p2'), cores);
    o.log(
      `  packet ${cadres} cadres: 1 process ${(one.ms / 1000).toFixed(2)} s (${one.pages} pages), ${cores} processes ${(many.ms / 1000).toFixed(2)} s (${many.pages} pages; per shard ${many.shardPages.join(' / ')})`,
    );
    return {
      metric: `考核 packet, ${cadres} cadres (${many.pages} pages), ${cores} processes sharing it by pages; anchor: the same packet in 1 process`,
      product: r3(many.ms / 1000),
      anchor: r3(one.ms / 1000),
      unit: 's',
      ratio: r3(many.ms / one.ms),
      goal: '≤ 10 s',
      met: many.ms <= 10_000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function rows(o: { quick: boolean; log: (l: string) => void }): Promise<Row[]> {
  return [await noticesRow(o), await packetRow(o)];
}

if (process.argv[2] === 'shard') {
  await shard(process.argv[3]!, process.argv[4]!, Number(process.argv[5]), Number(process.argv[6]));
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await run();
}
