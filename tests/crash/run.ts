// npx tsx tests/crash/run.ts --rounds 100 [--seed N]: kill a writer mid-write, reopen, count what survived.
import { parseArgs } from 'node:util';
import { runCrashTest } from './crash';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '100' }, seed: { type: 'string' } } });
const r = await runCrashTest({
  rounds: Number(values.rounds),
  ...(values.seed ? { seed: Number(values.seed) } : {}),
  log: (l) => process.stdout.write(`${l}\n`),
});
process.stdout.write(
  `crash rounds survived: ${r.survived}/${r.rounds}\n` +
    `acknowledged writes: ${r.acknowledged}, lost: ${r.lost}\n` +
    `partial transactions visible: ${r.partial}\n`,
);
for (const f of r.failures) process.stdout.write(`${f}\n`);
process.exitCode = r.survived === r.rounds && r.lost === 0 ? 0 : 1;
