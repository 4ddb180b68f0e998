// Writes laid-out pages to PDF through pdfmake, every item absolutely placed, fonts parsed once per process.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FontSet, FontkitFont, LoadedFont } from './fonts';
import { FONT_ROLES, isCollectionFile } from './fonts';
import type { Page, TextItem } from './model';
import { A4 } from './units';

const require = createRequire(import.meta.url);

interface PdfmakeDoc {
  getBuffer(): Promise<Buffer>;
}
interface Pdfmake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  createPdf(doc: Record<string, unknown>): PdfmakeDoc;
}
interface PdfkitDoc {
  fonts: Record<string, Record<string, unknown>>;
  fontCache: Record<string, Record<string, unknown>>;
  _fontFamilies: Record<string, unknown>;
  _fontCount: number;
  font(src: Uint8Array | string, family?: string): { _font: { constructor: EmbeddedFontClass } };
}
type EmbeddedFontClass = new (doc: PdfkitDoc, font: FontkitFont, id: string) => unknown;
interface PdfmakeDocumentClass {
  prototype: { provideFont(this: PdfkitDoc, family: string, bold: boolean, italics: boolean): unknown };
}

/** Parsed fonts by the key the page items name them with. */
const registry = new Map<string, () => FontkitFont>();
let engine: Pdfmake | null = null;
let EmbeddedFont: EmbeddedFontClass | null = null;

/**
 * pdfmake 0.3 re-reads and re-parses every font for every document, and overwrites a font definition's path
 * with the file's bytes (a second document then fails). Instead its font provider is taught our keys: a key
 * becomes a pdfkit EmbeddedFont over the already-parsed fontkit font, with a fresh subset per document.
 * Unknown families fall through to pdfmake's own code, so other users of pdfmake are unaffected.
 */
function setup(seedFont: () => Uint8Array | null): Pdfmake {
  if (engine) return engine;
  const pdfmake = require('pdfmake') as Pdfmake;
  const PDFDocument = (require('pdfmake/js/PDFDocument') as { default: PdfmakeDocumentClass }).default;
  const PDFKit = require('pdfkit') as new (opts: Record<string, unknown>) => PdfkitDoc;
  // pdfkit does not export EmbeddedFont; a throw-away document hands us the class (fontkit parses lazily, so
  // this costs a table directory, not a font). The seed must be a single font: pdfkit cannot subset a collection.
  const seed = seedFont();
  if (!seed) throw new Error('no single-font file to seed pdfkit with');
  EmbeddedFont = new PDFKit({ autoFirstPage: false }).font(seed)._font.constructor;
  const original = PDFDocument.prototype.provideFont;
  PDFDocument.prototype.provideFont = function (this: PdfkitDoc, family: string, bold: boolean, italics: boolean) {
    const font = registry.get(family)?.();
    if (!font) return original.call(this, family, bold, italics);
    this.fontCache[family] ??= {};
    const cache = this.fontCache[family]!;
    if (!cache.normal) {
      const embedded = new EmbeddedFont!(this, font, `F${++this._fontCount}`);
      this._fontFamilies[family] = embedded;
      cache.normal = embedded;
    }
    return cache.normal;
  };
  pdfmake.setLocalAccessPolicy(() => false);
  pdfmake.setUrlAccessPolicy(() => false);
  engine = pdfmake;
  return engine;
}

const mmToPt = (mm: number) => (mm * 72) / 25.4;

/**
 * Splits a text item into runs of one face each: a character the role's font lacks is printed in the first fallback
 * that has it, at the x the layout measured (advances come from the same chain).
 */
export function byFace(item: TextItem, lf: LoadedFont): { text: string; face: number; x: number }[] {
  const runs: { text: string; face: number; x: number }[] = [];
  let x = item.x;
  for (const ch of item.text) {
    const cp = ch.codePointAt(0)!;
    const face = Math.max(0, lf.faceOf(cp));
    const last = runs[runs.length - 1];
    if (last && last.face === face) last.text += ch;
    else runs.push({ text: ch, face, x });
    x += lf.advance(cp) * item.size + item.spacing;
  }
  return runs;
}

/** Renders pages whose items carry absolute positions (pt from the page's top-left corner). */
export async function renderPages(pages: Page[], fonts: FontSet, info: { title?: string } = {}): Promise<Buffer> {
  const pdfmake = setup(() => {
    // A single (non-collection) font already in memory, else the smallest fallback file.
    const own = FONT_ROLES.map((r) => fonts[r].faces[0]!).find((f) => !isCollectionFile(f.path));
    const data = (own?.font as unknown as { stream?: { buffer?: Uint8Array } } | undefined)?.stream?.buffer;
    if (data) return data;
    const last = FONT_ROLES.flatMap((r) => fonts[r].faces)
      .filter((f) => f.fallback)
      .pop();
    return last ? readFileSync(last.path) : null;
  });
  const fontDefs: Record<string, Record<string, string>> = {};
  for (const role of FONT_ROLES) {
    for (const face of fonts[role].faces) {
      registry.set(face.key, () => face.font);
      // A fresh definition per document: pdfmake mutates what it is given.
      fontDefs[face.key] = { normal: face.key, bold: face.key, italics: face.key, bolditalics: face.key };
    }
  }
  pdfmake.setFonts(fontDefs);

  const content: Record<string, unknown>[] = [];
  pages.forEach((page, i) => {
    const stack: Record<string, unknown>[] = [];
    for (const item of page.items) {
      if (item.kind === 'text') {
        for (const run of byFace(item, fonts[item.role])) {
          const face = fonts[item.role].faces[run.face]!;
          // pdfmake puts the top of the line box at y and the baseline one font ascender below it.
          const ascender = face.font.ascent / face.font.unitsPerEm;
          stack.push({
            text: run.text,
            font: face.key,
            fontSize: item.size,
            characterSpacing: item.spacing,
            color: item.color ?? '#000000',
            noWrap: true,
            absolutePosition: { x: run.x, y: item.baseline - ascender * item.size },
          });
        }
      } else {
        stack.push({
          canvas: [
            {
              type: 'line',
              x1: item.x1,
              y1: item.y1,
              x2: item.x2,
              y2: item.y2,
              lineWidth: item.width,
              lineColor: item.color ?? '#000000',
              lineCap: 'butt',
            },
          ],
          absolutePosition: { x: 0, y: 0 },
        });
      }
    }
    content.push({
      stack: stack.length ? stack : [{ text: '' }],
      pageOrientation: page.orientation,
      ...(i > 0 ? { pageBreak: 'before' } : {}),
    });
  });

  const doc = pdfmake.createPdf({
    pageSize: { width: mmToPt(A4.width), height: mmToPt(A4.height) },
    pageOrientation: pages[0]?.orientation ?? 'portrait',
    pageMargins: [0, 0, 0, 0],
    content,
    defaultStyle: { font: fonts.fangsong.key, fontSize: 16 },
    info: { title: info.title ?? '', creator: '联系群众工作台账', producer: '联系群众工作台账' },
  });
  return doc.getBuffer();
}
