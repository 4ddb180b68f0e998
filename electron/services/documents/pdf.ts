// Writes laid-out pages to PDF with pdfkit: every item absolutely placed, fonts parsed once per process, glyphs
// encoded straight from the cmap (no shaping pass: the layout has already placed every glyph).
import { createRequire } from 'node:module';
import { constants as zlibConstants, deflateSync, type ZlibOptions } from 'node:zlib';
import type { Face, FontSet, FontkitFont, LoadedFont } from './fonts';
import { FONT_ROLES } from './fonts';
import type { Page, PageItem, TextItem } from './model';
import { A4, TYPE_AREA, mm } from './units';

const require = createRequire(import.meta.url);

interface Subset {
  includeGlyph(id: number): number;
  encode(): Uint8Array;
  cff?: unknown;
}
interface EmbeddedFont {
  id: string;
  subset: Subset;
  widths: number[];
  unicode: number[][];
  scale: number;
  ref(): unknown;
  embed(): void;
  /** pdfkit's encode shapes the text with fontkit (GSUB/GPOS); ours maps code points to glyphs. */
  encode(text: string): [string[], unknown[]];
}
/** pdfkit's PDFReference: an object of the PDF, its stream (if any) buffered until finalize() writes it. */
interface PdfkitRef {
  data: Record<string, unknown>;
  compress: boolean;
  buffer: Buffer[] | Buffer;
  finalize(): void;
}
interface PdfkitDoc {
  page: { fonts: Record<string, unknown>; height: number };
  ref(data?: Record<string, unknown>): PdfkitRef;
  _fontCount: number;
  _fontFamilies: Record<string, unknown>;
  addPage(o: Record<string, unknown>): PdfkitDoc;
  addContent(s: string): PdfkitDoc;
  save(): PdfkitDoc;
  restore(): PdfkitDoc;
  transform(a: number, b: number, c: number, d: number, e: number, f: number): PdfkitDoc;
  fillColor(c: string): PdfkitDoc;
  strokeColor(c: string): PdfkitDoc;
  lineWidth(w: number): PdfkitDoc;
  lineCap(c: string): PdfkitDoc;
  moveTo(x: number, y: number): PdfkitDoc;
  lineTo(x: number, y: number): PdfkitDoc;
  stroke(): PdfkitDoc;
  on(ev: string, cb: (chunk?: Buffer) => void): void;
  end(): void;
}
type PdfkitClass = new (opts: Record<string, unknown>) => PdfkitDoc & {
  font(src: Uint8Array | string): { _font: { constructor: EmbeddedFontClass } };
};
type EmbeddedFontClass = new (doc: PdfkitDoc, font: FontkitFont, id: string) => EmbeddedFont;

let PDFKit: PdfkitClass | null = null;
let EmbeddedFontCtor: EmbeddedFontClass | null = null;

/** pdfkit, and its EmbeddedFont class (not exported: a throw-away document built from a tiny font hands it over). */
function engine(seed: () => Uint8Array | null): { PDFKit: PdfkitClass; Embedded: EmbeddedFontClass } {
  if (!PDFKit || !EmbeddedFontCtor) {
    PDFKit = require('pdfkit') as PdfkitClass;
    const data = seed();
    if (!data) throw new Error('no single-font file to seed pdfkit with');
    EmbeddedFontCtor = new PDFKit({ autoFirstPage: false }).font(data)._font.constructor;
  }
  return { PDFKit, Embedded: EmbeddedFontCtor };
}

/**
 * How streams are deflated. pdfkit deflates every stream at zlib's default level 6 and has no option for it; its
 * refs are made here to deflate at the end instead (deflateWith). A font program (CFF charstrings, ~540 bytes a Han
 * glyph) barely compresses: Huffman coding alone gives it 86 % of its size against 82 % at level 6, in 40 % of the
 * time. Page content (text operators) compresses 7:1 at level 6 and 5.7:1 at level 1, in half the time. In the
 * 500-cadre 考核 packet, 94 MB of streams are deflated: font programs are most of them.
 */
const FONT_PROGRAM: ZlibOptions = { strategy: zlibConstants.Z_HUFFMAN_ONLY };
const OTHER_STREAM: ZlibOptions = { level: zlibConstants.Z_BEST_SPEED };

/** Makes a pdfkit ref deflate its stream with `opts` as it is written (a ref without a stream stays as it is). */
function deflateWith(ref: PdfkitRef, opts: ZlibOptions): PdfkitRef {
  if (!ref.compress) return ref;
  ref.compress = false;
  const finalize = ref.finalize;
  ref.finalize = function (this: PdfkitRef) {
    const chunks = this.buffer as Buffer[];
    if (chunks.length) {
      this.buffer = [deflateSync(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), opts)];
      this.data.Filter = 'FlateDecode';
    }
    finalize.call(this);
  };
  return ref;
}

const fmt = (n: number) => (Math.round(n * 1000) / 1000).toString();

function rgb(hex: string): string {
  const v = parseInt(hex.replace('#', ''), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255].map((c) => fmt(c / 255)).join(' ');
}

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
  const { PDFKit, Embedded } = engine(() => {
    // A single font already in memory (its bytes are the file), else the smallest fallback file.
    for (const role of FONT_ROLES) {
      const f = fonts[role].faces[0]!.font as unknown as { stream?: { buffer?: Uint8Array }; fonts?: unknown };
      if (f.stream?.buffer && !('fonts' in f && f.fonts)) return f.stream.buffer;
    }
    const last = FONT_ROLES.flatMap((r) => fonts[r].faces)
      .filter((f) => f.fallback)
      .pop();
    return last ? (require('node:fs') as typeof import('node:fs')).readFileSync(last.path) : null;
  });
  const W = mm(A4.width);
  const H = mm(A4.height);
  const doc = new PDFKit({
    autoFirstPage: false,
    size: [W, H],
    margin: 0,
    compress: true,
    // No default font: pdfkit would parse Helvetica's metrics (AFM) for every document and write it into each PDF,
    // unused (about 3 ms a document).
    font: null,
    info: { Title: info.title ?? '', Creator: '联系群众工作台账', Producer: '联系群众工作台账' },
  });
  // Every stream deflated as set above; the first ref a font's embed() makes is its font program.
  const makeRef = doc.ref.bind(doc);
  let fontProgramNext = false;
  doc.ref = (data) => {
    const opts = fontProgramNext ? FONT_PROGRAM : OTHER_STREAM;
    fontProgramNext = false;
    return deflateWith(makeRef(data), opts);
  };
  const chunks: Buffer[] = [];
  doc.on('data', (c) => chunks.push(c!));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const embedded = new Map<string, EmbeddedFont>();
  const fontOf = (face: Face): EmbeddedFont => {
    let e = embedded.get(face.key);
    if (!e) {
      const font = face.font;
      const made = new Embedded(doc, font, `F${++doc._fontCount}`);
      const embed = made.embed.bind(made);
      made.embed = () => {
        fontProgramNext = true;
        embed();
      };
      const cache = new Map<number, string>();
      made.encode = (text: string) => {
        const out: string[] = [];
        for (const ch of text) {
          const cp = ch.codePointAt(0)!;
          let hex = cache.get(cp);
          if (hex === undefined) {
            const glyph = font.glyphForCodePoint(cp);
            const gid = made.subset.includeGlyph(glyph.id);
            hex = `0000${gid.toString(16)}`.slice(-4);
            made.widths[gid] ??= glyph.advanceWidth * made.scale;
            made.unicode[gid] ??= [cp];
            cache.set(cp, hex);
          }
          out.push(hex);
        }
        return [out, []];
      };
      // pdfkit finalizes (subsets and writes) the fonts it finds here when the document ends.
      doc._fontFamilies[face.key] = made;
      embedded.set(face.key, made);
      e = made;
    }
    return e;
  };

  // Text operators are gathered and handed to pdfkit in one piece per run of text items (pdfkit makes a Buffer of
  // every piece it is given): the same bytes, far fewer small objects for the collector.
  const ops: string[] = [];
  const flush = () => {
    if (ops.length) doc.addContent(ops.join('\n'));
    ops.length = 0;
  };
  const draw = (items: PageItem[]) => {
    let color = '';
    for (const item of items) {
      if (item.kind === 'text') {
        const lf = fonts[item.role];
        for (const run of byFace(item, lf)) {
          const f = fontOf(lf.faces[run.face]!);
          doc.page.fonts[f.id] ??= f.ref();
          const want = item.color ?? '#000000';
          if (want !== color) {
            ops.push(`${rgb(want)} rg`);
            color = want;
          }
          const [hex] = f.encode(run.text);
          // pdfkit's page space runs downwards; the text matrix turns glyphs upright again.
          ops.push(
            `q BT 1 0 0 -1 ${fmt(run.x)} ${fmt(item.baseline)} Tm /${f.id} ${fmt(item.size)} Tf ${fmt(item.spacing)} Tc <${hex.join('')}> Tj ET Q`,
          );
        }
      } else {
        flush();
        doc
          .save()
          .lineWidth(item.width)
          .lineCap('butt')
          .strokeColor(item.color ?? '#000000')
          .moveTo(item.x1, item.y1)
          .lineTo(item.x2, item.y2)
          .stroke()
          .restore();
      }
    }
    flush();
  };

  for (const page of pages.length ? pages : [{ orientation: 'portrait' as const, items: [] }]) {
    doc.addPage({ size: [W, H], margin: 0 });
    if (page.rotated) {
      // Landscape frame → sheet, turned a quarter anticlockwise: the 版心 (28 mm, 37 mm)–(253, 193) of the frame lands
      // on (28, 262)–(184, 37) of the sheet, the table's head towards the sheet's left edge (P37).
      // x = v − 9 mm, y = H − u − 7 mm (9 = 37 − 28; 7 = 35 − 28, the frame's 版心 starting 35 mm from the sheet's foot).
      doc.save().transform(0, -1, 1, 0, -(mm(TYPE_AREA.top) - mm(TYPE_AREA.left)), H - mm(7));
      draw(page.items);
      doc.restore();
    } else draw(page.items);
    if (page.overlay) draw(page.overlay);
  }
  doc.end();
  return done;
}
