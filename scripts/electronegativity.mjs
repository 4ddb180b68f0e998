// npm run scan:electron — Electronegativity over the Electron shell, as advice: it never fails CI.
// The check that looks up Electron releases on the network is excluded (CI and users are offline).
// Each finding is matched against tests/security/electronegativity.md, where it is fixed or explained.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const bin = join('node_modules', '.bin', process.platform === 'win32' ? 'electronegativity.cmd' : 'electronegativity');
if (!existsSync(bin)) {
  console.log('scan:electron — @doyensec/electronegativity is not installed; skipped (advice only).');
  process.exit(0);
}
const electron = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;
mkdirSync('test-results', { recursive: true });
const csv = join('test-results', 'electronegativity.csv');
const run = spawnSync(
  bin,
  ['-i', 'electron', '-r', '-v', 'false', '-e', electron, '-x', 'availablesecurityfixesglobalcheck', '-o', csv],
  { encoding: 'utf8', timeout: 120_000 },
);
if (run.status !== 0 || !existsSync(csv)) {
  console.log(
    `scan:electron — the scanner did not finish (${run.error?.message ?? run.stderr?.slice(0, 500)}); advice only.`,
  );
  process.exit(0);
}
const notes = readFileSync('tests/security/electronegativity.md', 'utf8');
const rows = readFileSync(csv, 'utf8').trim().split('\n').slice(1);
let unexplained = 0;
for (const row of rows) {
  const [first, severity, , file, location] = row.split(',').map((s) => s.replace(/^"|"$/g, ''));
  // The scanner writes some global checks' rows garbled (CSP_GLOBAL_CHECK's row starts mid-description):
  // the check's name is also the last part of its wiki address, which every row ends with.
  const id = row.match(/electronegativity\/wiki\/([A-Z0-9_]+)/)?.[1] ?? first;
  const explained = notes.includes(`### ${id}`);
  if (!explained) unexplained++;
  console.log(`${explained ? 'explained ' : 'NEW       '} ${id} ${severity} ${file}:${location}`);
}
console.log(
  `scan:electron — ${rows.length} findings, ${rows.length - unexplained} explained in tests/security/electronegativity.md` +
    (unexplained ? `, ${unexplained} new: explain or fix them there.` : '.'),
);
process.exit(0);
