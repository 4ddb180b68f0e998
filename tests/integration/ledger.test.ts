// The daily ledger through the dispatcher: contact objects, contact points, records with several
// cadres and objects, attachments, and 督办 with deadlines in official working days.
import { existsSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import { attachmentDirFor } from '../../electron/services/paths';
import type { DeletedRecord } from '../../shared/api/records';
import type { FollowUp } from '../../shared/domain/follow-up';
import type { LedgerRecord } from '../../shared/domain/record';
import { tempDbPath, tempDir } from '../support/tmp';
import { addVocabulary } from '../support/vocabulary';

const dir = tempDir();
let b: Backend;
const ids: Record<string, number> = {};

const { ok, refused } = calls(() => b);

beforeAll(async () => {
  b = await openBackend(tempDbPath(dir));
  await addVocabulary(b.dispatch, {
    unitCategories: ['学院', '职能部门'],
    roles: ['党委书记', '校长'],
    objectCategories: ['班级', '宿舍'],
  });
  ids.college = (await ok<{ id: number }>('units.create', { name: '机械学院', category: '学院' })).id;
  ids.office = (await ok<{ id: number }>('units.create', { name: '学生工作部', category: '职能部门' })).id;
  ids.zhang = (await ok<{ id: number }>('cadres.create', { name: '张三', title: '党委书记', roles: ['党委书记'] })).id;
  ids.li = (await ok<{ id: number }>('cadres.create', { name: '李四', title: '校长', roles: ['校长'] })).id;
  ids.seminar = (await ok<{ id: number }>('vocabulary.addActivityType', { name: '座谈' })).id;
  ids.lesson = (await ok<{ id: number }>('vocabulary.addActivityType', { name: '听课' })).id;
  ids.class1 = (
    await ok<{ id: number }>('objects.create', {
      name: '机械2501班',
      category: '班级',
      unitId: ids.college,
      grade: '大一',
    })
  ).id;
  ids.dorm = (await ok<{ id: number }>('objects.create', { name: '东区3号楼302', category: '宿舍' })).id;
  return () => b.close();
});

describe('contact points', () => {
  it('张三 holds 机械2501班 as 联系班级 for 2026; the same again is refused', async () => {
    const a = await ok<{ cadreName: string; objectName: string }>('assignments.create', {
      year: 2026,
      cadreId: ids.zhang,
      objectId: ids.class1,
      slot: '联系班级',
    });
    expect(a).toMatchObject({ cadreName: '张三', objectName: '机械2501班' });
    expect(
      await refused('assignments.create', { year: 2026, cadreId: ids.zhang, objectId: ids.class1, slot: '联系班级' }),
    ).toContain('2026年度这位干部已联系该对象');
    expect(await ok<unknown[]>('assignments.list', { year: 2027 })).toEqual([]);
  });
});

describe('records', () => {
  it('a joint seminar of 张三 and 李四 with two objects keeps each cadre’s 职务 of the day', async () => {
    const r = await ok<LedgerRecord>('records.create', {
      date: '2026-03-05',
      startTime: '15:00',
      endTime: '17:00',
      activityTypeId: ids.seminar,
      cadreIds: [ids.zhang, ids.li],
      objectIds: [ids.class1, ids.dorm],
      place: '机械学院会议室',
      content: '与学生代表座谈',
      opinions: '宿舍热水供应时间太短',
      companions: 2,
    });
    expect(r).toMatchObject({
      cadreNames: ['张三', '李四'],
      cadreTitles: ['党委书记', '校长'],
      objectNames: ['机械2501班', '东区3号楼302'],
      activityType: '座谈',
    });
    ids.record = r.id;
    await ok('cadres.update', { id: ids.zhang, patch: { title: '原党委书记' } });
    expect((await ok<LedgerRecord>('records.get', { id: r.id })).cadreTitles).toEqual(['党委书记', '校长']);
  });

  it('a record without a cadre, with an unknown type, or ending before it starts is refused, naming the field', async () => {
    expect(await refused('records.create', { date: '2026-03-06', activityTypeId: ids.lesson, cadreIds: [] })).toContain(
      '「领导干部」至少要有一位领导干部',
    );
    expect(await refused('records.create', { date: '2026-03-06', activityTypeId: 999, cadreIds: [ids.li] })).toContain(
      '「类型」编号为 999 的活动类型不存在',
    );
    expect(
      await refused('records.create', {
        date: '2026-03-06',
        startTime: '17:00',
        endTime: '15:00',
        activityTypeId: ids.lesson,
        cadreIds: [ids.li],
      }),
    ).toContain('结束时间不能早于开始时间');
    expect(
      await refused('records.create', { date: '2026-02-30', activityTypeId: ids.lesson, cadreIds: [ids.li] }),
    ).toContain('「日期」不是有效日期');
  });

  it('pages come sorted and filtered by the database; "zs" finds 张三’s records', async () => {
    for (let d = 10; d < 20; d++)
      await ok('records.create', { date: `2026-04-${d}`, activityTypeId: ids.lesson, cadreIds: [ids.li], hours: 2 });
    const first = await ok<{ rows: LedgerRecord[]; total: number }>('records.page', { offset: 0, limit: 3 });
    expect(first.total).toBe(11);
    expect(first.rows.map((r) => r.date)).toEqual(['2026-04-19', '2026-04-18', '2026-04-17']);
    const zs = await ok<{ rows: LedgerRecord[]; total: number }>('records.page', { filters: { cadre: 'zs' } });
    expect(zs.rows.map((r) => r.id)).toEqual([ids.record]);
    const zhangs = await ok<{ total: number }>('records.page', { filters: { cadre: 'zhangs' } });
    expect(zhangs.total).toBe(1);
    const lessons = await ok<{ rows: LedgerRecord[]; total: number }>('records.page', {
      sort: [{ field: 'date', dir: 'asc' }],
      filters: { activityTypeIds: [ids.lesson], dateFrom: '2026-04-15' },
      limit: 2,
      offset: 1,
    });
    expect(lessons.total).toBe(5);
    expect(lessons.rows.map((r) => r.date)).toEqual(['2026-04-16', '2026-04-17']);
    const text = await ok<{ total: number }>('records.page', { filters: { text: '热水' } });
    expect(text.total).toBe(1);
  });

  it('a photo is kept beside the database under its content hash, and comes back unchanged', async () => {
    const data = Buffer.from('fake jpeg bytes 座谈照片');
    const a = await ok<{ id: number; sha256: string; mime: string }>('records.attach', {
      recordId: ids.record,
      fileName: '座谈.JPG',
      dataBase64: data.toString('base64'),
    });
    expect(a.mime).toBe('image/jpeg');
    expect(readdirSync(attachmentDirFor(b.db.path))).toEqual([`${a.sha256}.jpg`]);
    const back = await ok<{ dataBase64: string }>('records.readAttachment', { id: a.id });
    expect(Buffer.from(back.dataBase64, 'base64').equals(data)).toBe(true);
  });

  it('a deleted record comes back with its cadres, objects, attachment and follow-up link', async () => {
    const f = await ok<FollowUp>('followUps.create', {
      raisedDate: '2026-03-05',
      recordId: ids.record,
      matter: '延长宿舍热水供应时间',
    });
    const gone = await ok<DeletedRecord>('records.delete', { id: ids.record });
    expect(gone.attachments).toHaveLength(1);
    expect(gone.followUpIds).toEqual([f.id]);
    expect((await ok<FollowUp>('followUps.update', { id: f.id, patch: {} })).recordId).toBeNull();
    const back = await ok<LedgerRecord>('records.restore', gone);
    expect(back).toEqual(gone.record);
    expect((await ok<FollowUp[]>('followUps.list', {})).find((x) => x.id === f.id)?.recordId).toBe(ids.record);
    expect(existsSync(attachmentDirFor(b.db.path))).toBe(true);
  });
});

describe('督办', () => {
  it('handed over on 2026-09-28 with 5 working days: due 2026-10-10, across National Day and its make-up Saturday', async () => {
    const f = await ok<FollowUp>('followUps.create', {
      raisedDate: '2026-09-25',
      matter: '食堂价格公示',
      departmentId: ids.office,
      assignedDate: '2026-09-28',
      limitDays: 5,
    });
    expect(f).toMatchObject({
      status: '已交办',
      dueDate: '2026-10-10',
      dueDateUncertain: false,
      departmentName: '学生工作部',
    });
  });

  it('a deadline in a year with no holiday schedule is flagged as uncertain', async () => {
    const f = await ok<FollowUp>('followUps.create', {
      raisedDate: '2035-12-20',
      matter: '图书馆开放时间',
      departmentId: ids.office,
      assignedDate: '2035-12-21',
      limitDays: 10,
    });
    expect(f.dueDateUncertain).toBe(true);
  });

  it('dates out of order and a status without its dates are refused', async () => {
    expect(
      await refused('followUps.create', {
        raisedDate: '2026-05-10',
        matter: 'x',
        departmentId: ids.office,
        assignedDate: '2026-05-01',
      }),
    ).toContain('「交办日期」不能早于「提出日期」');
    expect(await refused('followUps.create', { raisedDate: '2026-05-10', matter: 'x', status: '已办结' })).toContain(
      '状态为“已办结”时须填写「承办部门」、「交办日期」、「办结日期」',
    );
  });
});

import { verifyLedger } from '../../electron/services/audit';
import { calls } from '../support/calls';

describe('the audit trail after deleting and restoring a record', () => {
  it('finds nothing changed outside the app', async () => {
    const r = await ok<LedgerRecord>('records.create', {
      date: '2026-06-01',
      activityTypeId: ids.seminar,
      cadreIds: [ids.li],
      opinions: '路灯不亮',
    });
    const f = await ok<FollowUp>('followUps.create', { raisedDate: '2026-06-01', recordId: r.id, matter: '修路灯' });
    const gone = await ok<DeletedRecord>('records.delete', { id: r.id });
    await ok('records.restore', gone);
    const report = verifyLedger(b.ctx);
    expect(report.chainBreaks).toEqual([]);
    expect(report.findings).toEqual([]);
    expect(f.recordId).toBe(r.id);
  });
});

describe('opening an attachment with the system viewer', () => {
  it('hands the ledger’s own file to the host, checked against its hash; without a desktop it says so', async () => {
    const opened: string[] = [];
    const withDesktop = await openBackend(tempDbPath(dir), { openPath: async (f) => void opened.push(f) });
    const c = await withDesktop.dispatch('cadres.create', { name: '王五' });
    const t = await withDesktop.dispatch('vocabulary.addActivityType', { name: '走访' });
    if (!c.ok || !t.ok) throw new Error('setup failed');
    const r = await withDesktop.dispatch('records.create', {
      date: '2026-07-01',
      activityTypeId: (t.value as { id: number }).id,
      cadreIds: [(c.value as { id: number }).id],
    });
    if (!r.ok) throw new Error(r.error.message);
    const a = await withDesktop.dispatch('records.attach', {
      recordId: (r.value as { id: number }).id,
      fileName: '纪要.pdf',
      dataBase64: Buffer.from('%PDF-1.4 纪要').toString('base64'),
    });
    if (!a.ok) throw new Error(a.error.message);
    const id = (a.value as { id: number }).id;
    expect(await withDesktop.dispatch('records.openAttachment', { id })).toMatchObject({ ok: true });
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatch(/\.attachments\/[0-9a-f]{64}\.pdf$/);
    withDesktop.close();

    expect(await b.dispatch('records.openAttachment', { id: 1 })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
