// Workbook import benchmark (issue 13 items 2 and 9, issue 11 item 4): a ledger workbook of RECORDS 联系记录
// (the demo university's records repeated, with its cadres, objects and 联系点) imported by the product —
// read streaming, every row validated with the domain schemas, names resolved, written in one transaction
// with the audit trail (batch entries naming every row) — against the bare pipeline underneath on the same
// file in the same run: the same streaming reader and bounds, rows inserted as they come by raw prepared
// INSERTs, one transaction (tests/bench/procs/bare-import.ts). Rows:
//   speed   median time of the import call vs the bare pipeline (RUNS each, alternating, in one process running
//           the code bundled as it ships: procs/import-speed.ts)
//   memory  peak RSS of a fresh process importing the file vs a fresh process running the bare pipeline
//   hostile peak RSS of a fresh process refusing 5,000,000 bad rows vs the legitimate import above
// Prints medians and ratios; asserts nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { writeWorkbook } from '../../electron/services/workbook/xlsx';
import { fmt, median, row, type BenchOptions, type BenchRow } from './harness';
import { demoWithRecords } from '../support/big-ledger';

interface Peak {
  mode: string;
  ms: number;
  maxRssMb: number;
  baseRssMb: number;
  answer: string;
}

/**
 * tests/bench/procs/import-peak.ts and import-speed.ts bundled as the Node doors are (scripts/build-node.mjs), with
 * the workbook reader's worker beside them, so that each side is measured as it ships, not as tsx compiles it: under
 * tsx the backend's modules alone added about 75 MB that the bare pipeline's few modules do not, and the reader's
 * thread took 0.5–1 s to start. Both sides run the same bundle (the backend is a chunk only `ours` and `hostile` load).
 */
async function buildPeakScript(): Promise<string> {
  const { build } = await import('esbuild');
  const { NODE_BUNDLE } = await import('../../scripts/build-node.mjs');
  const outdir = 'tests/artifacts/bench-import';
  rmSync(outdir, { recursive: true, force: true });
  await build({
    ...NODE_BUNDLE,
    // The workbook reader's worker beside it, as the doors have it (xlsx-thread.ts finds it there).
    entryPoints: {
      'import-peak': 'tests/bench/procs/import-peak.ts',
      'import-speed': 'tests/bench/procs/import-speed.ts',
      'xlsx-worker': 'electron/services/workbook/xlsx-worker.ts',
    },
    outdir,
    logLevel: 'error',
  });
  return join(outdir, 'import-peak.mjs');
}

function peak(script: string, mode: 'ours' | 'bare' | 'hostile', file: string, dir: string): Peak {
  const r = spawnSync(process.execPath, [script, mode, file, dir], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as Peak;
  } catch {
    throw new Error(`${mode} child failed: ${r.stderr.slice(-400)}`);
  }
}

export async function rows({ quick, log }: BenchOptions): Promise<BenchRow[]> {
  const RECORDS = Number(process.env.BENCH_RECORDS ?? (quick ? 5_000 : 100_000));
  const RUNS = Number(process.env.BENCH_RUNS ?? 3);
  const BAD = quick ? 200_000 : 5_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-import-'));
  try {
    const sheets = demoWithRecords(RECORDS);
    const data = await writeWorkbook(sheets);
    const file = join(dir, 'ledger.xlsx');
    writeFileSync(file, data);
    const total = Object.values(sheets).reduce((n, s) => n + (s as unknown[]).length, 0);
    log(
      `workbook: ${total.toLocaleString('en-US')} rows (${RECORDS.toLocaleString('en-US')} 联系记录), ${(data.length / 1e6).toFixed(1)} MB`,
    );

    // Speed: the import call alone (the ledger and its types made before the clock starts) against the bare pipeline,
    // alternating, in one process running the code as it ships (bundled, its reader thread too: import-speed.ts).
    const script = await buildPeakScript();
    const sp = spawnSync(process.execPath, [join(dirname(script), 'import-speed.mjs'), file, dir, String(RUNS)], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    let speed: { ours: number[]; bare: number[]; rows: number[] };
    try {
      speed = JSON.parse(sp.stdout.trim().split('\n').pop() ?? '') as typeof speed;
    } catch {
      throw new Error(`speed child failed: ${sp.stderr.slice(-400)}`);
    }
    const { ours, bare } = speed;
    if (speed.rows.some((n) => n !== total))
      throw new Error(`imported ${speed.rows.join(', ')} rows, expected ${total}`);
    const [a, c] = [median(ours), median(bare)];
    log(
      `  speed: import ${fmt(a)} [${ours.map(fmt).join(', ')}], bare ${fmt(c)} [${bare.map(fmt).join(', ')}] → ${((c / a) * 100).toFixed(0)} % of bare`,
    );

    // Memory: each in a fresh process, alternating, medians of RUNS.
    const oursPeak: Peak[] = [];
    const barePeak: Peak[] = [];
    for (let i = 0; i < RUNS; i++) {
      oursPeak.push(peak(script, 'ours', file, dir));
      barePeak.push(peak(script, 'bare', file, dir));
    }
    const [pa, pc] = [median(oursPeak.map((p) => p.maxRssMb)), median(barePeak.map((p) => p.maxRssMb))];
    log(
      `  peak RSS: import ${pa} MB [${oursPeak.map((p) => p.maxRssMb).join(', ')}] (${oursPeak[0]!.answer}), bare ${pc} MB [${barePeak.map((p) => p.maxRssMb).join(', ')}] (${barePeak[0]!.answer})`,
    );
    log(
      `  RSS just before the call: import ${median(oursPeak.map((p) => p.baseRssMb))} MB (code, ledger, presets), bare ${median(barePeak.map((p) => p.baseRssMb))} MB`,
    );

    // The hostile file of issue 11 item 4: 5M rows of 联系记录 each with a bad date.
    const art = 'tests/artifacts/import-bounds';
    mkdirSync(art, { recursive: true });
    const badFile = join(art, quick ? 'badrows-quick.xlsx' : 'badrows.xlsx');
    if (!existsSync(badFile)) {
      const { bigBadRows } = await import('../security/xlsx-attacks');
      writeFileSync(badFile, await bigBadRows(BAD));
    }
    const bad: Peak[] = [];
    for (let i = 0; i < RUNS; i++) bad.push(peak(script, 'hostile', badFile, dir));
    const pb = median(bad.map((p) => p.maxRssMb));
    log(
      `  ${BAD.toLocaleString('en-US')} bad rows: peak ${pb} MB [${bad.map((p) => p.maxRssMb).join(', ')}], ${median(bad.map((p) => p.ms))} ms — ${bad[0]!.answer}`,
    );

    const size = `${RECORDS.toLocaleString('en-US')} 联系记录 (${total.toLocaleString('en-US')} rows)`;
    return [
      row({
        metric: `workbook import, ${size}, with the audit trail; anchor: bare pipeline (streaming read + raw prepared inserts, same file, same run)`,
        product: a,
        anchor: c,
        unit: 'ms',
        goal: 'speed ≥ 50 % of bare (ratio ≤ 2)',
        met: a / c <= 2,
      }),
      row({
        metric: `import peak memory (max RSS, fresh process), ${size}; anchor: bare pipeline in a fresh process`,
        product: pa,
        anchor: pc,
        unit: 'MB',
        goal: 'ratio ≤ 1.5',
        met: pa / pc <= 1.5,
      }),
      row({
        metric: `${BAD.toLocaleString('en-US')} bad rows refused, peak memory (fresh process); anchor: the legitimate import of ${size} above`,
        product: pb,
        anchor: pa,
        unit: 'MB',
        goal: 'refused; ratio ≤ 2',
        met: bad.every((p) => p.answer.startsWith('refused')) && pb / pa <= 2,
      }),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
