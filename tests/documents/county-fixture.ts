// A county ledger under preset 004 (中共××县委《党员干部直接联系服务群众制度汇编》), as the six workbook sheets, for
// the document tests and the gallery: 县级 leaders, 镇 and 县直 cadres, villages, enterprises, projects, households,
// a year of visits and a few matters handed to departments. Deterministic. Two cadres carry rare name characters
// (堃, 䶮) that the bundled role fonts lack.
import { openBackend, type Backend } from '../../electron/services/backend';
import { generateDemo, rowNumbersOf } from '../../electron/services/demo/index';
import { applyPreset, loadPreset } from '../../electron/services/presets';
import { presetsDir } from '../../electron/services/resources';
import { importSheets } from '../../electron/services/workbook/import';
import type { Cell, LedgerSheets } from '../../electron/services/workbook/sheets';

const TOWNS = ['城关镇', '河口镇', '龙泉镇', '青山镇', '石桥镇', '柳林镇', '东城街道', '西城街道'];
const VILLAGES = ['东关村', '西关村', '南街村', '北岭村', '前营村', '后营村', '王庄村', '李庄村', '张湾村'];
const DEPARTMENTS = [
  '县委办公室',
  '县政府办公室',
  '县信访局',
  '县发展和改革委员会',
  '县农业农村局',
  '县人力资源和社会保障局',
];
const LEADERS: [string, string][] = [
  ['李建国', '县委书记'],
  ['王志强', '县委副书记、县长'],
  ['张丽华', '县人大常委会主任'],
  ['刘德胜', '县政协主席'],
  ['陈堃', '县委副书记'],
  ['杨晓东', '县委常委、常务副县长'],
  ['赵海波', '县委常委、组织部部长'],
  ['黄秀英', '县委常委、宣传部部长'],
  ['周明', '副县长'],
  ['吴䶮', '副县长'],
];
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建国志海波宁晓东亮斌飞鹏辉俊峰琳雪梅';
const person = (i: number) =>
  SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]! + GIVEN[(i * 3 + 1) % GIVEN.length]!;

const TYPES = ['走访', '调研', '下访', '接访', '驻点', '帮扶', '慰问', '谈心谈话'];

/** The county's own lists that preset 004 does not ship (a county secretary adds them in 设置 → 词汇 first). */
export const COUNTY_VOCABULARY: { list: 'levels' | 'roles' | 'unitCategories'; names: string[] }[] = [
  { list: 'levels', names: ['县级', '镇级', '县直'] },
  { list: 'roles', names: ['县四大班子领导'] },
  { list: 'unitCategories', names: ['县委', '县直单位', '镇', '街道'] },
];

/** Adds COUNTY_VOCABULARY through the contract; a value already listed is left as it is. */
export async function addCountyVocabulary(
  dispatch: (method: string, input: unknown) => Promise<{ ok: boolean }>,
): Promise<void> {
  for (const { list, names } of COUNTY_VOCABULARY)
    for (const name of names) await dispatch('vocabulary.add', { list, name });
}

/** A new ledger file at `path` holding the county: preset 004, the county's profile and vocabulary, 2026's sheets. */
export async function openCountyLedger(path: string, now: () => Date): Promise<Backend> {
  const b = await openBackend(path, { now });
  applyPreset(b.ctx, loadPreset(presetsDir(), '004'));
  const set = await b.dispatch('settings.set', {
    institutionKind: '县市区党委政府',
    issuerMark: '中共××县委文件',
    signature: '中共××县委',
    printer: '中共××县委办公室',
    docPrefix: '县委发',
  });
  if (!set.ok) throw new Error(set.error.message);
  await addCountyVocabulary((m, i) => b.dispatch(m as never, i));
  const sheets = countySheets(2026);
  await importSheets(b.ctx, sheets, rowNumbersOf(sheets), { what: '县台账', backup: false });
  return b;
}

/** The county ledger and the demo university (preset 002, seed 1), side by side; `close` closes both. */
export async function openCountyAndDemo(
  path: () => string,
  now: () => Date,
): Promise<{ county: Backend; demo: Backend; close(): void }> {
  const county = await openCountyLedger(path(), now);
  const demo = await openBackend(path(), { now });
  await generateDemo(demo.ctx, { year: 2026, seed: 1 });
  return {
    county,
    demo,
    close() {
      county.close();
      demo.close();
    },
  };
}

export function countySheets(year = 2026): LedgerSheets {
  const units: Record<string, Cell>[] = [];
  const cadres: Record<string, Cell>[] = [];
  const objects: Record<string, Cell>[] = [];
  const assignments: Record<string, Cell>[] = [];
  const records: Record<string, Cell>[] = [];
  const followUps: Record<string, Cell>[] = [];
  units.push({ name: '中共××县委', category: '县委', parent: null, note: '' });
  for (const d of DEPARTMENTS) units.push({ name: d, category: '县直单位', parent: null, note: '' });
  for (const t of TOWNS) units.push({ name: t, category: t.endsWith('街道') ? '街道' : '镇', parent: null, note: '' });

  const villages: string[] = [];
  TOWNS.forEach((t, ti) => {
    for (let v = 0; v < 3; v++) {
      const name = `${t}${VILLAGES[(ti + v * 2) % VILLAGES.length]!}`;
      villages.push(name);
      objects.push({ name, category: '村（社区）', unit: t, grade: '', note: '' });
    }
  });
  const firms = [
    '××县宏达机械有限公司',
    '××县绿源农业发展有限公司',
    '××县鑫盛建材有限责任公司',
    '××县福康食品有限公司',
  ];
  for (const f of firms) objects.push({ name: f, category: '民营企业', unit: null, grade: '', note: '' });
  const projects = ['县城污水处理厂提标改造项目', '龙泉镇高标准农田建设项目', '县人民医院新院区建设项目'];
  for (const p of projects) objects.push({ name: p, category: '重点项目', unit: null, grade: '', note: '' });
  const households: string[] = [];
  for (let h = 0; h < 24; h++) {
    const name = `${person(h + 50)}户`;
    households.push(name);
    objects.push({ name, category: '贫困户', unit: TOWNS[h % TOWNS.length]!, grade: '', note: '' });
  }

  const all: { name: string; level: string; unit: string; title: string }[] = [];
  for (const [name, title] of LEADERS) all.push({ name, title, level: '县级', unit: '中共××县委' });
  TOWNS.forEach((t, ti) => {
    const head = t.endsWith('街道') ? '党工委书记' : '党委书记';
    all.push({ name: person(ti * 3), title: `${t}${head}`, level: '镇级', unit: t });
    all.push({
      name: person(ti * 3 + 1),
      title: `${t}${t.endsWith('街道') ? '办事处主任' : '镇长'}`,
      level: '镇级',
      unit: t,
    });
  });
  DEPARTMENTS.forEach((d, di) =>
    all.push({ name: person(40 + di), title: `${d}${/局$/.test(d) ? '局长' : '主任'}`, level: '县直', unit: d }),
  );
  for (const c of all)
    cadres.push({
      name: c.name,
      title: c.title,
      level: c.level,
      roles: c.level === '县级' ? '县四大班子领导' : '',
      unit: c.unit,
      partyMember: '是',
      termStart: null,
      termEnd: null,
      note: '',
    });

  const day = (m: number, d: number) => `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  all.forEach((c, ci) => {
    // 一联六 (县级), 一联五 (镇级), 一联二 (县直): a village, a firm or project, households.
    const mine =
      c.level === '县级'
        ? [
            villages[ci % villages.length]!,
            villages[(ci + 7) % villages.length]!,
            firms[ci % firms.length]!,
            projects[ci % projects.length]!,
            households[ci % households.length]!,
            households[(ci + 11) % households.length]!,
          ]
        : c.level === '镇级'
          ? [
              ...villages.filter((v) => v.startsWith(c.unit)).slice(0, 3),
              households[ci % households.length]!,
              households[(ci + 5) % households.length]!,
            ]
          : [villages[(ci * 5) % villages.length]!, households[(ci + 3) % households.length]!];
    for (const o of mine)
      assignments.push({ year, cadre: c.name, object: o, slot: '', startDate: null, endDate: null, note: '' });
    const n = c.level === '县级' ? 14 : 8;
    for (let k = 0; k < n; k++) {
      const type = TYPES[(ci + k) % TYPES.length]!;
      const o = mine[k % mine.length]!;
      records.push({
        date: day((k % 11) + 1, ((ci * 3 + k * 5) % 26) + 2),
        startTime: '09:00',
        endTime: '11:30',
        cadres: c.name,
        type,
        place: o.endsWith('户') ? `${c.unit}${o}家中` : o,
        objects: o,
        hours: null,
        days: type === '驻点' ? 3 : 1,
        companions: 2,
        content: `到${o}${type}，了解生产生活和发展情况，听取群众对村级道路、饮水安全和产业发展的意见建议，现场协调解决具体困难。`,
        opinions:
          k % 2
            ? '群众反映村内主干道雨季积水，出行不便，希望尽快修缮排水沟。'
            : '希望增加农业技术培训，帮助发展特色种植。',
        implementation:
          k % 2 ? '已交县农业农村局会同所在镇办理，排水沟修缮已列入年度计划。' : '已协调县农业农村局组织技术培训2期。',
      });
    }
  });
  for (let f = 0; f < 4; f++) {
    // The record the matter was raised at: the cadre's first record of the year.
    const r = records.find((x) => x.cadres === all[f]!.name)!;
    followUps.push({
      raisedDate: r.date ?? null,
      source: `${String(r.date)} ${all[f]!.name} ${String(r.type)}`,
      matter: [
        '东关村主干道排水沟损毁，雨季积水严重，群众出行困难。',
        '河口镇部分农户反映农业补贴发放不及时。',
        '龙泉镇高标准农田项目施工占用耕地补偿未到位。',
        '城关镇老旧小区供暖管网老化，冬季室温不达标。',
      ][f]!,
      raiser: `${person(f + 90)}等群众`,
      department: DEPARTMENTS[(f + 3) % DEPARTMENTS.length]!,
      limitDays: 10,
      assignedDate: day(3 + f, 11 + f),
      feedbackDate: f < 2 ? day(3 + f, 20 + f) : null,
      closedDate: f < 1 ? day(3 + f, 24) : null,
      status: f < 1 ? '已办结' : f < 2 ? '已反馈' : '已交办',
      result: f < 2 ? '已会同所在镇现场勘查，制定整改方案，限期完成。' : '',
    });
  }
  return { units, cadres, objects, assignments, records, followUps } as LedgerSheets;
}
