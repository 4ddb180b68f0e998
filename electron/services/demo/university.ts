// A realistic university ledger under preset 002 (河南理工大学《领导干部联系师生实施办法（修订）》), as the
// rows of the six workbook sheets: leaders and middle-level cadres, what they contact, the year's contact
// points (第八、九、二十三、二十六、二十八、三十条) and a year of records in which most cadres keep most
// obligations and a minority falls behind. Deterministic: the same seed gives the same ledger.
import type { WorkdayCalendar } from '../../../shared/calendar/workdays';
import { addDays, dayNumber, fromDayNumber } from '../../../shared/format/date';
import type { Cell, LedgerSheets } from '../workbook/sheets';

/** mulberry32: small, fast and the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建国志海波宁晓东亮斌飞鹏辉俊峰琳雪梅云莉浩宇凯欣博文晨阳振兴学庆春林佳慧颖倩瑞永新德清';

const COLLEGES: [string, string, string[]][] = [
  ['能源科学与工程学院', '能源', ['采矿工程', '矿物加工工程', '油气储运工程']],
  ['安全科学与工程学院', '安全', ['安全工程', '消防工程', '应急技术与管理']],
  ['资源环境学院', '资环', ['地质工程', '环境工程', '水文与水资源工程']],
  ['测绘与国土信息工程学院', '测绘', ['测绘工程', '遥感科学与技术', '地理信息科学']],
  ['机械与动力工程学院', '机械', ['机械设计制造及其自动化', '车辆工程', '能源与动力工程']],
  ['电气工程与自动化学院', '电气', ['电气工程及其自动化', '自动化', '电子信息工程']],
  ['计算机科学与技术学院', '计算机', ['计算机科学与技术', '软件工程', '网络工程']],
  ['土木工程学院', '土木', ['土木工程', '工程管理', '城乡规划']],
  ['材料科学与工程学院', '材料', ['材料科学与工程', '无机非金属材料工程', '高分子材料与工程']],
  ['化学化工学院', '化工', ['化学工程与工艺', '应用化学', '制药工程']],
  ['数学与信息科学学院', '数学', ['数学与应用数学', '信息与计算科学', '统计学']],
  ['物理与电子信息学院', '物电', ['应用物理学', '光电信息科学与工程', '电子科学与技术']],
  ['经济管理学院', '经管', ['会计学', '财务管理', '国际经济与贸易']],
  ['工商管理学院', '工商', ['工商管理', '市场营销', '人力资源管理']],
  ['文法学院', '文法', ['法学', '汉语言文学', '社会工作']],
  ['外国语学院', '外语', ['英语', '日语', '翻译']],
  ['马克思主义学院', '马院', ['思想政治教育', '马克思主义理论', '中国近现代史']],
  ['体育学院', '体育', ['体育教育', '社会体育指导与管理', '运动训练']],
  ['建筑与艺术设计学院', '建艺', ['建筑学', '视觉传达设计', '环境设计']],
  ['医学院', '医学', ['临床医学', '护理学', '康复治疗学']],
];

const DEPARTMENTS: [string, string][] = [
  ['党委办公室', '职能部门'],
  ['校长办公室', '职能部门'],
  ['组织部', '职能部门'],
  ['宣传部', '职能部门'],
  ['统战部', '职能部门'],
  ['纪委办公室', '职能部门'],
  ['学生工作部（学生处）', '职能部门'],
  ['教务处', '职能部门'],
  ['科学技术处', '职能部门'],
  ['社会科学处', '职能部门'],
  ['人事处', '职能部门'],
  ['研究生院', '职能部门'],
  ['财务处', '职能部门'],
  ['离退休工作处', '职能部门'],
  ['招生就业处', '职能部门'],
  ['校团委', '职能部门'],
  ['图书馆', '直属单位'],
  ['后勤处（集团）', '直属单位'],
  ['信息化建设与管理中心', '直属单位'],
  ['校医院', '直属单位'],
];

const LEADERS: [string, string[], boolean][] = [
  ['党委书记', ['党委书记'], true],
  ['校长、党委副书记', ['校长'], true],
  ['党委副书记', ['副书记', '分管学生工作'], true],
  ['党委副书记', ['副书记', '分管马克思主义学院', '分管思政课教学'], true],
  ['党委副书记、纪委书记', ['副书记', '纪委书记'], true],
  ['副校长', ['副校长', '分管教学'], true],
  ['副校长', ['副校长', '分管科研'], true],
  ['副校长', ['副校长', '分管学科建设'], true],
  ['副校长', ['副校长', '分管后勤'], false],
  ['副校长', ['副校长', '分管财务'], true],
  ['副校长', ['副校长', '分管国际交流'], true],
  ['副校长', ['副校长', '分管研究生教育'], false],
  ['党委常委、组织部部长', ['党委常委'], true],
  ['党委常委、宣传部部长', ['党委常委'], true],
  ['总会计师', ['总会计师'], true],
];

const CLASSROOM_COURSES = [
  '思想道德与法治',
  '中国近现代史纲要',
  '马克思主义基本原理',
  '毛泽东思想和中国特色社会主义理论体系概论',
  '习近平新时代中国特色社会主义思想概论',
  '形势与政策',
];

interface Topic {
  opinion: string;
  matter: string;
  result: string;
  dept: string;
}
const TOPICS: Topic[] = [
  {
    opinion: '学生反映二食堂晚餐品种少、价格偏高',
    matter: '二食堂晚餐品种和价格问题',
    result: '已增设特价窗口，新增晚餐品种12个',
    dept: '后勤处（集团）',
  },
  {
    opinion: '宿舍楼热水供应时间短，冬季洗浴不便',
    matter: '学生宿舍热水供应时间',
    result: '热水供应时间延长至23:30',
    dept: '后勤处（集团）',
  },
  {
    opinion: '教学楼部分教室多媒体设备老化',
    matter: '教室多媒体设备更新',
    result: '已更换投影设备46套',
    dept: '教务处',
  },
  {
    opinion: '青年教师反映科研启动经费报销流程繁琐',
    matter: '科研经费报销流程简化',
    result: '财务处上线网上预约报销，流程由5步减为3步',
    dept: '财务处',
  },
  {
    opinion: '图书馆自习座位紧张，期末尤甚',
    matter: '图书馆自习座位不足',
    result: '期末延长开放时间并开放备用自习室3间',
    dept: '图书馆',
  },
  {
    opinion: '校园网晚高峰速度慢',
    matter: '校园网晚高峰网速',
    result: '出口带宽扩容至40G',
    dept: '信息化建设与管理中心',
  },
  {
    opinion: '毕业生希望增加校园招聘会场次',
    matter: '增加校园招聘会场次',
    result: '本学期增设专场招聘会8场',
    dept: '招生就业处',
  },
  {
    opinion: '教师反映职称评审条件中教学业绩权重偏低',
    matter: '职称评审教学业绩权重',
    result: '已提交人事工作领导小组研究，列入明年评审办法修订',
    dept: '人事处',
  },
  {
    opinion: '实验室开放时间不能满足学生创新项目需要',
    matter: '实验室开放时间',
    result: '实验室周末预约开放',
    dept: '教务处',
  },
  {
    opinion: '研究生反映导师指导频次不够',
    matter: '研究生导师指导制度落实',
    result: '研究生院下发通知，每月至少组织2次组会',
    dept: '研究生院',
  },
  {
    opinion: '困难学生希望勤工助学岗位增加',
    matter: '勤工助学岗位',
    result: '新增校内勤工助学岗位120个',
    dept: '学生工作部（学生处）',
  },
  { opinion: '校医院夜间门诊医生不足', matter: '校医院夜间门诊', result: '夜间门诊增加值班医生1名', dept: '校医院' },
  {
    opinion: '离退休老同志希望增加文体活动场地开放时间',
    matter: '老干部活动中心开放时间',
    result: '活动中心周末全天开放',
    dept: '离退休工作处',
  },
  {
    opinion: '学院反映社会科学类项目配套经费不足',
    matter: '社科项目配套经费',
    result: '配套比例由1:0.5提高到1:1',
    dept: '社会科学处',
  },
];

export interface DemoOptions {
  year: number;
  seed: number;
  /** Records after this date are not generated (a ledger kept up to today). */
  asOf: string;
  calendar: WorkdayCalendar;
}

interface Person {
  name: string;
  title: string;
  level: '校级' | '正处级' | '副处级';
  roles: string[];
  unit: string;
  party: boolean;
  /** 0.97 diligent, 0.8 patchy, 0.45 behind: the chance each obligation is kept. */
  p: number;
  kind: 'leader' | 'college' | 'dept';
  core: boolean;
}

export function generateUniversity(opts: DemoOptions): LedgerSheets {
  const { year: Y, calendar } = opts;
  const rand = rng(opts.seed * 7919 + Y);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const chance = (p: number) => rand() < p;
  const int = (a: number, b: number) => a + Math.floor(rand() * (b - a + 1));
  const out: LedgerSheets = { units: [], cadres: [], objects: [], assignments: [], records: [], followUps: [] };

  const usedNames = new Set<string>();
  const personName = (): string => {
    for (;;) {
      const n = pick([...SURNAMES]) + pick([...GIVEN]) + (chance(0.7) ? pick([...GIVEN]) : '');
      if (!usedNames.has(n)) {
        usedNames.add(n);
        return n;
      }
    }
  };

  // ——— 单位 ———
  const SCHOOL = '河南理工大学';
  out.units.push({ name: SCHOOL, category: '学校', parent: null, note: '示例数据' });
  for (const [name] of COLLEGES) out.units.push({ name, category: '学院', parent: SCHOOL, note: null });
  for (const [name, category] of DEPARTMENTS) out.units.push({ name, category, parent: SCHOOL, note: null });

  // ——— 干部 ———
  const tier = () => (chance(0.72) ? 0.97 : chance(0.7) ? 0.8 : 0.45);
  const people: Person[] = [];
  for (const [title, roles, party] of LEADERS)
    people.push({
      name: personName(),
      title,
      level: '校级',
      roles: ['班子成员', ...roles],
      unit: SCHOOL,
      party,
      p: tier(),
      kind: 'leader',
      core: true,
    });
  const assistants = [
    '校长助理',
    '校长助理',
    '校长助理',
    '校长助理',
    '党委委员、二级巡视员',
    '二级巡视员',
    '一级调研员',
  ];
  for (let i = 0; i < 25; i++)
    people.push({
      name: personName(),
      title: assistants[i % assistants.length]!,
      level: '校级',
      roles: [],
      unit: SCHOOL,
      party: chance(0.92),
      p: tier(),
      kind: 'leader',
      core: false,
    });
  for (const [college] of COLLEGES) {
    const posts: [string, '正处级' | '副处级', string[]][] = [
      ['党委书记', '正处级', ['学院党委书记', '处级正职']],
      ['院长', '正处级', ['院长', '处级正职']],
      ['党委副书记', '副处级', ['学院副书记', '分管学生工作']],
      ['党委副书记、纪委书记', '副处级', ['学院副书记']],
      ['副院长', '副处级', ['教学副院长', '分管教学']],
      ['副院长', '副处级', ['分管科研']],
      ['副院长', '副处级', ['分管研究生']],
      ['副院长', '副处级', ['分管学科建设']],
      ['院长助理', '副处级', []],
    ];
    for (const [t, level, roles] of posts)
      people.push({
        name: personName(),
        title: `${college}${t}`,
        level,
        roles: ['学院领导', ...roles],
        unit: college,
        party: level === '正处级' || chance(0.85),
        p: tier(),
        kind: 'college',
        core: false,
      });
  }
  for (const [dept] of DEPARTMENTS) {
    const head =
      dept.endsWith('部') || dept.includes('部（')
        ? '部长'
        : dept.endsWith('办公室')
          ? '主任'
          : dept.endsWith('院')
            ? '院长'
            : dept.endsWith('委')
              ? '书记'
              : dept.endsWith('中心')
                ? '主任'
                : dept.endsWith('馆')
                  ? '馆长'
                  : '处长';
    const deputy = head === '书记' ? '副书记' : `副${head}`;
    const posts: [string, '正处级' | '副处级', string[]][] = [
      [head, '正处级', ['处级正职']],
      [deputy, '副处级', []],
      [deputy, '副处级', []],
    ];
    if (dept === '教务处') posts[1]![2].push('分管教学');
    for (const [t, level, roles] of posts)
      people.push({
        name: personName(),
        title: `${dept}${t}`,
        level,
        roles: ['机关处级干部', ...roles],
        unit: dept,
        party: chance(0.93),
        p: tier(),
        kind: 'dept',
        core: false,
      });
  }
  // Two cadres of the same name in different colleges, as happens: the workbook tells them apart by unit.
  const twinA = people.find((p) => p.unit === COLLEGES[6]![0] && p.title.includes('副院长'))!;
  const twinB = people.find((p) => p.unit === COLLEGES[11]![0] && p.title.includes('副院长'))!;
  twinB.name = twinA.name;
  const who = (p: Person) => (p === twinA || p === twinB ? `${p.name}（${p.unit}）` : p.name);
  for (const p of people)
    out.cadres.push({
      name: p.name,
      title: p.title,
      level: p.level,
      roles: p.roles.join('、') || null,
      unit: p.unit,
      partyMember: p.party ? '是' : '否',
      termStart: `${int(2016, Y - 1)}-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`,
      termEnd: null,
      note: null,
    });

  // ——— 联系对象 ———
  const objects = new Map<string, string[]>(); // category → names
  const objectUnit = new Map<string, string>();
  const addObject = (
    name: string,
    category: string,
    unit: string | null,
    grade: string | null = null,
    note: string | null = null,
  ) => {
    out.objects.push({ name, category, unit, grade, note });
    objects.set(category, [...(objects.get(category) ?? []), name]);
    if (unit) objectUnit.set(name, unit);
    return name;
  };
  const byUnit = (category: string, unit: string) =>
    (objects.get(category) ?? []).filter((n) => objectUnit.get(n) === unit);
  const grades = ['大四', '大三', '大二', '大一'];
  for (const [college, short, majors] of COLLEGES) {
    addObject(college, '学院', college);
    majors.forEach((m, mi) => {
      addObject(`${m}系`, '系（教研室）', college);
      for (let g = 0; g < 4; g++) {
        const yy = String((Y - 4 + g) % 100).padStart(2, '0');
        addObject(`${short}${m.slice(0, 2)}${yy}-${mi + 1}班`, '班级', college, grades[g]!);
      }
    });
    const building = (COLLEGES.findIndex(([c]) => c === college) % 12) + 1;
    for (let d = 0; d < 3; d++)
      addObject(`${short}学生公寓${building}号楼${d + 2}${String(int(1, 30)).padStart(2, '0')}室`, '宿舍', college);
    addObject(`${short}本科生第一党支部`, '学生党支部', college);
    addObject(`${short}研究生党支部`, '学生党支部', college);
    addObject(`${short}教工第一党支部`, '教工党支部', college);
    addObject(`${short}教工第二党支部`, '教工党支部', college);
    const honours = [
      '教授、博士生导师',
      '省特聘教授',
      '国家级人才计划入选者',
      '太行学者',
      '省级教学名师',
      '享受国务院特殊津贴专家',
      '中原学者',
      '省学术技术带头人',
    ];
    for (let t = 0; t < 14; t++) addObject(personName(), '高层次人才', college, null, pick(honours));
    for (let t = 0; t < 12; t++) addObject(personName(), '离退休老同志', college, null, '退休教师');
    addObject(`${short}重点实验室`, '科研一线', college);
  }
  for (const [dept] of DEPARTMENTS)
    for (let t = 0; t < 3; t++) addObject(personName(), '离退休老同志', dept, null, '退休干部');
  const parties = ['民盟', '民进', '九三学社', '农工党', '致公党', '民革', '无党派人士', '欧美同学会'];
  for (let t = 0; t < 60; t++) {
    const college = pick(COLLEGES)[0];
    addObject(personName(), '党外代表人士', college, null, `${pick(parties)}成员`);
  }
  for (let t = 0; t < 42; t++)
    addObject(
      personName(),
      '离退休校级领导干部',
      '离退休工作处',
      null,
      pick(['原副校长', '原党委副书记', '原纪委书记', '原副校长', '原校长助理']),
    );
  const societies = [
    '大学生艺术团',
    '青年志愿者协会',
    '机器人协会',
    '数学建模协会',
    '书法协会',
    '登山协会',
    '辩论队',
    '摄影协会',
    '英语俱乐部',
    '国旗护卫队',
    '创新创业协会',
    '心理健康协会',
  ];
  for (const s of societies) addObject(s, '社团', '校团委');
  for (const c of CLASSROOM_COURSES)
    for (const k of [1, 2]) addObject(`思政课堂·${c}（${k}）`, '思政课堂', '马克思主义学院');
  addObject('思想政治理论课教研部', '思政课教研部门', '马克思主义学院');
  for (const c of ['第一教学楼', '第二教学楼', '理科楼', '文科楼']) addObject(`${c}教室`, '教室', '教务处');
  for (const c of ['第一学生食堂', '第二学生食堂', '第三学生食堂', '教工餐厅']) addObject(c, '食堂', '后勤处（集团）');
  addObject('一站式学生服务大厅', '服务大厅', '学生工作部（学生处）');
  addObject('师生综合服务大厅', '服务大厅', '校长办公室');
  for (const [dept] of DEPARTMENTS.slice(0, 16)) addObject(dept, '管理部门', dept);
  for (const lab of [
    '瓦斯地质与瓦斯治理重点实验室',
    '深井瓦斯抽采与围岩控制技术国家地方联合工程实验室',
    '材料学科实验中心',
    '计算机基础实验中心',
  ])
    addObject(lab, '实验室', '教务处');
  for (const p of people.filter((x) => x.core)) addObject(p.name, '班子成员', SCHOOL, null, p.title);

  // ——— 联系点 ———
  const start = `${Y}-01-01`;
  const end = `${Y}-12-31`;
  const held = new Map<Person, { object: string; slot: string; category: string }[]>();
  const assign = (p: Person, object: string, slot: string, category: string) => {
    out.assignments.push({ year: Y, cadre: who(p), object, slot, startDate: start, endDate: end, note: null });
    held.set(p, [...(held.get(p) ?? []), { object, slot, category }]);
  };
  const take = (pool: string[]): string | undefined =>
    pool.length ? pool.splice(Math.floor(rand() * pool.length), 1)[0] : undefined;
  const leaders = people.filter((p) => p.kind === 'leader');
  const core = leaders.filter((p) => p.core);
  // 第八条: 1–3 学院 each; the team's members share out the colleges, the others each join one.
  const collegePool = COLLEGES.map(([c]) => c);
  core.forEach((p, i) => {
    assign(p, collegePool[i]!, '联系学院', '学院');
    if (i < COLLEGES.length - core.length) assign(p, collegePool[core.length + i]!, '联系学院', '学院');
  });
  leaders.filter((p) => !p.core).forEach((p, i) => assign(p, collegePool[i % collegePool.length]!, '联系学院', '学院'));
  const pairPool = {
    班级: [...(objects.get('班级') ?? [])],
    宿舍: [...(objects.get('宿舍') ?? [])],
    社团: [...(objects.get('社团') ?? [])],
  };
  for (const p of leaders) {
    const kind = chance(0.65) ? '班级' : chance(0.6) ? '宿舍' : '社团';
    const o = take(pairPool[kind]) ?? take(pairPool.班级)!;
    assign(p, o, '结对子', kind);
  }
  // 第二十三条: party members among the leaders hold one 党支部 each.
  const branchPool = [...(objects.get('学生党支部') ?? []), ...(objects.get('教工党支部') ?? [])];
  for (const p of leaders.filter((x) => x.party)) {
    const o = take(branchPool)!;
    assign(p, o, '联系党支部', o.includes('教工') ? '教工党支部' : '学生党支部');
  }
  // 第二十六、二十八、三十条.
  const talentPool = new Map(COLLEGES.map(([c]) => [c, byUnit('高层次人才', c)]));
  const partyPool = [...(objects.get('党外代表人士') ?? [])];
  const retiredLeaders = [...(objects.get('离退休校级领导干部') ?? [])];
  for (const p of leaders) {
    for (let k = int(1, 2); k > 0; k--) {
      const pool = talentPool.get(pick(COLLEGES)[0])!;
      const o = take(pool);
      if (o) assign(p, o, '联系高层次人才', '高层次人才');
    }
    for (let k = int(1, 2); k > 0; k--) {
      const o = take(partyPool);
      if (o) assign(p, o, '联系党外代表人士', '党外代表人士');
    }
    const r = take(retiredLeaders);
    if (r) assign(p, r, '联系离退休老同志', '离退休校级领导干部');
  }
  // 第九条: college cadres hold 1–2 系（教研室）or 班级 of their college; one 高层次人才 (第二十六条).
  const retireePool = new Map<string, string[]>();
  for (const o of objects.get('离退休老同志') ?? []) {
    const u = objectUnit.get(o)!;
    retireePool.set(u, [...(retireePool.get(u) ?? []), o]);
  }
  for (const p of people.filter((x) => x.kind === 'college')) {
    const pool = [...byUnit('系（教研室）', p.unit), ...byUnit('班级', p.unit)].filter(
      (o) => !out.assignments.some((a) => a.object === o && a.slot === '联系系（教研室）或班级'),
    );
    for (let k = int(1, 2); k > 0; k--) {
      const o = take(pool);
      if (o) assign(p, o, '联系系（教研室）或班级', o.endsWith('系') ? '系（教研室）' : '班级');
    }
    const t = take(talentPool.get(p.unit)!);
    if (t) assign(p, t, '联系高层次人才', '高层次人才');
  }
  for (const p of people.filter((x) => x.kind !== 'leader')) {
    const pool = retireePool.get(p.unit) ?? [];
    for (let k = int(1, 2); k > 0; k--) {
      const o = take(pool);
      if (o) assign(p, o, '联系离退休老同志', '离退休老同志');
    }
  }

  // ——— 联系记录 ———
  const first = dayNumber(`${Y}-01-01`);
  const lastDay = Math.min(dayNumber(`${Y}-12-31`), dayNumber(opts.asOf));
  const isWorkday = (iso: string) => calendar.checkWorkday(iso).workday;
  const spring: [string, string] = [`${Y}-03-02`, `${Y}-07-03`];
  const autumn: [string, string] = [`${Y}-09-07`, `${Y}-12-31`];
  const busy = new Map<Person, Set<string>>();
  /** A working day in [from, to] on which this cadre has nothing else recorded yet. */
  const dayIn = (p: Person, from: string, to: string): string | null => {
    const a = Math.max(dayNumber(from), first);
    const b = Math.min(dayNumber(to), dayNumber(`${Y}-12-31`));
    if (a > b) return null;
    const used = busy.get(p) ?? new Set<string>();
    busy.set(p, used);
    for (let k = 0; k < 25; k++) {
      const d = fromDayNumber(int(a, b));
      if (isWorkday(d) && !used.has(d)) {
        used.add(d);
        return d;
      }
    }
    return null;
  };
  const month = (m: number): [string, string] => [
    `${Y}-${String(m).padStart(2, '0')}-01`,
    addDays(m === 12 ? `${Y + 1}-01-01` : `${Y}-${String(m + 1).padStart(2, '0')}-01`, -1),
  ];
  const semesters = [spring, autumn];
  const has = (p: Person, role: string) => p.roles.includes(role);
  const heldOf = (p: Person, slot: string) => (held.get(p) ?? []).filter((h) => h.slot === slot).map((h) => h.object);
  const rooms = ['会议室', '学院会议室', '第一会议室', '报告厅', '办公室'];
  const slots: [string, string][] = [
    ['08:00', '09:40'],
    ['10:10', '11:50'],
    ['14:30', '16:10'],
    ['16:20', '18:00'],
  ];
  interface Draft {
    date: string;
    cadres: Person[];
    type: string;
    place: string;
    objects: string[];
    content: string;
    hours?: number;
    days?: number;
    time?: [string, string];
    companions?: number;
    topicChance?: number;
  }
  const drafts: Draft[] = [];
  const record = (d: Draft | null) => {
    if (d && dayNumber(d.date) <= lastDay) drafts.push(d);
  };
  const make = (p: Person, from: string, to: string, rest: Omit<Draft, 'date' | 'cadres'>, keep = p.p): void => {
    if (!chance(keep)) return;
    const date = dayIn(p, from, to);
    if (date) record({ date, cadres: [p], ...rest });
  };
  const teachingLead = (p: Person) => has(p, '分管教学') || has(p, '院长');
  const classOf = (p: Person) => pick(byUnit('班级', p.kind === 'college' ? p.unit : pick(COLLEGES)[0]));

  for (const p of people) {
    const isLeader = p.kind === 'leader';
    // 第六条: every month to the management departments, classrooms, labs, canteens, dorms, service halls.
    if (isLeader && p.core)
      for (let m = 1; m <= 12; m++) {
        const cat = pick(['管理部门', '教室', '实验室', '食堂', '宿舍', '服务大厅']);
        const o = pick(objects.get(cat)!);
        make(p, ...month(m), {
          type: '调研',
          place: o,
          objects: [o],
          content: `到${o}实地调研，了解${cat === '食堂' ? '饭菜质量和价格' : cat === '宿舍' ? '学生住宿条件' : '工作运行情况'}，听取师生意见`,
          topicChance: 0.15,
        });
        if (has(p, '校长') || has(p, '分管科研')) {
          const lab = pick(objects.get('科研一线')!);
          make(p, ...month(m), {
            type: '调研',
            place: lab,
            objects: [lab],
            content: `到${lab}调研科研平台建设和重大项目进展`,
          });
        }
      }
    if (isLeader && !p.core)
      for (const m of [3, 5, 10, 12]) {
        const o = pick(objects.get('管理部门')!);
        make(p, ...month(m), { type: '调研', place: o, objects: [o], content: `到${o}调研分管工作推进情况` });
      }
    // 第六条: 书记、校长 hold an on-site office meeting at the 思政课 department each academic year.
    if (has(p, '党委书记') || has(p, '校长'))
      for (const sem of semesters)
        make(p, ...sem, {
          type: '现场办公',
          place: '马克思主义学院会议室',
          objects: ['思想政治理论课教研部'],
          content: '在马克思主义学院召开思政课建设现场办公会，研究解决师资队伍和教学条件问题',
        });
    // 第八、九条: visit each contact point at least once a year.
    for (const o of [...heldOf(p, '联系学院'), ...heldOf(p, '结对子'), ...heldOf(p, '联系系（教研室）或班级')])
      for (let k = chance(0.4) ? 2 : 1; k > 0; k--)
        make(p, `${Y}-03-01`, `${Y}-12-20`, {
          type: chance(0.5) ? '调研' : '走访',
          place: o,
          objects: [o],
          content: `深入联系点${o}，听取工作汇报，了解师生思想和学习生活情况`,
          topicChance: 0.12,
          companions: int(0, 2),
        });
    // 第十三条: 思政课 hours per semester; a 形势政策报告 to staff; collective lesson preparation.
    const ideology =
      has(p, '党委书记') || has(p, '校长')
        ? 2
        : isLeader && p.core
          ? 1
          : has(p, '学院党委书记') || has(p, '院长')
            ? 1
            : 0;
    for (const sem of semesters) {
      for (let k = 0; k < ideology; k++) {
        const cls = classOf(p);
        const t = pick(slots);
        make(p, ...sem, {
          type: '讲思政课',
          place: '第一教学楼',
          objects: [cls],
          content: `为${cls}讲授思政课“${pick(CLASSROOM_COURSES)}”专题`,
          hours: 2,
          time: t,
        });
      }
      if (isLeader && p.core)
        make(p, ...sem, {
          type: '形势政策报告',
          place: '学术报告厅',
          objects: [],
          content: '为教职工作形势政策辅导报告，解读党的创新理论和学校发展形势',
          hours: 2,
          time: ['15:00', '17:00'],
        });
    }
    if (has(p, '党委书记') || has(p, '校长') || has(p, '分管思政课教学') || (has(p, '分管教学') && isLeader))
      make(p, `${Y}-03-01`, `${Y}-11-30`, {
        type: '集体备课',
        place: '马克思主义学院',
        objects: ['思想政治理论课教研部'],
        content: '参加思政课教师集体备课，围绕教学重点难点交流研讨',
        time: ['14:30', '17:00'],
      });
    // 第十五、十六条: 听课.
    for (const sem of semesters) {
      const n = teachingLead(p) ? 8 : 2;
      for (let k = 0; k < n; k++) {
        const cls = classOf(p);
        const t = pick(slots);
        make(p, ...sem, {
          type: '听课',
          place: pick(['第一教学楼', '第二教学楼', '理科楼', '文科楼']),
          objects: [cls],
          content: `随机听课，${cls}，授课教师备课充分，课堂互动较好`,
          hours: 2,
          time: t,
          topicChance: 0.05,
        });
      }
      const classroom = has(p, '分管马克思主义学院')
        ? 2
        : has(p, '党委书记') || has(p, '校长') || has(p, '分管科研')
          ? 1
          : 0;
      for (let k = 0; k < classroom; k++) {
        const o = pick(objects.get('思政课堂')!);
        make(p, ...sem, {
          type: '听课',
          place: '文科楼',
          objects: [o],
          content: `到${o}随机听课`,
          hours: 2,
          time: pick(slots),
        });
      }
    }
    // 第十八、十九条: 座谈 with teachers and with students.
    if (isLeader)
      make(p, `${Y}-03-01`, `${Y}-12-20`, {
        type: '座谈',
        place: '学院会议室',
        objects: heldOf(p, '联系学院').slice(0, 1),
        content: '与分管（联系）单位教师代表座谈，了解教师思想、工作和生活状况',
        time: ['15:00', '17:00'],
        topicChance: 0.35,
      });
    for (const sem of semesters) {
      const n = has(p, '分管学生工作') || p.kind === 'college' ? 2 : isLeader || has(p, '处级正职') ? 1 : 0;
      for (let k = 0; k < n; k++) {
        const cls = classOf(p);
        make(p, ...sem, {
          type: '座谈',
          place: pick(rooms),
          objects: [cls],
          content: `与${cls}学生代表座谈，了解学习生活情况，帮助解决实际困难`,
          time: ['16:00', '17:30'],
          topicChance: 0.3,
        });
      }
    }
    // 第二十三条: 组织生活 of the contact branch each semester.
    for (const b of heldOf(p, '联系党支部'))
      for (const sem of semesters)
        make(p, ...sem, {
          type: '组织生活',
          place: '党员活动室',
          objects: [b],
          content: `参加${b}主题党日活动，听取支部工作汇报`,
        });
    // 第二十一条: 谈心谈话.
    if (has(p, '党委书记') || has(p, '校长'))
      for (const q of core.filter((x) => x !== p))
        make(p, `${Y}-02-24`, `${Y}-12-25`, {
          type: '谈心谈话',
          place: '办公室',
          objects: [q.name],
          content: `与${q.name}同志谈心谈话，交流思想，提醒落实“一岗双责”`,
        });
    else if (has(p, '处级正职') || (isLeader && p.core))
      make(p, `${Y}-02-24`, `${Y}-12-25`, {
        type: '谈心谈话',
        place: '办公室',
        objects: [],
        content: '与分管（联系）单位班子成员逐一谈心谈话',
      });
    // 第二十六至三十条.
    for (const t of heldOf(p, '联系高层次人才'))
      make(p, `${Y}-03-01`, `${Y}-12-20`, {
        type: '联系高层次人才',
        place: '办公室',
        objects: [t],
        content: `走访高层次人才${t}，了解科研进展和工作生活困难`,
        topicChance: 0.1,
      });
    for (const t of heldOf(p, '联系党外代表人士'))
      make(p, `${Y}-03-01`, `${Y}-12-20`, {
        type: '联系党外人士',
        place: '统战部会议室',
        objects: [t],
        content: `与党外代表人士${t}交流谈心，通报学校工作`,
      });
    for (const t of heldOf(p, '联系离退休老同志'))
      make(p, `${Y}-01-05`, `${Y}-02-13`, {
        type: '走访老同志',
        place: '老同志家中',
        objects: [t],
        content: `春节前走访慰问老同志${t}，送上节日问候`,
        topicChance: 0.1,
      });
    if (has(p, '党委书记') || has(p, '校长'))
      make(p, `${Y}-01-05`, `${Y}-02-13`, {
        type: '通报工作',
        place: '老干部活动中心',
        objects: [],
        content: '向离退休老同志通报学校年度工作和发展规划，听取意见建议',
        topicChance: 0.5,
      });
  }

  // 第十一条: 接待日 every Wednesday of the semesters, in rotation among the leadership team.
  let turn = int(0, core.length - 1);
  for (const sem of semesters)
    for (let n = dayNumber(sem[0]); n <= dayNumber(sem[1]); n++) {
      const d = fromDayNumber(n);
      if ((n + 4) % 7 !== 3 || !isWorkday(d)) continue;
      const p = core[turn++ % core.length]!;
      if (!chance(Math.max(p.p, 0.9))) continue;
      busy.get(p)?.add(d);
      record({
        date: d,
        cadres: [p],
        type: '接待日',
        place: '师生接待室',
        objects: [],
        content: `校领导接待日，接待来访师生${int(1, 6)}人次，当面答复问题${int(0, 3)}件`,
        time: ['08:30', '17:30'],
        topicChance: 0.5,
      });
    }

  // Joint seminars: a few 座谈 attended by two or three leaders together (each of them gets the credit).
  for (let k = 0; k < 12; k++) {
    const ps = [pick(core), pick(core), pick(leaders)].filter((x, i, xs) => xs.indexOf(x) === i);
    const d = dayIn(ps[0]!, ...(chance(0.5) ? spring : autumn));
    if (!d) continue;
    const college = pick(COLLEGES)[0];
    record({
      date: d,
      cadres: ps,
      type: '座谈',
      place: `${college}会议室`,
      objects: [college],
      content: `与${college}辅导员、班主任和青年教师代表集体座谈`,
      time: ['15:00', '17:30'],
      topicChance: 0.6,
    });
  }

  drafts.sort((a, b) => a.date.localeCompare(b.date));
  const recordRef = (d: Draft) => [d.date, d.time?.[0], d.cadres.map(who).join('、'), d.type].filter(Boolean).join(' ');
  const asOfDay = dayNumber(opts.asOf);
  let fuCount = 0;
  for (const d of drafts) {
    const topic = d.topicChance && chance(d.topicChance) ? pick(TOPICS) : null;
    out.records.push({
      date: d.date,
      startTime: d.time?.[0] ?? null,
      endTime: d.time?.[1] ?? null,
      cadres: d.cadres.map(who).join('、'),
      type: d.type,
      place: d.place,
      objects: d.objects.join('、') || null,
      hours: d.hours ?? null,
      days: d.days ?? null,
      companions: d.companions ?? null,
      content: d.content,
      opinions: topic?.opinion ?? null,
      implementation: topic ? (chance(0.5) ? '已交相关部门办理' : '现场答复，已交相关部门落实') : null,
    });
    // Problems raised go to a department with a deadline: 5 working days after a 接待日 (第十二条),
    // 10 after a 座谈 (第二十条), 10 otherwise.
    if (topic && chance(0.75)) {
      fuCount++;
      out.followUps.push(followUp(d.date, recordRef(d), topic, d.type === '接待日' ? 5 : 10, topic.dept));
    }
  }
  // And some from letters, visits and the suggestion box.
  for (let k = 0; k < Math.max(12, Math.round(fuCount / 8)); k++) {
    const d = fromDayNumber(int(first, lastDay));
    const topic = pick(TOPICS);
    out.followUps.push(followUp(d, pick(['来信', '来访', '意见箱']), topic, 10, topic.dept));
  }
  out.followUps.sort((a, b) => String(a.raisedDate).localeCompare(String(b.raisedDate)));
  return out;

  function followUp(raised: string, source: string, topic: Topic, limit: number, dept: string): Record<string, Cell> {
    const age = asOfDay - dayNumber(raised);
    const assigned = calendar.addWorkdays(raised, int(0, 2)).date;
    const late = chance(0.12);
    const feedback = calendar.addWorkdays(assigned, late ? limit + int(2, 8) : int(2, limit)).date;
    const closed = calendar.addWorkdays(feedback, int(0, 10)).date;
    const reached = (d: string) => dayNumber(d) <= asOfDay;
    let status: string;
    if (age < 2 || !reached(assigned)) status = '待交办';
    else if (!reached(feedback) || (age < 30 && chance(0.3))) status = '已交办';
    else if (!reached(closed) || chance(0.12)) status = '已反馈';
    else status = '已办结';
    return {
      raisedDate: raised,
      source,
      matter: topic.matter,
      raiser: pick(['学生代表', '教师代表', '来访师生', '离退休老同志', '青年教师', '']) || null,
      department: status === '待交办' ? null : dept,
      limitDays: limit,
      assignedDate: status === '待交办' ? null : assigned,
      feedbackDate: status === '已反馈' || status === '已办结' ? feedback : null,
      closedDate: status === '已办结' ? closed : null,
      status,
      result: status === '已办结' ? topic.result : status === '已反馈' ? `${dept}已反馈办理方案，正在落实` : null,
    };
  }
}
