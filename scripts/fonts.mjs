// Prepares resources/fonts: copies the Fandol fonts (GPL + font exception) out of Debian's texlive-lang-chinese.
// Usage: node scripts/fonts.mjs   (needs apt-get and dpkg-deb; run as root or with sudo rights for apt-get download)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'resources', 'fonts');
const FILES = [
  'FandolFang-Regular.otf',
  'FandolSong-Bold.otf',
  'FandolSong-Regular.otf',
  'FandolHei-Regular.otf',
  'FandolKai-Regular.otf',
];

if (FILES.every((f) => existsSync(join(out, f)))) {
  console.log('resources/fonts already holds the Fandol fonts');
  process.exit(0);
}
const work = mkdtempSync(join(tmpdir(), 'fandol-'));
execFileSync('apt-get', ['download', 'texlive-lang-chinese'], { cwd: work, stdio: 'inherit' });
const deb = execFileSync('ls', [work], { encoding: 'utf8' })
  .split('\n')
  .find((f) => f.endsWith('.deb'));
execFileSync('dpkg-deb', ['-x', join(work, deb), join(work, 'x')]);
const src = join(work, 'x', 'usr/share/texlive/texmf-dist/fonts/opentype/public/fandol');
for (const f of FILES) copyFileSync(join(src, f), join(out, f));
const doc = join(work, 'x', 'usr/share/doc/texlive-doc/fonts/fandol');
copyFileSync(join(doc, 'README'), join(out, 'Fandol-README.txt'));
writeFileSync(join(out, 'Fandol-COPYING-GPL3.txt'), gunzipSync(readFileSync(join(doc, 'COPYING.gz'))));
console.log(`copied ${FILES.length} fonts to ${out}`);
