// 年度锁定: after the 2026 evaluation the year is read-only; unlocking needs a reason, kept in the trail.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../electron/services/audit';
import { openBackend, type Backend } from '../../electron/services/backend';
import { assertYearOpen, yearLockState } from '../../electron/services/year-lock';
import { tempDbPath, tempDir } from '../support/tmp';
import { addVocabulary } from '../support/vocabulary';

const dir = tempDir();
let b: Backend;
beforeAll(async () => {
  b = await openBackend(tempDbPath(dir), { now: () => new Date('2027-01-20T02:00:00Z') });
  await addVocabulary(b.dispatch, { objectCategories: ['班级'] });
  b.db.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('operator', '\"组织部 王老师\"')").run();
  return () => b.close();
});

describe('locking a year', () => {
  it('an open year lets writes through and reports itself unlocked', () => {
    expect(() => assertYearOpen(b.ctx, 2026, '联系记录')).not.toThrow();
    expect(yearLockState(b.ctx, 2026)).toEqual({ year: 2026, locked: false });
  });

  it('after 2026 is locked, a change to its records is refused in Chinese, naming the date of the evaluation', async () => {
    const r = await b.dispatch('years.lock', { year: 2026, reason: '2026年度考核完成' });
    expect(r).toMatchObject({ ok: true, value: { year: 2026, operator: '组织部 王老师', reason: '2026年度考核完成' } });
    expect(() => assertYearOpen(b.ctx, 2026, '联系记录')).toThrow(
      '2026年度已锁定（考核完成于2027年1月20日），不能修改联系记录。如需修改，请先解锁并填写理由。',
    );
    expect(() => assertYearOpen(b.ctx, 2027, '联系记录')).not.toThrow();
    expect(yearLockState(b.ctx, 2026)).toMatchObject({ year: 2026, locked: true, reason: '2026年度考核完成' });
    const list = await b.dispatch('years.list', {});
    expect(list).toMatchObject({ ok: true, value: [{ year: 2026 }] });
  });

  it('a contact point of a locked year cannot be added', async () => {
    const unit = await b.dispatch('units.create', { name: '机械学院' });
    if (!unit.ok) throw new Error(unit.error.message);
    const cadre = await b.dispatch('cadres.create', { name: '赵敏' });
    const obj = await b.dispatch('objects.create', { name: '机械21-1班', category: '班级' });
    expect(cadre.ok && obj.ok).toBe(true);
    if (!cadre.ok || !obj.ok) return;
    const r = await b.dispatch('assignments.create', {
      year: 2026,
      cadreId: (cadre.value as { id: number }).id,
      objectId: (obj.value as { id: number }).id,
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('2026年度已锁定') },
    });
  });

  it('locking twice is refused; unlocking without a reason is refused, and changes nothing', async () => {
    expect(await b.dispatch('years.lock', { year: 2026 })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const audit = b.db.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get();
    expect(await b.dispatch('years.unlock', { year: 2026 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await b.dispatch('years.unlock', { year: 2026, reason: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(b.db.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(audit);
    expect(yearLockState(b.ctx, 2026).locked).toBe(true);
  });

  it('unlocking with a reason opens the year and puts the reason in the audit trail', async () => {
    const r = await b.dispatch('years.unlock', { year: 2026, reason: '补录张三12月的一次调研' });
    expect(r.ok).toBe(true);
    expect(yearLockState(b.ctx, 2026)).toEqual({ year: 2026, locked: false });
    expect(await b.dispatch('years.unlock', { year: 2026, reason: '再次' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const h = await b.dispatch('audit.history', { table: 'year_locks', rowId: 2026 });
    expect(h.ok && h.value).toMatchObject([
      {
        action: 'unlock',
        operator: '组织部 王老师',
        before: { reason: '2026年度考核完成' },
        after: { unlockReason: '补录张三12月的一次调研' },
      },
      { action: 'lock' },
    ]);
    expect(verifyLedger(b.ctx).ok).toBe(true);
  });
});
