// Pinyin keys for names, so that "zs" and "zhangs" find 张三.
import { pinyin } from 'pinyin-pro';

export interface PinyinKeys {
  /** Full pinyin without tones or spaces: 张三 → zhangsan. */
  full: string;
  /** First letters: 张三 → zs. */
  initials: string;
}

export function pinyinKeys(text: string): PinyinKeys {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const parts = syllables.map((s) => s.toLowerCase().replace(/\s+/g, ''));
  return { full: parts.join(''), initials: parts.map((p) => p.charAt(0)).join('') };
}

/**
 * Where `query` matches `name`: the characters themselves, the initials ("zs" → 张三) or the full pinyin
 * from any character on ("zhangs", "sanfeng"). Returns the [start, end) range of characters to highlight.
 */
export function matchName(name: string, query: string): [number, number] | null {
  const q = query.trim().toLowerCase().replace(/\s+/g, '');
  if (!q) return null;
  const direct = name.toLowerCase().indexOf(q);
  if (direct >= 0) return [direct, direct + q.length];
  const chars = [...name];
  const syllables = chars.map((ch) => pinyinKeys(ch).full || ch.toLowerCase());
  const initials = syllables.map((s) => s.charAt(0)).join('');
  const k = initials.indexOf(q);
  if (k >= 0) return [k, k + q.length];
  for (let i = 0; i < syllables.length; i++) {
    let joined = '';
    for (let j = i; j < syllables.length; j++) {
      const next = joined + syllables[j];
      if (next.startsWith(q)) return [i, j + 1];
      if (!q.startsWith(next)) break;
      joined = next;
    }
  }
  return null;
}
