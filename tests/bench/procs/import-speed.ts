// The speed row of tests/bench/import.ts, in one process bundled as the Node doors are: RUNS times, alternating, a
// new ledger with the 002 preset's types and the workbook imported by importWorkbook (the call alone on the clock),
// then the bare pipeline on the same bytes. Bundled, so that a large workbook's reader thread is the built one users
// run (`ledger import`, the host's job thread), not TypeScript compiled by tsx as it starts (0.5–1 s of the call).
// `node import-speed.mjs <file.xlsx> <dir> <runs>` prints one JSON line {ours: ms[], bare: ms[]}.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBackend } from '../../../electron/services/backend';
import { applyPreset, loadPreset } from '../../../electron/services/presets';
import { presetsDir } from '../../../electron/services/resources';
import { importWorkbook } from '../../../electron/services/workbook/index';
import { bareImport } from './bare-import';

const [file, dir, runs] = process.argv.slice(2) as [string, string, string];
const data = readFileSync(file);
const ours: number[] = [];
const bare: number[] = [];
const rows: number[] = [];
for (let i = 0; i < Number(runs); i++) {
  const b = await openBackend(join(dir, `speed-ours-${i}.sqlite`));
  applyPreset(b.ctx, loadPreset(presetsDir(), '002'));
  let t = performance.now();
  const r = await importWorkbook(b.ctx, data, 'bench.xlsx');
  ours.push(performance.now() - t);
  b.close();
  rows.push(r.sheets.reduce((s, x) => s + x.imported, 0));
  t = performance.now();
  rows.push(await bareImport(data, join(dir, `speed-bare-${i}.sqlite`)));
  bare.push(performance.now() - t);
}
console.log(JSON.stringify({ ours, bare, rows }));
