// npx tsx tests/security/import-bounds.ts [--runs 3]: the hostile workbooks of issue 11 item 4 imported
// through the contract, each in a fresh process, with its peak memory (max RSS) and time to the answer —
// beside a legitimate workbook of the same sort (header + a few rows) as the anchor. Medians of --runs.
//   bomb      a 1.9 MB zip bomb unpacking to 2 GB of sheet XML
//   badrows   5,000,000 rows of 联系记录 each with a bad date (a 1.x MB file)
//   legit     the same header with 10 good-looking rows
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ART = 'tests/artifacts/import-bounds';

async function child(kind: string, file: string): Promise<void> {
  const { openBackend } = await import('../../electron/services/backend');
  const b = await openBackend(join(mkdtempSync(join(tmpdir(), 'bounds-')), 'l.sqlite'));
  await b.dispatch('vocabulary.addActivityType', { name: '座谈' });
  const data = readFileSync(file);
  const t0 = performance.now();
  const r = await b.dispatch('workbook.import', { fileName: `${kind}.xlsx`, dataBase64: data.toString('base64') });
  const ms = performance.now() - t0;
  b.close();
  const answer = r.ok ? 'imported' : r.error.message.slice(0, 90);
  process.stdout.write(
    `${JSON.stringify({ kind, bytes: data.length, ms: Math.round(ms), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), answer })}\n`,
  );
}

async function makeFiles(): Promise<Record<string, string>> {
  mkdirSync(ART, { recursive: true });
  const { workbook, headerRow, bigZipBomb, bigBadRows } = await import('./xlsx-attacks');
  const files = { legit: join(ART, 'legit.xlsx'), bomb: join(ART, 'bomb.xlsx'), badrows: join(ART, 'badrows.xlsx') };
  if (!existsSync(files.legit)) {
    const rows = Array.from(
      { length: 10 },
      (_, i) =>
        `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>2026-03-0${(i % 9) + 1}</t></is></c><c r="E${i + 2}" t="inlineStr"><is><t>座谈</t></is></c></row>`,
    ).join('');
    writeFileSync(files.legit, workbook([{ name: '联系记录', rows: headerRow() + rows }]));
  }
  if (!existsSync(files.bomb)) writeFileSync(files.bomb, await bigZipBomb(2048));
  if (!existsSync(files.badrows)) writeFileSync(files.badrows, await bigBadRows(5_000_000));
  return files;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '3' }, child: { type: 'string' } },
});
if (values.child) await child(values.child, positionals[0]!);
else {
  const files = await makeFiles();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  for (const [kind, file] of Object.entries(files)) {
    const runs: { ms: number; maxRssMb: number; answer: string; bytes: number }[] = [];
    for (let i = 0; i < Number(values.runs); i++) {
      const r = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'tests/security/import-bounds.ts', '--child', kind, file],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 24,
        },
      );
      const line = r.stdout.trim().split('\n').pop() ?? '';
      try {
        runs.push(JSON.parse(line));
      } catch {
        runs.push({ ms: NaN, maxRssMb: NaN, answer: `crashed: ${r.stderr.slice(-200)}`, bytes: 0 });
      }
    }
    process.stdout.write(
      `${kind.padEnd(8)} ${(runs[0]!.bytes / 1024 / 1024).toFixed(2)} MB  median ${median(runs.map((r) => r.ms))} ms, peak ${median(runs.map((r) => r.maxRssMb))} MB RSS — ${runs[0]!.answer}\n`,
    );
  }
}
