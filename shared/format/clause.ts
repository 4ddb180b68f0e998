// Natural order of clause references (002 第六条 < 002 第八条 < 002 第二十八条; 003 四.1 < 003 四.10): numbers
// compare by value whether written in Arabic or Chinese numerals, the rest as text.

const VALUE: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 二十三 → 23, 一百零五 → 105, 十 → 10; NaN when the text is not a Chinese numeral. */
export function parseChineseNumeral(s: string): number {
  if (!s) return NaN;
  let total = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in VALUE) digit = VALUE[ch]!;
    else if (ch in UNIT) {
      total += (digit ?? 1) * UNIT[ch]!;
      digit = null;
    } else return NaN;
  }
  return total + (digit ?? 0);
}

type Part = number | string;
const PARTS = /\d+|[〇零一二三四五六七八九两十百千]+|[^\d〇零一二三四五六七八九两十百千]+/gu;

function parts(s: string): Part[] {
  return (s.match(PARTS) ?? []).map((p) => {
    if (/^\d+$/.test(p)) return Number(p);
    const n = parseChineseNumeral(p);
    return Number.isNaN(n) ? p : n;
  });
}

/** Compares two clause references in reading order. */
export function compareClauses(a: string, b: string): number {
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    if (typeof x === 'number') return -1;
    if (typeof y === 'number') return 1;
    return x.localeCompare(y, 'zh');
  }
  return pa.length - pb.length;
}
