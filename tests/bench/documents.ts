// 考核 packet benchmark: 500 generated cadres → the report, one PDF per cadre and the two 一览表, rendered by our
// engine (fonts parsed once per process, the per-cadre PDFs shared over the machine's cores), against LibreOffice
// headless converting the same content (one HTML file per document) in one batch. Prints figures; asserts nothing.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBackend } from '../../electron/services/backend';
import { evaluationReport, renderFields, draftDocument, writePacket } from '../../electron/services/documents';
import { documentFonts } from '../../electron/services/settings';
import type { PlainBlockFields, PlainFields } from '../../shared/api/documents';
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

async function ours(dbPath: string, out: string, cores: number): Promise<{ ms: number; pages: number; files: number }> {
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
  };
}

async function shard(dbPath: string, out: string, index: number, count: number) {
  const b = await openBackend(dbPath, { now: NOW });
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

if (process.argv[2] === 'shard') {
  await shard(process.argv[3]!, process.argv[4]!, Number(process.argv[5]), Number(process.argv[6]));
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await run();
}
