// The presets' numbers checked against the regulations themselves, not against the presets: every measurable
// obligation of the five seed texts (tests/fixtures/regulations/seed-00N.txt = ../shared/seeds/) is written here
// by hand from the text — its words, the clause, the period, the minimum (and maximum, hours/days, deadline,
// slots) — and the preset's rule must say exactly that, as shipped and as stored in a ledger by rules.applyPreset.
// A rule of a preset that no line of this table cites is an obligation the text does not contain.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import type { StoredRule } from '../../shared/api/rules';
import { preset as presetSchema, readRule, type Rule } from '../../shared/rules';
import { tempDbPath, tempDir } from '../support/tmp';

const root = join(__dirname, '..', '..');
const PRESETS = ['000', '001', '002', '003', '004'] as const;
type PresetId = (typeof PRESETS)[number];

/** What the text fixes for one obligation. Fields left out must be at the rule's default. */
interface Figures {
  clause: string;
  kind: Rule['kind'];
  period?: string;
  min?: number;
  max?: number;
  /** frequency: 'hours' | 'days' | 'consecutiveDays' | 'distinctObjects' (count is the default) */
  quantity?: string;
  within?: number;
  dayKind?: 'workdays' | 'calendarDays';
  /** quota: each slot's minimum and maximum */
  slots?: [number, number | null][];
  perObject?: number;
  fraction?: number;
  collective?: boolean;
  minShareOfWorkdays?: number;
  due?: string;
  minDurationDays?: number;
  /** roster / counting pattern, as the text states it */
  weekdays?: number[];
  isoWeekParity?: 'even' | 'odd';
  hours?: [string, string];
  months?: number[];
  daysOfMonth?: number[];
  windows?: string[];
}

interface Duty extends Figures {
  /** the preset rule carrying it */
  id: string;
  /** the seed's own words (whitespace ignored) */
  says: string;
  /** who the text names, where the preset can say it: levels / roles the rule must filter on exactly */
  who?: { levels?: string[]; roles?: string[]; unitCategories?: string[] };
  /** activity types the text names, each of which must count */
  counts?: string[];
}

// prettier-ignore
const DUTIES: Record<PresetId, Duty[]> = {
  '000': [
    { id: '000-1.1', clause: '000 一.1', kind: 'quota', slots: [[1, null], [1, null], [1, null], [1, null], [1, null]], who: { levels: ['校级'] },
      says: '校党政班子每位成员要联系一个学院、一个班级、一名教授、一名青年教师、一位老同志（或民主党派负责人）' },
    { id: '000-1.3', clause: '000 一.3', kind: 'frequency', period: 'semester', quantity: 'consecutiveDays', min: 5, who: { levels: ['校级'] },
      says: '校领导每学期至少集中安排一周时间下基层' },
    { id: '000-1.4', clause: '000 一.4', kind: 'task', period: 'calendarYear', due: '03-31',
      says: '每年三月份在校园网上公示当年度校领导联系群众点情况' },
    { id: '000-2', clause: '000 二.1–4', kind: 'deadline', within: 7, dayKind: 'calendarDays',
      says: '一般接访请求在一周内作出约访安排' },
    { id: '000-3.1a', clause: '000 三.1', kind: 'coverage', period: 'window', collective: true, windows: ['教师节', '七一', '元旦—春节'],
      says: '至少有一位校领导上门慰问或到医院看望：重要节日期间的慰问，如每年的教师节、“七.一”、元旦与春节期间等' },
    // 生重病期间 / 生病住院期间: the text sets no number of days; the preset's 7 days is a stated default.
    { id: '000-3.1b', clause: '000 三.1', kind: 'deadline', within: 7, dayKind: 'calendarDays',
      says: '老同志生重病期间' },
    { id: '000-5.1', clause: '000 五.1', kind: 'quota', slots: [[1, null], [1, null], [1, null], [1, null], [1, null]],
      says: '学院党政班子每位成员至少联系一个系（或教研室）、一个班级、一个寝室、一位教师、一名学生' },
    { id: '000-5.3a', clause: '000 五.3', kind: 'task', period: 'calendarYear', due: '03-31',
      says: '每年三月份在学院内网上公示当年度院领导联系群众点情况' },
    { id: '000-5.3b', clause: '000 五.3', kind: 'task', period: 'calendarYear', due: '03-31',
      says: '学院领导联系群众点情况于当年3月底前报校党委组织部备案' },
    { id: '000-6.1', clause: '000 六.1', kind: 'frequency', period: 'calendarYear', min: 1,
      says: '机关各部门每年要在服务对象范围内召开一次征求群众意见座谈会' },
    { id: '000-6.2', clause: '000 六.2', kind: 'frequency', period: 'twoMonths', min: 1,
      says: '机关处级干部下基层走访了解情况每两个月至少安排一次' },
    { id: '000-6.3', clause: '000 六.3', kind: 'coverage', period: 'calendarYear',
      says: '机关各处级单位主要负责人每年到各学院走访了解情况、指导工作、帮助解决问题（或困难）至少一次' },
  ],
  // 001 六.1: 按学年汇总和考核 — every “每年” of this text is an academic year.
  '001': [
    { id: '001-5.1', clause: '001 五.1', kind: 'frequency', period: 'academicYear', min: 2,
      says: '领导班子成员每年到分管或联系的基层单位参加支部生活、组织生活或民主生活会至少2次' },
    { id: '001-5.3a', clause: '001 五.3', kind: 'frequency', period: 'academicYear', min: 2,
      says: '每年深入基层或联系点与师生员工座谈不少于2次' },
    { id: '001-5.3b', clause: '001 五.3', kind: 'frequency', period: 'academicYear', min: 2, who: { roles: ['分管教学', '分管学生工作'] },
      says: '分管教学工作和学生工作的校领导每年与师生代表座谈不少于2次' },
    { id: '001-5.4a', clause: '001 五.4', kind: 'frequency', period: 'semester', min: 1, who: { roles: ['党委书记', '校长'] },
      says: '落实新学期第一课制度和听课制度' },
    { id: '001-5.4b', clause: '001 五.4', kind: 'frequency', period: 'semester', quantity: 'hours', min: 4,
      says: '学校领导班子成员每学期深入课堂听课不少于4学时' },
    { id: '001-5.5a', clause: '001 五.5', kind: 'frequency', period: 'academicYear', min: 1,
      says: '学校领导每年根据情况与联系的党外人士或民主党派负责人谈话一次' },
    { id: '001-5.5b', clause: '001 五.5', kind: 'frequency', period: 'academicYear', min: 1,
      says: '参加一次联系的民主党派的活动' },
    { id: '001-5.6', clause: '001 五.6', kind: 'frequency', period: 'academicYear', min: 1,
      says: '学校领导每年向离退休人员通报学校发展情况' },
    // 及时处理: no number of days in the text; 60 days (信访条例) is the preset's stated default.
    { id: '001-5.7', clause: '001 五.7', kind: 'deadline', within: 60, dayKind: 'calendarDays',
      says: '学校领导根据分工及时处理信访件和师生提出的重要问题' },
    { id: '001-5.8', clause: '001 五.8', kind: 'roster', period: 'month', weekdays: [1], isoWeekParity: 'even', hours: ['15:00', '17:00'],
      says: '校领导接待日每两周一次，时间为双周一下午3:00—5:00' },
    { id: '001-6.1', clause: '001 六.1–2', kind: 'task', period: 'semester',
      says: '由学校党委办、纪委办定期通报领导联系基层工作情况' },
  ],
  '002': [
    { id: '002-6a', clause: '002 第六条', kind: 'frequency', period: 'month', min: 1,
      says: '校长、分管校领导每月至少到科研一线实地调研走访1次' },
    { id: '002-6b', clause: '002 第六条', kind: 'frequency', period: 'month', min: 1, who: { levels: ['校级'] },
      says: '领导班子成员要经常深入教学、财务、后勤、基建、保卫、信息化等管理部门以及教室、实验室、食堂、学生宿舍、教工宿舍、服务大厅等实地调研走访，每月不少于1次' },
    { id: '002-6c', clause: '002 第六条', kind: 'frequency', period: 'academicYear', min: 1, who: { roles: ['党委书记', '校长'] },
      says: '校党委书记和校长每学年分别到思想政治理论课教研部门开现场办公会至少1次' },
    { id: '002-8a', clause: '002 第八条', kind: 'quota', slots: [[1, 3], [1, 1]], who: { levels: ['校级'] },
      says: '每人明确1～3个学院作为联系点' },
    { id: '002-8b', clause: '002 第八条', kind: 'coverage', period: 'calendarYear', who: { levels: ['校级'] },
      says: '每年深入联系学院1次以上' },
    { id: '002-9a', clause: '002 第九条', kind: 'quota', slots: [[1, 2]],
      says: '学院处级领导干部根据工作分工，每人明确1～2个系（教研室）、学生班级作为联系点' },
    { id: '002-9b', clause: '002 第九条', kind: 'coverage', period: 'calendarYear',
      says: '每年深入联系点1次以上' },
    { id: '002-10', clause: '002 第十条', kind: 'quota', slots: [], minDurationDays: 365,
      says: '每个联系点的联系时间不少于1年' },
    { id: '002-11', clause: '002 第十一条', kind: 'roster', period: 'month', weekdays: [3], who: { levels: ['校级'] },
      says: '校领导要按照统一安排，轮流在每周三全天接待学校师生员工来访' },
    { id: '002-12', clause: '002 第十二条', kind: 'deadline', within: 5, dayKind: 'workdays',
      says: '党办、校办要在5个工作日内向值班校领导和来访人反馈落实情况' },
    { id: '002-13a', clause: '002 第十三条', kind: 'frequency', period: 'semester', quantity: 'hours', min: 4, who: { roles: ['党委书记', '校长'] },
      says: '党委书记、校长每学期至少给学生讲授4个课时' },
    { id: '002-13b', clause: '002 第十三条', kind: 'frequency', period: 'semester', quantity: 'hours', min: 2, who: { levels: ['校级'] },
      says: '其他成员每学期至少讲授2个课时' },
    { id: '002-13c', clause: '002 第十三条', kind: 'frequency', period: 'semester', quantity: 'hours', min: 2,
      says: '学院党委（党总支）书记、院长每学期至少为学生讲授2个课时' },
    { id: '002-13d', clause: '002 第十三条', kind: 'frequency', period: 'semester', min: 1, who: { levels: ['校级'] },
      says: '校领导班子成员每学期至少给教职工作1场思想政治理论或形势政策辅导报告' },
    { id: '002-13f', clause: '002 第十三条', kind: 'frequency', period: 'academicYear', min: 1,
      says: '党委书记、校长，分管副书记、副校长每学年至少参与思政课教师集体备课1次' },
    { id: '002-16a', clause: '002 第十六条', kind: 'frequency', period: 'academicYear', min: 4,
      says: '领导干部每学年听课4次以上' },
    { id: '002-16b', clause: '002 第十六条', kind: 'frequency', period: 'semester', min: 8,
      who: { roles: ['分管教学', '院长', '教学副院长', '教务处负责人'] },
      says: '分管教学工作的副校长、学院院长、教学副院长和教务处正副处长每学期听课不少于8次' },
    { id: '002-16c', clause: '002 第十六条', kind: 'frequency', period: 'semester', min: 1,
      says: '校党委书记、校长和分管科研工作的校领导，每学期至少到思政课堂随机听课1次' },
    { id: '002-16d', clause: '002 第十六条', kind: 'frequency', period: 'semester', min: 2,
      says: '分管马克思主义学院和思政课教学的校领导，每学期到思政课堂听课2次以上' },
    { id: '002-18a', clause: '002 第十八条', kind: 'frequency', period: 'academicYear', min: 1, who: { levels: ['校级'] },
      says: '校领导每学年要与分管（联系）单位的教师座谈1次以上' },
    { id: '002-18b', clause: '002 第十八条', kind: 'frequency', period: 'academicYear', min: 1,
      says: '党委书记、校长和分管副书记、副校长每学年至少与辅导员、班主任、就业指导教师、群团干部代表等集体座谈1次' },
    // One sentence, two sets of people: the 校领导 (19a), and the listed departments' 正职 (19c: 正处级 with the role
    // naming the department, as 学生处负责人 does in 19b).
    { id: '002-19a', clause: '002 第十九条', kind: 'frequency', period: 'semester', min: 1, who: { levels: ['校级'] },
      says: '校领导和组织部、宣传部、教务处、社科处、研工部、招生就业处、校团委、后勤处（集团）的正职每学期与学生座谈1次以上' },
    { id: '002-19c', clause: '002 第十九条', kind: 'frequency', period: 'semester', min: 1,
      who: { levels: ['正处级'], roles: ['组织部负责人', '宣传部负责人', '教务处负责人', '社科处负责人', '研工部负责人', '招生就业处负责人', '校团委负责人', '后勤处（集团）负责人'] },
      says: '组织部、宣传部、教务处、社科处、研工部、招生就业处、校团委、后勤处（集团）的正职每学期与学生座谈1次以上' },
    { id: '002-19b', clause: '002 第十九条', kind: 'frequency', period: 'semester', min: 2,
      says: '分管学生工作的校领导、学生处和学院处级领导干部每学期与学生座谈2次' },
    { id: '002-20', clause: '002 第二十条', kind: 'deadline', within: 10, dayKind: 'workdays',
      says: '宣传部或学工部要在10个工作日内以一定方式向座谈领导干部和参会师生反馈落实情况' },
    { id: '002-21', clause: '002 第二十一条', kind: 'coverage', period: 'calendarYear',
      says: '班子成员与所分管（联系）单位班子成员每年谈心谈话1次以上' },
    { id: '002-23a', clause: '002 第二十三条', kind: 'quota', slots: [[1, 1]],
      says: '要固定联系1个基层学生党支部或1个基层教工党支部' },
    { id: '002-23b', clause: '002 第二十三条', kind: 'coverage', period: 'semester',
      says: '每学期至少参加1次所联系党支部的组织生活或主题党日活动' },
    { id: '002-26a', clause: '002 第二十六条', kind: 'quota', slots: [[1, 2]], who: { levels: ['校级', '正处级', '副处级'] },
      says: '校领导和学院领导干部每人联系1～2名高层次人才' },
    // 第二十七条 binds 校领导 to a yearly visit; 学院领导干部 only to “经常性的交流沟通机制”, with no number.
    { id: '002-26b', clause: '002 第二十七条', kind: 'coverage', period: 'calendarYear', who: { levels: ['校级'] },
      says: '校领导每年要走访联系高层次人才1次以上' },
    { id: '002-28a', clause: '002 第二十八条', kind: 'quota', slots: [[1, 2]], who: { levels: ['校级'] },
      says: '校领导每人与1～2名党外代表人士建立相对固定的长期联系' },
    { id: '002-28b', clause: '002 第二十九条', kind: 'coverage', period: 'calendarYear', who: { levels: ['校级'] },
      says: '校领导每人每年要与联系的党外代表人士交流谈心1次以上' },
    { id: '002-29', clause: '002 第二十九条', kind: 'task', period: 'calendarYear',
      says: '校党委每年至少召开1次党外人士座谈会' },
    { id: '002-30a', clause: '002 第三十条', kind: 'quota', slots: [[1, 1]], who: { levels: ['校级'] },
      says: '校领导每人联系1名离退休校级领导干部' },
    { id: '002-30b', clause: '002 第三十条', kind: 'quota', slots: [[1, 2]], who: { levels: ['正处级', '副处级'] },
      says: '处级领导干部每人联系1～2名本单位离退休老同志' },
    { id: '002-30c', clause: '002 第三十条', kind: 'coverage', period: 'calendarYear',
      says: '每年走访老同志1次以上' },
    { id: '002-31', clause: '002 第三十一条', kind: 'task', period: 'calendarYear',
      says: '主要领导或者分管领导干部每年至少向离退休老同志通报1次本单位工作' },
  ],
  '003': [
    { id: '003-4.1a', clause: '003 四.1', kind: 'quota', slots: [[1, 1], [1, 1], [1, 1]], who: { levels: ['校级', '正处级', '副处级'] },
      says: '每人联系1个学生班级或1个学生社团，联系1个学生宿舍、1个困难学生' },
    { id: '003-4.1b', clause: '003 四.1', kind: 'frequency', period: 'semester', min: 1,
      says: '每学期要参加1次联系班级的活动' },
    { id: '003-4.1c', clause: '003 四.1', kind: 'frequency', period: 'semester', min: 1,
      says: '1次主题班会或1次社团活动' },
    { id: '003-4.1d', clause: '003 四.1', kind: 'frequency', period: 'month', min: 1,
      says: '每月进1次宿舍' },
    { id: '003-4.1e', clause: '003 四.1', kind: 'frequency', period: 'month', min: 1,
      says: '每月在食堂与学生就餐1次' },
    { id: '003-4.2a', clause: '003 四.2', kind: 'frequency', period: 'semester', min: 1, who: { levels: ['校级'] },
      says: '校领导每学期至少要为学生讲1堂思想政治理论课或形势政策课' },
    { id: '003-4.2b', clause: '003 四.2', kind: 'frequency', period: 'semester', min: 1, counts: ['讲形势政策课', '讲思政课', '讲党课'],
      says: '各学院（部）党政主要负责人每学期要为学生上1次形势政策课或思想政治理论课或党课' },
    { id: '003-4.3', clause: '003 四.3', kind: 'frequency', period: 'month', min: 1, who: { levels: ['校级', '正处级', '副处级'] },
      says: '全校副处级以上干部（含副处级）每个月要深入课堂听1次课' },
    { id: '003-4.4', clause: '003 四.4', kind: 'frequency', period: 'week', min: 1,
      says: '校院两级领导班子成员特别是党政主要负责人每周至少“面对面”接触学生1次' },
    { id: '003-4.5', clause: '003 四.5', kind: 'frequency', period: 'month', quantity: 'days', minShareOfWorkdays: 0.5,
      says: '要把一半以上的时间精力放在直接到一线联系学生' },
    { id: '003-4.8', clause: '003 四.8', kind: 'quota', slots: [],
      says: '学校各级领导干部联系的班级和本科生原则上要从大一、大二年级中选择，联系的研究生原则上在一年级选择' },
  ],
  '004': [
    { id: '004-1.1', clause: '004 1.1', kind: 'frequency', period: 'calendarYear', min: 1, max: 2,
      says: '每人每年要结合分管工作完成1-2篇有参考价值的调研报告' },
    { id: '004-1.2a', clause: '004 1.2', kind: 'frequency', period: 'calendarYear', quantity: 'days', min: 90, who: { levels: ['县级'] },
      says: '县级领导干部下基层工作和调研时间每年不少于3个月' },
    { id: '004-1.2b', clause: '004 1.2', kind: 'frequency', period: 'calendarYear', quantity: 'days', min: 180, who: { levels: ['镇级'] },
      says: '各镇、街道领导班子成员到村（社区）工作和调研时间每年不少于6个月' },
    { id: '004-1.2c', clause: '004 1.2', kind: 'frequency', period: 'calendarYear', quantity: 'days', min: 120, who: { levels: ['县直'] },
      says: '县直各单位领导班子成员每年进村、入企、到下属单位、服务对象工作和调研时间每年不少于4个月' },
    { id: '004-1.2d', clause: '004 1.2', kind: 'coverage', period: 'termOfOffice', who: { levels: ['县级'] },
      says: '县级党政领导任期内要跑遍全县所有村' },
    { id: '004-1.2e', clause: '004 1.2', kind: 'coverage', period: 'calendarYear', who: { levels: ['镇级'] },
      says: '每年要跑遍本镇所有村（社区）' },
    { id: '004-2.1a', clause: '004 2.1', kind: 'quota', slots: [[1, null], [1, null], [1, null], [1, null], [1, null], [1, null]], who: { levels: ['县级'] },
      says: '每人每年联系一个镇（街道）、一个农村面貌改造提升村、一个老区村、一户建档立卡贫困户、一个民营企业、一个重点项目' },
    { id: '004-2.1b', clause: '004 2.1', kind: 'quota', slots: [[1, null], [1, null], [1, null], [1, null], [5, null]], who: { levels: ['镇级'] },
      says: '每人每年联系一个村（社区）、一名老党员、一个致富带头人、一户建档立卡贫困户、5户普通群众' },
    { id: '004-2.1c', clause: '004 2.1', kind: 'quota', slots: [[1, null], [3, null]], who: { levels: ['县直'] },
      says: '每人每年联系一个基层单位、3个以上服务对象' },
    { id: '004-2.3a', clause: '004 2.3', kind: 'frequency', period: 'calendarYear', quantity: 'days', min: 7, months: [7],
      says: '县四大班子成员每人每年与群众同吃同住不少于7天（为便于落实，原则上统一安排在每年7月份）' },
    { id: '004-2.3b', clause: '004 2.3', kind: 'coverage', period: 'month',
      says: '每人每月深入所联系企业和项目现场不少于1次' },
    { id: '004-2.3c', clause: '004 2.3', kind: 'frequency', period: 'month', quantity: 'consecutiveDays', min: 3,
      says: '每月连续住村不少于3天' },
    { id: '004-2.3d', clause: '004 2.3', kind: 'frequency', period: 'month', min: 3, daysOfMonth: [10, 20, 30],
      says: '坚持做到“逢十（每月10日、20日、30日）必进”' },
    { id: '004-2.3e', clause: '004 2.3', kind: 'coverage', period: 'calendarYear', fraction: 1 / 3,
      says: '每人每年走访社区居民不少于1/3' },
    { id: '004-2.3f', clause: '004 2.3', kind: 'frequency', period: 'calendarYear', min: 4, who: { levels: ['县直'] },
      says: '县直单位领导班子成员深入联系点每年不少于4次' },
    { id: '004-2.3g', clause: '004 2.3', kind: 'frequency', period: 'calendarYear', quantity: 'days', min: 4, who: { levels: ['县直'] },
      says: '不少于4天' },
    { id: '004-2.4', clause: '004 2.4', kind: 'frequency', period: 'calendarYear', max: 0,
      says: '随员不超过3人' },
    { id: '004-3', clause: '004 3', kind: 'frequency', period: 'calendarYear', quantity: 'days', min: 90,
      says: '到农村工作一线、信访工作一线、重点工作一线锻炼，时间一般不少于3个月' },
    // 件件有登记、有交办、有答复: no number of days; 60 days (信访条例) is the preset's stated default.
    { id: '004-4.1', clause: '004 4.1', kind: 'deadline', within: 60, dayKind: 'calendarDays',
      says: '做到件件有登记、有交办、有答复' },
    { id: '004-4.2a', clause: '004 4.2', kind: 'roster', period: 'month', weekdays: [4], who: { levels: ['县级'] },
      says: '县级党政领导干部每周四轮流公开接访' },
    { id: '004-4.2b', clause: '004 4.2', kind: 'roster', period: 'month',
      says: '镇（街道）每天都要安排1名领导干部公开接访' },
    { id: '004-4.2c', clause: '004 4.2', kind: 'roster', period: 'month',
      says: '信访工作任务重的县直部门和单位，每个工作日安排1名领导干部公开接访' },
    { id: '004-4.2d', clause: '004 4.2', kind: 'frequency', period: 'week', min: 1,
      says: '其他单位，每周安排一次领导干部公开接访' },
    { id: '004-4.3a', clause: '004 4.3', kind: 'frequency', period: 'month', min: 1, who: { levels: ['县级'] },
      says: '县四大班子领导每月安排一次下访' },
    { id: '004-4.3b', clause: '004 4.3', kind: 'frequency', period: 'week', min: 1, weekdays: [5],
      says: '各镇（街道）包村（居）干部按照“逢五必进”的要求，每周五进村（居）进行下访' },
    { id: '004-5.2a', clause: '004 5.2', kind: 'frequency', period: 'calendarYear', min: 2,
      says: '各级领导干部每年至少安排2次谈心谈话活动' },
    { id: '004-5.2b', clause: '004 5.2', kind: 'coverage', period: 'calendarYear', perObject: 2,
      says: '基层党支部书记每年要与所属党员至少进行2次谈心谈话' },
    { id: '004-6a', clause: '004 6', kind: 'quota', slots: [[10, 20]],
      says: '组织有行动能力的党员与10-20名群众结成对子' },
    { id: '004-6b', clause: '004 6', kind: 'frequency', period: 'month', min: 1,
      says: '每月第2个星期六为党员志愿服务日' },
    { id: '004-6c', clause: '004 6', kind: 'frequency', period: 'calendarYear', min: 6,
      says: '每个党员志愿者服务队全年至少组织6次志愿服务活动' },
    { id: '004-6d', clause: '004 6', kind: 'frequency', period: 'calendarYear', min: 2,
      says: '每名党员志愿者每年参加2次以上志愿服务活动' },
    { id: '004-8a', clause: '004 8', kind: 'quota', slots: [[1, 1]],
      says: '全县科级以上干部采取“一助一”的形式，与困难户结成帮扶对子' },
    { id: '004-8b', clause: '004 8', kind: 'coverage', period: 'window', windows: ['元旦—春节'],
      says: '元旦、春节期间，以送温暖为主' },
    { id: '004-8d', clause: '004 8', kind: 'frequency', period: 'calendarYear', min: 1, who: { unitCategories: ['县直单位'] },
      says: '每个县直单位每年帮扶一户优抚对象困难户' },
    { id: '004-8c', clause: '004 8', kind: 'coverage', period: 'window', windows: ['春种', '秋收', '八一', '春节'],
      says: '在春种秋收、八一和春节等特殊时点，要深入帮扶对象家中进行走访慰问' },
    { id: '004-9a', clause: '004 9', kind: 'frequency', period: 'quarter', min: 1,
      says: '指导县、镇党代表工作小组每季度至少开展1次调查研究、建言献策活动' },
    { id: '004-9b', clause: '004 9', kind: 'frequency', period: 'calendarYear', quantity: 'distinctObjects', min: 50,
      says: '每人每年走访党员群众人数不低于50名' },
    { id: '004-9c', clause: '004 9', kind: 'frequency', period: 'calendarYear', min: 2,
      says: '县党代表联络办公室、各镇党建办要分别结合县、镇中心工作、重点工作，每年至少组织开展2次调查研究、工作视察、建言献策等活动' },
    { id: '004-10', clause: '004 10', kind: 'task', period: 'calendarYear',
      says: '对党员干部联系服务群众情况的调查评价工作，每年进行1次' },
  ],
};

/** Rules the presets keep as record types or notes, with no figure to judge (measurable: false). */
const NOT_MEASURED: Record<PresetId, string[]> = {
  '000': ['000-4', '000-7'],
  '001': ['001-6.3'],
  '002': ['002-4', '002-7', '002-32', '002-33'],
  '003': ['003-4.7', '003-6.1', '003-附1', '003-6.4'],
  '004': ['004-4.5', '004-7'],
};

const bare = (s: string) => s.replace(/\s+/g, '');
const seedText = (p: PresetId) =>
  bare(readFileSync(join(root, 'tests', 'fixtures', 'regulations', `seed-${p}.txt`), 'utf8'));
const shipped = (p: PresetId) =>
  presetSchema.parse(JSON.parse(readFileSync(join(root, 'resources', 'presets', `${p}.json`), 'utf8')));

/** The figures a rule carries, defaults left out, in the table's terms. */
function figuresOf(r: Rule): Figures {
  const f: Figures = { clause: r.clause, kind: r.kind };
  const put = <K extends keyof Figures>(k: K, v: Figures[K] | undefined, dflt?: unknown) => {
    if (v !== undefined && v !== dflt) f[k] = v;
  };
  const pattern = (
    p:
      | {
          weekdays?: number[];
          isoWeekParity?: 'even' | 'odd';
          timeFrom?: string;
          timeTo?: string;
          months?: number[];
          daysOfMonth?: number[];
        }
      | undefined,
  ) => {
    if (!p) return;
    if (p.weekdays?.length) f.weekdays = p.weekdays;
    put('isoWeekParity', p.isoWeekParity);
    if (p.timeFrom || p.timeTo) f.hours = [p.timeFrom ?? '', p.timeTo ?? ''];
    if (p.months?.length) f.months = p.months;
    if (p.daysOfMonth?.length) f.daysOfMonth = p.daysOfMonth;
  };
  switch (r.kind) {
    case 'frequency':
      put('period', r.period);
      put('min', r.min);
      put('max', r.max);
      put('quantity', r.quantity, 'count');
      put('minShareOfWorkdays', r.minShareOfWorkdays);
      put('collective', r.collective, false);
      if (r.windows?.length) f.windows = r.windows;
      pattern(r.counts.pattern);
      break;
    case 'coverage':
      put('period', r.period);
      put('perObject', r.perObject, 1);
      put('fraction', r.fraction, 1);
      put('collective', r.collective, false);
      if (r.windows?.length) f.windows = r.windows;
      pattern(r.counts.pattern);
      break;
    case 'quota':
      f.slots = r.slots.map((s) => [s.min, s.max ?? null]);
      put('minDurationDays', r.minDurationDays);
      break;
    case 'deadline':
      put('within', r.within);
      put('dayKind', r.dayKind);
      break;
    case 'roster':
      put('period', r.period);
      pattern(r.pattern);
      break;
    case 'task':
      put('period', r.period);
      put('due', r.due);
      break;
    default:
      put('period', (r as { period?: string }).period);
  }
  return f;
}

function expected(d: Duty): Figures {
  const { id: _id, says: _says, who: _who, counts: _counts, ...figures } = d;
  return figures;
}

function checkWho(r: Rule, d: Duty) {
  if (d.counts) {
    const types = (r as { counts?: { activityTypes?: string[] } }).counts?.activityTypes ?? [];
    for (const t of d.counts) expect(types, `${d.id} 计入的活动类型`).toContain(t);
  }
  if (!d.who) return;
  if (d.who.levels) expect(r.who.cadres.levels, `${d.id} 级别`).toEqual(d.who.levels);
  if (d.who.roles) expect(r.who.cadres.roles, `${d.id} 角色`).toEqual(d.who.roles);
  if (d.who.unitCategories) {
    expect(r.who.scope, `${d.id} 对象范围`).toBe('unit');
    expect(r.who.unitCategories, `${d.id} 单位类别`).toEqual(d.who.unitCategories);
  }
}

describe('the presets’ figures are the seed texts’ figures', () => {
  for (const p of PRESETS) {
    it(`${p}: every cited sentence is in the text, and every rule of the preset cites one (or is kept unmeasured)`, () => {
      const text = seedText(p);
      for (const d of DUTIES[p]) expect(text.includes(bare(d.says)), `${d.id}: ${d.says}`).toBe(true);
      const rules = shipped(p).rules;
      const measured = rules.filter((r) => r.measurable).map((r) => r.id);
      expect(measured.sort()).toEqual(DUTIES[p].map((d) => d.id).sort());
      expect(
        rules
          .filter((r) => !r.measurable)
          .map((r) => r.id)
          .sort(),
      ).toEqual([...NOT_MEASURED[p]].sort());
    });

    it(`${p}: as shipped, each rule carries the clause, period and numbers the text states`, () => {
      const byId = new Map(shipped(p).rules.map((r) => [r.id, r]));
      for (const d of DUTIES[p]) {
        const r = byId.get(d.id)!;
        expect(figuresOf(r), `${d.id}「${d.says}」`).toEqual(expected(d));
        checkWho(r, d);
      }
    });
  }
});

describe('as stored in a ledger by rules.applyPreset', () => {
  const dir = tempDir('ledger-seeds-');
  let b: Backend;
  const stored = new Map<PresetId, StoredRule[]>();

  beforeAll(async () => {
    b = await openBackend(tempDbPath(dir));
    for (const [i, p] of PRESETS.entries()) {
      const year = 2021 + i;
      const applied = await b.dispatch('rules.applyPreset', { presetId: p, year });
      if (!applied.ok) throw new Error(applied.error.message);
      const listed = await b.dispatch('rules.list', { year });
      if (!listed.ok) throw new Error(listed.error.message);
      stored.set(p, listed.value as StoredRule[]);
    }
  }, 120_000);
  afterAll(() => b?.close());

  for (const p of PRESETS) {
    it(`${p}: the stored rules say what the text says, each under its clause`, () => {
      const rows = stored.get(p)!;
      const byCode = new Map(rows.map((s) => [s.code, s]));
      for (const d of DUTIES[p]) {
        const s = byCode.get(d.id);
        expect(s, d.id).toBeDefined();
        expect(s!.clause, d.id).toBe(d.clause);
        const r = readRule(s!.body);
        expect(figuresOf(r), `${d.id}「${d.says}」`).toEqual(expected(d));
        checkWho(r, d);
      }
      expect(rows.filter((s) => s.body.measurable !== false).length).toBe(DUTIES[p].length);
    });
  }
});
