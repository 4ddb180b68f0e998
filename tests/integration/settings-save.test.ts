// 设置 → 保存设置 sends every value each time. The second save used to be refused with 与已有数据重复 (the
// undo history's and the audit's triggers marked a change with INSERT OR IGNORE, which an upsert's conflict policy
// overrides inside a trigger): a secretary could set her institution once and never change it. Saved twice,
// three times, with a font chosen: each save is kept, audited and undoable, and verify passes.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../electron/services/audit';
import { openBackend, type Backend } from '../../electron/services/backend';
import type { SavedChange } from '../../shared/api/changes';
import type { SettingsState } from '../../shared/api/settings';
import { calls } from '../support/calls';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir('ledger-settings-save-');
let b: Backend;
const { ok } = calls(() => b);

beforeAll(async () => {
  b = await openBackend(tempDbPath(dir));
  return () => b.close();
});

describe('设置 saved again and again, every value at once', () => {
  it('each save is kept, audited and undone in order', async () => {
    const first = await ok<SettingsState>('settings.get', {});
    for (const [institution, operator] of [
      ['甲大学', '张秘书'],
      ['乙大学', '李秘书'],
      ['丙大学', '李秘书'],
    ] as const) {
      const s = await ok<SettingsState>('settings.set', {
        ...first.values,
        institution,
        operator,
        docPrefix: '校党发',
      });
      expect(s.values).toMatchObject({ institution, operator });
    }
    const audited = b.db.sqlite
      .prepare("SELECT after FROM audit_log WHERE table_name = 'settings' AND action = 'update' ORDER BY id")
      .all() as { after: string }[];
    expect(audited.map((a) => JSON.parse(a.after) as Record<string, string>).filter((a) => a.institution)).toEqual([
      { institution: '甲大学' },
      { institution: '乙大学' },
      { institution: '丙大学' },
    ]);
    const changes = await ok<SavedChange[]>('changes.list', {});
    expect(changes.filter((c) => c.method === 'settings.set')).toHaveLength(3);
    await ok('changes.undo', {});
    expect((await ok<SettingsState>('settings.get', {})).values.institution).toBe('乙大学');
    expect(verifyLedger(b.ctx).ok).toBe(true);
  });
});
