// Where a long name of a unit or contact object may break at a line end (issue 12: a name breaks only at a permitted
// point): after a level of the organisation it names — “机械与动力工程学院 / 2024级 / 研究生 / 第三党支部”,
// “体育学生公寓 / 6号楼 / 230室”, “××县 / 宏达机械有限公司” — or before a firm's legal form (“××县鑫盛建材 /
// 有限责任公司”); never inside a level or a firm's trade name (“机械与动力工 / 程学院”, “鑫盛 / 建材”).
import { charIndexes } from './layout';

/** Words that end a level of an organisation or place: a line may end after them inside a name. */
const LEVEL_WORDS =
  '大学|学院|学校|中学|小学|医院|研究院|研究所|有限责任公司|有限公司|公司|集团|委员会|党委|党总支|党支部|办公室|中心|街道|社区|公寓|号楼|研究生|本科生|教工|学部|级|届|镇|乡|村|县';
const LEVEL_END = new RegExp(`(?:${LEVEL_WORDS})`, 'gu');
const ENDS_LEVEL = new RegExp(`(?:${LEVEL_WORDS})$`, 'u');
/**
 * A firm's legal form (公司法: 有限责任公司, 股份有限公司; 有限公司 for short) is not a level but the name's last word: a
 * line may end before it — the firm's registered name reads 行政区划 + 字号 + 行业 + 组织形式, and each of the first
 * three ends a part too (the 县 of ××县 by LEVEL_END).
 */
const LEGAL_FORM = /(?:股份有限公司|有限责任公司|有限公司)/gu;

/** The parts of a name between its permitted break points, each of two characters or more; [name] if it has none. */
export function nameParts(name: string): string[] {
  const chars = [...name];
  const at = charIndexes(chars);
  const points = new Set<number>();
  for (const m of name.matchAll(LEVEL_END)) points.add(at[m.index + m[0].length]!);
  for (const m of name.matchAll(LEGAL_FORM)) points.add(at[m.index]!);
  const cuts = [0];
  for (const p of [...points].sort((a, b) => a - b))
    // Both sides at least two characters: “××县 / 宏达…”, never “县 / 城污水处理厂”.
    if (p - cuts[cuts.length - 1]! >= 2 && chars.length - p >= 2) cuts.push(p);
  cuts.push(chars.length);
  const parts: string[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) parts.push(chars.slice(cuts[k], cuts[k + 1]).join(''));
  return parts;
}

/**
 * Whether a part of a name (nameParts) is a level of an organisation or place (机械与动力工程学院, 龙泉镇, 有限公司),
 * which is read as one; the rest of a name (高标准农田建设项目 after 龙泉镇) is a description, broken between words.
 */
export const isLevel = (part: string): boolean => ENDS_LEVEL.test(part);
