// Prepares resources/fonts from Debian packages:
// - the Fandol fonts (GPL + font exception), one per GB/T 9704 role, copied from texlive-lang-chinese;
// - the fallback fonts that give every Han character of GB 18030-2022 levels 1–2 (U+4E00–U+9FFF, U+3400–U+4DBF)
//   a glyph: BabelStone Han (Arphic Public License) cut to those blocks, and HanaMinA (Hanazono Font License) cut
//   to the Extension A characters BabelStone lacks. Both keep TrueType outlines; a notice in each file's name table
//   says how and when it was cut (Arphic Public License 2a).
// Usage: node scripts/fonts.mjs   (needs apt-get, dpkg-deb and Debian's fonttools: apt-get install fonttools)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'resources', 'fonts');
const FANDOL = [
  'FandolFang-Regular.otf',
  'FandolSong-Bold.otf',
  'FandolSong-Regular.otf',
  'FandolHei-Regular.otf',
  'FandolKai-Regular.otf',
];
const BABEL = 'BabelStoneHan-GB18030.ttf';
const HANA = 'HanaMinA-ExtA.ttf';
const HAN_BLOCKS = 'U+3400-4DBF,U+4E00-9FFF';

const work = mkdtempSync(join(tmpdir(), 'fonts-'));
/** Downloads a Debian package and unpacks it; returns the folder. */
function unpack(pkg) {
  const dir = join(work, pkg);
  execFileSync('apt-get', ['download', pkg], { cwd: work, stdio: 'inherit' });
  const deb = readdirSync(work).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'));
  execFileSync('dpkg-deb', ['-x', join(work, deb), dir]);
  return dir;
}

if (!FANDOL.every((f) => existsSync(join(out, f)))) {
  const x = unpack('texlive-lang-chinese');
  const src = join(x, 'usr/share/texlive/texmf-dist/fonts/opentype/public/fandol');
  for (const f of FANDOL) copyFileSync(join(src, f), join(out, f));
  const doc = join(x, 'usr/share/doc/texlive-doc/fonts/fandol');
  copyFileSync(join(doc, 'README'), join(out, 'Fandol-README.txt'));
  writeFileSync(join(out, 'Fandol-COPYING-GPL3.txt'), gunzipSync(readFileSync(join(doc, 'COPYING.gz'))));
  console.log(`copied ${FANDOL.length} Fandol fonts to ${out}`);
}

const py = '/usr/bin/python3';
/** Adds a notice of the cut to the name table's description (ID 10) of a font file. */
function note(file, text) {
  const script = `
import sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1])
name = f['name']
old = name.getDebugName(10) or ''
name.setName((sys.argv[2] + ' ' + old).strip(), 10, 3, 1, 0x409)
f.save(sys.argv[1])
`;
  execFileSync(py, ['-c', script, file, text], { stdio: 'inherit' });
}
const today = new Date().toISOString().slice(0, 10);

if (!existsSync(join(out, BABEL)) || !existsSync(join(out, HANA))) {
  const babelDir = unpack('fonts-babelstone-han');
  const hanaDir = unpack('fonts-hanazono');
  const babel = join(babelDir, 'usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf');
  const hana = join(hanaDir, 'usr/share/fonts/truetype/hanazono/HanaMinA.ttf');
  // The licence texts, as the packages' copyright files carry them (the Arphic Public License asks for ARPHICPL.TXT).
  const stanza = (file, name) => {
    const lines = readFileSync(file, 'utf8').split('\n');
    const from = lines.findIndex((l) => l === `License: ${name}`);
    const to = lines.findIndex((l, i) => i > from && /^License: /.test(l));
    const body = lines.slice(from + 1, to < 0 ? undefined : to);
    const indent = /^ */.exec(body.find((l) => l.trim()) ?? '')[0].length;
    return body.map((l) => (l.trim() === '.' ? '' : l.slice(Math.min(indent, /^ */.exec(l)[0].length)))).join('\n');
  };
  writeFileSync(
    join(out, 'ARPHICPL.TXT'),
    stanza(join(babelDir, 'usr/share/doc/fonts-babelstone-han/copyright'), 'arphic-public-license'),
  );
  writeFileSync(
    join(out, 'Hanazono-LICENSE.txt'),
    stanza(join(hanaDir, 'usr/share/doc/fonts-hanazono/copyright'), 'Hanazono-Font-License'),
  );
  const common = ['--no-hinting', '--layout-features=', '--name-IDs=*', '--name-languages=*', '--notdef-outline'];
  execFileSync('pyftsubset', [babel, `--unicodes=${HAN_BLOCKS}`, `--output-file=${join(out, BABEL)}`, ...common], {
    stdio: 'inherit',
  });
  note(
    join(out, BABEL),
    `Modified ${today} by the 联系群众工作台账 project (scripts/fonts.mjs): cut with fontTools pyftsubset to U+3400-4DBF and U+4E00-9FFF, hinting and layout tables removed; otherwise unchanged. Distributed under the Arphic Public License.`,
  );
  // The Extension A characters BabelStone Han has no glyph for, as fontTools sees its cmap.
  const missing = execFileSync(
    py,
    [
      '-c',
      `
import sys
from fontTools.ttLib import TTFont
cmap = TTFont(sys.argv[1]).getBestCmap()
print(','.join('U+%04X' % c for c in list(range(0x3400, 0x4DC0)) + list(range(0x4E00, 0xA000)) if c not in cmap))
`,
      join(out, BABEL),
    ],
    { encoding: 'utf8' },
  ).trim();
  execFileSync('pyftsubset', [hana, `--unicodes=${missing}`, `--output-file=${join(out, HANA)}`, ...common], {
    stdio: 'inherit',
  });
  note(
    join(out, HANA),
    `Modified ${today} by the 联系群众工作台账 project (scripts/fonts.mjs): cut with fontTools pyftsubset to the CJK Extension A characters BabelStone Han lacks; otherwise unchanged. Used under the Hanazono Font License.`,
  );
  console.log(`wrote ${BABEL} and ${HANA} to ${out}`);
}
