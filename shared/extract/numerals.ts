// Chinese and Arabic numerals as regulations write them: 两次, 十五个工作日, 三分之一, 1/3, 一半.
const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  两: 2,
  贰: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const POWER: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000, 万: 10000 };

/** The characters a Chinese numeral is written with (for building patterns). */
export const CN_DIGITS = '零〇一壹二两贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万';
/** A number as regulations write it: 12, 1.5, 十五, 两, 半. */
export const NUMBER = `(?:\\d+(?:\\.\\d+)?|[${CN_DIGITS}]+|半)`;

/**
 * The value of a numeral: '15', '十五', '二十', '一百零五', '两', '半' (0.5), '2〇11' style years are not
 * numerals here. Returns null for anything else, so a caller never proposes a made-up number.
 */
export function parseNumber(raw: string): number | null {
  const s = raw.trim();
  if (!s) return null;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  if (s === '半') return 0.5;
  // 二〇一一 (a year written digit by digit) is not a count.
  if (/^[零〇一二三四五六七八九]{3,}$/.test(s)) return null;
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in DIGIT) {
      digit = DIGIT[ch]!;
    } else if (ch in POWER) {
      const p = POWER[ch]!;
      if (p === 10000) {
        section = (section + (digit ?? 0)) * p;
        total += section;
        section = 0;
      } else {
        // 十五: a power with no digit before it means one of it.
        section += (digit ?? 1) * p;
      }
      digit = null;
    } else {
      return null;
    }
  }
  return total + section + (digit ?? 0);
}

/** '1/3', '三分之一', '一半', '50%' → 0.333…, 0.5; null if the text is no fraction. */
export function parseFraction(raw: string): number | null {
  const s = raw.trim();
  let m = /^(\d+)\s*\/\s*(\d+)$/.exec(s);
  if (m) return Number(m[1]) / Number(m[2]);
  m = new RegExp(`^(${NUMBER})分之(${NUMBER})$`).exec(s);
  if (m) {
    const den = parseNumber(m[1]!);
    const num = parseNumber(m[2]!);
    return den && num !== null ? num / den : null;
  }
  if (s === '一半' || s === '半数') return 0.5;
  m = /^(\d+(?:\.\d+)?)\s*[%％]$/.exec(s);
  if (m) return Number(m[1]) / 100;
  return null;
}
