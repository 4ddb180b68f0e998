// Contact sheets of a gallery folder: every page PNG of each document, 5 to a row and 10 to a sheet, to look over a
// long document (rows cut, a heading alone at a page foot, a page without its number) before opening single pages.
// npx tsx tests/documents/contact-sheet.ts tests/artifacts/gallery/TAG → TAG/sheets/<document>-<n>.png
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error -- pdfkit ships no types (the product reaches it through pdf.ts)
import PDFDocument from 'pdfkit';

const dir = process.argv[2]!;
const out = join(dir, 'sheets');
mkdirSync(out, { recursive: true });
const pngs = readdirSync(dir).filter((f) => f.endsWith('.png'));
const docs = new Map<string, string[]>();
for (const f of pngs.sort()) {
  const m = /^(.*)-(\d+)\.png$/.exec(f);
  if (!m) continue;
  docs.set(m[1]!, [...(docs.get(m[1]!) ?? []), f]);
}
const W = 496;
const H = 702;
for (const [name, files] of docs) {
  for (let s = 0; s * 10 < files.length; s++) {
    const pdf = join(out, `${name}-${s + 1}.pdf`);
    const doc = new PDFDocument({ size: [5 * W + 60, 2 * H + 40], margin: 0 });
    const done = new Promise((r) => doc.pipe(createWriteStream(pdf)).on('finish', r));
    files.slice(s * 10, s * 10 + 10).forEach((f, k) => {
      const x = 10 + (k % 5) * (W + 10);
      const y = 10 + Math.floor(k / 5) * (H + 20);
      doc.image(join(dir, f), x, y, { width: W, height: H });
      doc.rect(x, y, W, H).lineWidth(1).stroke('#888');
      doc
        .fontSize(14)
        .fillColor('#c00')
        .text(f.replace(/\.png$/, '').replace(/^.*-/, 'p'), x + 4, y + H + 2);
    });
    doc.end();
    await done;
    execFileSync('pdftoppm', ['-png', '-r', '40', '-singlefile', pdf, pdf.replace(/\.pdf$/, '')]);
  }
}
console.log(`sheets in ${out}`);
