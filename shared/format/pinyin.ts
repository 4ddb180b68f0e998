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
