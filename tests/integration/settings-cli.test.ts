// An office scripts its setup: `ledger profile show|set`, `ledger vocab list|add|rename` and `ledger calendar
// semesters|holidays|show`, through the CLI's own entry (runCli, what bin/ledger.mjs runs) against a real
// ledger file. Bad input exits 1 with a Chinese message naming the field or the line, and changes nothing.
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/doors/cli/commands';
import { openBackend } from '../../electron/services/backend';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir('ledger-settings-cli-');
const ICS = join('tests', 'fixtures', 'holidays', '2027-sample.ics');

/** Runs `ledger …` in this process (the command code the terminal runs), collecting what it prints. */
async function ledger(db: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...args, '--db', db], { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Reads the ledger file itself, read-only (never through the command under test). */
function peek<T>(db: string, sql: string, ...params: unknown[]): T[] {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare(sql).all(...params) as T[];
  } finally {
    d.close();
  }
}
const n = (db: string, sql: string, ...params: unknown[]) => peek<{ n: number }>(db, sql, ...params)[0]!.n;
const auditCount = (db: string) => n(db, 'SELECT count(*) AS n FROM audit_log');

async function county(): Promise<string> {
  const db = tempDbPath(dir);
  expect((await ledger(db, 'init', '--preset', '004')).code).toBe(0);
  return db;
}

describe('ledger profile', () => {
  let db: string;
  beforeAll(async () => {
    db = await county();
  });

  it('set stores the county, show prints it and the wording its documents use', async () => {
    const set = await ledger(
      db,
      'profile',
      'set',
      '--name',
      '兰考县',
      '--kind',
      '县市区党委政府',
      '--mark',
      '中共兰考县委员会文件',
      '--prefix',
      '县委发',
    );
    expect(set.code).toBe(0);
    expect(set.out).toContain('已保存。');
    const show = await ledger(db, 'profile', 'show');
    expect(show.code).toBe(0);
    expect(show.out).toContain('单位名称：兰考县');
    expect(show.out).toContain('单位类别：县市区党委政府');
    expect(show.out).toContain('发文机关标志：中共兰考县委员会文件');
    expect(show.out).toContain('发文字号机关代字：县委发');
    expect(show.out).toMatch(/公文用语：联系群众；主送各乡镇/);
    const json = JSON.parse((await ledger(db, 'profile', 'show', '--json')).out);
    expect(json).toMatchObject({ institution: '兰考县', institutionKind: '县市区党委政府', docPrefix: '县委发' });
    expect(json.wording.masses).toBe('群众');
    // In the file.
    const kind = peek<{ value: string }>(db, "SELECT value FROM settings WHERE key = 'institutionKind'")[0]!;
    expect(JSON.parse(kind.value)).toBe('县市区党委政府');
  });

  it('a kind not on the list, or nothing to set, is refused naming the field; nothing changes', async () => {
    const before = auditCount(db);
    const bad = await ledger(db, 'profile', 'set', '--name', '某大学', '--kind', '大学');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('「单位类别」“大学”无效');
    const none = await ledger(db, 'profile', 'set');
    expect(none.code).toBe(1);
    expect(none.err).toContain('请至少给出一项');
    expect((await ledger(db, 'profile', 'show')).out).toContain('单位名称：兰考县');
    expect(auditCount(db)).toBe(before);
  });
});

describe('ledger vocab', () => {
  let db: string;
  beforeAll(async () => {
    db = await county();
    const b = await openBackend(db);
    try {
      const r = await b.dispatch('cadres.create', { name: '焦裕民', level: '县级' });
      if (!r.ok) throw new Error(r.error.message);
    } finally {
      b.close();
    }
  });

  it('list shows the preset’s 级别 with their uses; add puts a new one on the list', async () => {
    const list = await ledger(db, 'vocab', 'list', '--list', '级别');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/^级别（\d+）：/);
    expect(list.out).toMatch(/ {2}县级\u30001处数据、\d+条要求/);
    const add = await ledger(db, 'vocab', 'add', '--list', '级别', '--name', '正科级');
    expect(add).toMatchObject({ code: 0, out: '已在级别中添加“正科级”' });
    expect(n(db, "SELECT count(*) AS n FROM vocabulary_terms WHERE list = 'levels' AND name = '正科级'")).toBe(1);
    const json = JSON.parse((await ledger(db, 'vocab', 'list', '--json')).out) as { list: string }[];
    expect(json.map((l) => l.list)).toEqual(
      expect.arrayContaining(['levels', 'roles', 'activityTypes', 'objectCategories', 'unitCategories']),
    );
  });

  it('rename: every use follows — the cadre and every rule naming it', async () => {
    const rulesNaming = (name: string) => n(db, 'SELECT count(*) AS n FROM rules WHERE body LIKE ?', `%"${name}"%`);
    const before = rulesNaming('县级');
    expect(before).toBeGreaterThan(0);
    const r = await ledger(db, 'vocab', 'rename', '--list', '级别', '--from', '县级', '--to', '县处级');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`已把级别“县级”改名为“县处级”：1位干部、${before}条要求随之更改`);
    expect(peek<{ level: string }>(db, "SELECT level FROM cadres WHERE name = '焦裕民'")[0]!.level).toBe('县处级');
    expect(rulesNaming('县级')).toBe(0);
    expect(rulesNaming('县处级')).toBe(before);
    expect(n(db, "SELECT count(*) AS n FROM audit_log WHERE table_name = 'cadres' AND action = 'update'")).toBe(1);
  });

  it('bad input is refused naming the field; nothing changes', async () => {
    const before = auditCount(db);
    const list = await ledger(db, 'vocab', 'add', '--list', '职称', '--name', '教授');
    expect(list.code).toBe(1);
    expect(list.err).toContain('「词汇表」“职称”无效');
    const twice = await ledger(db, 'vocab', 'add', '--list', '级别', '--name', '正科级');
    expect(twice.code).toBe(1);
    expect(twice.err).toContain('级别列表中已有“正科级”');
    const missing = await ledger(db, 'vocab', 'rename', '--list', '级别', '--from', '厅级', '--to', '正厅级');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('厅级');
    expect(auditCount(db)).toBe(before);
  });
});

describe('ledger calendar', () => {
  let db: string;
  beforeAll(async () => {
    db = await county();
    // Raised on Monday 2026-12-28 with 5 working days: the deadline runs into 2027, which has no schedule.
    const b = await openBackend(db);
    try {
      const r = await b.dispatch('followUps.create', { raisedDate: '2026-12-28', matter: '路灯不亮', limitDays: 5 });
      if (!r.ok) throw new Error(r.error.message);
    } finally {
      b.close();
    }
  });
  const due = () => peek<{ d: string }>(db, 'SELECT due_date AS d FROM follow_ups')[0]!.d;

  it('show names a year without a schedule and the 督办 item that is 待核 because of it', async () => {
    const show = await ledger(db, 'calendar', 'show', '--year', '2027');
    expect(show.code).toBe(0);
    expect(show.out).toContain('2027年节假日安排：没有');
    expect(show.out).toContain('有1件督办事项的期限跨入2027年而该年没有节假日安排，显示为“待核”');
    expect(show.out).toContain('2026-2027学年第一学期');
    expect(due()).toBe('2027-01-04');
  });

  it('a holiday file for the wrong year is refused whole naming the line; nothing changes', async () => {
    const before = auditCount(db);
    const r = await ledger(db, 'calendar', 'holidays', '--year', '2028', '--import', ICS);
    expect(r.code).toBe(1);
    expect(r.err).toContain('没有保存任何日期：第10行：“元旦”的2027-01-01不在2028年内');
    expect(n(db, 'SELECT count(*) AS n FROM calendar_days')).toBe(0);
    expect(auditCount(db)).toBe(before);
  });

  it('a make-up working day on a holiday is refused whole naming both lines; nothing changes', async () => {
    const text = readFileSync(ICS, 'utf8');
    const extra = [
      'BEGIN:VEVENT',
      'UID:bad@ledger-tests',
      'DTSTART;VALUE=DATE:20270206',
      'DTEND;VALUE=DATE:20270207',
      'SUMMARY:春节 补班',
      'END:VEVENT',
    ].join('\r\n');
    const bad = text.replace('END:VCALENDAR', `${extra}\r\nEND:VCALENDAR`);
    const file = join(dir, 'bad-2027.ics');
    writeFileSync(file, bad);
    const line =
      bad.split(/\r?\n/).indexOf('SUMMARY:春节 补班', bad.split(/\r?\n/).indexOf('UID:bad@ledger-tests')) + 1;
    const before = auditCount(db);
    const r = await ledger(db, 'calendar', 'holidays', '--year', '2027', '--import', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`第${line}行`);
    expect(r.err).toContain('2027-02-06既是放假日');
    expect(r.err).toContain('调休上班日不能在假期内');
    expect(n(db, 'SELECT count(*) AS n FROM calendar_days')).toBe(0);
    expect(auditCount(db)).toBe(before);
    expect(due()).toBe('2027-01-04');
  });

  it('2027 from the .ics: saved, the 督办 deadline recomputed and no longer 待核, the change audited', async () => {
    const before = auditCount(db);
    const r = await ledger(db, 'calendar', 'holidays', '--year', '2027', '--import', ICS);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      '已保存2027年节假日安排（2027-sample.ics）：放假29天，调休上班6天；重新计算督办期限1件，其中1件不再“待核”',
    );
    expect(r.out).toContain('春节：放假 02-05、02-06');
    expect(r.out).toContain('调休上班 01-31、02-20');
    expect(due()).toBe('2027-01-05');
    const audited = peek<{ t: string }>(db, 'SELECT table_name AS t FROM audit_log WHERE id > ? ORDER BY id', before);
    expect(audited.map((a) => a.t)).toEqual(expect.arrayContaining(['calendar_years', 'follow_ups']));
    const show = await ledger(db, 'calendar', 'show', '--year', '2027');
    expect(show.out).toContain('2027年节假日安排：自行录入（2027-sample.ics）');
    expect(show.out).not.toContain('待核');
    // A bad file after a good one leaves the good one in place.
    const wrong = await ledger(db, 'calendar', 'holidays', '--year', '2028', '--import', ICS);
    expect(wrong.code).toBe(1);
    expect(n(db, "SELECT count(*) AS n FROM calendar_days WHERE date LIKE '2027-%'")).toBe(35);
  });

  it('the same schedule from the notice’s table as an .xlsx file gives the same days', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('2027年节假日');
    for (const row of [
      ['节日', '放假时间', '调休上班日期', '放假天数'],
      ['元旦', '1月1日至3日', '', '3天'],
      ['春节', '2月5日至13日', '1月31日（周日）、2月20日（周六）上班', '9天'],
      ['清明节', '4月3日至5日', '', '3天'],
      ['劳动节', '5月1日至5日', '4月25日（周日）、5月8日（周六）上班', '5天'],
      ['端午节', '6月9日', '', '1天'],
      ['中秋节', '9月15日', '', '1天'],
      ['国庆节', '10月1日至7日', '9月26日（周日）、10月9日（周六）上班', '7天'],
    ])
      ws.addRow(row);
    const file = join(dir, '2027年节假日.xlsx');
    await wb.xlsx.writeFile(file);
    const other = await county();
    const r = await ledger(other, 'calendar', 'holidays', '--year', '2027', '--file', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('已保存2027年节假日安排（2027年节假日.xlsx）：放假29天，调休上班6天');
    const days = (f: string) => peek<object>(f, 'SELECT date, kind FROM calendar_days ORDER BY date');
    expect(days(other)).toEqual(days(db));
    // A file that is not a table is refused, nothing saved.
    const notXlsx = await ledger(other, 'calendar', 'holidays', '--year', '2026', '--file', ICS);
    expect(notXlsx.code).toBe(1);
    expect(notXlsx.err).toContain('不是可读的 .xlsx 表格');
  });

  it('semesters: a term set by hand is kept and audited; the other keeps its default; bad --set refused', async () => {
    const before = auditCount(db);
    const r = await ledger(db, 'calendar', 'semesters', '--year', '2026-2027', '--set', '2:2027-02-22..2027-07-10');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已保存2026-2027学年第二学期：2027-02-22 至 2027-07-10');
    expect(r.out).toMatch(/2026-2027学年第一学期：\S+ 至 \S+（默认日期）/);
    expect(r.out).toMatch(/2026-2027学年第二学期：2027-02-22 至 2027-07-10$/m);
    expect(
      n(
        db,
        "SELECT count(*) AS n FROM audit_log WHERE id > ? AND table_name = 'semesters' AND action = 'create'",
        before,
      ),
    ).toBe(1);
    const after = auditCount(db);
    const garbled = await ledger(db, 'calendar', 'semesters', '--year', '2026-2027', '--set', '2:明年春天');
    expect(garbled.code).toBe(1);
    expect(garbled.err).toContain('--set “2:明年春天”看不懂');
    const backwards = await ledger(
      db,
      'calendar',
      'semesters',
      '--year',
      '2026-2027',
      '--set',
      '1:2027-01-20..2026-09-01',
    );
    expect(backwards.code).toBe(1);
    expect(backwards.err).toContain('「结束日期」不能早于「开始日期」');
    const year = await ledger(db, 'calendar', 'semesters', '--year', '2026');
    expect(year.code).toBe(1);
    expect(year.err).toContain('「学年」“2026”无效');
    expect(auditCount(db)).toBe(after);
  });
  it('--clear takes her 2027 off again (the deadline is 待核 again); --notice enters it from the notice text', async () => {
    const cleared = await ledger(db, 'calendar', 'holidays', '--year', '2027', '--clear');
    expect(cleared.code).toBe(0);
    expect(cleared.out).toContain('已删除自行录入的2027年节假日安排；重新计算督办期限1件');
    expect(n(db, "SELECT count(*) AS n FROM calendar_days WHERE date LIKE '2027-%'")).toBe(0);
    expect(due()).toBe('2027-01-04');
    expect((await ledger(db, 'calendar', 'show', '--year', '2027')).out).toContain('显示为“待核”');
    const notice = join(dir, '2027通知.txt');
    writeFileSync(
      notice,
      [
        '国务院办公厅关于2027年部分节假日安排的通知（测试用示例，非官方安排）',
        '一、元旦：1月1日（周五）至3日（周日）放假，共3天。',
        '二、春节：2月5日（周五）至13日（周六）放假调休，共9天。1月31日（周日）、2月20日（周六）上班。',
        '三、清明节：4月3日（周六）至5日（周一）放假，共3天。',
        '四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。4月25日（周日）、5月8日（周六）上班。',
        '五、端午节：6月9日（周三）放假，共1天。',
        '六、中秋节：9月15日（周三）放假，共1天。',
        '七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。',
      ].join('\n'),
    );
    const r = await ledger(db, 'calendar', 'holidays', '--year', '2027', '--notice', notice);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      '已保存2027年节假日安排（2027通知.txt）：放假29天，调休上班6天；重新计算督办期限1件，其中1件不再“待核”',
    );
    expect(due()).toBe('2027-01-05');
  });
});
