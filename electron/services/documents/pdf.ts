// Writes laid-out pages to PDF with pdfkit: every item absolutely placed, fonts parsed once per process, glyphs
// encoded straight from the cmap (no shaping pass: the layout has already placed every glyph).
import { createRequire } from 'node:module';
import { constants as zlibConstants, deflateSync, type ZlibOptions } from 'node:zlib';
import { subsetCff } from './cff';
import type { Face, FontSet, FontkitFont, LoadedFont } from './fonts';
import { FONT_ROLES } from './fonts';
import type { Page, PageItem, RuleItem, TextItem } from './model';
import { A4, TYPE_AREA, mm } from './units';

const require = createRequire(import.meta.url);

interface Subset {
  /** Glyph ids of the font, in the subset's order (0 first). */
  glyphs: number[];
  includeGlyph(id: number): number;
  encode(): Uint8Array;
  cff?: unknown;
}
interface EmbeddedFont {
  id: string;
  font: FontkitFont;
  subset: Subset;
  toUnicodeCmap(): unknown;
  widths: number[];
  unicode: number[][];
  scale: number;
  ref(): unknown;
  embed(): void;
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

/**
 * Streams already deflated, by what decides their bytes: a face's font program and ToUnicode map are fixed by the
 * face and the characters it prints in the order first printed (the subset numbers glyphs in that order). The same
 * heading, table heads and rule names open every cadre's 考核表, so many documents print the same characters in the
 * same order (in the 500-cadre 考核 packet, about one subset in five repeats an earlier one): their streams are the
 * bytes deflated before, not subset, encoded and deflated again. Bounded: cleared when full.
 */
const deflated = new Map<string, Buffer>();
let deflatedBytes = 0;
const DEFLATED_MAX = 32 << 20;

/**
 * Makes a pdfkit ref deflate its stream with `opts` as it is written (a ref without a stream stays as it is); with a
 * `key` (see `deflated`), the bytes deflated for that key before, if any.
 */
function deflateWith(ref: PdfkitRef, opts: ZlibOptions, key?: string): PdfkitRef {
  if (!ref.compress) return ref;
  ref.compress = false;
  const finalize = ref.finalize;
  ref.finalize = function (this: PdfkitRef) {
    const chunks = this.buffer as Buffer[];
    if (chunks.length) {
      let out = key === undefined ? undefined : deflated.get(key);
      if (!out) {
        out = deflateSync(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), opts);
        if (key !== undefined) {
          if (deflatedBytes + out.length > DEFLATED_MAX) {
            deflated.clear();
            deflatedBytes = 0;
          }
          deflated.set(key, out);
          deflatedBytes += out.length;
        }
      }
      this.buffer = [out];
      this.data.Filter = 'FlateDecode';
    }
    finalize.call(this);
  };
  return ref;
}

/** Glyph id and advance (font units) of each code point, per font: every document asks for the same characters. */
const glyphsOf = new WeakMap<FontkitFont, Map<number, { id: number; advanceWidth: number }>>();
function glyphOf(font: FontkitFont, cp: number): { id: number; advanceWidth: number } {
  let m = glyphsOf.get(font);
  if (!m) glyphsOf.set(font, (m = new Map()));
  let g = m.get(cp);
  if (!g) {
    const glyph = font.glyphForCodePoint(cp);
    m.set(cp, (g = { id: glyph.id, advanceWidth: glyph.advanceWidth }));
  }
  return g;
}

const NOTHING = new Uint8Array(0);

const fmt = (n: number) => (Math.round(n * 1000) / 1000).toString();

function rgb(hex: string): string {
  const v = parseInt(hex.replace('#', ''), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255].map((c) => fmt(c / 255)).join(' ');
}

/**
 * A rule's operators, as pdfkit's save().lineWidth().lineCap('butt').strokeColor().moveTo().lineTo().stroke().restore()
 * writes them (numbers rounded as pdfkit rounds them, a #rrggbb colour as its parts ÷ 255 in DeviceRGB).
 */
function ruleOps(r: RuleItem): string[] {
  const hex = /^#([0-9a-f]{6})$/i.exec(r.color ?? '#000000');
  if (!hex) throw new Error(`rule colour not #rrggbb: ${r.color}`);
  const v = parseInt(hex[1]!, 16);
  const n = (x: number) => Math.round(x * 1e6) / 1e6;
  return [
    'q',
    `${n(r.width)} w`,
    '0 J',
    '/DeviceRGB CS',
    `${[v >> 16, (v >> 8) & 0xff, v & 0xff].map((c) => c / 255).join(' ')} SCN`,
    `${n(r.x1)} ${n(r.y1)} m`,
    `${n(r.x2)} ${n(r.y2)} l`,
    'S',
    'Q',
  ];
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
export function renderPages(pages: Page[], fonts: FontSet, info: { title?: string } = {}): Promise<Buffer> {
  const pdf = openPdf(fonts, info);
  pdf.add(pages);
  return pdf.end();
}

/**
 * A PDF written as its pages come (a long document laid out in parts elsewhere, pipeline.ts): `add` writes pages,
 * `end` finishes the file (the fonts' subsets, for every page added). The bytes are those renderPages writes for all
 * the pages at once. A PDF ended with no page has one empty page.
 */
export interface PdfWriter {
  add(pages: readonly Page[]): void;
  end(): Promise<Buffer>;
}

export function openPdf(fonts: FontSet, info: { title?: string } = {}): PdfWriter {
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
  // Every stream deflated as set above; the first ref a font's embed() makes is its font program. `streamKey` names
  // the next stream for `deflated` (a font program or ToUnicode map); '' names none.
  const makeRef = doc.ref.bind(doc);
  let fontProgramNext = false;
  let streamKey = '';
  doc.ref = (data) => {
    const opts = fontProgramNext ? FONT_PROGRAM : OTHER_STREAM;
    const key = streamKey || undefined;
    fontProgramNext = false;
    streamKey = '';
    return deflateWith(makeRef(data), opts, key);
  };
  const chunks: Buffer[] = [];
  doc.on('data', (c) => chunks.push(c!));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  /** A face embedded in this document, and its glyph ids in hex (4 digits) for a Tj string, by code point. */
  interface Used {
    made: EmbeddedFont;
    hex: Map<number, string>;
  }
  const embedded = new Map<string, Used>();
  const fontOf = (face: Face): Used => {
    let e = embedded.get(face.key);
    if (!e) {
      const font = face.font;
      const made = new Embedded(doc, font, `F${++doc._fontCount}`);
      const embed = made.embed.bind(made);
      const toUnicodeCmap = made.toUnicodeCmap.bind(made);
      let key = '';
      made.embed = () => {
        // The characters in the order first printed decide the subset and its ToUnicode map (see `deflated`).
        key = face.key;
        for (let gid = 1; gid < made.unicode.length; gid++) key += String.fromCodePoint(made.unicode[gid]![0]!);
        const program = `${key}\0program`;
        if (deflated.has(program)) made.subset.encode = () => NOTHING;
        else {
          const cff = subsetCff(font, made.subset.glyphs);
          if (cff) made.subset.encode = () => cff;
        }
        fontProgramNext = true;
        streamKey = program;
        embed();
      };
      made.toUnicodeCmap = () => {
        const cmap = `${key}\0cmap`;
        streamKey = cmap;
        if (!deflated.has(cmap)) return toUnicodeCmap();
        const ref = doc.ref() as PdfkitRef & { end(chunk: Uint8Array): void };
        ref.end(NOTHING);
        return ref;
      };
      // pdfkit finalizes (subsets and writes) the fonts it finds here when the document ends.
      doc._fontFamilies[face.key] = made;
      embedded.set(face.key, (e = { made, hex: new Map() }));
    }
    return e;
  };
  /** A run's glyphs as the hex of a Tj string: pdfkit's encode shapes with fontkit; ours maps code points to glyphs. */
  const hexOf = (f: Used, text: string): string => {
    let out = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      let hex = f.hex.get(cp);
      if (hex === undefined) {
        const made = f.made;
        const glyph = glyphOf(made.font, cp);
        const gid = made.subset.includeGlyph(glyph.id);
        hex = `0000${gid.toString(16)}`.slice(-4);
        made.widths[gid] ??= glyph.advanceWidth * made.scale;
        made.unicode[gid] ??= [cp];
        f.hex.set(cp, hex);
      }
      out += hex;
    }
    return out;
  };

  // A page's content is gathered here and handed to pdfkit in one piece (pdfkit makes a Buffer of every piece it is
  // given): the bytes pdfkit's own calls wrote, far fewer small objects for the collector. Every run keeps its own
  // text object inside q…Q: a reader's text extraction (pdf.js) then sees each run apart, as before.
  const ops: string[] = [];
  const draw = (items: PageItem[]) => {
    let color = '';
    const run = (f: Used, text: string, x: number, item: TextItem) => {
      doc.page.fonts[f.made.id] ??= f.made.ref();
      const want = item.color ?? '#000000';
      if (want !== color) {
        ops.push(`${rgb(want)} rg`);
        color = want;
      }
      // pdfkit's page space runs downwards; the text matrix turns glyphs upright again.
      ops.push(
        `q BT 1 0 0 -1 ${fmt(x)} ${fmt(item.baseline)} Tm /${f.made.id} ${fmt(item.size)} Tf ${fmt(item.spacing)} Tc <${hexOf(f, text)}> Tj ET Q`,
      );
    };
    for (const item of items) {
      if (item.kind === 'text') {
        const lf = fonts[item.role];
        // Most runs are printed wholly in the role's own font: no split by face, no advances to add up.
        let own = true;
        if (lf.faces.length > 1)
          for (const ch of item.text)
            if (lf.faceOf(ch.codePointAt(0)!) > 0) {
              own = false;
              break;
            }
        if (own) run(fontOf(lf.faces[0]!), item.text, item.x, item);
        else for (const r of byFace(item, lf)) run(fontOf(lf.faces[r.face]!), r.text, r.x, item);
      } else ops.push(...ruleOps(item));
    }
    if (ops.length) doc.addContent(ops.join('\n'));
    ops.length = 0;
  };

  let pageCount = 0;
  const add = (page: Page) => {
    pageCount++;
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
  };
  return {
    add: (pages) => pages.forEach(add),
    end: () => {
      if (pageCount === 0) add({ orientation: 'portrait', items: [] });
      doc.end();
      return done;
    },
  };
}
