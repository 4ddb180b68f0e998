// Documents benchmarks (`npm run -s bench -- documents --json`): 50 通知 by our engine against LibreOffice headless
// converting the same 50 通知 (our .docx of each) in one process, and the 500-cadre 考核 packet rendered as
// documents.packet renders it by default (a worker per core above two cores, pool.ts defaultWorkers; on two, laid out
// on the calling thread and written by one worker, pool.ts defaultPipeline) against the same packet rendered on one thread, both by the built code (procs/packet.ts bundled with the render worker). Prints
// figures; asserts nothing. BENCH_DOCUMENTS=notices|packet: one row.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openBackend } from '../../electron/services/backend';
import { renderFields, openFontSet } from '../../electron/services/documents';
import { renderDocx } from '../../electron/services/documents/docx';
import type { NoticeFields } from '../../shared/api/documents';
import { FONTS_DIR, sampleBody } from '../documents/fixtures';
import { seedLedger } from '../documents/ledger-fixture';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CADRES = Number(process.env.BENCH_CADRES ?? 500);
const RECORDS = Number(process.env.BENCH_RECORDS_PER_CADRE ?? 24);
const NOW = () => new Date('2026-12-20T08:00:00Z');
process.env.LEDGER_SYSTEM_FONTS = '0';

/**
 * The packet's process, bundled as the Node doors are bundled (scripts/build-node.mjs NODE_BUNDLE) with the pool's
 * render-worker beside it: the bench times the built code and the built workers, as `ledger packet` and the host run
 * them — not TypeScript compiled by tsx as each worker starts (3.5–4.9 s of two workers' start, measured).
 */
async function buildPacketScript(): Promise<string> {
  const { build } = await import('esbuild');
  const { NODE_BUNDLE } = (await import('../../scripts/build-node.mjs')) as { NODE_BUNDLE: Record<string, unknown> };
  const outdir = join(ROOT, 'tests', 'artifacts', 'bench-packet');
  rmSync(outdir, { recursive: true, force: true });
  await build({
    ...NODE_BUNDLE,
    absWorkingDir: ROOT,
    entryPoints: {
      packet: 'tests/bench/procs/packet.ts',
      'render-worker': 'electron/services/documents/render-worker.ts',
    },
    outdir,
    logLevel: 'error',
  });
  return join(outdir, 'packet.mjs');
}

interface Packet {
  ms: number;
  pages: number;
  files: number;
  /** Worker threads that wrote PDFs. */
  workers: number;
  /** Laid out on the calling thread, written by a worker (pipeline.ts). */
  pipeline: boolean;
}

/** One packet written by a fresh process (fonts, pdfkit and the pool start cold, as in a job): time of writePacket. */
function packetOnce(script: string, dbPath: string, out: string, workers: number | 'default'): Promise<Packet> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [script, dbPath, out, String(workers)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    p.stdout.on('data', (d: Buffer) => (text += d.toString()));
    p.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(text.trim().split('\n').pop()!) as Packet)
        : reject(new Error(`packet process exited ${code}`)),
    );
  });
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

/**
 * The 500-cadre 考核 packet written as documents.packet writes it by default (pool.ts defaultWorkers); anchor: the
 * same packet rendered on one thread. Each run is a fresh process; runs alternate; medians of `runs`.
 */
async function packetRow(o: { quick: boolean; log: (l: string) => void }): Promise<Row> {
  const cadres = o.quick ? 20 : CADRES;
  const runs = o.quick ? 1 : 3;
  const dir = mkdtempSync(join(tmpdir(), 'bench-packet-'));
  try {
    const dbPath = join(dir, 'ledger.sqlite');
    const b = await openBackend(dbPath, { now: NOW });
    seedLedger(b.db, { cadres, leaders: Math.min(20, cadres), recordsPerCadre: RECORDS });
    b.close();
    const script = await buildPacketScript();
    // What documents.packet does by default (pool.ts defaultWorkers, defaultPipeline), against one thread.
    const one: number[] = [];
    const pool: number[] = [];
    let m: Packet | null = null;
    for (let k = 0; k < runs; k++) {
      const a = await packetOnce(script, dbPath, join(dir, `s${k}`), 1);
      m = await packetOnce(script, dbPath, join(dir, `p${k}`), 'default');
      if (a.pages !== m.pages) throw new Error(`pool wrote ${m.pages} pages, one thread ${a.pages}`);
      one.push(a.ms);
      pool.push(m.ms);
    }
    const { pages, workers: used, pipeline } = m!;
    const how = pipeline
      ? 'laid out on the calling thread and written to PDF by one worker thread (two cores)'
      : used
        ? `by ${used} worker threads`
        : 'on one thread';
    const s = (xs: number[]) => xs.map((x) => (x / 1000).toFixed(2)).join(', ');
    o.log(`  packet ${cadres} cadres, ${pages} pages: one thread ${s(one)} s; default (${how}) ${s(pool)} s`);
    const product = med(pool) / 1000;
    const anchor = med(one) / 1000;
    return {
      metric: `考核 packet, ${cadres} cadres (${pages} pages), rendered as documents.packet renders it by default (${how}); anchor: the same packet rendered on one thread`,
      product: r3(product),
      anchor: r3(anchor),
      unit: 's',
      ratio: r3(product / anchor),
      goal: '≤ 10 s',
      met: product <= 10,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Both rows; `BENCH_DOCUMENTS=notices` or `=packet` measures one of them (re-measuring one row takes minutes less). */
export async function rows(o: { quick: boolean; log: (l: string) => void }): Promise<Row[]> {
  const only = process.env.BENCH_DOCUMENTS;
  return [...(only === 'packet' ? [] : [await noticesRow(o)]), ...(only === 'notices' ? [] : [await packetRow(o)])];
}
