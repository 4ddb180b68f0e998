// The words regulations use for periods, amounts, dates and people, and the synonyms that map a phrase of
// the text onto the institution's own vocabulary (深入课堂听课 = 听课, 调查研究 = 调研).
import type { PeriodKind } from '../rules/schema';
import { NUMBER } from './numerals';

/** The institution's controlled vocabularies, as the extractor receives them. */
export interface ExtractVocabulary {
  /** 级别, from the highest rank to the lowest (so that "副处级以上" can take every rank above). */
  levels: string[];
  /** 角色 (党委书记, 校长, 分管教学, 包村干部 …). */
  roles: string[];
  activityTypes: string[];
  objectCategories: { name: string; kind: 'unit' | 'person' }[];
  /** 单位类别 (学院, 机关部门, 镇, 街道 …). */
  unitCategories: string[];
}

export const EMPTY_VOCABULARY: ExtractVocabulary = {
  levels: [],
  roles: [],
  activityTypes: [],
  objectCategories: [],
  unitCategories: [],
};

/** Periods a rule can be counted over, or one the rule model cannot express yet ('unsupported'). */
export type PeriodWord = PeriodKind | 'day' | 'twoWeeks' | 'halfYear';

export const PERIOD_PATTERNS: { re: RegExp; kind: PeriodWord }[] = [
  { re: /每(?:两|二|2)个?月|每隔一个月/g, kind: 'twoMonths' },
  { re: /每(?:三|3)个月/g, kind: 'quarter' },
  { re: /每(?:六|6)个月/g, kind: 'halfYear' },
  // "以月为单位进行回访": once in each month.
  { re: /以月为单位/g, kind: 'month' },
  { re: /以季度为单位/g, kind: 'quarter' },
  { re: /每(?:两|二)周|每双周|隔周|每半个月/g, kind: 'twoWeeks' },
  { re: /每半年|每年上、下半年/g, kind: 'halfYear' },
  { re: /每(?:个)?季度|每季/g, kind: 'quarter' },
  { re: /每(?:个)?学期|新学期/g, kind: 'semester' },
  { re: /每(?:个)?学年/g, kind: 'academicYear' },
  { re: /任期内/g, kind: 'termOfOffice' },
  { re: /每(?:个)?(?:周|星期)(?![一二三四五六日天1-7])/g, kind: 'week' },
  { re: /每(?:个)?月(?!\d|[一二三四五六七八九十]+日|第)/g, kind: 'month' },
  { re: /每人每年|每年|全年|年度内|每一年|一年内/g, kind: 'calendarYear' },
  { re: /每(?:个)?工作日|每天|每日/g, kind: 'day' },
];

/** "两个以上重点调研课题", "1个调研报告": what 个 counts is a piece of work, not people or places to reach. */
export const WORK_ITEM = /^[^，,。；;、]{0,6}?(?:课题|项目|报告|方案|实事|案例|提案|建议|文章|论文)/;

export const AT_LEAST = '不少于|不低于|不得少于|不能少于|至少|最少|起码';
export const AT_MOST = '不超过|不得超过|不能超过|最多|至多|不多于';

/** Units of an amount, and what they count. */
export const UNITS: { re: string; quantity: 'count' | 'hours' | 'days' | 'months' | 'weeks' | 'items' }[] = [
  { re: '个工作日', quantity: 'days' },
  { re: '个?课时|个?学时|个?小时', quantity: 'hours' },
  { re: '个月', quantity: 'months' },
  { re: '次|回|场|堂|篇|期|份|件|节(?![假日])', quantity: 'count' },
  { re: '天|日', quantity: 'days' },
  { re: '周(?!岁|年|[一二三四五六日])', quantity: 'weeks' },
  { re: '个|名|位|户|人|家|项', quantity: 'items' },
];

export const QUANTITY_RE = new RegExp(
  `(?<qual>${AT_LEAST}|${AT_MOST})?\\s*(?<n1>${NUMBER})(?:\\s*[-－～~—至到]\\s*(?<n2>${NUMBER}))?\\s*(?<unit>${UNITS.map((u) => u.re).join('|')})(?<post>以上|及以上|以内|以下)?`,
  'g',
);

export const WEEKDAY: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 0 };

/** Canonical activity concepts and the ways regulations say them. The vocabulary word wins when present. */
export const ACTIVITY_SYNONYMS: { concept: string; forms: RegExp }[] = [
  { concept: '听课', forms: /听课|听[^，。；]{0,4}课(?!题)|到思政课堂/ },
  { concept: '座谈', forms: /座谈/ },
  { concept: '调研', forms: /调研|调查研究|调查/ },
  { concept: '走访', forms: /走访|入户|进村|到村|深入[^，。；]{0,6}(?:现场|一线|社区|村)|看望/ },
  { concept: '下基层', forms: /下基层|深入基层|到基层|下村|驻村|住村/ },
  { concept: '谈心谈话', forms: /谈心|谈话|交流谈心/ },
  { concept: '接访', forms: /接访|接待[^，。；]{0,8}来访|接待群众|接待日|来访/ },
  { concept: '下访', forms: /下访/ },
  { concept: '约访', forms: /约访/ },
  { concept: '讲思政课', forms: /讲授|讲[^，。；]{0,6}思想政治理论课|上[^，。；]{0,6}思政课|思政课(?!堂|教师)/ },
  { concept: '形势政策', forms: /形势政策/ },
  { concept: '慰问', forms: /慰问/ },
  { concept: '帮扶', forms: /帮扶|结对/ },
  { concept: '组织生活', forms: /组织生活|支部生活|民主生活会|主题党日/ },
  { concept: '集体备课', forms: /集体备课/ },
  { concept: '现场办公', forms: /现场办公/ },
  { concept: '通报', forms: /通报/ },
  { concept: '公示', forms: /公示/ },
  { concept: '备案', forms: /备案/ },
  { concept: '调研报告', forms: /调研报告|调研文章|调查报告/ },
  { concept: '同吃同住', forms: /同吃同住/ },
  { concept: '志愿服务', forms: /志愿服务/ },
  { concept: '民意调查', forms: /民意调查|调查评价/ },
  { concept: '值班', forms: /值班|带班/ },
];

/** How a role is said in regulations, for a role word the vocabulary has. */
const ROLE_FORMS = new Map<string, RegExp[]>();
export function roleForms(role: string): RegExp[] {
  let forms = ROLE_FORMS.get(role);
  if (!forms) {
    forms = buildRoleForms(role);
    ROLE_FORMS.set(role, forms);
  }
  return forms;
}

function buildRoleForms(role: string): RegExp[] {
  // 副校长 is not 校长, 副书记 not 书记.
  const out: RegExp[] = [new RegExp(`(?<!副)${escape(role)}`)];
  if (role === '党委书记') out.push(/(?<![学院支部总副])书记(?![、，和]?院长)/);
  if (role === '学院书记') out.push(/学院[^，。；、]{0,10}书记/);
  if (role === '支部书记') out.push(/支部书记/);
  if (role === '校长') out.push(/(?<![副])校长/);
  if (role === '院长') out.push(/(?<![副教])院长/);
  // "村民小组组长" for 村民小组长, "网格管理员" for 网格员: a group's head said with 组 twice, a post said with
  // the work it does.
  if (role.endsWith('组长')) out.push(new RegExp(`${escape(role.slice(0, -1))}组长`));
  if (/[^成委人党学]员$/.test(role) && role.length >= 3)
    out.push(new RegExp(`${escape(role.slice(0, -1))}(?:管理|工作|服务|信息)员`));
  if (role.startsWith('分管')) {
    const topic = role.slice(2);
    const long = ABBREVIATIONS[topic] ?? topic;
    // 主管 and 分管 say the same.
    out.push(new RegExp(`(?:分管|主管)[^，。；的]{0,6}(?:${escape(topic)}|${escape(long)})`));
  }
  // "有关部门主要负责人": a list of departments (组织部、宣传统战部、学生工作部…负责人) names them.
  if (role.startsWith('有关部门')) out.push(/(?:[^、，。；]{1,10}(?:部|处|办|室|团委|院党委)、){2,}[^，。；]*负责人/);
  if (role.endsWith('负责人')) {
    // "学生处负责人" is named "学生处和学院处级领导干部" in a list of people.
    const unit = role.replace(/(?:党政)?(?:主要)?负责人$/, '');
    out.push(new RegExp(escape(unit) + '[^，。；]{0,6}负责'));
    // "教务处正副处长": the heads of the unit by their titles.
    if (unit.length >= 2) out.push(new RegExp(`${escape(unit)}(?:正副|正、副|正|副)?(?:处长|部长|主任|书记)`));
    if (unit.length >= 3) out.push(new RegExp(`${escape(unit)}(?=[和、及])`));
    // "…、后勤处（集团）的正职": the last office of a list, its aside dropped, before 的正职 or 的负责人.
    const bare = unit.replace(/（[^）]*）|\([^)]*\)/g, '');
    if (bare.length >= 2) out.push(new RegExp(`${escape(bare)}(?=的?(?:正职|主要负责|负责同志))`));
  }
  return out;
}

/**
 * What a duty is about, by the people or work it names, for a leader "in charge" (分管) of no named area:
 * 辅导员, 班主任 and 就业 are student work's; 听课 and 课堂 teaching's; 课题 research's.
 */
export const AREA_CUES: Record<string, RegExp> = {
  学生工作: /辅导员|班主任|就业指导|学生/,
  教学: /听课|课堂|教学/,
  科研: /科研|课题/,
};

/** Short forms an institution's vocabulary uses for long names in the text. */
export const ABBREVIATIONS: Record<string, string> = {
  马院: '马克思主义学院',
  学工: '学生工作',
  教学: '教学',
  科研: '科研',
};

export function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
