// Entry of the `ledger` command (built into out/cli/ by scripts/build-node.mjs; bin/ledger.mjs runs it).
import { runCli } from './commands';

// Output piped into a program that stops reading early (`ledger presets | head`) ends the command quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
});
