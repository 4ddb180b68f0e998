// Which lines of our PDF LibreOffice breaks differently when it lays out our .docx: the lines (text of one size at one
// baseline, spaces dropped) of a size in our PDF that are not lines of LibreOffice's PDF.
// npx tsx tests/documents/lo-lines.ts OURS.pdf LIBREOFFICE.pdf [SIZE=16] — e.g. a gallery's TAG/county-考核.pdf and
// TAG/lo/county-考核.pdf. Not a test: it prints the count and the first lines that differ.
import { readFileSync } from 'node:fs';
import { measurePdf } from './measure';

async function lines(file: string, size: number): Promise<string[]> {
  const pages = await measurePdf(new Uint8Array(readFileSync(file)));
  return pages.flatMap((p) => {
    const rows = new Map<number, { x: number; text: string }[]>();
    for (const r of p.runs) {
      if (Math.abs(r.size - size) > 0.3 || !r.text.trim()) continue;
      const y = [...rows.keys()].find((k) => Math.abs(k - r.baseline) < 0.5) ?? r.baseline;
      rows.set(y, [...(rows.get(y) ?? []), { x: r.x, text: r.text }]);
    }
    return [...rows.values()]
      .map((rs) =>
        rs
          .sort((a, b) => a.x - b.x)
          .map((r) => r.text)
          .join('')
          .replace(/\s/g, ''),
      )
      .filter((t) => !/^—\d+—$/.test(t));
  });
}

const [ours, theirs, sizeArg] = process.argv.slice(2);
if (!ours || !theirs) throw new Error('usage: lo-lines.ts OURS.pdf LIBREOFFICE.pdf [SIZE]');
const size = Number(sizeArg ?? 16);
const a = await lines(ours, size);
const left = new Map<string, number>();
for (const t of await lines(theirs, size)) left.set(t, (left.get(t) ?? 0) + 1);
const differ = a.filter((t) => {
  const n = left.get(t) ?? 0;
  if (n) left.set(t, n - 1);
  return !n;
});
console.log(`${a.length} lines of ${size} pt in ours; ${differ.length} not a line of LibreOffice's`);
for (const t of differ.slice(0, 10)) console.log(`  ${t}`);
