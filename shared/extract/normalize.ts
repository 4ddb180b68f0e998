// Regulation text made regular for the grammar, with every character traced back to the original, so that
// a proposal can quote its sentence exactly as the secretary's file has it.

export interface Normalized {
  /** The text the grammar reads: one paragraph per line, ASCII digits, no stray spaces. */
  text: string;
  /** For each character of `text`, its offset in the original. */
  map: number[];
}

const FULL_WIDTH_DIGIT = /[０-９]/;
const CJK = /[\u3400-\u9fff\uf900-\ufaff（）〔〕《》“”‘’、，。；：！？…—～]/;
/** Lines that only carry a page number or a running footer: "— 6 —", "第 1 页共 1 页", "- 3 -". */
const PAGE_LINE = /^(?:[—–-]\s*\d+\s*[—–-]|第\s*\d+\s*页.*)$/;
/** A line that opens a numbered part: 第三条, 一、, （二）, 1., 1、, （1）, ①, 附件. */
export const MARKER =
  /^(?:第[一二三四五六七八九十百零〇\d]+[章节条]|[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}(?:[、．](?!\d)|\.(?!\d))|[①-⑳]|附件|附\s*[:：\d]|附[:：])/;

/**
 * Regular text: full-width digits and letters to ASCII, spaces inside Chinese text dropped (PDF copies put
 * them between every character), page-number lines dropped, and lines that a PDF wrapped in the middle of
 * a sentence joined again — a line is a continuation when the one before is long and does not end a
 * sentence, and it does not itself open a numbered part.
 */
export function normalize(original: string): Normalized {
  const lines: { text: string; map: number[] }[] = [];
  let cur: { text: string; map: number[] } = { text: '', map: [] };
  const flush = () => {
    lines.push(cur);
    cur = { text: '', map: [] };
  };
  for (let i = 0; i < original.length; i++) {
    let ch = original[i]!;
    if (ch === '\r') continue;
    if (ch === '\n') {
      flush();
      continue;
    }
    if (FULL_WIDTH_DIGIT.test(ch)) ch = String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
    else if (ch === '\u3000' || ch === '\t' || ch === '\u00a0') ch = ' ';
    cur.text += ch;
    cur.map.push(i);
  }
  flush();

  // Leading '#' lines are notes about the file (its source), not the regulation.
  let first = 0;
  while (first < lines.length && /^\s*(#|$)/.test(lines[first]!.text)) first++;
  const cleaned = lines
    .slice(first)
    .map((l) => squeeze(l))
    .filter((l) => !PAGE_LINE.test(l.text));
  const out: number[] = [];
  let text = '';
  let prev: { text: string } | null = null;
  for (const line of cleaned) {
    if (!line.text) {
      continue;
    }
    const continues =
      prev !== null &&
      !line.text.startsWith('#') &&
      !prev.text.startsWith('#') &&
      prev.text.length >= 24 &&
      !/[。；;！？!?：:]$/.test(prev.text) &&
      !MARKER.test(line.text) &&
      !/^[（(]/.test(line.text) &&
      // A table-of-contents entry ends in its page number; a short line ending in 制度/办法 is a title.
      !/[…．.·]{2,}\s*\d+$/.test(prev.text) &&
      !(line.text.length <= 30 && /(制度|办法|规定|方案|细则)$/.test(line.text)) &&
      // "各科室：", "各党委、党总支，校属各单位：": the salutation of a notice stands on its own line.
      !(line.text.length <= 30 && /[：:]$/.test(line.text) && /^各/.test(line.text));
    if (prev !== null && !continues) {
      text += '\n';
      out.push(out.length ? out[out.length - 1]! + 1 : 0);
    }
    text += line.text;
    out.push(...line.map);
    prev = line;
  }
  return { text, map: out };
}

/** Spaces dropped where either neighbour is Chinese or a digit next to Chinese; the line trimmed. */
function squeeze(line: { text: string; map: number[] }): { text: string; map: number[] } {
  let text = '';
  const map: number[] = [];
  const s = line.text;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === ' ') {
      let j = i;
      while (j < s.length && s[j] === ' ') j++;
      const before = text[text.length - 1];
      const after = s[j];
      const keep = before !== undefined && after !== undefined && !CJK.test(before) && !CJK.test(after);
      if (keep && !(/\d/.test(before) && /\d/.test(after))) {
        text += ' ';
        map.push(line.map[i]!);
      } else if (keep) {
        text += ' ';
        map.push(line.map[i]!);
      }
      i = j - 1;
      continue;
    }
    text += ch;
    map.push(line.map[i]!);
  }
  // Trim what is left at both ends.
  let a = 0;
  let b = text.length;
  while (a < b && text[a] === ' ') a++;
  while (b > a && text[b - 1] === ' ') b--;
  return { text: text.slice(a, b), map: map.slice(a, b) };
}

/** The original text's span for normalized offsets [start, end). */
export function originalSpan(n: Normalized, start: number, end: number): { start: number; end: number } {
  const s = n.map[start] ?? 0;
  const e = (n.map[Math.max(start, end - 1)] ?? s) + 1;
  return { start: s, end: e };
}
