// A CID-keyed CFF font program cut down to the glyphs a document prints, written straight from the font file's bytes.
// fontkit's subset (CFFSubset.encode) parses every glyph's outline to find the subroutines it calls and re-encodes the
// whole font through its generic struct encoder: about a fifth of the 考核 packet's time went there. The bundled Fandol
// fonts are CID-keyed with one font dict and no subroutines, so their subset is the font's own header, names, top
// dict, strings, private dict and the chosen charstrings, with the top dict's offsets rewritten. Fonts of another kind
// (subroutines, several font dicts, not CID-keyed) return null here and are subset by fontkit as before.

/** The parts of a CFF font program a subset is made from, or null when this writer does not handle the font. */
interface CffSource {
  data: Uint8Array;
  /** Header, name INDEX (copied as they are). */
  head: Uint8Array;
  /** The top DICT's entries in order: operator (12 x as 1200 + x) and its operand bytes. */
  top: { op: number; operands: Uint8Array }[];
  /** String INDEX and global subroutine INDEX (empty), copied as they are. */
  strings: Uint8Array;
  /** Start and end of each charstring in `data`, by glyph id. */
  charStart: (gid: number) => number;
  charEnd: (gid: number) => number;
  /** The font dict's entries without its Private operator, and the private DICT's bytes. */
  fontDict: { op: number; operands: Uint8Array }[];
  privateDict: Uint8Array;
}

const CHARSET = 15;
const ENCODING = 16;
const CHARSTRINGS = 17;
const PRIVATE = 18;
const SUBRS = 19;
const CIDCOUNT = 1234;
const FDARRAY = 1236;
const FDSELECT = 1237;
const ROS = 1230;

/** An INDEX at `pos`: where its items start and end (absolute), and where the INDEX ends. */
function readIndex(d: Uint8Array, pos: number): { count: number; at: (i: number) => number; end: number } {
  const count = (d[pos]! << 8) | d[pos + 1]!;
  if (count === 0) return { count, at: () => pos + 2, end: pos + 2 };
  const offSize = d[pos + 2]!;
  const base = pos + 3 + (count + 1) * offSize - 1;
  const at = (i: number) => {
    let o = 0;
    for (let k = 0, p = pos + 3 + i * offSize; k < offSize; k++) o = o * 256 + d[p + k]!;
    return base + o;
  };
  return { count, at, end: at(count) };
}

/** A DICT's entries: each operator with the bytes of its operands; the integer operands' values too. */
function readDict(d: Uint8Array, from: number, to: number): { op: number; operands: Uint8Array; ints: number[] }[] {
  const out: { op: number; operands: Uint8Array; ints: number[] }[] = [];
  let start = from;
  let ints: number[] = [];
  for (let p = from; p < to;) {
    const b = d[p]!;
    if (b <= 21) {
      const op = b === 12 ? 1200 + d[p + 1]! : b;
      out.push({ op, operands: d.subarray(start, p), ints });
      p += b === 12 ? 2 : 1;
      start = p;
      ints = [];
    } else if (b === 28) {
      ints.push(((d[p + 1]! << 24) | (d[p + 2]! << 16)) >> 16);
      p += 3;
    } else if (b === 29) {
      ints.push((d[p + 1]! << 24) | (d[p + 2]! << 16) | (d[p + 3]! << 8) | d[p + 4]!);
      p += 5;
    } else if (b === 30) {
      // A real: nibbles up to an 0xf.
      p++;
      while (p < to && (d[p]! & 0x0f) !== 0x0f && (d[p]! & 0xf0) !== 0xf0) p++;
      p++;
      ints.push(NaN);
    } else if (b >= 32 && b <= 246) {
      ints.push(b - 139);
      p++;
    } else if (b >= 247 && b <= 250) {
      ints.push((b - 247) * 256 + d[p + 1]! + 108);
      p += 2;
    } else if (b >= 251 && b <= 254) {
      ints.push(-(b - 251) * 256 - d[p + 1]! - 108);
      p += 2;
    } else throw new Error(`CFF DICT byte ${b}`);
  }
  return out;
}

const sources = new WeakMap<object, CffSource | null>();

/** The font's CFF parts (once per font), or null when it is not a CID-keyed CFF with one font dict and no subroutines. */
function sourceOf(font: FontWithFile): CffSource | null {
  if (sources.has(font)) return sources.get(font)!;
  let src: CffSource | null = null;
  try {
    src = readSource(font);
  } catch {
    src = null;
  }
  sources.set(font, src);
  return src;
}

interface FontWithFile {
  stream?: { buffer?: Uint8Array };
  directory?: { tables?: Record<string, { offset: number; length: number } | undefined> };
}

function readSource(font: FontWithFile): CffSource | null {
  const file = font.stream?.buffer;
  const table = font.directory?.tables?.['CFF '];
  if (!file || !table) return null;
  const d = file.subarray(table.offset, table.offset + table.length);
  if (d[0] !== 1) return null;
  const names = readIndex(d, d[2]!);
  const tops = readIndex(d, names.end);
  if (tops.count !== 1) return null;
  const top = readDict(d, tops.at(0), tops.at(1));
  const strings = readIndex(d, tops.end);
  const gsubrs = readIndex(d, strings.end);
  if (gsubrs.count !== 0) return null;
  const get = (op: number) => top.find((e) => e.op === op);
  const cs = get(CHARSTRINGS);
  const fda = get(FDARRAY);
  if (!get(ROS) || !cs || !fda || !get(CHARSET) || !get(FDSELECT) || get(PRIVATE) || get(ENCODING)) return null;
  const chars = readIndex(d, cs.ints[0]!);
  const fds = readIndex(d, fda.ints[0]!);
  if (fds.count !== 1) return null;
  const fd = readDict(d, fds.at(0), fds.at(1));
  const priv = fd.find((e) => e.op === PRIVATE);
  if (!priv || priv.ints.length !== 2) return null;
  const [size, offset] = priv.ints as [number, number];
  const privateDict = d.subarray(offset, offset + size);
  if (readDict(d, offset, offset + size).some((e) => e.op === SUBRS)) return null;
  return {
    data: d,
    head: d.subarray(0, names.end),
    top: top.map(({ op, operands }) => ({ op, operands })),
    strings: d.subarray(tops.end, gsubrs.end),
    charStart: (gid) => chars.at(gid),
    charEnd: (gid) => chars.at(gid + 1),
    fontDict: fd.filter((e) => e.op !== PRIVATE).map(({ op, operands }) => ({ op, operands })),
    privateDict,
  };
}

/** An integer as a 5-byte DICT operand (fixed size: offsets can be laid out before they are known). */
const int32 = (v: number) => [29, (v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
const opBytes = (op: number) => (op >= 1200 ? [12, op - 1200] : [op]);

/** A DICT's bytes with some operators' operands replaced. */
function dictBytes(entries: { op: number; operands: Uint8Array }[], replace: Map<number, number[]>): number[] {
  const out: number[] = [];
  for (const e of entries) {
    const r = replace.get(e.op);
    if (r) out.push(...r);
    else for (const b of e.operands) out.push(b);
    out.push(...opBytes(e.op));
  }
  return out;
}

/** An INDEX of one item of `size` bytes: its header (count, offSize, offsets). */
function oneItemIndexHead(size: number): number[] {
  const last = size + 1;
  const offSize = last < 256 ? 1 : last < 65536 ? 2 : last < 1 << 24 ? 3 : 4;
  const out = [0, 1, offSize];
  for (const o of [1, last]) for (let k = offSize - 1; k >= 0; k--) out.push((o >>> (8 * k)) & 255);
  return out;
}

/**
 * The font program of `font` holding the glyphs `glyphs` (glyph 0 first; the subset's glyph ids are their indexes,
 * and its CIDs the same), or null when the font is not of the kind written here (see the head of this file).
 */
export function subsetCff(font: object, glyphs: readonly number[]): Buffer | null {
  const src = sourceOf(font as FontWithFile);
  if (!src || glyphs[0] !== 0) return null;
  const n = glyphs.length;
  const d = src.data;
  // Sizes of everything before the charstrings' data: the top DICT's offsets are 5 bytes whatever their values.
  const placeholder = new Map<number, number[]>([
    [CHARSET, int32(0)],
    [CHARSTRINGS, int32(0)],
    [FDARRAY, int32(0)],
    [FDSELECT, int32(0)],
    [CIDCOUNT, int32(n)],
  ]);
  const topSize = dictBytes(src.top, placeholder).length;
  const topIndexSize = oneItemIndexHead(topSize).length + topSize;
  // charset: CIDs 1…n−1 for glyphs 1…n−1 (format 2: one range), or no entries; FDSelect: every glyph in font dict 0.
  const charset = n > 1 ? [2, 0, 1, ((n - 2) >> 8) & 255, (n - 2) & 255] : [0];
  const fdSelect = [3, 0, 1, 0, 0, 0, (n >> 8) & 255, n & 255];
  let charBytes = 0;
  for (const g of glyphs) charBytes += src.charEnd(g) - src.charStart(g);
  const charOff = charBytes + 1 < 256 ? 1 : charBytes + 1 < 65536 ? 2 : charBytes + 1 < 1 << 24 ? 3 : 4;
  const charIndexSize = 3 + (n + 1) * charOff + charBytes;
  const fontDictSize = dictBytes(src.fontDict, new Map()).length + 5 + 5 + 1;
  const fdArraySize = oneItemIndexHead(fontDictSize).length + fontDictSize;

  const charsetAt = src.head.length + topIndexSize + src.strings.length;
  const fdSelectAt = charsetAt + charset.length;
  const charsAt = fdSelectAt + fdSelect.length;
  const fdArrayAt = charsAt + charIndexSize;
  const privateAt = fdArrayAt + fdArraySize;
  const total = privateAt + src.privateDict.length;

  const out = Buffer.allocUnsafe(total);
  let p = 0;
  const put = (bytes: ArrayLike<number>) => {
    out.set(bytes, p);
    p += bytes.length;
  };
  put(src.head);
  const top = dictBytes(
    src.top,
    new Map([
      [CHARSET, int32(charsetAt)],
      [CHARSTRINGS, int32(charsAt)],
      [FDARRAY, int32(fdArrayAt)],
      [FDSELECT, int32(fdSelectAt)],
      [CIDCOUNT, int32(n)],
    ]),
  );
  put(oneItemIndexHead(top.length));
  put(top);
  put(src.strings);
  put(charset);
  put(fdSelect);
  // CharStrings INDEX: the font's own charstrings, in the subset's order.
  put([(n >> 8) & 255, n & 255, charOff]);
  let offsetAt = p;
  p += (n + 1) * charOff;
  const writeOffset = (o: number) => {
    for (let k = charOff - 1; k >= 0; k--) out[offsetAt++] = (o >>> (8 * k)) & 255;
  };
  let o = 1;
  writeOffset(o);
  for (const g of glyphs) {
    const s = src.charStart(g);
    const e = src.charEnd(g);
    out.set(d.subarray(s, e), p);
    p += e - s;
    o += e - s;
    writeOffset(o);
  }
  const fontDict = [
    ...dictBytes(src.fontDict, new Map()),
    ...int32(src.privateDict.length),
    ...int32(privateAt),
    PRIVATE,
  ];
  put(oneItemIndexHead(fontDict.length));
  put(fontDict);
  put(src.privateDict);
  if (p !== total) throw new Error(`CFF subset: wrote ${p} of ${total} bytes`);
  return out;
}
