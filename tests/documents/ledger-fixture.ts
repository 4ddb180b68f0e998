// A small university ledger written straight into the tables, for the document tests and the benchmark.
import type { Db } from '../../electron/services/db/db';
import { loadPreset, presetRules } from '../../electron/services/presets';
import { presetsDir } from '../../electron/services/resources';

const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦许何吕施张孔曹严华金魏陶姜';
const GIVEN = [
  '敏',
  '伟',
  '丽',
  '强',
  '杰',
  '芳',
  '军',
  '红',
  '明',
  '华',
  '静',
  '磊',
  '洋',
  '勇',
  '艳',
  '涛',
  '娟',
  '斌',
  '霞',
  '平',
];
const TITLES = ['党委书记', '校长', '党委副书记', '副校长', '纪委书记', '副校长'];
const DEPTS = ['党委办公室', '组织部', '宣传部', '学生工作部', '教务处', '科研处', '人事处', '财务处'];
const COLLEGES = ['文学院', '理学院', '机械学院', '外国语学院', '法学院', '经济管理学院'];

export interface SeedOptions {
  cadres?: number;
  /** Leaders (校级) among them. */
  leaders?: number;
  recordsPerCadre?: number;
  year?: number;
  presetId?: string;
}

export interface SeedIds {
  cadres: number[];
  records: number[];
  followUp: number;
}

export function personName(i: number): string {
  return (
    SURNAMES[i % SURNAMES.length]! +
    GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]! +
    (i >= SURNAMES.length * GIVEN.length ? GIVEN[i % 7]! : '')
  );
}

export function seedLedger(db: Db, o: SeedOptions = {}): SeedIds {
  const n = o.cadres ?? 8;
  const leaders = o.leaders ?? Math.min(4, n);
  const per = o.recordsPerCadre ?? 3;
  const Y = o.year ?? 2026;
  const at = `${Y}-01-02T08:00:00.000Z`;
  const st = { created_at: at, updated_at: at };
  return db.tx(() => {
    const ins = (q: { execute?: unknown } & Parameters<Db['run']>[0]) => Number(db.run(q).lastInsertRowid);
    const presetId = o.presetId ?? '003';
    const regulationId = ins(
      db.q.insertInto('regulations').values({
        code: '003',
        name: '领导干部深入基层联系学生工作方案',
        preset_id: presetId,
        note: '',
        created_at: at,
      }),
    );
    // The preset's rules stored for the year, as applying the preset does: documents judge by stored rules only.
    presetRules(loadPreset(presetsDir(), presetId)).forEach((rule, sort) =>
      ins(
        db.q.insertInto('rules').values({
          regulation_id: regulationId,
          year: Y,
          clause: rule.clause,
          title: rule.title,
          body: JSON.stringify(rule),
          enabled: 1,
          sort,
          department: rule.department ?? '',
          ...st,
        }),
      ),
    );
    const types = ['听课', '走访', '座谈', '进宿舍', '食堂就餐', '主题班会', '讲思政课', '谈心谈话'];
    const typeIds = types.map((name, sort) => ins(db.q.insertInto('activity_types').values({ name, note: '', sort })));
    for (const [name, kind] of [
      ['学院', 'unit'],
      ['班级', 'unit'],
      ['宿舍', 'unit'],
      ['困难学生', 'person'],
      ['社团', 'unit'],
    ] as const)
      ins(db.q.insertInto('object_categories').values({ name, kind, sort: 0 }));
    const school = ins(
      db.q.insertInto('units').values({ name: '学校', category: '学校', parent_id: null, note: '', ...st }),
    );
    const colleges = COLLEGES.map((name) =>
      ins(db.q.insertInto('units').values({ name, category: '学院', parent_id: null, note: '', ...st })),
    );
    const depts = DEPTS.map((name) =>
      ins(db.q.insertInto('units').values({ name, category: '职能部门', parent_id: null, note: '', ...st })),
    );
    const cadres: number[] = [];
    const objectIds = new Map<string, number>();
    const records: number[] = [];
    for (let i = 0; i < n; i++) {
      const leader = i < leaders;
      const unit = leader ? school : i % 2 ? colleges[i % colleges.length]! : depts[i % depts.length]!;
      const title = leader
        ? TITLES[i % TITLES.length]!
        : i % 2
          ? `${COLLEGES[i % COLLEGES.length]}院长`
          : `${DEPTS[i % DEPTS.length]}部长`;
      const id = ins(
        db.q.insertInto('cadres').values({
          name: personName(i),
          title,
          level: leader ? '校级' : i % 3 ? '副处级' : '正处级',
          unit_id: unit,
          party_member: 1,
          term_start: null,
          term_end: null,
          note: '',
          pinyin: '',
          initials: '',
          ...st,
        }),
      );
      cadres.push(id);
      if (leader) db.run(db.q.insertInto('cadre_roles').values({ cadre_id: id, role: '班子成员' }));
      const college = COLLEGES[i % COLLEGES.length]!;
      const objs = [
        [college, '学院', colleges[i % colleges.length]!, ''],
        [`2025级${college.replace('学院', '')}${(i % 4) + 1}班`, '班级', colleges[i % colleges.length]!, '大一'],
        [`学生公寓${(i % 12) + 1}号楼${300 + (i % 40)}室`, '宿舍', null, ''],
        [`困难学生${personName(i + 97)}`, '困难学生', colleges[i % colleges.length]!, '大二'],
      ] as const;
      const objIds = objs.map(([name, category, unitId, grade]) => {
        const key = `${name}#${category}`;
        let oid = objectIds.get(key);
        if (oid === undefined) {
          oid = ins(
            db.q
              .insertInto('contact_objects')
              .values({ name, category, unit_id: unitId, grade, note: '', pinyin: '', initials: '', ...st }),
          );
          objectIds.set(key, oid);
        }
        return oid;
      });
      objIds.forEach((object_id, k) =>
        ins(
          db.q.insertInto('assignments').values({
            year: Y,
            cadre_id: id,
            object_id,
            slot: objs[k]![1],
            start_date: `${Y}-01-01`,
            end_date: `${Y}-12-31`,
            note: '',
            ...st,
          }),
        ),
      );
      for (let k = 0; k < per; k++) {
        const month = (k % 11) + 1;
        const date = `${Y}-${String(month).padStart(2, '0')}-${String(((i + k) % 25) + 3).padStart(2, '0')}`;
        const t = k % types.length;
        const rid = ins(
          db.q.insertInto('records').values({
            date,
            start_time: '15:00',
            end_time: '17:00',
            activity_type_id: typeIds[t]!,
            place: `${college}${(k % 5) + 1}0${(k % 9) + 1}教室`,
            content: `深入${objs[k % 4]![0]}开展${types[t]}，了解学生学习生活情况，与师生代表交流学风建设、就业指导和宿舍管理等问题，听取意见建议。`,
            opinions: k % 2 ? '学生反映自习室开放时间偏短，希望延长至晚上十一点。' : '希望增加就业指导讲座场次。',
            implementation:
              k % 2 ? '已交后勤管理处办理，自习室开放时间延长至22:30。' : '已交学生工作部，本学期增加就业讲座4场。',
            hours: 2,
            days: null,
            companions: 1,
            ...st,
          }),
        );
        records.push(rid);
        db.run(db.q.insertInto('record_cadres').values({ record_id: rid, cadre_id: id, title: '', position: 0 }));
        db.run(db.q.insertInto('record_objects').values({ record_id: rid, object_id: objIds[k % 4]!, position: 0 }));
      }
    }
    const followUp = ins(
      db.q.insertInto('follow_ups').values({
        raised_date: `${Y}-03-02`,
        record_id: records[1] ?? null,
        source: '校领导联系学生座谈会',
        matter: '学生反映图书馆自习室开放时间偏短，考试周座位紧张，希望延长开放时间并增加座位。',
        raiser: '2025级汉语言文学1班学生',
        department_id: depts[0]!,
        limit_days: 10,
        assigned_date: `${Y}-03-03`,
        due_date: null,
        feedback_date: null,
        closed_date: null,
        status: '已交办',
        result: '',
        ...st,
      }),
    );
    return { cadres, records, followUp };
  });
}
