// The ledger workbook as a secretary uses it: download the template, fill it in, import it (all or
// nothing, every error named by sheet, row, column, value and reason), export the ledger and read it back.
import ExcelJS from 'exceljs';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../electron/services/audit';
import { openBackend, type Backend } from '../../electron/services/backend';
import { applyPreset, loadPreset } from '../../electron/services/presets';
import { presetsDir } from '../../electron/services/resources';
import type { ImportResult, UnknownValue, WorkbookFile } from '../../shared/api/workbook';
import type { ErrorPayload, FieldIssue } from '../../shared/errors';
import { tempDbPath, tempDir } from '../support/tmp';
import { addVocabulary } from '../support/vocabulary';
import type { Vocabulary } from '../../shared/api/vocabulary';

const dir = tempDir('ledger-workbook-');
const now = () => new Date('2026-11-20T10:00:00+08:00');
const open = () => openBackend(tempDbPath(dir), { now });
/**
 * A new ledger whose lists are set (as a preset or 设置 → 词汇 would): the workbook's 类型, 级别, 角色 and 类别
 * must be among them.
 */
const TYPES = ['座谈', '听课', '调研', '走访'];
const LISTS = {
  unitCategories: ['学院', '职能部门', '直属单位'],
  levels: ['校级', '正处级', '副处级'],
  roles: ['党委书记', '班子成员', '院长', '分管教学'],
  objectCategories: ['学院', '班级', '高层次人才'],
};
async function openWithTypes(): Promise<Backend> {
  const b = await open();
  for (const name of TYPES) await ok(b, 'vocabulary.addActivityType', { name });
  await addVocabulary(b.dispatch, LISTS);
  return b;
}

async function ok<T>(b: Backend, method: string, input: unknown): Promise<T> {
  const r = await b.dispatch(method, input);
  if (!r.ok) throw new Error(`${method} refused: ${r.error.message}\n${JSON.stringify(r.error.issues?.slice(0, 5))}`);
  return r.value as T;
}

async function refused(b: Backend, method: string, input: unknown): Promise<ErrorPayload> {
  const r = await b.dispatch(method, input);
  if (r.ok) throw new Error(`${method} was accepted: ${JSON.stringify(r.value).slice(0, 500)}`);
  return r.error;
}

const file = (data: Buffer, fileName = '台账.xlsx'): WorkbookFile => ({
  fileName,
  dataBase64: data.toString('base64'),
});
const count = (b: Backend, table: string) =>
  (b.db.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Everything a secretary sees in the ledger, by names (ids differ between files). */
function content(b: Backend) {
  const q = (sql: string) => b.db.sqlite.prepare(sql).all();
  return {
    units: q(`SELECT u.name, u.category, p.name AS parent, u.note FROM units u LEFT JOIN units p ON p.id = u.parent_id
              ORDER BY u.name, parent`),
    cadres:
      q(`SELECT c.name, c.title, c.level, u.name AS unit, c.party_member, c.term_start, c.term_end, c.note, c.pinyin,
                 (SELECT group_concat(role, '、') FROM (SELECT role FROM cadre_roles r WHERE r.cadre_id = c.id ORDER BY role)) AS roles
               FROM cadres c LEFT JOIN units u ON u.id = c.unit_id ORDER BY c.name, unit`),
    objects: q(`SELECT o.name, o.category, u.name AS unit, o.grade, o.note FROM contact_objects o
                LEFT JOIN units u ON u.id = o.unit_id ORDER BY o.name, o.category, unit`),
    assignments:
      q(`SELECT a.year, c.name AS cadre, cu.name AS cadre_unit, o.name AS object, a.slot, a.start_date, a.end_date, a.note
                    FROM assignments a JOIN cadres c ON c.id = a.cadre_id LEFT JOIN units cu ON cu.id = c.unit_id
                    JOIN contact_objects o ON o.id = a.object_id ORDER BY 1, 2, 3, 4, 5`),
    records:
      q(`SELECT r.date, r.start_time, r.end_time, t.name AS type, r.place, r.content, r.opinions, r.implementation,
                  r.hours, r.days, r.companions,
                  (SELECT group_concat(c.name || '/' || ifnull(u.name, '') || '/' || rc.title, '、') FROM record_cadres rc
                     JOIN cadres c ON c.id = rc.cadre_id LEFT JOIN units u ON u.id = c.unit_id
                     WHERE rc.record_id = r.id ORDER BY rc.position) AS cadres,
                  (SELECT group_concat(o.name, '、') FROM record_objects ro JOIN contact_objects o ON o.id = ro.object_id
                     WHERE ro.record_id = r.id ORDER BY ro.position) AS objects
                FROM records r JOIN activity_types t ON t.id = r.activity_type_id
                ORDER BY r.date, r.start_time, type, cadres, objects, r.content`),
    followUps:
      q(`SELECT f.raised_date, f.source, f.matter, f.raiser, u.name AS department, f.limit_days, f.assigned_date,
                    f.due_date, f.feedback_date, f.closed_date, f.status, f.result,
                    r.date AS record_date, t.name AS record_type
                  FROM follow_ups f LEFT JOIN units u ON u.id = f.department_id
                  LEFT JOIN records r ON r.id = f.record_id LEFT JOIN activity_types t ON t.id = r.activity_type_id
                  ORDER BY 1, 3, 4`),
    activityTypes: q('SELECT name FROM activity_types ORDER BY name'),
    objectCategories: q('SELECT name, kind FROM object_categories ORDER BY name'),
  };
}

/** The template filled in with exceljs as a secretary would in Excel: rows appended under each header. */
async function filled(
  template: Buffer,
  rows: Record<string, (string | number | Date | null)[][]>,
  edit?: (wb: ExcelJS.Workbook) => void,
) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  for (const [sheet, list] of Object.entries(rows)) {
    const ws = wb.getWorksheet(sheet)!;
    const headers = (ws.getRow(1).values as string[]).slice(1);
    for (const r of list)
      ws.addRow(r.length === headers.length ? r : [...r, ...Array(headers.length - r.length).fill(null)]);
  }
  edit?.(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const UNITS = [
  ['机械学院', '学院', null, null],
  ['计算机学院', '学院', null, null],
  ['党委办公室', '职能部门', null, null],
  ['后勤处（集团）', '直属单位', null, null],
];
const CADRES = [
  ['赵敏', '党委书记', '校级', '党委书记、班子成员', null, '是', '2021/3/1', null, null],
  ['张伟', '机械学院院长', '正处级', '院长', '机械学院', '是', '2022年9月1日', null, null],
  ['张伟', '计算机学院副院长', '副处级', '分管教学', '计算机学院', '否', '2023-01-05', null, null],
  ['李强', '党委办公室主任', '正处级', null, '党委办公室', '是', null, null, null],
];
const OBJECTS = [
  ['机械学院', '学院', '机械学院', null, null],
  ['机械2301班', '班级', '机械学院', '大三', null],
  ['王教授', '高层次人才', '计算机学院', null, '太行学者'],
];
// 日期 header order: 日期 开始时间 结束时间 领导干部 类型 地点 联系对象 学时 天数 随员人数 开展情况 意见和建议 落实情况
const RECORDS = [
  [
    '2026-03-05',
    '15:00',
    '17:00',
    '赵敏、张伟（机械学院）',
    '座谈',
    '机械学院会议室',
    '机械学院、机械2301班',
    null,
    null,
    2,
    '与师生代表座谈',
    '食堂价格偏高',
    '已交后勤处',
  ],
  [
    '2026/3/10',
    '08:00',
    '09:40',
    '张伟（计算机学院）',
    '听课',
    '理科楼',
    '机械2301班',
    2,
    null,
    null,
    '随机听课',
    null,
    null,
  ],
  ['2026年4月2日', null, null, '李强', '调研', null, '王教授', null, 1, 0, '走访高层次人才', null, null],
];
const FOLLOW_UPS = [
  [
    '2026-03-05',
    '2026-03-05 15:00 赵敏、张伟（机械学院） 座谈',
    '食堂价格偏高',
    '学生代表',
    '后勤处（集团）',
    10,
    '2026-03-06',
    '2026-03-13',
    '2026-03-20',
    '已办结',
    '已增设特价窗口',
  ],
  ['2026-03-12', '意见箱', '图书馆座位不足', null, null, null, null, null, null, null, null],
];
const ALL = { 单位: UNITS, 干部: CADRES, 联系对象: OBJECTS, 联系记录: RECORDS, 督办事项: FOLLOW_UPS };

let template: Buffer;
beforeAll(async () => {
  const b = await open();
  const t = await ok<WorkbookFile>(b, 'workbook.template', {});
  expect(t.fileName).toBe('联系群众工作台账-导入模板.xlsx');
  template = Buffer.from(t.dataBase64, 'base64');
  b.close();
});

describe('the template', () => {
  it('has the six sheets with their Chinese headers, a frozen styled header row, and a 说明 sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '说明',
      '单位',
      '干部',
      '联系对象',
      '联系点',
      '联系记录',
      '督办事项',
    ]);
    const ws = wb.getWorksheet('联系记录')!;
    expect((ws.getRow(1).values as string[]).slice(1)).toEqual([
      '日期',
      '开始时间',
      '结束时间',
      '领导干部',
      '类型',
      '地点',
      '联系对象',
      '学时',
      '天数',
      '随员人数',
      '联系工作开展情况',
      '意见和建议',
      '落实情况',
    ]);
    expect((wb.getWorksheet('督办事项')!.getRow(1).values as string[]).slice(1)).toEqual([
      '提出日期',
      '来源',
      '事项',
      '反映人',
      '承办部门',
      '办理时限（工作日）',
      '交办日期',
      '反馈日期',
      '办结日期',
      '状态',
      '办理结果',
    ]);
    expect(ws.rowCount).toBe(1);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.getColumn(11).width).toBeGreaterThan(30);
  });

  it('imported empty, it writes nothing', async () => {
    const b = await open();
    const r = await ok<ImportResult>(b, 'workbook.import', file(template));
    expect(r.sheets.every((s) => s.imported === 0 && s.skipped === 0)).toBe(true);
    b.close();
  });
});

describe('a filled-in template', () => {
  it('one wrong date in 联系记录: nothing is written, and the error names the sheet, row, 日期, the value and why', async () => {
    const b = await openWithTypes();
    const wrong = RECORDS.map((r, i) => (i === 1 ? ['2026-13-45', ...r.slice(1)] : r));
    const before = count(b, 'audit_log');
    const err = await refused(b, 'workbook.import', file(await filled(template, { ...ALL, 联系记录: wrong })));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toContain('没有导入任何内容');
    expect(err.issues).toEqual([
      expect.objectContaining({
        sheet: '联系记录',
        row: 3,
        field: '日期',
        value: '2026-13-45',
        message: '不是有效日期（格式如 2026-03-05）',
      }),
    ]);
    for (const t of ['units', 'cadres', 'contact_objects', 'records', 'follow_ups']) expect(count(b, t), t).toBe(0);
    expect(count(b, 'activity_types')).toBe(TYPES.length);
    expect(count(b, 'audit_log')).toBe(before);

    // Fixed, the same file goes in whole.
    const r = await ok<ImportResult>(b, 'workbook.import', file(await filled(template, ALL)));
    expect(r.sheets).toEqual([
      { sheet: '单位', imported: 4, skipped: 0 },
      { sheet: '干部', imported: 4, skipped: 0 },
      { sheet: '联系对象', imported: 3, skipped: 0 },
      { sheet: '联系点', imported: 0, skipped: 0 },
      { sheet: '联系记录', imported: 3, skipped: 0 },
      { sheet: '督办事项', imported: 2, skipped: 0 },
    ]);
    // The file's words are the ledger's own: nothing was added to any list.
    expect(r.newVocabulary).toEqual({ activityTypes: [], objectCategories: [] });
    expect(r.backupPath).toBeNull();
    expect(b.db.sqlite.prepare('SELECT name FROM object_categories ORDER BY id').pluck().all()).toEqual(
      LISTS.objectCategories,
    );

    // Dates in three spellings, 是/否, several cadres, the 职务 snapshot, the follow-up tied to its record.
    const c = content(b);
    expect((c.cadres as Record<string, unknown>[]).map((x) => [x.name, x.unit, x.party_member, x.term_start])).toEqual([
      ['张伟', '机械学院', 1, '2022-09-01'],
      ['张伟', '计算机学院', 0, '2023-01-05'],
      ['李强', '党委办公室', 1, null],
      ['赵敏', null, 1, '2021-03-01'],
    ]);
    expect(
      (c.records as Record<string, unknown>[]).map((x) => [x.date, x.type, x.cadres, x.objects, x.hours, x.days]),
    ).toEqual([
      ['2026-03-05', '座谈', '赵敏//党委书记、张伟/机械学院/机械学院院长', '机械学院、机械2301班', null, null],
      ['2026-03-10', '听课', '张伟/计算机学院/计算机学院副院长', '机械2301班', 2, null],
      ['2026-04-02', '调研', '李强/党委办公室/党委办公室主任', '王教授', null, 1],
    ]);
    expect(c.followUps[0]).toMatchObject({
      record_date: '2026-03-05',
      record_type: '座谈',
      status: '已办结',
      due_date: '2026-03-20',
    });
    expect(c.followUps[1]).toMatchObject({ source: '意见箱', status: '待交办', record_date: null });

    // Every row written is named in the import's batch entries (action 'import'), and the chain holds.
    const audits = b.db.sqlite
      .prepare("SELECT table_name, after FROM audit_log WHERE action = 'import' AND row_id IS NULL")
      .all() as { table_name: string; after: string }[];
    const named: Record<string, number> = {};
    for (const a of audits)
      named[a.table_name] = (named[a.table_name] ?? 0) + (JSON.parse(a.after) as { rows: number }).rows;
    expect(named).toEqual({
      units: 4,
      cadres: 4,
      contact_objects: 3,
      records: 3,
      follow_ups: 2,
    });
    expect(verifyAuditChain(b.ctx).breaks).toEqual([]);
    b.close();
  });

  it('lists every error of every sheet at once, row by row', async () => {
    const b = await openWithTypes();
    const data = await filled(template, {
      ...ALL,
      干部: [...CADRES, ['', '副校长', '校级', null, '无此单位', '也许', '2026-02-30', null, null]],
      联系记录: [
        ...RECORDS,
        ['2026-05-06', '25:00', null, '张伟', '座谈', null, '不存在的班', '两小时', null, null, null, null, null],
        [null, null, null, null, null, null, null, null, null, null, '只写了内容', null, null],
        // A name twice in one cell, next to one not found.
        ['2026-05-07', null, null, '赵敏、李强、赵敏', '调研', null, '王教授、机械学院、王教授、无此人'],
      ],
      督办事项: [...FOLLOW_UPS, ['2026-05-01', '电话', '', null, '无此部门', 0, null, null, null, '办完了', null]],
    });
    const err = await refused(b, 'workbook.import', file(data));
    const lines = err.issues!.map((i: FieldIssue) => `${i.sheet}|${i.row}|${i.field}|${i.value}|${i.message}`);
    expect(lines).toEqual([
      '干部|6|姓名||不能为空',
      '干部|6|所在单位|无此单位|找不到名为“无此单位”的单位（请先在「单位」表或台账中添加，或检查是否写错）',
      '干部|6|党员|也许|只能是“是”或“否”',
      '干部|6|任职开始|2026-02-30|不是有效日期（格式如 2026-03-05）',
      '联系记录|5|开始时间|25:00|不是有效时间（格式如 15:00）',
      '联系记录|5|领导干部|张伟|有2个名为“张伟”的干部：“张伟（机械学院）”、“张伟（计算机学院）”，请写成“名称（所属单位）”以区分',
      '联系记录|5|联系对象|不存在的班|找不到名为“不存在的班”的联系对象（请先在「联系对象」表或台账中添加，或检查是否写错）',
      '联系记录|5|学时|两小时|必须是数字',
      '联系记录|6|日期||不能为空',
      '联系记录|6|领导干部||至少要有一位领导干部',
      '联系记录|6|类型||不能为空',
      '联系记录|7|领导干部|赵敏、李强、赵敏|“赵敏”填了两次',
      '联系记录|7|联系对象|王教授、机械学院、王教授、无此人|“王教授”填了两次',
      '联系记录|7|联系对象|王教授、机械学院、王教授、无此人|找不到名为“无此人”的联系对象（请先在「联系对象」表或台账中添加，或检查是否写错）',
      expect.stringMatching(/^督办事项\|4\|来源\|电话\|无法识别的来源/),
      '督办事项|4|事项||不能为空',
      '督办事项|4|承办部门|无此部门|找不到名为“无此部门”的单位（请先在「单位」表或台账中添加，或检查是否写错）',
      '督办事项|4|办理时限（工作日）|0|至少1个工作日',
      '督办事项|4|状态|办完了|只能是 待交办、已交办、已反馈 或 已办结',
    ]);
    expect(count(b, 'cadres') + count(b, 'records') + count(b, 'units')).toBe(0);
    b.close();
  });

  it('names: 名称（所属单位） tells namesakes apart; a bracketed unit name such as 后勤处（集团） is still a name', async () => {
    const b = await openWithTypes();
    await ok(b, 'workbook.import', file(await filled(template, ALL)));
    const more = await filled(template, {
      联系记录: [
        ['2026-06-01', null, null, '张伟（计算机学院）', '走访', null, null, null, null, null, '走访', null, null],
        [
          '2026-06-02',
          null,
          null,
          '张伟（计算机学院副院长）',
          '走访',
          null,
          null,
          null,
          null,
          null,
          '按职务区分',
          null,
          null,
        ],
      ],
      督办事项: [
        ['2026-06-01', '来访', '宿舍漏水', null, '后勤处（集团）', 5, '2026-06-02', null, null, '已交办', null],
      ],
    });
    const r = await ok<ImportResult>(b, 'workbook.import', file(more));
    expect(r.sheets.find((s) => s.sheet === '联系记录')).toEqual({ sheet: '联系记录', imported: 2, skipped: 0 });
    expect(r.newVocabulary.activityTypes).toEqual([]);
    const err = await refused(
      b,
      'workbook.import',
      file(
        await filled(template, {
          联系记录: [
            ['2026-06-03', null, null, '张伟（外国语学院）', '走访', null, null, null, null, null, 'x', null, null],
          ],
        }),
      ),
    );
    expect(err.issues![0]!.message).toBe(
      '没有“外国语学院”的干部“张伟”，已有的是：“张伟（机械学院）”、“张伟（计算机学院）”',
    );
    b.close();
  });

  it('importing the same file again adds nothing; a longer file adds only what is new, after a backup', async () => {
    const b = await openWithTypes();
    const data = await filled(template, ALL);
    await ok(b, 'workbook.import', file(data));
    const audits = count(b, 'audit_log');
    const again = await ok<ImportResult>(b, 'workbook.import', file(data));
    expect(again.sheets.map((s) => [s.imported, s.skipped])).toEqual([
      [0, 4],
      [0, 4],
      [0, 3],
      [0, 0],
      [0, 3],
      [0, 2],
    ]);
    expect(again.backupPath).toBeNull();
    expect(count(b, 'audit_log')).toBe(audits);

    const longer = await filled(template, {
      ...ALL,
      联系记录: [
        ...RECORDS,
        ['2026-04-08', null, null, '赵敏', '听课', null, '机械2301班', 2, null, null, '随机听课', null, null],
      ],
    });
    const r = await ok<ImportResult>(b, 'workbook.import', file(longer));
    expect(r.sheets.find((s) => s.sheet === '联系记录')).toEqual({ sheet: '联系记录', imported: 1, skipped: 3 });
    expect(r.backupPath).toMatch(/\.backups[/\\].*before-import.*\.sqlite$/);
    expect(existsSync(r.backupPath!)).toBe(true);
    expect(count(b, 'records')).toBe(4);
    b.close();
  });

  it('headers are matched without spaces and in any order; unknown columns are reported and ignored; Excel dates and times work', async () => {
    const b = await openWithTypes();
    const data = await filled(template, {}, (wb) => {
      const ws = wb.getWorksheet('单位')!;
      ws.spliceRows(1, 1, ['序号', '类  别', ' 名称 ', '上级单位', '备　注']);
      ws.addRow([1, '学院', '机械学院', null, null]);
      const rec = wb.getWorksheet('干部')!;
      rec.addRow(['赵敏', '党委书记', '校级', null, null, '是', new Date(Date.UTC(2021, 2, 1)), null, null]);
      const r = wb.getWorksheet('联系记录')!;
      r.addRow([
        new Date(Date.UTC(2026, 2, 5)),
        new Date(Date.UTC(1899, 11, 30, 15, 0)),
        '17:30',
        '赵敏',
        '座谈',
        null,
        null,
        null,
        null,
        null,
        '座谈',
        null,
        null,
      ]);
      r.getCell('A2').numFmt = 'yyyy-mm-dd';
      r.getCell('B2').numFmt = 'hh:mm';
    });
    const r = await ok<ImportResult>(b, 'workbook.import', file(data));
    expect(r.warnings).toEqual(['「单位」表的“序号”列不是模板中的列，已忽略']);
    expect(b.db.sqlite.prepare('SELECT name, category FROM units').all()).toEqual([
      { name: '机械学院', category: '学院' },
    ]);
    expect(b.db.sqlite.prepare('SELECT term_start FROM cadres').get()).toEqual({ term_start: '2021-03-01' });
    expect(b.db.sqlite.prepare('SELECT date, start_time, end_time FROM records').get()).toEqual({
      date: '2026-03-05',
      start_time: '15:00',
      end_time: '17:30',
    });
    b.close();
  });
});

describe('what a secretary types wrong or leaves out', () => {
  it('a mistyped 类型 (听客) is refused with the allowed types listed, and nothing is written', async () => {
    const b = await openWithTypes();
    const data = await filled(template, {
      ...ALL,
      联系记录: RECORDS.map((r, i) => (i === 1 ? [...r.slice(0, 4), '听客', ...r.slice(5)] : r)),
    });
    const err = await refused(b, 'workbook.import', file(data));
    expect(err.issues).toEqual([
      expect.objectContaining({
        sheet: '联系记录',
        row: 3,
        field: '类型',
        value: '听客',
        message:
          '“听客”不是本台账的活动类型，应为以下之一：座谈、听课、调研、走访（可在导入时把它对应到其中之一，或先在「设置 → 词汇」中添加）',
      }),
    ]);
    expect(b.db.sqlite.prepare('SELECT name FROM activity_types ORDER BY id').pluck().all()).toEqual(TYPES);
    expect(count(b, 'records') + count(b, 'cadres')).toBe(0);
    b.close();
  });

  it('正处 and 书记 are not on the lists: refused naming the allowed values; asked about, mapped, they import as listed', async () => {
    const b = await openWithTypes();
    const data = await filled(template, {
      ...ALL,
      干部: CADRES.map((c, i) => (i === 1 ? c.map((v, j) => (j === 2 ? '正处' : j === 3 ? '书记、院长' : v)) : c)),
    });
    const err = await refused(b, 'workbook.import', file(data));
    expect(err.issues).toEqual([
      expect.objectContaining({
        sheet: '干部',
        row: 3,
        field: '级别',
        value: '正处',
        message: expect.stringContaining('“正处”不是本台账的级别，应为以下之一：校级、正处级、副处级'),
      }),
      expect.objectContaining({ sheet: '干部', row: 3, field: '角色', value: '书记' }),
    ]);
    expect(count(b, 'cadres')).toBe(0);
    // What the app asks before importing: each value the lists lack, where it is and how often.
    const unknown = await ok<UnknownValue[]>(b, 'workbook.unknownValues', file(data));
    expect(unknown).toEqual([
      expect.objectContaining({ list: 'levels', label: '级别', value: '正处', rows: 1, where: '「干部」表的“级别”' }),
      expect.objectContaining({ list: 'roles', value: '书记', allowed: LISTS.roles }),
    ]);
    // A mapping onto a value the list lacks is refused; onto listed ones, the file imports as the ledger says.
    expect(
      (
        await refused(b, 'workbook.import', {
          ...file(data),
          mappings: [{ list: 'levels', from: '正处', to: '正处长' }],
        })
      ).message,
    ).toContain('“正处长”不在本台账的级别列表中');
    await ok(b, 'workbook.import', {
      ...file(data),
      mappings: [
        { list: 'levels', from: '正处', to: '正处级' },
        { list: 'roles', from: '书记', to: '党委书记' },
      ],
    });
    const zhang = b.db.sqlite.prepare("SELECT id, level FROM cadres WHERE title = '机械学院院长'").get() as {
      id: number;
      level: string;
    };
    expect(zhang.level).toBe('正处级');
    expect(
      b.db.sqlite.prepare('SELECT role FROM cadre_roles WHERE cadre_id = ? ORDER BY role').pluck().all(zhang.id),
    ).toEqual(['党委书记', '院长']);
    expect(
      b.db.sqlite.prepare("SELECT count(*) FROM vocabulary_terms WHERE name IN ('正处', '书记')").pluck().get(),
    ).toBe(0);
    b.close();
  });

  it('a ledger with no activity types yet says how to get them', async () => {
    const b = await open();
    const err = await refused(b, 'workbook.import', file(await filled(template, ALL)));
    const type = err.issues!.find((i) => i.field === '类型')!;
    expect(type).toMatchObject({ sheet: '联系记录', field: '类型', value: '座谈' });
    expect(type.message).toContain('本台账还没有活动类型');
    expect(type.message).toContain('载入制度预设');
    b.close();
  });

  it('a workbook with only 联系记录 imports into a ledger that has the people', async () => {
    const b = await openWithTypes();
    await ok(b, 'workbook.import', file(await filled(template, { 单位: UNITS, 干部: CADRES, 联系对象: OBJECTS })));
    const only = await filled(template, { 联系记录: RECORDS }, (wb) => {
      for (const n of ['单位', '干部', '联系对象', '联系点', '督办事项']) wb.removeWorksheet(wb.getWorksheet(n)!.id);
    });
    const r = await ok<ImportResult>(b, 'workbook.import', file(only, '联系记录.xlsx'));
    expect(r.sheets.find((x) => x.sheet === '联系记录')).toEqual({ sheet: '联系记录', imported: 3, skipped: 0 });
    expect(r.sheets.filter((x) => x.sheet !== '联系记录').every((x) => x.imported === 0)).toBe(true);
    expect(count(b, 'records')).toBe(3);
    b.close();
  });

  it('a 督办 whose 来源 names one of the two cadres of a joint 座谈 is tied to that record', async () => {
    const b = await openWithTypes();
    const data = await filled(template, {
      ...ALL,
      督办事项: [
        [
          '2026-03-05',
          '2026-03-05 张伟（机械学院） 座谈',
          '宿舍热水时有时无',
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
        ],
        ['2026-03-05', '2026-03-05 赵敏 座谈', '食堂排队时间长', null, null, null, null, null, null, null, null],
      ],
    });
    await ok(b, 'workbook.import', file(data));
    const rows = b.db.sqlite
      .prepare(
        `SELECT f.matter, r.date, t.name AS type,
                (SELECT group_concat(c.name, '、') FROM record_cadres rc JOIN cadres c ON c.id = rc.cadre_id
                  WHERE rc.record_id = r.id ORDER BY rc.position) AS cadres
           FROM follow_ups f JOIN records r ON r.id = f.record_id JOIN activity_types t ON t.id = r.activity_type_id
          ORDER BY f.id`,
      )
      .all();
    expect(rows).toEqual([
      { matter: '宿舍热水时有时无', date: '2026-03-05', type: '座谈', cadres: '赵敏、张伟' },
      { matter: '食堂排队时间长', date: '2026-03-05', type: '座谈', cadres: '赵敏、张伟' },
    ]);
    b.close();
  });
});

describe('files that are not a ledger workbook are refused whole', () => {
  const cases: [string, () => Promise<Buffer>, RegExp][] = [
    ['not a zip', async () => Buffer.from('姓名,职务\n张三,校长\n'), /不是 Excel 工作簿（\.xlsx）文件/],
    [
      'an old .xls',
      async () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]),
      /旧版 Excel（\.xls）/,
    ],
    ['truncated', async () => (await filled(template, ALL)).subarray(0, 4000), /文件不完整/],
    ['empty', async () => Buffer.alloc(0), /空/],
    [
      'none of the six sheets',
      () =>
        filled(template, {}, (wb) => {
          for (const n of ['单位', '干部', '联系对象', '联系点', '联系记录', '督办事项'])
            wb.removeWorksheet(wb.getWorksheet(n)!.id);
          wb.addWorksheet('Sheet1').addRow(['姓名', '职务']);
        }),
      /没有台账工作簿的任何一张表/,
    ],
    [
      'an empty sheet',
      () =>
        filled(template, ALL, (wb) => {
          wb.removeWorksheet(wb.getWorksheet('督办事项')!.id);
          wb.addWorksheet('督办事项');
        }),
      /「督办事项」工作表“督办事项”是空的/,
    ],
    [
      'a header missing',
      () => filled(template, ALL, (wb) => wb.getWorksheet('联系记录')!.spliceColumns(8, 2)),
      /「联系记录」缺少列：学时、天数/,
    ],
  ];
  for (const [what, make, message] of cases)
    it(what, async () => {
      const b = await open();
      const r = await b.dispatch('workbook.import', {
        fileName: 'x.xlsx',
        dataBase64: (await make()).toString('base64'),
      });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.message).toMatch(message);
      expect(count(b, 'units') + count(b, 'cadres') + count(b, 'records') + count(b, 'audit_log')).toBe(0);
      b.close();
    });
});

describe('export → import round trip', () => {
  let a: Backend;
  let exported: WorkbookFile;
  beforeAll(async () => {
    a = await open();
    await ok(a, 'demo.generate', { year: 2026, seed: 7 });
    exported = await ok<WorkbookFile>(a, 'workbook.export', {});
  });
  afterAll(() => a.close());

  it('a demo ledger exported and imported into an empty file gives the same ledger, compared by names', async () => {
    expect(exported.fileName).toBe('联系群众工作台账-20261120.xlsx');
    // As a secretary would: a new ledger started from the same regulation, then the workbook.
    const b = await open();
    applyPreset(b.ctx, loadPreset(presetsDir(), '002'));
    // The workbook carries no lists: the new ledger is given the demo university's (设置 → 词汇).
    const v = await ok<Vocabulary>(a, 'vocabulary.get', {});
    const names = (t: { name: string }[]) => t.map((x) => x.name);
    await addVocabulary(b.dispatch, {
      levels: names(v.levels),
      roles: names(v.roles),
      unitCategories: names(v.unitCategories),
      objectCategories: names(v.objectCategories),
    });
    const r = await ok<ImportResult>(b, 'workbook.import', exported);
    expect(r.warnings).toEqual([]);
    expect(r.newVocabulary).toEqual({ activityTypes: [], objectCategories: [] });
    const before = content(a);
    const after = content(b);
    for (const k of Object.keys(before) as (keyof typeof before)[]) expect(after[k], k).toEqual(before[k]);
    expect(after.records.length).toBeGreaterThan(2000);
    b.close();
  });

  it('exported dates are text and read back as typed', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(exported.dataBase64, 'base64') as unknown as ArrayBuffer);
    const cell = wb.getWorksheet('联系记录')!.getCell('A2');
    expect(typeof cell.value).toBe('string');
    expect(cell.value).toMatch(/^2026-\d\d-\d\d$/);
  });
});
