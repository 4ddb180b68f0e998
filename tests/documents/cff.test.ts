// The font programs pdf.ts embeds for the bundled Fandol fonts are written by cff.ts, not fontkit: read back here
// with a reader of the test's own (CFF INDEX and DICT, Adobe TN 5176) against the font file as fontkit reads it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { subsetCff } from '../../electron/services/documents/cff';
import { BUNDLED_FILES, FALLBACK_FILES } from '../../electron/services/documents/fonts';
import { FONTS_DIR } from './fixtures';

const require = createRequire(import.meta.url);
interface Font {
  glyphForCodePoint(cp: number): { id: number };
  createSubset(): { glyphs: number[]; includeGlyph(id: number): number; encode(): Uint8Array };
  'CFF ': { getCharString(gid: number): Uint8Array };
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
}
const fontkit = require('fontkit') as { create(b: Buffer): Font };
const open = (file: string) => fontkit.create(readFileSync(join(FONTS_DIR, file)));

/** The items of the INDEX at `pos`, and where it ends. */
function index(d: Uint8Array, pos: number): { items: Uint8Array[]; end: number } {
  const count = (d[pos]! << 8) | d[pos + 1]!;
  if (!count) return { items: [], end: pos + 2 };
  const size = d[pos + 2]!;
  const off = (i: number) => {
    let o = 0;
    for (let k = 0; k < size; k++) o = o * 256 + d[pos + 3 + i * size + k]!;
    return pos + 2 + (count + 1) * size + o;
  };
  return { items: Array.from({ length: count }, (_, i) => d.subarray(off(i), off(i + 1))), end: off(count) };
}

/** A DICT's integer operands by operator (12 x as 1200 + x); reals as NaN. */
function dict(d: Uint8Array): Map<number, number[]> {
  const out = new Map<number, number[]>();
  let args: number[] = [];
  for (let p = 0; p < d.length;) {
    const b = d[p]!;
    if (b <= 21) {
      out.set(b === 12 ? 1200 + d[p + 1]! : b, args);
      args = [];
      p += b === 12 ? 2 : 1;
    } else if (b === 28) {
      args.push((((d[p + 1]! << 8) | d[p + 2]!) << 16) >> 16);
      p += 3;
    } else if (b === 29) {
      args.push((d[p + 1]! << 24) | (d[p + 2]! << 16) | (d[p + 3]! << 8) | d[p + 4]!);
      p += 5;
    } else if (b === 30) {
      // A real: nibbles up to an 0xf.
      p++;
      while ((d[p]! & 0x0f) !== 0x0f && (d[p]! & 0xf0) !== 0xf0) p++;
      p++;
      args.push(NaN);
    } else if (b <= 246) {
      args.push(b - 139);
      p++;
    } else {
      args.push(b <= 250 ? (b - 247) * 256 + d[p + 1]! + 108 : -(b - 251) * 256 - d[p + 1]! - 108);
      p += 2;
    }
  }
  return out;
}

const TEXT = '2026年度联系群众工作考核表：张三（教务处）走访困难学生3次，达标。ABC xyz—…';

describe('CFF subsets of the bundled fonts', () => {
  for (const file of new Set(Object.values(BUNDLED_FILES)))
    it(`${file}: the glyphs printed, in the subset's order, with the font's own outlines and private dict`, () => {
      const font = open(file);
      const subset = font.createSubset();
      for (const ch of TEXT) subset.includeGlyph(font.glyphForCodePoint(ch.codePointAt(0)!).id);
      const glyphs = subset.glyphs;
      expect(glyphs.length).toBeGreaterThan(30);
      const cff = subsetCff(font, glyphs)!;
      expect(cff).not.toBeNull();

      const names = index(cff, cff[2]!);
      const tops = index(cff, names.end);
      expect(tops.items).toHaveLength(1);
      const top = dict(tops.items[0]!);
      // CID-keyed (ROS), one CID per glyph, CID i = glyph i of the subset.
      expect(top.has(1230)).toBe(true);
      expect(top.get(1234)).toEqual([glyphs.length]);
      const charset = cff.subarray(top.get(15)![0]!);
      expect([charset[0], (charset[1]! << 8) | charset[2]!, (charset[3]! << 8) | charset[4]!]).toEqual([
        2,
        1,
        glyphs.length - 2,
      ]);
      const fdSelect = cff.subarray(top.get(1237)![0]!);
      expect([...fdSelect.subarray(0, 8)]).toEqual([3, 0, 1, 0, 0, 0, glyphs.length >> 8, glyphs.length & 255]);
      // Each charstring is the font's own, as fontkit reads it from the file.
      const chars = index(cff, top.get(17)![0]!).items;
      expect(chars).toHaveLength(glyphs.length);
      glyphs.forEach((g, i) =>
        expect(Buffer.from(chars[i]!).equals(Buffer.from(font['CFF '].getCharString(g)))).toBe(true),
      );
      // One font dict, whose private dict is the font's (blue zones, stems, widths).
      const fds = index(cff, top.get(1236)![0]!).items;
      expect(fds).toHaveLength(1);
      const [size, at] = dict(fds[0]!).get(18)!;
      const own = cff.subarray(at!, at! + size!);
      expect(dict(own).has(19)).toBe(false); // no subroutines to carry
      // The font file's own private dict, found through its top dict and font dict.
      const t = font.directory.tables['CFF ']!;
      const orig = readFileSync(join(FONTS_DIR, file)).subarray(t.offset, t.offset + t.length);
      const origTop = dict(index(orig, index(orig, orig[2]!).end).items[0]!);
      const [origSize, origAt] = dict(index(orig, origTop.get(1236)![0]!).items[0]!).get(18)!;
      expect(Buffer.from(own).equals(orig.subarray(origAt!, origAt! + origSize!))).toBe(true);
      // The top dict says what the font's does (names, FontMatrix, FontBBox, ROS), but for the offsets and CIDCount.
      const offsets = new Set([15, 17, 1234, 1236, 1237]);
      expect([...top].filter(([op]) => !offsets.has(op))).toEqual([...origTop].filter(([op]) => !offsets.has(op)));
    });

  it('a font of another kind (TrueType fallback) is left to fontkit', () => {
    const font = fontkit.create(readFileSync(join(FONTS_DIR, FALLBACK_FILES[0]!)));
    expect(subsetCff(font, [0, 1])).toBeNull();
  });
});
