// Entry of the `ledger` command (bin/ledger.mjs loads it through tsx).
import { runCli } from './commands';

process.exitCode = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
});
