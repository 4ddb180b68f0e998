// Names the role fonts cannot print in their own face. Documents still print them (per-glyph fallback to a bundled
// font), but in another typeface, so the secretary is told when the name comes in — at import and on 人员与单位 —
// rather than finding it on paper.
import { basename } from 'node:path';
import type { NameGlyph } from '../../../shared/api/documents';
import type { Db } from '../db/db';
import { fallbackChars, type FontSet } from './fonts';

let gb2312: Set<number> | null = null;
/**
 * Whether a name has a character outside GB 2312 (the 6,763 hanzi every 仿宋_GB2312 and the bundled fonts have):
 * only such names are looked up in the fonts, so an import of ordinary names never pays for parsing them.
 */
export function mayNeedFallback(name: string): boolean {
  if (!gb2312) {
    gb2312 = new Set();
    const dec = new TextDecoder('gb18030');
    for (let hi = 0xa1; hi <= 0xf7; hi++)
      for (let lo = 0xa1; lo <= 0xfe; lo++) {
        const ch = dec.decode(new Uint8Array([hi, lo]));
        if ([...ch].length === 1) gb2312.add(ch.codePointAt(0)!);
      }
  }
  for (const ch of name) {
    const cp = ch.codePointAt(0)!;
    if (cp > 0x7f && !gb2312.has(cp) && /\p{L}/u.test(ch)) return true;
  }
  return false;
}

/** The name of the font that prints cp for the 仿宋 role, or null when none of the chain has it. */
function printedBy(fonts: FontSet, cp: number): string | null {
  const lf = fonts.fangsong;
  const face = lf.faces[lf.faceOf(cp)];
  return face ? face.font.familyName || basename(face.path) : null;
}

/** One entry per name with a character its 仿宋 font lacks (names print in 仿宋 in every table and text). */
export function namesNeedingFallback(
  fonts: FontSet,
  names: readonly { kind: NameGlyph['kind']; id: number; name: string }[],
): NameGlyph[] {
  const out: NameGlyph[] = [];
  for (const n of names) {
    const chars = fallbackChars(fonts.fangsong, n.name);
    const missing = [...n.name].filter((ch) => /\p{L}/u.test(ch) && fonts.fangsong.faceOf(ch.codePointAt(0)!) < 0);
    if (!chars.length && !missing.length) continue;
    const fontsUsed = [...new Set(chars.map((ch) => printedBy(fonts, ch.codePointAt(0)!)!))];
    out.push({ ...n, chars, fonts: fontsUsed, unprintable: [...new Set(missing)] });
  }
  return out;
}

/** The sentence the secretary reads. */
export function glyphWarning(g: NameGlyph): string {
  const parts: string[] = [];
  if (g.chars.length)
    parts.push(
      `“${g.chars.join('”“')}”在公文正文字体（仿宋）中没有，公文会改用${g.fonts.join('、')}字体打印这个字，字形与正文略有不同，请打印后核对`,
    );
  if (g.unprintable.length) parts.push(`“${g.unprintable.join('”“')}”任何字体都没有，公文中打印不出来，请核对是否录错`);
  return `${g.kind}“${g.name}”：${parts.join('；')}`;
}

/**
 * The warnings an import adds for the names it brought in. A font that cannot be read does not stop the import (the
 * documents report it themselves).
 */
export function importGlyphWarnings(
  fonts: () => FontSet,
  cadres: readonly { id: number; name: string }[],
  objects: readonly { id: number; name: string }[],
): string[] {
  const names = [
    ...cadres.map((c) => ({ kind: '干部' as const, id: c.id, name: c.name })),
    ...objects.map((o) => ({ kind: '联系对象' as const, id: o.id, name: o.name })),
  ].filter((n) => mayNeedFallback(n.name));
  if (!names.length) return [];
  try {
    return namesNeedingFallback(fonts(), names).map(glyphWarning);
  } catch {
    return [];
  }
}

/** Every cadre and contact object of the ledger whose name needs a fallback font. */
export function ledgerNameGlyphs(db: Db, fonts: () => FontSet): NameGlyph[] {
  const rows = db.sqlite
    .prepare(
      `SELECT kind, id, name FROM (SELECT 0 AS k, '干部' AS kind, id, name FROM cadres
       UNION ALL SELECT 1, '联系对象', id, name FROM contact_objects) ORDER BY k, id`,
    )
    .all() as { kind: NameGlyph['kind']; id: number; name: string }[];
  const rare = rows.filter((r) => mayNeedFallback(r.name));
  return rare.length ? namesNeedingFallback(fonts(), rare) : [];
}
