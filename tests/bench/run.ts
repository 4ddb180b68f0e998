// `npm run bench [-- NAME …] [--quick] [--json]`: runs the benchmark modules of this folder one after
// another. A module exporting `rows(options)` gives rows of issue 13's table (see harness.ts); one that
// exports only `run()` prints its own figures. With --json, stdout is one JSON array of every row (each
// module's human-readable lines go to stderr); --quick measures at a small size, as a smoke test for CI.
// npm prints its own banner on stdout before a script runs: `npm run -s bench -- --json` (or
// `npx tsx tests/bench/run.ts --json`) for stdout that is the JSON array alone.
// Benchmarks print figures; they never assert on time.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchOptions, BenchRow } from './harness';

const here = dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const json = argv.includes('--json');
const quick = argv.includes('--quick');
const only = argv.filter((a) => !a.startsWith('--'));
const modules = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && f !== 'harness.ts')
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

// Under --json nothing but the array may reach stdout: modules' console.log goes to stderr.
const log = (line: string) => (json ? process.stderr.write(`${line}\n`) : process.stdout.write(`${line}\n`));
if (json) console.log = (...a: unknown[]) => process.stderr.write(`${a.map(String).join(' ')}\n`);
const options: BenchOptions = { quick, log };

const rows: BenchRow[] = [];
for (const f of modules) {
  log(`\n=== ${f} ===`);
  const mod = (await import(pathToFileURL(join(here, f)).href)) as {
    rows?: (o: BenchOptions) => Promise<BenchRow[]>;
    run?: () => Promise<void> | void;
  };
  if (typeof mod.rows === 'function') {
    const got = await mod.rows(options);
    for (const r of got)
      log(
        `  ▸ ${r.metric}: ${r.product} ${r.unit}` +
          (r.anchor !== null ? ` vs anchor ${r.anchor} ${r.unit} (ratio ${r.ratio})` : '') +
          ` — goal ${r.goal}: ${r.met ? 'met' : 'NOT met'}`,
      );
    rows.push(...got);
  } else if (typeof mod.run === 'function' && !json && !quick) await mod.run();
}
if (json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
