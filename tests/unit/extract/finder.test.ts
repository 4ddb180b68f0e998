// The obligation finder read sentence by sentence, as a secretary would check it against her regulation.
import { describe, expect, it } from 'vitest';
import { extractRegulation, vocabularyFrom, type ExtractVocabulary, type Proposal } from '../../../shared/extract';

const vocab: ExtractVocabulary = {
  levels: ['校级', '正处级', '副处级', '科级'],
  roles: ['党委书记', '校长', '分管教学', '学院书记', '院长'],
  activityTypes: ['听课', '座谈', '走访', '接待日', '讲思政课', '调研', '公示', '谈心谈话'],
  objectCategories: [
    { name: '学院', kind: 'unit' },
    { name: '班级', kind: 'unit' },
    { name: '宿舍', kind: 'unit' },
    { name: '学生', kind: 'person' },
    { name: '教授', kind: 'person' },
  ],
  unitCategories: ['学院', '机关部门'],
};

const read = (text: string, v = vocab) => extractRegulation(text, v);
const only = (text: string, v = vocab): Proposal => {
  const x = read(text, v);
  expect(x.proposals).toHaveLength(1);
  return x.proposals[0]!;
};

describe('who, how often, how much, what', () => {
  it('每位校领导每学期深入课堂听课不少于4学时 → hours per semester, 听课, the 校级 rank', () => {
    const p = only('1. 每位校领导每学期深入课堂听课不少于4学时。');
    expect(p.rule).toMatchObject({
      kind: 'frequency',
      period: 'semester',
      quantity: 'hours',
      min: 4,
      who: { scope: 'cadre', cadres: { levels: ['校级'] } },
      counts: { activityTypes: ['听课'] },
    });
    expect(p.sure).toBe(true);
    expect(p.clause).toBe('1');
  });

  it('副处级以上干部每个月听1次课 → every rank from the top down to 副处级', () => {
    const p = only('全校副处级以上干部（含副处级）每个月要深入课堂听1次课。');
    expect(p.rule.who.cadres.levels).toEqual(['校级', '正处级', '副处级']);
    expect(p.rule).toMatchObject({ kind: 'frequency', period: 'month', min: 1 });
  });

  it('党委书记、校长每学期至少讲授4个课时，其他成员每学期至少讲授2个课时 → roles, then the rest of the rank', () => {
    const x = read('第十三条 党委书记、校长每学期至少给学生讲授4个课时，其他成员每学期至少讲授2个课时。');
    expect(x.proposals.map((p) => p.rule)).toMatchObject([
      { who: { cadres: { roles: ['党委书记', '校长'] } }, min: 4, quantity: 'hours' },
      { who: { cadres: { levels: ['校级'], except: { roles: ['党委书记', '校长'] } } }, min: 2 },
    ]);
    expect(x.proposals[0]!.clause).toBe('第十三条');
  });

  it('分管副书记、副校长 (no role for them) are of the top rank; 学院副院长 is not', () => {
    expect(only('分管副书记、副校长每学期至少到联系班级座谈1次。').rule.who.cadres).toEqual({ levels: ['校级'] });
    expect(only('学院副院长每学期至少听课2次。').rule.who.cadres.levels).not.toEqual(['校级']);
  });

  it('Chinese numerals: 每两个月至少安排一次, 两次, 十五个工作日', () => {
    expect(only('机关处级干部下基层走访每两个月至少安排一次。').rule).toMatchObject({ period: 'twoMonths', min: 1 });
    expect(only('校领导每年与学生座谈两次。').rule).toMatchObject({ period: 'calendarYear', min: 2 });
    expect(only('办公室收到后十五个工作日内答复。').rule).toMatchObject({
      kind: 'deadline',
      within: 15,
      dayKind: 'workdays',
    });
  });

  it('每年至少深入联系点5次，每次时间不少于1天 → five visits a year, each a day long', () => {
    const p = only('党委班子成员每年至少要深入联系点5次，每次时间不少于1天。');
    expect(p.rule).toMatchObject({ kind: 'frequency', min: 5, counts: { minDuration: { value: 1, unit: 'days' } } });
    expect(p.text).toContain('每次时间不少于1天');
  });

  it('a range: 每年完成1-2篇调研报告', () => {
    expect(only('各级领导干部每人每年要完成1-2篇调研报告。').rule).toMatchObject({ min: 1, max: 2 });
  });

  it('按学年考核: yearly duties are counted by academic year', () => {
    const x = read('一、校领导每年与学生座谈不少于2次。\n二、按学年汇总和考核。');
    expect(x.proposals[0]!.rule).toMatchObject({ period: 'academicYear', min: 2 });
  });
});

describe('deadlines, dates and rotas', () => {
  it('党办、校办要在5个工作日内向来访人反馈 → a deadline of the office', () => {
    const p = only('第十二条 党办、校办要在5个工作日内向值班校领导和来访人反馈落实情况。');
    expect(p.rule).toMatchObject({ kind: 'deadline', within: 5, dayKind: 'workdays', who: { scope: 'institution' } });
  });

  it('一般请求在一周内作出安排 → 7 calendar days', () => {
    const p = only('一般接访请求在一周内作出约访安排。');
    expect(p.rule).toMatchObject({ kind: 'deadline', within: 7, dayKind: 'calendarDays', events: ['约访'] });
  });

  it('校领导轮流在每周三全天接待 → a Wednesday rota', () => {
    const p = only('校领导要按照统一安排，轮流在每周三全天接待学校师生员工来访。');
    expect(p.rule).toMatchObject({
      kind: 'roster',
      pattern: { weekdays: [3], workdaysOnly: true },
      activityTypes: ['接待日'],
    });
  });

  it('双周一下午3:00—5:00 → even weeks, Monday, 15:00–17:00', () => {
    const p = read('校领导接待日每两周一次，时间为双周一下午3:00—5:00。').proposals.find(
      (q) => q.rule.kind === 'roster',
    )!;
    expect(p.rule).toMatchObject({
      pattern: { weekdays: [1], isoWeekParity: 'even', timeFrom: '15:00', timeTo: '17:00' },
    });
  });

  it('逢十（每月10日、20日、30日）必进 → three set days a month', () => {
    const p = only('街道领导班子成员坚持做到“逢十（每月10日、20日、30日）必进”社区。');
    expect(p.rule).toMatchObject({
      kind: 'frequency',
      period: 'month',
      min: 3,
      counts: { pattern: { daysOfMonth: [10, 20, 30] } },
    });
  });

  it('每月15日，遇节假日顺延 → the 15th, moved to the next working day', () => {
    const p = only('县党政领导接待群众来访日为每月15日，遇节假日顺延。');
    expect(p.rule).toMatchObject({ kind: 'roster', pattern: { daysOfMonth: [15], onHoliday: 'next' } });
  });

  it('每月逢双周周四下午14:00--16:00（节假日除外） → even weeks, Thursday, cancelled on holidays', () => {
    const p = only('由领导班子轮流值班。每月逢双周周四下午14:00--16:00为接待时间（节假日除外）。');
    expect(p.rule).toMatchObject({
      kind: 'roster',
      pattern: { weekdays: [4], isoWeekParity: 'even', timeFrom: '14:00', timeTo: '16:00', onHoliday: 'cancel' },
    });
  });

  it('每个工作日安排2名领导干部接访 → a rota of working days, two on each duty', () => {
    expect(only('信访任务重的单位每个工作日安排2名领导干部公开接访。').rule).toMatchObject({
      kind: 'roster',
      pattern: { workdaysOnly: true },
      perDuty: 2,
    });
  });

  it('每年三月份在校园网上公示 → a task due 31 March', () => {
    const p = only('每年三月份在校园网上公示当年度校领导联系群众点情况。');
    expect(p.rule).toMatchObject({ kind: 'task', due: '03-31', period: 'calendarYear' });
  });
});

describe('sentences that say less than they seem', () => {
  it('每周三以外的时间 names no duty day', () => {
    const x = read('定期接待群众来访时间为每周三，每位局领导轮流安排接待；不定期接待每周三以外的时间。');
    expect(x.proposals.map((p) => p.rule.kind)).toEqual(['roster']);
  });

  it('a rota clause without a subject is the duty of the people named before it, said so in a note', () => {
    const x = read('二、接待形式：\n1、由公司领导班子轮流值班。\n三、接待时间：\n每周四下午14:00--16:00为接待时间。');
    const p = x.proposals.find((q) => q.rule.kind === 'roster')!;
    expect(p.clause).toBe('三');
    expect(p.rule.who.label).toBe('公司领导班子');
    expect(p.notes.join()).toContain('取上文');
    expect(p.sure).toBe(false);
  });

  it('announcing a rota on set days is the office’s own rota of that notice, not the leaders’', () => {
    const x = read('具体接待时间由办公室每双周一在网站上通知，同时公示接待人员。');
    expect(x.proposals).toHaveLength(1);
    expect(x.proposals[0]!.rule).toMatchObject({
      kind: 'roster',
      who: { scope: 'institution' },
      department: '办公室',
      activityTypes: ['公示'],
      pattern: { weekdays: [1], isoWeekParity: 'even' },
    });
  });

  it('将全处班子成员分成12个组，坚持每月一次入户走访 → the team members, monthly', () => {
    const p = only('将全处班子成员分成12个组，坚持每月一次进行入户走访。');
    expect(p.rule).toMatchObject({ kind: 'frequency', period: 'month', min: 1, counts: { activityTypes: ['走访'] } });
  });

  it('至少有一位校领导上门慰问 counts no people', () => {
    expect(read('发生下列情况时，至少有一位校领导上门慰问或到医院看望。').proposals).toEqual([]);
  });
});

describe('quotas and coverage', () => {
  it('每位成员要联系一个学院、一个班级、一名教授 → three slots of one', () => {
    const p = only('校党政班子每位成员要联系一个学院、一个班级、一名教授。');
    expect(p.rule.kind).toBe('quota');
    if (p.rule.kind !== 'quota') return;
    expect(p.rule.slots.map((s) => [s.categories, s.min])).toEqual([
      [['学院'], 1],
      [['班级'], 1],
      [['教授'], 1],
    ]);
  });

  it('每人明确1～3个学院作为联系点 → between one and three', () => {
    const p = only('校领导根据工作分工，每人明确1～3个学院作为联系点。');
    expect(p.rule).toMatchObject({ kind: 'quota', slots: [{ categories: ['学院'], min: 1, max: 3 }] });
  });

  it('每年到各学院走访至少一次 → every college, once a year', () => {
    const p = only('机关部门主要负责人每年到各学院走访了解情况至少一次。');
    expect(p.rule).toMatchObject({
      kind: 'coverage',
      period: 'calendarYear',
      perObject: 1,
      counts: { objects: { categories: ['学院'] } },
    });
  });
});

describe('who and what a clause shares', () => {
  const v2: ExtractVocabulary = {
    ...vocab,
    roles: [...vocab.roles, '学院处级领导'],
    objectCategories: [...vocab.objectCategories, { name: '系（教研室）', kind: 'unit' }],
  };

  it('1～2个学院、班级作为联系点 → one count over either; 作为联系点 names no 系', () => {
    const p = only('每位校领导明确1～2个学院、班级作为联系点。', v2);
    expect(p.rule).toMatchObject({ kind: 'quota', slots: [{ categories: ['学院', '班级'], min: 1, max: 2 }] });
    expect(only('每位校领导明确2个学院作为联系点。', v2).rule).toMatchObject({
      slots: [{ categories: ['学院'] }],
    });
  });

  it('a role that is only a unit and a rank (学院处级领导) reads as the rank within that unit', () => {
    expect(only('学院处级领导干部每学期听课不少于2次。', v2).rule.who.cadres).toEqual({
      levels: ['正处级', '副处级'],
      unitCategories: ['学院'],
    });
  });

  it('a visit after two quotas of different people is both of theirs, to all their contacts', () => {
    const x = read('校领导每人联系1名教授，处级干部每人联系1～2名学生，每年走访联系对象1次以上。');
    const visit = x.proposals.find((p) => p.rule.kind === 'coverage')!;
    expect(visit.rule.who.cadres).toEqual({ levels: ['校级', '正处级', '副处级'] });
    expect(visit.rule).toMatchObject({ counts: { objects: { categories: ['教授', '学生'], among: 'assignments' } } });
  });

  it('分管校领导 is the leader in charge of what the duty is about', () => {
    expect(only('校长、分管校领导每学期至少到教学一线听课1次。').rule.who.cadres).toEqual({
      roles: ['校长', '分管教学'],
    });
  });

  it('与联系的教授…1次以上 is each of them; 与联系的教授或学生…一次 is one talk', () => {
    expect(only('校领导每年与联系的教授谈心谈话1次以上。').rule).toMatchObject({
      kind: 'coverage',
      counts: { objects: { among: 'assignments' } },
    });
    expect(only('校领导每年与联系的教授或学生谈心谈话一次。').rule.kind).toBe('frequency');
  });

  it('reporting the unit’s work, by leaders the text does not pin down, is the institution’s task', () => {
    expect(only('主要领导每年至少向离退休老同志通报1次本单位工作。').rule).toMatchObject({
      kind: 'task',
      who: { scope: 'institution' },
      min: 1,
    });
  });

  it('work due some days before a duty day the text never dates is listed for her, not proposed', () => {
    const x = read('三、办公室在接待日的5日前通知参加接待的领导。');
    expect(x.proposals).toHaveLength(0);
    expect(x.unread.map((u) => u.reason)).toEqual(['在值班日之前若干天要办的事，但条文没有写出值班日']);
  });

  it('the subject stops before 至少 and 安排', () => {
    expect(only('每位领导干部至少建立一个联系点。', vocabularyFrom({})).rule.who.label).toBe('领导干部');
  });

  it('a duty without a number is dropped where the clause gives the same people one for the same period', () => {
    const x = read('1. 各级领导干部每年要开展调查研究，每人每年要完成1-2篇调研报告。');
    expect(x.proposals.map((p) => p.rule)).toMatchObject([{ kind: 'frequency', min: 1, max: 2 }]);
  });
});

describe('what is not an obligation', () => {
  it('dates of issue, article references and 本办法自…起施行 are not proposed', () => {
    const x = read(
      '第三十四条 本办法自公布之日起施行。\n第三十五条 《关于印发〈办法〉的通知》（校党文〔2018〕53号）同时废止。\n2019年12月5日\n二〇一一年四月十三日\n根据第22次党委常委会议研究。',
    );
    expect(x.proposals).toEqual([]);
    expect(x.unread).toEqual([]);
  });

  it('至少每两周一次 → at most 14 days between two visits to each contact point', () => {
    const p = only('二、机关科室坚持至少每两周深入所联系的临床、医技科室一次。');
    expect(p.rule).toMatchObject({ kind: 'interval', maxGap: 14, per: 'object' });
    expect(p.sure).toBe(false);
  });

  it('时间间隔不得超过1个月 → an interval of 30 days', () => {
    expect(only('“两委”干部联系村民小组群众的时间间隔不得超过1个月。').rule).toMatchObject({
      kind: 'interval',
      maxGap: 30,
    });
  });

  it('a duty the model cannot count is listed for her to write by hand', () => {
    const x = read('二、校领导要每两周到联系点两次。');
    expect(x.proposals).toEqual([]);
    expect(x.unread).toHaveLength(1);
  });

  it('each proposal quotes its words exactly as the file has them', () => {
    // As a PDF copy has it: a sentence broken across lines with blank lines between.
    const text =
      '3. 校领导联系群众工作要扎实，校领导每学期至少集中安排一周时间\n\n下基层，该周学校原则上不再安排会议。';
    const p = read(text).proposals[0]!;
    expect(text.slice(p.span.start, p.span.end)).toBe(p.text);
    expect(p.text).toContain('一周时间\n\n下基层');
    expect(p.rule).toMatchObject({
      quantity: 'consecutiveDays',
      min: 5,
      consecutiveWorkdays: true,
      period: 'semester',
    });
  });
});

describe('leaders named without a rank, crews, notices, units (external regulations)', () => {
  // An institution that keeps no 级别 words: its leaders are its team (角色 班子成员).
  const team: ExtractVocabulary = {
    levels: [],
    roles: ['班子成员', '中层干部'],
    activityTypes: ['接访', '调研', '公示', '工作总结'],
    objectCategories: [
      { name: '企业', kind: 'unit' },
      { name: '病区', kind: 'unit' },
    ],
    unitCategories: ['职能部门', '乡镇', '街道', '重点县直单位', '县直单位'],
  };

  it('中心领导, 领导干部 and 领导班子 are the team where the vocabulary has no ranks', () => {
    for (const s of [
      '中心领导每季度至少走访企业1次。',
      '领导干部每年至少3次到联系点调研。',
      '领导班子每月开展调研1次。',
    ])
      expect(only(s, team).rule.who.cadres).toEqual({ roles: ['班子成员'] });
    // With ranks in the vocabulary, 领导干部 alone stays everyone (as the presets read it).
    expect(only('领导干部每学期听课2次。').rule.who.cadres).toEqual({});
  });

  it('每位党政领导 after 市党政领导 takes the rank the text gave them before', () => {
    const v = { ...team, levels: ['市级', '处级'] };
    const x = read('一、市党政领导接待日为每月20日。\n二、每位党政领导全年参加接访不少于2次。', v);
    expect(x.proposals.map((p) => p.rule.who.cadres)).toEqual([{ levels: ['市级'] }, { levels: ['市级'] }]);
  });

  it('每次由1名班子成员和2名中层干部组成 → one rota of each, on the days read elsewhere', () => {
    const x = read('一、每次接访由1名班子成员和2名中层干部组成。\n二、每周二上午接访，班子成员轮流接待。', team);
    const rosters = x.proposals.filter((p) => p.rule.kind === 'roster');
    expect(rosters.map((p) => [p.rule.who.cadres, p.rule.kind === 'roster' && p.rule.perDuty])).toEqual([
      [{ roles: ['班子成员'] }, 1],
      [{ roles: ['中层干部'] }, 2],
    ]);
    expect(rosters[1]!.rule).toMatchObject({ pattern: { weekdays: [2] } });
    expect(rosters[1]!.clause).toBe('一');
  });

  it('a unit’s duty toward its own contact points is its cadres’; a report it hands in is a task', () => {
    const x = read('一、各职能部门坚持每两周深入所联系的病区一次。\n二、各职能部门每年至少报送一份工作总结。', team);
    expect(x.proposals[0]!.rule).toMatchObject({
      kind: 'interval',
      maxGap: 14,
      who: { scope: 'cadre', cadres: { unitCategories: ['职能部门'] } },
    });
    expect(x.proposals[1]!.rule).toMatchObject({
      kind: 'task',
      who: { scope: 'unit', unitCategories: ['职能部门'] },
      min: 1,
      period: 'calendarYear',
    });
  });

  it('自本周起…双周 counts fortnights from the week of the notice’s date', () => {
    const x = read('自本周起，每逢双周周三下午由领导班子成员轮流接待。\n2021年3月4日', team);
    expect(x.proposals[0]!.rule).toMatchObject({
      kind: 'roster',
      pattern: { weekdays: [3], everyNWeeks: { n: 2, from: '2021-03-01' } },
    });
    expect(x.proposals[0]!.rule.kind === 'roster' && x.proposals[0]!.rule.pattern.isoWeekParity).toBeFalsy();
  });

  it('镇（街道） names both; a longer phrase for a category finds it; 各单位 are the units just named', () => {
    const a = read('镇（街道）每天都要安排1名领导干部公开接访。', team).proposals[0]!;
    expect(a.rule.who).toMatchObject({ scope: 'unit', unitCategories: ['乡镇', '街道'] });
    const b = read('重点的县直部门和单位，每个工作日安排1名领导干部公开接访。', team).proposals[0]!;
    expect(b.rule.who.unitCategories).toEqual(['重点县直单位']);
    const c = read('各乡镇、县直单位领导接待日定为每月10日，请各单位在1月15日前报送接待方案。', team);
    expect(c.proposals.map((p) => p.rule.who.unitCategories)).toEqual([
      ['乡镇', '县直单位'],
      ['乡镇', '县直单位'],
    ]);
  });
});

describe('work ahead of duty days, offices, townships (the readings the two unseen regulations were missing)', () => {
  const bureau: ExtractVocabulary = {
    levels: [],
    roles: ['班子成员'],
    activityTypes: ['接待日', '通知接待', '汇报预约', '排班', '归档'],
    objectCategories: [],
    unitCategories: ['科室'],
  };
  const county: ExtractVocabulary = {
    levels: ['县级', '镇级'],
    roles: ['主要负责人'],
    activityTypes: ['走访', '调研'],
    objectCategories: [
      { name: '村（社区）', kind: 'unit' },
      { name: '村民小组', kind: 'unit' },
      { name: '农户', kind: 'person' },
    ],
    unitCategories: ['联络办公室', '党建办'],
  };

  it('通知 N 日前, 汇报前一天 → a task ahead of each duty day of the rota the text sets', () => {
    const x = read(
      '一、每月第一个星期三为局领导接待日，由局领导轮流接待。\n' +
        '二、办公室在接待日的3日前通知参加接待的领导，在接待前一天汇报预约情况。\n' +
        '三、参加接待的领导因故不能参加的，应提前3日告知办公室。',
      bureau,
    );
    const tasks = x.proposals.filter((p) => p.rule.kind === 'task');
    expect(tasks.map((p) => p.rule)).toMatchObject([
      {
        who: { scope: 'institution' },
        department: '办公室',
        activityTypes: ['通知接待'],
        before: { pattern: { nthWeekday: { n: 1, weekday: 3 } }, min: 3, dayKind: 'calendarDays' },
      },
      { activityTypes: ['汇报预约'], before: { min: 1, max: 1 } },
    ]);
    expect(tasks[0]!.rule.kind === 'task' && tasks[0]!.rule.before?.max).toBeUndefined();
    // Someone's absence is not in the ledger: the third article stays hers to write.
    expect(x.unread.map((u) => u.clause)).toEqual(['三']);
  });

  it('a rota named before its leaders takes them from further on, and the next sentence’s holiday rule', () => {
    const x = read('（一）每周四为局长接待日，时间：下午14:30-17:30。遇节假日顺延。\n（二）接待以局领导为主。', bureau);
    expect(x.proposals).toHaveLength(1);
    expect(x.proposals[0]!.rule).toMatchObject({
      kind: 'roster',
      who: { cadres: { roles: ['班子成员'] } },
      pattern: { weekdays: [4], timeFrom: '14:30', timeTo: '17:30', onHoliday: 'next' },
    });
    expect(x.proposals[0]!.notes.join()).toContain('取下文的“局领导”');
  });

  it('新学期第一课: each group named before 第一课 gives it once a semester', () => {
    const x = read('4.落实开学第一课制度。由宣传部统筹安排党委书记、校长第一课和学院书记、院长思政第一课。');
    expect(x.proposals.map((p) => p.rule)).toMatchObject([
      { kind: 'frequency', period: 'semester', min: 1, who: { cadres: { roles: ['党委书记', '校长'] } } },
      { kind: 'frequency', period: 'semester', min: 1, who: { cadres: { roles: ['学院书记', '院长'] } } },
    ]);
    // Without a 第一课 system in the clause, a first lesson is no recurring duty.
    expect(read('4.由宣传部安排校长讲第一课。').proposals).toHaveLength(0);
  });

  it('由<office>每季度…一次 and 年终归档 are the office’s tasks', () => {
    const x = read('1.值班表由综合办每季度排定一次。\n2.有关材料由综合办按月整理，年终统一归档。', bureau);
    expect(x.proposals.map((p) => p.rule)).toMatchObject([
      { kind: 'task', who: { scope: 'institution' }, department: '综合办', period: 'quarter', min: 1 },
      { kind: 'task', department: '综合办', period: 'calendarYear', due: '12-31', activityTypes: ['归档'] },
    ]);
  });

  it('a township’s heads are of the township’s rank; the others keep that rank; offices the vocabulary keeps are units', () => {
    const x = read(
      '10.各乡镇（街道）党政主要负责同志每年全面走访各村民小组，每个村走访群众不少于5户；其他班子成员每年走访所联村总户数50%以上。\n' +
        '11.县联络办公室、各镇党建办每年至少组织开展2次调研活动。',
      county,
    );
    expect(x.proposals.map((p) => p.rule)).toMatchObject([
      {
        kind: 'coverage',
        who: { cadres: { levels: ['镇级'], roles: ['主要负责人'] } },
        counts: { objects: { categories: ['村民小组'] } },
        fraction: 1,
      },
      { kind: 'coverage', who: { cadres: { levels: ['镇级'], except: { roles: ['主要负责人'] } } }, fraction: 0.5 },
      {
        kind: 'frequency',
        who: { scope: 'unit', unitCategories: ['联络办公室', '党建办'] },
        period: 'calendarYear',
        min: 2,
      },
    ]);
    // Households counted within each village: no rule kind keeps them apart, so it is hers to write.
    expect(x.unread.map((u) => u.text)).toEqual(['每个村走访群众不少于5户']);
  });
});

describe('kinds of phrasing the five unseen regulations of the fifth session were missing', () => {
  it('校领导和科级干部: every rank the phrase names, one by a hint; 处级以上 reaches every 处级 rank', () => {
    expect(only('校领导和科级干部每人每学期至少听课2次。').rule.who.cadres.levels).toEqual(['校级', '科级']);
    expect(only('处级以上干部每月至少听课3次。').rule.who.cadres.levels).toEqual(['校级', '正处级', '副处级']);
  });

  it('plain 领导干部 after people named by rank in the same clause are those people', () => {
    const x = read('学校领导和科级干部每人联系1个班级。领导干部要经常与班主任沟通。每学期至少到联系班级座谈2次。');
    expect(x.proposals.map((p) => [p.rule.kind, p.rule.who.cadres.levels])).toEqual([
      ['quota', ['校级', '科级']],
      ['frequency', ['校级', '科级']],
    ]);
    // Alone, 领导干部 are everyone.
    expect(only('领导干部每学期至少到联系班级座谈2次。').rule.who.cadres).toEqual({});
  });

  it('N节 of lessons is a count; 两个以上课题 counts the work, not people', () => {
    expect(only('校领导每月听课不少于2节。').rule).toMatchObject({ period: 'month', quantity: 'count', min: 2 });
    expect(only('校领导每年牵头完成两个以上重点调研课题。').rule).toMatchObject({
      kind: 'frequency',
      period: 'calendarYear',
      quantity: 'count',
      min: 2,
    });
    // 个 of people stays people: a quota.
    expect(only('校领导每人联系2个班级。').rule.kind).toBe('quota');
  });

  it('a unit’s plan or papers handed in are its task of the period; a check at 年底 is due 12-31', () => {
    expect(only('学院和机关部门每年年初要制定年度工作计划。').rule).toMatchObject({
      kind: 'task',
      period: 'calendarYear',
      who: { scope: 'unit', unitCategories: ['学院', '机关部门'] },
    });
    expect(only('各学院须于每月末将听课记录交教务处。').rule).toMatchObject({ kind: 'task', period: 'month' });
    const p = only('为落实本制度，党委定期组织情况汇报，年底对工作进行检查指导。');
    expect(p.rule).toMatchObject({ kind: 'task', due: '12-31', who: { scope: 'institution' } });
    // Talking with someone is no paper handed in.
    expect(read('各学院每学期要与学生交流。').proposals.filter((x) => x.rule.kind === 'task')).toEqual([]);
  });

  it('选择一个班级进行对口联系 is a quota of one, the chooser its subject', () => {
    const p = only('校领导负责指导联系学院，并选择一个班级进行对口联系。');
    expect(p.rule).toMatchObject({
      kind: 'quota',
      who: { cadres: { levels: ['校级'] } },
      slots: [{ categories: ['班级'], min: 1 }],
    });
  });

  it('a 分管 role the text gives at two ranks keeps the rank named after 的; 主管 says 分管', () => {
    const x = read('分管教学的校领导每学期听课不少于8学时，主管教学的处级干部每学期听课不少于6学时。');
    expect(x.proposals.map((p) => p.rule.who.cadres)).toEqual([
      { levels: ['校级'], roles: ['分管教学'] },
      { levels: ['正处级', '副处级'], roles: ['分管教学'] },
    ]);
    // At one rank only, the role decides (as the presets write it).
    expect(only('分管教学的校领导每学期听课不少于8学时。').rule.who.cadres).toEqual({ roles: ['分管教学'] });
  });

  it('联系班级的干部 are the people given classes by the quota before', () => {
    const x = read('校领导和科级干部每人联系1个班级。党委定期组织汇报。联系班级的干部每学年写出一份情况报告。');
    expect(x.proposals[1]!.rule).toMatchObject({
      kind: 'frequency',
      period: 'academicYear',
      who: { cadres: { levels: ['校级', '科级'] } },
    });
  });

  it('工作人员 and 秘书 are people; a 委员会 is a body', () => {
    const v = {
      ...vocab,
      roles: [...vocab.roles, '教学秘书'],
      unitCategories: [...vocab.unitCategories, '专门委员会'],
    };
    expect(only('各学院教学秘书每月听课不少于1节。', v).rule.who).toMatchObject({
      scope: 'cadre',
      cadres: { roles: ['教学秘书'] },
    });
    expect(only('各专门委员会每年年初要制定年度调研计划。', v).rule).toMatchObject({
      kind: 'task',
      who: { scope: 'unit', unitCategories: ['专门委员会'] },
    });
  });
});

describe('reception rotas and notices as the second unseen batch says them', () => {
  const team: ExtractVocabulary = {
    levels: [],
    roles: ['班子成员'],
    activityTypes: ['接访', '公示'],
    objectCategories: [],
    unitCategories: [],
  };

  it('a cited document’s title and a title line are no duty', () => {
    const x = read(
      '关于实行每周三领导接待群众来访制度的通知\n根据《关于实行每周三领导接待群众来访制度的通知》等文件要求，研究决定如下。',
      team,
    );
    expect(x.proposals).toEqual([]);
  });

  it('每周一为接访日，遇节假日取消; 每周一安排两名镇领导接待 → one rota of two team members, cancelled on holidays', () => {
    const x = read('一、每周一为镇领导接访日，遇节假日取消。\n二、每周一安排两名镇领导在信访室接待信访群众。', team);
    expect(x.proposals).toHaveLength(1);
    expect(x.proposals[0]!.rule).toMatchObject({
      kind: 'roster',
      pattern: { weekdays: [1], onHoliday: 'cancel' },
      perDuty: 2,
      who: { cadres: { roles: ['班子成员'] } },
    });
  });

  it('党委每个工作日安排一名领导接待 → the leader’s rota; 通过…方式，提前两天公示 → the institution’s task before each', () => {
    const x = read(
      '二、党委每个工作日安排一名领导接待群众来访；\n三、通过广播、公示栏等方式，至少提前两天公示接访信息。',
      team,
    );
    expect(x.proposals.map((p) => p.rule)).toMatchObject([
      { kind: 'roster', pattern: { workdaysOnly: true }, who: { scope: 'cadre', cadres: { roles: ['班子成员'] } } },
      { kind: 'task', who: { scope: 'institution' }, before: { min: 2 } },
    ]);
  });

  it('15天内告知受理情况；30天内办理完结；延长不超过30天 → one deadline with its reply stage and extension', () => {
    const x = read(
      '三、各相关部门对交办的信访件，要在收到信访件15天内书面告知信访人受理情况；要指定专人调处，在30天内办理完结。若问题复杂，经本单位主要领导同意，可适当延长办理时间，但延长时间最长不得超过30天。',
      team,
    );
    const deadlines = x.proposals.filter((p) => p.rule.kind === 'deadline');
    expect(deadlines).toHaveLength(1);
    expect(deadlines[0]!.rule).toMatchObject({
      within: 30,
      dayKind: 'calendarDays',
      on: 'close',
      reply: { within: 15 },
      extension: { max: 30 },
      events: ['来信', '来访'],
    });
  });

  it('（上半年、下半年至少各一次） is the yearly count’s second threshold; 在N个村 says where, not a quota', () => {
    const v = { ...vocab, objectCategories: [...vocab.objectCategories, { name: '联系户', kind: 'person' as const }] };
    const x = read(
      '1、每名干部在12个村的居民中都有自己的联系户。\n2、每人每年到联系户走访不少于2次（上半年、下半年至少各一次）。',
      v,
    );
    expect(x.proposals.map((p) => p.rule.kind)).toEqual(['frequency']);
    expect(x.proposals[0]!.rule).toMatchObject({
      period: 'calendarYear',
      min: 2,
      also: [{ period: 'halfYear', min: 1 }],
    });
  });
});

describe('roles said beside a longer role that contains them, and heads named by title', () => {
  it('学院院长、教学副院长和教务处正副处长 → 院长, 教学副院长 and 教务处负责人', () => {
    const v = { ...vocab, roles: [...vocab.roles, '教学副院长', '教务处负责人'] };
    const p = only('学院院长、教学副院长和教务处正副处长每学期听课不少于8次。', v);
    expect([...(p.rule.who.cadres.roles ?? [])].sort()).toEqual(['教务处负责人', '教学副院长', '院长'].sort());
    // 教学副院长 alone is not also 院长.
    expect(only('教学副院长每学期听课不少于8次。', v).rule.who.cadres.roles).toEqual(['教学副院长']);
  });
});

describe('visits within holiday windows, pairings, a unit’s help, ranks joined with offices’ heads', () => {
  const town: ExtractVocabulary = {
    levels: ['县级', '正科级', '副科级'],
    roles: ['民政办负责人', '武装部负责人', '食堂（中心）负责人'],
    activityTypes: ['走访', '慰问', '帮扶', '座谈'],
    objectCategories: [
      { name: '留守老人', kind: 'person' },
      { name: '退役军人', kind: 'person' },
      { name: '教师', kind: 'person' },
      { name: '职工', kind: 'person' },
    ],
    unitCategories: ['村委会'],
  };

  it('a list item of holiday windows under a lead naming people and “至少有一位” → coverage of each window, together', () => {
    const x = read(
      '2. 县领导要关心留守老人和退役军人，遇下列情形时，至少有一位县领导登门慰问：\n传统节日期间的慰问，如每年的建军节、中秋、元旦和春节期间等；\n老人生病住院期间；',
      town,
    );
    expect(x.proposals).toHaveLength(1);
    const r = x.proposals[0]!.rule;
    expect(r).toMatchObject({
      kind: 'coverage',
      period: 'window',
      collective: true,
      who: { cadres: { levels: ['县级'] } },
      counts: { objects: { categories: ['留守老人', '退役军人'] } },
    });
    // 元旦 followed by 春节 is the one window from the new year to the spring festival.
    expect(r.kind === 'coverage' && r.windows).toEqual(['八一', '中秋', '元旦—春节']);
  });

  it('教师节 names no 教师; a prohibition at festivals is no duty; a holiday without known months is listed', () => {
    const x = read(
      '一、正科级干部每年教师节期间走访慰问职工。\n二、严禁借中秋、国庆之际走访送礼。\n三、县领导每年重阳节前后慰问留守老人。',
      town,
    );
    expect(x.proposals).toHaveLength(1);
    expect(x.proposals[0]!.rule).toMatchObject({
      kind: 'coverage',
      windows: ['教师节'],
      counts: { objects: { categories: ['职工'] } },
    });
    expect(x.unread.map((u) => u.reason).join()).toContain('重阳节');
  });

  it('“一帮一”与X结成对子 → a quota of exactly one; the windows after it visit those paired ones', () => {
    const x = read(
      '1、开展结对活动。全县正科级以上干部采取“一帮一”方式，与留守老人结成帮扶对子。中秋、国庆期间，以上门问候为主，确保老人过好节日。',
      town,
    );
    expect(x.proposals.map((p) => p.rule)).toMatchObject([
      {
        kind: 'quota',
        slots: [{ categories: ['留守老人'], min: 1, max: 1 }],
        who: { cadres: { levels: ['县级', '正科级'] } },
      },
      {
        kind: 'coverage',
        period: 'window',
        windows: ['中秋', '国庆'],
        who: { cadres: { levels: ['县级', '正科级'] } },
        counts: { objects: { categories: ['留守老人'], among: 'assignments' } },
      },
    ]);
  });

  it('每个村委会每年帮扶一名退役军人 → the unit’s yearly count of help to them; 三名 counts distinct people', () => {
    const one = read('3、每个村委会每年帮扶一名退役军人，及时了解其困难。', town).proposals;
    expect(one.map((p) => p.rule)).toMatchObject([
      {
        kind: 'frequency',
        who: { scope: 'unit', unitCategories: ['村委会'] },
        period: 'calendarYear',
        quantity: 'count',
        min: 1,
        counts: { objects: { categories: ['退役军人'] } },
      },
    ]);
    const three = read('3、每个村委会每年走访三名退役军人。', town).proposals;
    expect(three[0]!.rule).toMatchObject({ quantity: 'distinctObjects', min: 3 });
  });

  it('县领导和民政办、武装部、食堂（中心）的正职 → two who-sets: the rank, and the offices’ heads at the 正 rank', () => {
    const x = read('五、县领导和民政办、武装部、食堂（中心）的正职每季度与职工座谈1次以上。', town);
    expect(x.proposals.map((p) => p.rule.who.cadres)).toEqual([
      { levels: ['县级'] },
      { levels: ['正科级'], roles: ['民政办负责人', '武装部负责人', '食堂（中心）负责人'] },
    ]);
    expect(x.proposals.every((p) => p.rule.kind === 'frequency' && p.rule.period === 'quarter')).toBe(true);
    // 县领导和正科级干部: two ranks stay one set.
    expect(only('县领导和正科级干部每季度与职工座谈1次以上。', town).rule.who.cadres.levels).toEqual([
      '县级',
      '正科级',
    ]);
  });
});

// Kinds of phrasing batch C (a company, a community's 网格, a village's 家访, a 工商联) showed on first run;
// each read here on invented words of the same kind, not on those texts.
describe('visited people as the topic, lead periods, time per contact, bodies and posts by their titles', () => {
  const estate: ExtractVocabulary = {
    levels: [],
    roles: ['班子成员', '楼栋长', '信息员', '物业组长'],
    activityTypes: ['走访', '家访', '巡查', '谈心', '检查', '考评', '回访', '座谈会', '接待来访'],
    objectCategories: [
      { name: '独居老人', kind: 'person' },
      { name: '残疾人家庭', kind: 'person' },
      { name: '普通住户', kind: 'person' },
      { name: '车间', kind: 'unit' },
      { name: '青年职工', kind: 'person' },
    ],
    unitCategories: [],
  };

  it('普通住户每半年走访一次; 对…独居老人，平时每月走访不少于两次 → coverage of each of them, by the post named', () => {
    const x = read(
      '2、信息管理员实行分片走访，普通住户每半年走访一次。\n3、对独居老人、残疾人家庭，平时每月走访不少于两次。',
      estate,
    );
    expect(x.proposals.map((p) => p.rule)).toMatchObject([
      {
        kind: 'coverage',
        period: 'halfYear',
        perObject: 1,
        who: { cadres: { roles: ['信息员'] } },
        counts: { objects: { categories: ['普通住户'] } },
      },
      {
        kind: 'coverage',
        period: 'month',
        perObject: 2,
        counts: { objects: { categories: ['独居老人', '残疾人家庭'] } },
      },
    ]);
  });

  it('信息管理员 for 信息员, “两委”, 物业组组长: a post said with its work, in quotes, with 组 twice', () => {
    const v = { ...estate, roles: [...estate.roles, '两委干部'] };
    expect(only('1、村“两委”干部每月家访不少于8户。', v).rule).toMatchObject({
      kind: 'frequency',
      period: 'month',
      quantity: 'distinctObjects',
      min: 8,
      who: { cadres: { roles: ['两委干部'] } },
      counts: { activityTypes: ['家访'] },
    });
    expect(only('1、物业组组长每周巡查不少于2次。', v).rule.who.cadres.roles).toEqual(['物业组长']);
  });

  it('two people’s counts, then a sentence with no subject: theirs together; 逐户/一遍 is every one once', () => {
    const x = read(
      '五、班子成员每月家访不少于6户，楼栋长每月家访不少于3户；对独居老人每季度至少登门家访1次；普通住户每年至少走访一遍。',
      estate,
    );
    const who = { cadres: { roles: ['班子成员', '楼栋长'] } };
    expect(x.proposals.map((p) => p.rule)).toMatchObject([
      { kind: 'frequency', min: 6 },
      { kind: 'frequency', min: 3 },
      { kind: 'coverage', period: 'quarter', who, counts: { objects: { categories: ['独居老人'] } } },
      { kind: 'coverage', period: 'calendarYear', who, counts: { objects: { categories: ['普通住户'] } } },
    ]);
  });

  it('每2个月不少于1次，时间不少于半天; （不少于30分钟） after a talk; 每年…时间不少于10天 stays days', () => {
    expect(only('三、班子成员走访车间每2个月不少于1次，时间不少于半天。', estate).rule).toMatchObject({
      kind: 'frequency',
      period: 'twoMonths',
      min: 1,
      counts: { minDuration: { value: 1, unit: 'halfDays' } },
    });
    expect(only('四、班子成员每周至少与一名青年职工谈心（不少于30分钟）。', estate).rule).toMatchObject({
      kind: 'frequency',
      period: 'week',
      quantity: 'count',
      min: 1,
      counts: {
        activityTypes: ['谈心'],
        objects: { categories: ['青年职工'] },
        minDuration: { value: 0.5, unit: 'hours' },
      },
    });
    expect(only('五、班子成员每年深入车间，时间不少于10天。', estate).rule).toMatchObject({
      quantity: 'days',
      min: 10,
    });
  });

  it('a body as subject (党支部, 工作部) → the institution’s task; a period said on its own governs what follows', () => {
    const x = read(
      '六、社区党支部每季度对走访情况检查一次，年底对楼栋长进行考评。\n七、党群工作部以月为单位，对各车间进行回访。',
      estate,
    );
    expect(x.proposals.map((p) => p.rule)).toMatchObject([
      { kind: 'task', period: 'quarter', min: 1, who: { scope: 'institution' } },
      { kind: 'task', period: 'calendarYear', due: '12-31', who: { scope: 'institution' } },
      { kind: 'task', period: 'month', who: { scope: 'institution' }, department: '党群工作部' },
    ]);
    // "每年的重大节日…，班子成员要…走访": times within the year, not a yearly count of the visits.
    expect(read('八、每年的重大节日和高温季节，班子成员要带队到车间走访。', estate).proposals).toHaveLength(0);
  });

  it('每天…巡查一次，每次不少于半小时 → each month as many days as its working days, each of half an hour', () => {
    expect(only('1、楼栋长每天对所在楼栋巡查一次，每次不少于半小时。', estate).rule).toMatchObject({
      kind: 'frequency',
      period: 'month',
      quantity: 'days',
      minShareOfWorkdays: 1,
      who: { cadres: { roles: ['楼栋长'] } },
      counts: { activityTypes: ['巡查'], minDuration: { value: 0.5, unit: 'hours' } },
    });
  });

  it('a rota whose subject names nobody known takes the people put on it later in the sentence', () => {
    const p = only('九、接待日是指每个月15日（遇法定节假日顺延），班子成员以轮流值班的形式负责当天的来访。', estate);
    expect(p.rule).toMatchObject({
      kind: 'roster',
      pattern: { daysOfMonth: [15], onHoliday: 'next' },
      who: { cadres: { roles: ['班子成员'] } },
    });
  });

  it('分管副书记、副校长 with no area: the 分管 role the duty’s people belong to; 县X局…等单位 are units', () => {
    const v = {
      ...vocab,
      roles: [...vocab.roles, '分管学生工作', '分管科研'],
      activityTypes: [...vocab.activityTypes],
    };
    const p = only('第九条 党委书记、校长和分管副书记、副校长每学年至少与辅导员、班主任座谈1次，引导教师潜心科研。', v);
    expect(p.rule.who.cadres.roles?.toSorted()).toEqual(['党委书记', '分管学生工作', '校长'].toSorted());
    expect(p.notes.join('')).toContain('学生工作');
    const county: ExtractVocabulary = {
      levels: ['县级', '镇级'],
      roles: [],
      activityTypes: ['走访', '慰问'],
      objectCategories: [{ name: '困难户', kind: 'person' }],
      unitCategories: ['县直单位', '镇'],
    };
    const u = only('3、县人社局、总工会及各镇等单位，要于每年元旦、春节期间，对困难户进行走访慰问。', county);
    expect(u.rule.who).toMatchObject({ scope: 'unit', unitCategories: expect.arrayContaining(['县直单位', '镇']) });
  });
});
