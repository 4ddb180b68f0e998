// npx tsx tests/crash/run.ts --rounds 100 [--seed N] [--race]: kill a writer mid-write, reopen, count what
// survived. --race: a restore and an import race the writer each round (refused while it holds the file).
import { parseArgs } from 'node:util';
import { runCrashTest } from './crash';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '100' }, seed: { type: 'string' }, race: { type: 'boolean' } },
});
const r = await runCrashTest({
  rounds: Number(values.rounds),
  ...(values.seed ? { seed: Number(values.seed) } : {}),
  ...(values.race ? { race: true } : {}),
  log: (l) => process.stdout.write(`${l}\n`),
});
process.stdout.write(
  `crash rounds survived: ${r.survived}/${r.rounds}\n` +
    `acknowledged writes: ${r.acknowledged}, lost: ${r.lost}\n` +
    `partial transactions visible: ${r.partial}\n` +
    (r.raced
      ? `restores and imports racing the writer: ${r.raced.tried} tried, ${r.raced.through} went through\n`
      : ''),
);
for (const f of r.failures) process.stdout.write(`${f}\n`);
process.exitCode = r.survived === r.rounds && r.lost === 0 && !r.raced?.through ? 0 : 1;
