// Writes resources/holidays/<year>.json from the installed chinese-days package: the official
// schedule of public holidays and make-up working days (调休上班) per year, as plain editable data.
// Run: node scripts/holidays.mjs
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('chinese-days/package.json'));
const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
const yearsDir = join(pkgDir, 'dist', 'years');
const outDir = join(root, 'resources', 'holidays');
mkdirSync(outDir, { recursive: true });

/** "National Day,国庆节,3" → "国庆节" */
const chineseName = (v) => String(v).split(',')[1] ?? String(v);

const sorted = (obj, year) =>
  Object.fromEntries(
    Object.entries(obj)
      .filter(([d]) => d.startsWith(`${year}-`))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([d, v]) => [d, chineseName(v)]),
  );

const years = readdirSync(yearsDir)
  .map((f) => /^(\d{4})\.json$/.exec(f)?.[1])
  .filter(Boolean)
  .map(Number)
  .sort((a, b) => a - b);

for (const year of years) {
  const src = JSON.parse(readFileSync(join(yearsDir, `${year}.json`), 'utf8'));
  const out = {
    year,
    source: `chinese-days ${version}`,
    holidays: sorted(src.holidays ?? {}, year),
    workdays: sorted(src.workdays ?? {}, year),
  };
  writeFileSync(join(outDir, `${year}.json`), JSON.stringify(out, null, 2) + '\n');
}
writeFileSync(join(outDir, 'index.json'), JSON.stringify({ source: `chinese-days ${version}`, years }, null, 2) + '\n');
console.log(`wrote ${years.length} years (${years[0]}–${years[years.length - 1]}) to resources/holidays/`);
