// 延期至 (schema v6): a 督办 item's approved extension, kept in the ledger, audited, and read by a staged deadline
// rule that allows an extension of at most so many days. A ledger written before v6 keeps verifying after the
// column is added.
import { describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import { appendAudit } from '../../electron/services/audit';
import { migrations } from '../../migrations/index';
import type { FollowUp } from '../../shared/domain/follow-up';
import type { EvaluationResult } from '../../shared/api/evaluation';
import { okOn as ok, refusalOn } from '../support/calls';
import { tempDbPath, tempDir } from '../support/tmp';
import { addVocabulary } from '../support/vocabulary';

const dir = tempDir();
const now = () => new Date('2026-06-30T08:00:00Z');

const refused = async (b: Backend, method: string, input: unknown) => (await refusalOn(b, method, input)).message;

describe('延期至 on a 督办 item', () => {
  it('a ledger written before v6 gains the column empty and still verifies clean', async () => {
    const path = tempDbPath(dir);
    const old = await openBackend(path, { now, migrations: migrations.filter((m) => m.version !== 6) });
    await addVocabulary(old.dispatch, { unitCategories: ['职能部门'] });
    const unit = await ok<{ id: number }>(old, 'units.create', { name: '后勤处', category: '职能部门' });
    // Written as the v5 service wrote an item (this code already knows the v6 column): the row, one entry.
    old.db.tx(() => {
      const at = now().toISOString();
      const row = old.db.sqlite
        .prepare(
          `INSERT INTO follow_ups (raised_date, source, matter, raiser, department_id, limit_days, assigned_date,
             due_date, status, result, created_at, updated_at)
           VALUES ('2026-03-02', '来信', '宿舍热水供应不足', '', ?, 10, '2026-03-02', '2026-03-16', '已交办', '', ?, ?)`,
        )
        .run(unit.id, at, at);
      appendAudit(old.ctx, { action: 'create', table: 'follow_ups', rowId: Number(row.lastInsertRowid) });
    });
    old.close();
    const b = await openBackend(path, { now });
    const [f] = await ok<FollowUp[]>(b, 'followUps.list', {});
    expect(f!.extendedDate).toBeNull();
    expect(await ok(b, 'audit.verify', {})).toMatchObject({ ok: true, findings: [], chainBreaks: [] });
    // Filled in through the app: audited with the field named, and the trail still verifies.
    const after = await ok<FollowUp>(b, 'followUps.update', { id: f!.id, patch: { extendedDate: '2026-03-25' } });
    expect(after.extendedDate).toBe('2026-03-25');
    const entry = b.db.sqlite
      .prepare("SELECT action, before, after FROM audit_log WHERE table_name = 'follow_ups' ORDER BY id DESC LIMIT 1")
      .get() as { action: string; before: string; after: string };
    expect(entry.action).toBe('update');
    expect(JSON.parse(entry.before).extendedDate).toBeNull();
    expect(JSON.parse(entry.after).extendedDate).toBe('2026-03-25');
    expect(await ok(b, 'audit.verify', {})).toMatchObject({ ok: true, findings: [], chainBreaks: [] });
    b.close();
  });

  it('is refused before the item was handed over, or on or before its own deadline, naming the field', async () => {
    const b = await openBackend(tempDbPath(dir), { now });
    await addVocabulary(b.dispatch, { unitCategories: ['职能部门'] });
    const unit = await ok<{ id: number }>(b, 'units.create', { name: '后勤处', category: '职能部门' });
    const f = await ok<FollowUp>(b, 'followUps.create', {
      raisedDate: '2026-03-02',
      source: '来信',
      matter: '路灯不亮',
      departmentId: unit.id,
      assignedDate: '2026-03-04',
      limitDays: 10,
    });
    expect(f.dueDate).toBe('2026-03-18');
    expect(await refused(b, 'followUps.update', { id: f.id, patch: { extendedDate: '2026-03-03' } })).toBe(
      '「延期至」不能早于「交办日期」（2026-03-04）',
    );
    expect(await refused(b, 'followUps.update', { id: f.id, patch: { extendedDate: '2026-03-18' } })).toBe(
      '「延期至」须晚于「截止日期」（2026-03-18）',
    );
    expect(await refused(b, 'followUps.update', { id: f.id, patch: { extendedDate: '3月20日' } })).toContain('延期至');
    expect((await ok<FollowUp[]>(b, 'followUps.list', {}))[0]!.extendedDate).toBeNull();
    expect(
      (await ok<FollowUp>(b, 'followUps.update', { id: f.id, patch: { extendedDate: '2026-03-19' } })).extendedDate,
    ).toBe('2026-03-19');
    b.close();
  });

  it('统计考核 judges the closing stage on the extended date, up to the extension the rule allows', async () => {
    const b = await openBackend(tempDbPath(dir), { now });
    await addVocabulary(b.dispatch, { unitCategories: ['职能部门'], activityTypes: ['来信'] });
    const unit = await ok<{ id: number }>(b, 'units.create', { name: '后勤处', category: '职能部门' });
    const reg = await ok<{ id: number }>(b, 'rules.createRegulation', { name: '来信办理办法' });
    // Handed over Monday 2 March: closed within 15 calendar days (the 17th), an extension of at most 10 (the 27th).
    await ok(b, 'rules.create', {
      regulationId: reg.id,
      year: 2026,
      body: {
        kind: 'deadline',
        title: '来信办结',
        clause: '办法 第五条',
        who: { scope: 'institution' },
        events: ['来信'],
        within: 15,
        dayKind: 'calendarDays',
        on: 'close',
        extension: { max: 10, dayKind: 'calendarDays' },
      },
    });
    const item = (matter: string, closedDate: string, extendedDate: string | null) =>
      ok<FollowUp>(b, 'followUps.create', {
        raisedDate: '2026-03-02',
        source: '来信',
        matter,
        departmentId: unit.id,
        assignedDate: '2026-03-02',
        closedDate,
        extendedDate,
      });
    const a = await item('延期至27日，27日办结', '2026-03-27', '2026-03-27');
    const c = await item('延期至31日，30日办结', '2026-03-30', '2026-03-31');
    const d = await item('未延期，18日办结', '2026-03-18', null);
    const r = await ok<EvaluationResult>(b, 'evaluation.run', { selection: { year: 2026 } });
    const row = (id: number) => r.rows.find((x) => x.followUpId === id)!;
    expect([row(a.id).status, row(a.id).period.end]).toEqual(['met', '2026-03-27']);
    expect([row(c.id).status, row(c.id).period.end]).toEqual(['missed', '2026-03-27']);
    expect(row(c.id).notes.join('')).toContain('超过制度允许的最长延期');
    expect([row(d.id).status, row(d.id).period.end]).toEqual(['missed', '2026-03-17']);
    b.close();
  });
});
