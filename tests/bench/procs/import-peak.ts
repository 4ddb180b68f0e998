// One measurement of tests/bench/import.ts in a fresh process, so that its peak memory (max RSS) is its
// own. tests/bench/import.ts bundles it as the Node doors are bundled and runs
// `node import-peak.mjs <ours|bare|hostile> <file.xlsx> <dir>` (under tsx: `node --import tsx …/import-peak.ts`).
// Prints one JSON line {ms, maxRssMb, baseRssMb (RSS just before the import call), answer}.
//   ours     the product: a new ledger with the 002 preset's types, the workbook imported through the contract
//            by its path (the CLI's door)
//   bare     the bare pipeline: the streaming reader's rows inserted as they come by raw prepared INSERTs
//            into one plain table per sheet, one transaction (WAL, synchronous=FULL)
//   hostile  the product, for a file it must refuse (the 5M-bad-row workbook): the answer is its refusal
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bareImport } from './bare-import';

const [mode, file, dir] = process.argv.slice(2) as [string, string, string];
const t0 = performance.now();
let answer: string;
let baseRssMb = 0;
const base = () => (baseRssMb = Math.round(process.memoryUsage().rss / 1024 / 1024));
if (mode === 'bare') {
  base();
  answer = `${await bareImport(readFileSync(file), join(dir, `bare-${process.pid}.sqlite`))} rows`;
} else {
  const { openBackend } = await import('../../../electron/services/backend');
  const b = await openBackend(join(dir, `${mode}-${process.pid}.sqlite`));
  if (mode === 'ours') await b.dispatch('rules.applyPreset', { presetId: '002', year: 2026 });
  else await b.dispatch('vocabulary.addActivityType', { name: '座谈' });
  base();
  const t1 = performance.now();
  // Through the contract by the file's path, as `ledger import <file>` sends it: the backend reads the file
  // itself, as the bare pipeline holds it (the base64 door, for a file the renderer holds, adds its text copy).
  const r = await b.dispatch('workbook.import', { fileName: 'bench.xlsx', path: file });
  answer = r.ok
    ? `imported ${(r.value as { sheets: { imported: number }[] }).sheets.reduce((n, s) => n + s.imported, 0)} rows in ${Math.round(performance.now() - t1)} ms`
    : `refused: ${r.error.message.slice(0, 90)}`;
  b.close();
}
process.stdout.write(
  `${JSON.stringify({ mode, ms: Math.round(performance.now() - t0), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), baseRssMb, answer })}\n`,
);
