// npx tsx tests/security/report.ts [--crash-rounds N] [--fuzz-calls N]: the figures of issue 6 in one
// place — crash rounds, lost writes, malformed calls, bad workbooks, tamper cases, checklist items.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openBackend } from '../../electron/services/backend';
import { runCrashTest } from '../crash/crash';
import { runFuzz } from './fuzz';
import { runIssue11 } from './issue11';
import { runTamperCases } from './tamper';

const { values } = parseArgs({
  options: { 'crash-rounds': { type: 'string', default: '10' }, 'fuzz-calls': { type: 'string', default: '10000' } },
});
const dir = mkdtempSync(join(tmpdir(), 'ledger-report-'));
// Labels longer than the column keep one space before their figure.
const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(36)} ${value}\n`);

try {
  const crash = await runCrashTest({ rounds: Number(values['crash-rounds']) });
  // Issue 11: the same, with a restore and an import racing the writer each round.
  const raced = await runCrashTest({ rounds: Math.max(1, Math.ceil(Number(values['crash-rounds']) / 2)), race: true });

  const fb = await openBackend(join(dir, 'fuzz.sqlite'));
  await fb.dispatch('units.create', { name: '机械学院' });
  await fb.dispatch('cadres.create', { name: '赵敏', unitId: 1 });
  const fuzz = await runFuzz(fb, { calls: Number(values['fuzz-calls']), seed: 20260305 });
  fb.close();

  let workbook = 'not yet (no workbook import to fuzz)';
  if (existsSync('electron/services/workbook/index.ts')) {
    const { runWorkbookFuzz } = await import('./workbook-fuzz');
    const wb = await openBackend(join(dir, 'workbook.sqlite'));
    try {
      const w = await runWorkbookFuzz(wb, { seed: 9704, cases: 60 });
      workbook =
        `${w.rejected} / ${w.tried}` +
        (w.accepted ? ` (${w.accepted} bit-flipped file(s) still readable, accepted)` : '') +
        (w.failures.length ? ` — ${w.failures.length} FAILURES` : '');
    } catch (e) {
      workbook = `not yet (${(e as Error).message.slice(0, 80)})`;
    } finally {
      wb.close();
    }
  }

  const tamper = await runTamperCases(dir);
  const items = await runIssue11(dir);

  // The checklist items (Electron's security checklist and the shell's own checks) are the numbered tests of
  // shell-security.test.ts; count the ones that pass, of how many there are.
  const out = join(dir, 'checklist.json');
  spawnSync(
    process.execPath,
    [
      'node_modules/vitest/vitest.mjs',
      'run',
      'tests/unit/shell-security.test.ts',
      '--reporter=json',
      `--outputFile=${out}`,
    ],
    {
      stdio: 'ignore',
    },
  );
  let checklist = 'could not run';
  if (existsSync(out)) {
    const json = JSON.parse(readFileSync(out, 'utf8')) as {
      testResults: { assertionResults: { title: string; status: string }[] }[];
    };
    const items = json.testResults.flatMap((f) => f.assertionResults).filter((t) => /^\d+\./.test(t.title));
    checklist = `${items.filter((t) => t.status === 'passed').length} / ${items.length}`;
  }

  process.stdout.write('\n联系群众工作台账 — robustness and security figures (issue 6)\n\n');
  line('crash rounds survived / run', `${crash.survived} / ${crash.rounds}`);
  line(
    'acknowledged writes lost',
    `${crash.lost} of ${crash.acknowledged} (partial transactions visible: ${crash.partial})`,
  );
  line(
    'racing restore/import (issue 11)',
    `${raced.survived} / ${raced.rounds} rounds, ${raced.lost} of ${raced.acknowledged} writes lost, ` +
      `${raced.raced!.through} of ${raced.raced!.tried} restores/imports went through while the writer held the file`,
  );
  line('malformed calls rejected / sent', `${fuzz.rejected} / ${fuzz.sent} (valid calls accepted: ${fuzz.accepted})`);
  line('crashes', `${fuzz.crashes}${fuzz.failures.length ? ` — ${fuzz.failures.length} fuzz failures` : ''}`);
  line('bad workbooks rejected / tried', workbook);
  line('tamper cases detected / made', `${tamper.detected} / ${tamper.made}`);
  line('checklist items passed / tested', checklist);
  process.stdout.write('\nissue 11 (attacks made / held):\n');
  for (const f of items) line(f.item, `${f.held} / ${f.tried} — ${f.note}`);
  for (const f of [...crash.failures, ...raced.failures, ...fuzz.failures]) process.stdout.write(`  ${f}\n`);
  for (const t of tamper.results.filter((x) => !x.detected)) process.stdout.write(`  tamper not detected: ${t.name}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
