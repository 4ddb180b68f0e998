// `ledger help` as a user runs it (a new process through bin/ledger.mjs, the CLI built), against the
// anchor underneath it: starting Node itself (`node -e 0`), in the same run. Prints medians.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNode, nodeBuildStale } from '../../scripts/build-node.mjs';
import { fmt, median, row, times, type BenchOptions, type BenchRow } from './harness';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function rows({ quick, log }: BenchOptions): Promise<BenchRow[]> {
  if (nodeBuildStale()) await buildNode({ quiet: true });
  const runs = quick ? 3 : 11;
  const help = () => execFileSync(process.execPath, [join(root, 'bin', 'ledger.mjs'), 'help'], { stdio: 'pipe' });
  const bare = () => execFileSync(process.execPath, ['-e', '0'], { stdio: 'pipe' });
  // Interleaved, so that a burst of load on the shared machine hits both alike.
  const h: number[] = [];
  const n: number[] = [];
  for (let i = 0; i < runs; i++) {
    h.push(...(await times(help, 1, i === 0 ? 1 : 0)));
    n.push(...(await times(bare, 1, i === 0 ? 1 : 0)));
  }
  const [product, anchor] = [median(h), median(n)];
  log(`ledger help ${fmt(product)} (runs: ${h.map((x) => x.toFixed(0)).join(', ')}); node -e 0 ${fmt(anchor)}`);
  return [
    row({
      metric: '`ledger help` in a new process (bin/ledger.mjs, built CLI); anchor: starting Node (node -e 0)',
      product,
      anchor,
      unit: 'ms',
      goal: '≤ 300 ms',
      met: product <= 300,
    }),
  ];
}
