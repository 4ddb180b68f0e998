// Who a sentence obliges: a phrase of the text (校领导, 副处级以上干部, 党委书记、校长, 机关各部门, 学校办公室)
// turned into the rule's who, in the institution's own words for 级别, 角色 and 单位类别.
import type { CadreFilter } from '../rules/schema';
import { escape, roleForms, type ExtractVocabulary } from './lexicon';

export interface WhoFound {
  scope: 'cadre' | 'institution' | 'unit';
  label: string;
  cadres: CadreFilter;
  unitCategories?: string[];
  department?: string;
  /** False when the phrase named people the vocabulary has no word for (the rule then applies to all). */
  resolved: boolean;
  /**
   * "校领导和组织部…的正职": people by rank and people by role joined by 和 are two who-sets (every field of
   * a filter must match), so the duty is proposed once for each.
   */
  also?: WhoFound;
  /** What was assumed in reading the phrase, for the review screen. */
  note?: string;
}

/** Words that name a person or a body that carries a duty; a subject must contain one. */
/** A subject worth reading: a person, a body, or a unit. */
export const SUBJECT =
  /(领导|干部|书记|校长|院长|局长|主任|经理|成员|负责人|负责同志|正职|党员|代表|志愿者|委员|班子|工作人员|秘书|指挥长|总工(?!会)|处长|科长|镇长|组长|学校|党委|县委|办公室|党办|校办|部门|单位|科室|服务队|小组|学院|机关|信访局|组织部|宣传部|^镇|街道|[^举主开]办$|党支部|党总支|党组织|两委|村委会|居委会|工作部$|(?:管理|网格|信息|联络|调解)员)/;
// 工作人员 and 秘书 are people of no rank; 委员会 is a body, not its members.
export const PERSON =
  /(领导|干部|书记|校长|院长|局长|主任|经理|成员|负责人|负责同志|正职|党员|代表|志愿者|委员(?!会)|班子|指挥长|总工(?!会)|处长|科长|镇长|组长|工作人员|秘书|(?:管理|网格|信息|联络|调解)员)/;
const INSTITUTION =
  /^(?:学校|校党委|党委|县委|县政府|本局|局|医院|公司|本单位|中心)$|^(?:本|全)?(?:村|社区|居)?(?:党支部|党总支|党组织|“?两委”?|村委会|居委会)$|^(?:公司|本公司)?[^各、和]{1,6}工作部$|办公室$|^(?:党办|校办|院办|局办公室|党委办|纪委办)|(?:组织部|宣传部|统战部|学工部|教务处|信访局|联络办公室|党建办|民政局|总工会|组织部门|统计|(?:综合|党政|行政|医院|院|局)办)$|调查评价工作$/;
const UNIT_WORD = /^(?:各|每个|每一个|机关各|全县各级|各级)?(.+?)(?:各单位|单位)?$/;

/** A county's own department by its name: 县民政局, 县总工会, 团县委. */
const COUNTY_DEPARTMENT = /^县[^、，。；]{1,8}(?:局|委员会|办公室|中心)$|^(?:县)?(?:总工会|妇联|残联|科协)$|^团县委$/;

/** Level hints: phrases that name a rank without saying it the way the vocabulary does. */
const LEVEL_HINTS: { re: RegExp; hint: string[] }[] = [
  { re: /校领导|校级|校党政|学校领导|校领导班子|学校主要领导|学校班子|校党委班子|学校党委班子/, hint: ['校级', '校'] },
  { re: /县四大班子|县级|县领导|县党政领导|县、镇两级/, hint: ['县级', '县'] },
  { re: /镇(?:（街道）|\(街道\)|、街道)?领导|各镇|镇领导|街道领导|乡镇领导/, hint: ['镇级', '镇'] },
  { re: /县直(?:各)?(?:单位|部门)?领导|县直单位/, hint: ['县直'] },
  { re: /处级|中层|学院(?:党政)?(?:领导|班子)|院领导/, hint: ['*处级'] },
  { re: /科级/, hint: ['科级'] },
];

/** A place at the start of a phrase that says whose heads are meant (各乡镇…主要负责同志, 县直各单位…负责人). */
const PLACE_LEVEL: { re: RegExp; hint: string[] }[] = [
  { re: /^(?:各|每个)?(?:乡镇|镇)(?:（街道）|\(街道\))?(?!级)/, hint: ['镇级', '镇'] },
  { re: /^(?:各|每个)?街道/, hint: ['镇级', '街道'] },
  { re: /^(?:各|每个)?县直/, hint: ['县直'] },
];

function levelFor(hints: string[], vocab: ExtractVocabulary): string[] {
  // '*处级': every rank of that grade, 正 and 副 alike.
  if (hints[0]?.startsWith('*')) return vocab.levels.filter((l) => l.endsWith(hints[0]!.slice(1)));
  for (const h of hints) {
    const exact = vocab.levels.find((l) => l === h);
    if (exact) return [exact];
  }
  for (const h of hints) {
    const part = vocab.levels.filter((l) => l.startsWith(h) && !l.startsWith('副'));
    if (part.length) return part;
  }
  return [];
}

/**
 * The who of a subject phrase. `previous` is the subject of the sentence before, for "其他成员" (everyone of
 * that level except the roles just named).
 */
export function resolveWho(
  phrase: string,
  vocab: ExtractVocabulary,
  previous?: WhoFound | null,
  documentText?: string,
): WhoFound {
  // "全校副处级以上干部", "学校副处级以上干部": the institution's name adds nothing to who they are.
  const label = phrase
    .replace(/^(?:全校|全县|本校|全局|全院)(?=各级|副处|科级|领导|党员)/, '')
    .replace(/^学校(?=各级|副处|正处|处级|科级|党员)/, '')
    .replace(/^请(?=各)/, '')
    // "值班表由综合办": what is done comes first, the office after 由.
    .replace(/^[^、，。；由]{1,8}由(?=[^由]{2,}$)/, '')
    .trim();
  // "各学院（部）党政主要负责人", "包村（居）干部": the parenthesised words are asides.
  const p = label.replace(/（[^）]*）|\([^)]*\)/g, '').replace(/[“”"「」‘’]/g, '');

  // "校领导和组织部、宣传部…的正职": a rank and a list of offices' heads are two sets of people.
  const joined = /^([^和及与、，]+?)(?:和|及|以及)([^和及与]+)$/.exec(p);
  if (joined && !/副校长|副书记|副县长|副局长|副院长/.test(p)) {
    const a = resolveWho(joined[1]!, vocab, null, documentText);
    const b = resolveWho(joined[2]!, vocab, null, documentText);
    const byRank = (w: WhoFound) => w.scope === 'cadre' && w.resolved && !!w.cadres.levels?.length && !w.cadres.roles;
    const byRole = (w: WhoFound) => w.scope === 'cadre' && w.resolved && !!w.cadres.roles?.length;
    if (byRank(a) && byRole(b)) return { ...a, also: b };
  }

  // "县党代表联络办公室、各镇党建办": offices the vocabulary keeps as unit categories are units (each of them
  // carries the duty), not the institution's one office.
  const parts = p.split(/[、和及]/).filter(Boolean);
  const unitParts = parts.map((x) => vocab.unitCategories.filter((c) => c.length >= 2 && x.includes(c)));
  const rest = parts.map((x, i) => unitParts[i]!.reduce((a, c) => a.replace(c, ''), x));
  if (parts.length && unitParts.every((c) => c.length) && !rest.some((x) => PERSON.test(x))) {
    const cats = [...new Set(unitParts.flat())];
    return { scope: 'unit', label: p, cadres: {}, unitCategories: cats, resolved: true };
  }

  if (INSTITUTION.test(p) || /^(?:学校|党委|县委)?(?:办公室|党办|校办)/.test(p)) {
    return {
      scope: 'institution',
      label: p,
      cadres: {},
      department: /^(学校|党委|县委|本局|医院|公司|中心)$/.test(p) ? undefined : p,
      resolved: true,
    };
  }

  const filter: CadreFilter = {};
  let resolved = true;
  // Ranks: "副处级以上" takes every rank from the top of the vocabulary down to 副处级.
  const above = /(正|副)?([处科厅局县镇]级)以上/.exec(p);
  if (above) {
    const word = `${above[1] ?? ''}${above[2]}`;
    const idx = vocab.levels.findIndex((l) => l === word || l === above[2]);
    // "处级以上" where the vocabulary says 正处级, 副处级: down to the last rank of that grade.
    const grade = above[1] ? -1 : vocab.levels.findLastIndex((l) => l.endsWith(above[2]!));
    const idx2 =
      idx >= 0 ? idx : grade >= 0 ? grade : vocab.levels.findIndex((l) => l.startsWith(above[2]!.slice(0, 1)));
    if (idx2 >= 0) filter.levels = vocab.levels.slice(0, idx2 + 1);
    else resolved = false;
  }

  // Roles the vocabulary has, named in the phrase.
  const roles: string[] = [];
  for (const role of vocab.roles) {
    if (roleForms(role).some((re) => re.test(p))) roles.push(role);
  }
  // The longest role wins where one contains another (学院党政主要负责人 over 主要负责人).
  // …unless the shorter one is also said on its own ("学院院长、教学副院长": 院长 beside 教学副院长).
  for (const r of [...roles])
    if (
      roles.some(
        (o) => o !== r && o.includes(r) && p.includes(o) && !roleForms(r).some((re) => re.test(p.split(o).join('、'))),
      )
    )
      roles.splice(roles.indexOf(r), 1);
  // A more specific role hides the general one it contains (学院书记 is not 党委书记).
  const kept = roles.filter(
    (r) => !(r === '党委书记' && roles.includes('学院书记') && !/校党委书记|党委书记、校长/.test(p)),
  );

  if (!filter.levels) {
    for (const lvl of vocab.levels) {
      if (new RegExp(escape(lvl)).test(p)) {
        filter.levels = [...(filter.levels ?? []), lvl];
      }
    }
    // "处级干部" without 正 or 副 takes both (处级, 副处级 / 正处级, 副处级), as the vocabulary has them.
    const bare = /(?<![正副])([处科厅局])级/.exec(p);
    if (bare && !above) {
      const all = vocab.levels.filter((l) => l.endsWith(`${bare[1]}级`));
      if (all.length) filter.levels = all;
    } else if (filter.levels && filter.levels.length > 1) {
      // "处级" also matches inside "副处级": keep the longest words only.
      filter.levels = filter.levels.filter((l) => !filter.levels!.some((o) => o !== l && o.includes(l)));
    }
  }
  if (filter.levels && !above && !kept.length) {
    // "学校领导和处级干部": each part of the phrase names its own rank, one in the vocabulary's word, the other
    // by a hint (校领导 → 校级); every rank the phrase names, in the vocabulary's order.
    const all = new Set(filter.levels);
    for (const part of p.split(/[和及与、]/)) {
      if (!part || filter.levels.some((l) => part.includes(l.replace(/^[正副]/, '')))) continue;
      for (const h of LEVEL_HINTS) if (h.re.test(part)) for (const l of levelFor(h.hint, vocab)) all.add(l);
    }
    filter.levels = vocab.levels.filter((l) => all.has(l));
  }
  if (!filter.levels && !kept.length) {
    // "市党政领导", "区领导": the place before the leaders is a rank the vocabulary writes with 级 (市级).
    const place = /^(?:全|本)?([省市区县镇乡校局])(?:党政|党委|政府)?领导(?:干部|同志|班子成员)?$/.exec(p);
    if (place && vocab.levels.includes(`${place[1]}级`)) filter.levels = [`${place[1]}级`];
  }
  if (!filter.levels && !kept.length) {
    // "校领导和学院领导干部": every rank the phrase names.
    const all: string[] = [];
    for (const h of LEVEL_HINTS) {
      if (h.re.test(p)) for (const l of levelFor(h.hint, vocab)) if (!all.includes(l)) all.push(l);
    }
    if (all.length) filter.levels = all;
  }
  // "校院两级领导班子成员": both ranks' teams, a role when the vocabulary has one for it.
  if (/两级/.test(p) && vocab.roles.includes('班子成员')) {
    delete filter.levels;
    kept.push('班子成员');
  }
  if (!filter.levels && !kept.length && /(领导)?班子(?:成员)?|班子成员/.test(p) && !/各级|全体/.test(p)) {
    // A team without a rank named is the institution's own top team.
    if (/学院|院领导|系/.test(p)) {
      const lv = levelFor(['*处级'], vocab);
      if (lv.length) filter.levels = lv;
    } else if (vocab.levels.length) filter.levels = [vocab.levels[0]!];
    else if (teamRole(vocab)) kept.push(teamRole(vocab)!);
  }
  if (/其他(?:成员|班子成员|领导|同志)/.test(p) && previous?.cadres.roles?.length) {
    filter.levels = previous.cadres.levels ?? (vocab.levels.length ? [vocab.levels[0]!] : undefined);
    filter.except = { roles: previous.cadres.roles };
    kept.length = 0;
  }
  // "分管副书记、副校长": deputies the vocabulary has no role for are of the institution's top rank, and a
  // duty that names them with the 书记 and 校长 is that whole rank's.
  const deputies = /副校长|副书记|副县长|副局长|副院长/.exec(p);
  if (deputies && !/学院|二级|系|教学副院长/.test(p) && !kept.some((r) => r.startsWith('分管'))) {
    const top = LEVEL_HINTS.find((h) => h.re.test(deputies[0].replace('副', '')) || h.re.test(p));
    const lv = top ? levelFor(top.hint, vocab) : vocab.levels.slice(0, 1);
    if (lv.length) {
      filter.levels = lv;
      kept.length = 0;
    }
  }
  // "学院处级领导干部" alone: a role that is only a unit category and a rank reads as both, so that it
  // follows the roster (a cadre's unit and level) rather than a role someone must remember to give.
  if (kept.length === 1) {
    const only = kept[0]!;
    const unit = vocab.unitCategories.find((u) => only.startsWith(u));
    const grade = unit ? /^([处科厅局])级(?:领导|干部|领导干部)?$/.exec(only.slice(unit.length)) : null;
    const lv = grade ? vocab.levels.filter((l) => l.endsWith(`${grade[1]}级`)) : [];
    if (unit && lv.length) {
      filter.levels = lv;
      filter.unitCategories = [unit];
      kept.length = 0;
    }
  }
  // "各乡镇（街道）党政主要负责同志": a role every rank has (主要负责人, 班子成员) is narrowed by the place
  // the phrase starts with — the township's heads, not the county's.
  const generic = kept.length > 0 && kept.every((r) => /^(?:党政)?主要负责|^负责人$|^班子成员$/.test(r));
  const place = generic && !filter.levels ? PLACE_LEVEL.find((h) => h.re.test(p)) : undefined;
  const placeLevels = place ? levelFor(place.hint, vocab) : [];
  if (kept.length) filter.roles = [...new Set(kept)];
  if (/是中共党员的|党员(?:校|领导)|^党员$|的党员$|有行动能力的党员/.test(p)) filter.partyMember = true;
  // "分管本科教学的校领导" where the text also has "主管本科教学的处级领导干部": the role is held at several
  // ranks, so the rank the phrase names after 的 stays with it (alone, the role decides).
  const tail = /的([^的]+)$/.exec(p)?.[1];
  let rankAfter =
    tail && kept.length && kept.every((r) => r.startsWith('分管')) && !kept.some((r) => tail.includes(r))
      ? rankOf(tail, vocab)
      : [];
  if (
    rankAfter.length &&
    !ranksOfRole(kept, vocab, documentText ?? p).some((x) => !x.every((l) => rankAfter.includes(l)))
  )
    rankAfter = [];
  if (rankAfter.length) filter.levels = rankAfter;
  else if (filter.levels && kept.length) {
    // Roles named with a rank ("分管教学的校领导") are narrower than the rank: the roles decide.
    delete filter.levels;
  }
  if (placeLevels.length) filter.levels = placeLevels;
  // "各部门的正职": the heads themselves, not their deputies — the vocabulary's first 正 rank below the top.
  if (/正职/.test(p) && kept.length && kept.every((r) => r.endsWith('负责人')) && !filter.levels) {
    const head = vocab.levels.slice(1).find((l) => l.startsWith('正'));
    if (head) filter.levels = [head];
  }

  // A unit as the subject: 机关各部门, 每个县直单位, 机关科室, 服务队, 党代表工作小组.
  if (
    (!PERSON.test(p) && !kept.length) ||
    /^(?:镇|街道|乡镇|镇街道)$|^(?:每个|各)[^领干]*(?:单位|部门|科室|队|小组|乡镇)$|机关科室|机关各部门|服务队$|工作小组$/.test(
      p,
    )
  ) {
    const inner = UNIT_WORD.exec(p)?.[1] ?? p;
    // "各乡镇、县直机关各单位领导接待日定为每月10日，请各单位在1月15日前…": 各单位 are the units just named.
    if (/^(?:各|本|每个)?单位$/.test(p) && previous?.scope === 'unit' && previous.resolved)
      return { ...previous, label: p };
    // "镇（街道）": the bracketed word is a category too. "信访工作任务重的县直部门和单位" says
    // 信访任务重的县直单位 in more words: a category whose characters the phrase has in order.
    const found = new Set<string>();
    for (const part of [...inner.split('、'), ...label.split(/[、（）()]/)].filter(Boolean)) {
      // The category the part says outright; else the one it shortens (镇 for 乡镇); else one it spells out.
      const exact = vocab.unitCategories.filter((c) => part.includes(c));
      const longer = exact.length ? [] : vocab.unitCategories.filter((c) => c.includes(part));
      const short = longer.filter((c) => !longer.some((o) => o.length < c.length));
      const spelled =
        exact.length || short.length ? [] : vocab.unitCategories.filter((c) => c.length >= 4 && inOrder(c, part));
      const specific = spelled.filter((c) => !spelled.some((o) => o !== c && o.includes(c)));
      for (const c of [...exact.filter((c) => !exact.some((o) => o !== c && o.includes(c))), ...short, ...specific])
        found.add(c);
    }
    // "县民政局、总工会…等单位": the county's own departments, which the vocabulary calls 县直单位.
    if (p.split(/[、和及与]/).some((x) => COUNTY_DEPARTMENT.test(x.replace(/^各/, '')))) {
      const county = vocab.unitCategories.filter((c) => c.startsWith('县直')).sort((a, b) => a.length - b.length)[0];
      if (county) found.add(county);
    }
    const cats = [...found];
    return {
      scope: 'unit',
      label: p,
      cadres: {},
      unitCategories: cats.length ? cats : [inner],
      resolved: cats.length > 0,
    };
  }

  if (!filter.levels && !filter.roles && !filter.partyMember && GENERIC_LEADERS.test(p)) {
    // "学校领导和处级干部每人联系…。领导干部要经常…": plain 领导干部 right after people named by rank or role
    // in the same clause are those people, not every cadre.
    const all = /^(?:领导干部|党员干部|领导|干部)$/.test(p);
    if (
      all &&
      previous?.scope === 'cadre' &&
      previous.resolved &&
      (previous.cadres.levels?.length || previous.cadres.roles?.length)
    )
      return { ...previous, label: p };
    const earlier = documentText && !all ? qualifiedForm(p, vocab, documentText) : null;
    if (earlier) return { ...earlier, label: p };
    // "局领导", "领导干部", "公司领导" where the institution has no 级别 words: its leaders are its team.
    const team = teamRole(vocab);
    if (team && !vocab.levels.length) return { scope: 'cadre', label: p, cadres: { roles: [team] }, resolved: true };
  }
  if (
    !filter.levels &&
    !filter.roles &&
    !filter.partyMember &&
    !/各级|全体|所有|^领导干部$|^党员干部$|^领导$|^干部$/.test(p)
  ) {
    resolved = false;
  }
  return { scope: 'cadre', label: p, cadres: filter, resolved };
}

/** For each place the text names one of these roles followed by 的 and a rank: the ranks it names there. */
const ROLE_RANK = new Map<string, RegExp>();
function ranksOfRole(roles: string[], vocab: ExtractVocabulary, text: string): string[][] {
  const out: string[][] = [];
  for (const role of roles)
    for (const form of roleForms(role)) {
      let r = ROLE_RANK.get(form.source);
      if (!r) {
        r = new RegExp(`${form.source}[^，。；的]{0,12}的([^，。；、的]{1,12})`, 'g');
        ROLE_RANK.set(form.source, r);
      }
      r.lastIndex = 0;
      for (const m of text.matchAll(r)) {
        const ranks = rankOf(m[1]!, vocab);
        if (ranks.length) out.push(ranks);
      }
    }
  return out;
}

/** The ranks a short phrase names, in the vocabulary's word (处级 → 正处级, 副处级) or by a hint (校领导). */
function rankOf(phrase: string, vocab: ExtractVocabulary): string[] {
  const bare = /(?<![正副])([处科厅局])级/.exec(phrase);
  if (bare) return vocab.levels.filter((l) => l.endsWith(`${bare[1]}级`));
  const literal = vocab.levels.filter((l) => phrase.includes(l));
  if (literal.length) return literal;
  for (const h of LEVEL_HINTS) if (h.re.test(phrase)) return levelFor(h.hint, vocab);
  return [];
}

/** Whether the characters of `word` appear in `text` in the same order (an abbreviation of it). */
function inOrder(word: string, text: string): boolean {
  let at = 0;
  for (const ch of word) {
    at = text.indexOf(ch, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

/** Leaders named by no rank or role: 领导干部, 党政领导, 局领导, 公司领导, 院领导. */
const GENERIC_LEADERS =
  /^(?:每位|各位|每名|全体)?(?:[局院处厅委所厂站镇乡区县市校]|街道|党委|公司|中心|集团|医院|机关)?(?:党政)?领导(?:干部|同志)?$/;

/** The role of the institution's leading team (班子成员), when the vocabulary has one. */
function teamRole(vocab: ExtractVocabulary): string | undefined {
  return vocab.roles.find((r) => /班子/.test(r) && !/学院|系|部门|支部/.test(r));
}

/** "县党政领导" for "党政领导": the phrase as the text says it elsewhere with a rank the vocabulary knows. */
function qualifiedForm(p: string, vocab: ExtractVocabulary, documentText: string): WhoFound | null {
  const bare = p.replace(/^(?:每位|各位|每名|全体)/, '');
  const counts = new Map<string, number>();
  const found = new RegExp(`([\\u4e00-\\u9fff])${escape(bare)}`, 'g');
  for (const m of documentText.matchAll(found)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  let best: WhoFound | null = null;
  let most = 0;
  for (const [q, n] of counts) {
    if (n <= most || /[位名各每的和、]/.test(q)) continue;
    const w = resolveWho(q + bare, vocab);
    if (w.scope === 'cadre' && w.resolved && (w.cadres.levels?.length || w.cadres.roles?.length)) {
      best = w;
      most = n;
    }
  }
  return best;
}
