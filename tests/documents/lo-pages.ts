// Where LibreOffice breaks the pages of our .docx against where our PDF breaks them: for each document of a gallery
// (tests/documents/gallery.ts with GALLERY_LO=1), both page counts and the pages that hold other text.
// npx tsx tests/documents/lo-pages.ts tests/artifacts/gallery/TAG [NAME…] — not a test: it prints one line a document
// (and the first few pages that differ), the figures of the demo-size comparison.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every page's text, spaces and page numbers (“— 3 —”) dropped: pdftotext, pages split at form feeds. */
export function pageTexts(pdf: string): string[] {
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const pages = text.split('\f');
  if (pages.at(-1)!.trim() === '') pages.pop();
  return pages.map((p) =>
    p
      .split('\n')
      .filter((l) => !/^\s*[—-]\s*\d+\s*[—-]\s*$/.test(l))
      .join('')
      .replace(/[\s\u200b]/g, ''),
  );
}

/** A page's characters in code-point order: the same on both sides when the page holds the same text, whatever order
 * pdftotext reads a table's cells in (ours column by column, LibreOffice's row by row). */
const chars = (t: string) => [...t].sort().join('');

/** The pages (1-based) that do not hold the same characters in both. */
export function comparePages(ours: string[], theirs: string[]): number[] {
  const differ: number[] = [];
  for (let i = 0; i < Math.max(ours.length, theirs.length); i++)
    if (chars(ours[i] ?? '') !== chars(theirs[i] ?? '')) differ.push(i + 1);
  return differ;
}

/** What one page has more of than the other (the characters that moved across its break). */
function surplus(a: string, b: string): string {
  const left = new Map<string, number>();
  for (const c of b) left.set(c, (left.get(c) ?? 0) + 1);
  let out = '';
  for (const c of a) {
    const n = left.get(c) ?? 0;
    if (n) left.set(c, n - 1);
    else out += c;
  }
  return out;
}

if (process.argv[1]?.endsWith('lo-pages.ts')) {
  const [dir, ...only] = process.argv.slice(2);
  if (!dir) throw new Error('usage: lo-pages.ts GALLERY_DIR [NAME…]');
  const names = readdirSync(join(dir, 'lo'))
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => f.slice(0, -4))
    .filter((n) => existsSync(join(dir, `${n}.pdf`)) && (!only.length || only.some((o) => n.includes(o))))
    .sort();
  for (const n of names) {
    const ours = pageTexts(join(dir, `${n}.pdf`));
    const theirs = pageTexts(join(dir, 'lo', `${n}.pdf`));
    const differ = comparePages(ours, theirs);
    console.log(
      `${n}: ours ${ours.length} pages, LibreOffice ${theirs.length}; ${differ.length} pages hold other text` +
        (differ.length ? ` (first p${differ[0]})` : ''),
    );
    for (const p of differ.slice(0, 3)) {
      const [a, b] = [ours[p - 1] ?? '', theirs[p - 1] ?? ''];
      console.log(`  p${p}: only ours «${surplus(a, b).slice(0, 40)}», only LO «${surplus(b, a).slice(0, 40)}»`);
    }
  }
}
