// First start on a real ledger file, as the welcome saves it: the institution and its regulation in one
// change (changes.apply). A county under preset 004 gets a 通知 addressed 各乡镇… and worded 联系群众; a copy
// of a preset is the institution's own regulation (its own name, no preset id) with every rule; the whole
// start is undone as one change.
import { beforeEach, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import type { NoticeFields } from '../../shared/api/documents';
import type { SettingsState } from '../../shared/api/settings';
import { tempDbPath, tempDir } from '../support/tmp';
import { calls } from '../support/calls';

const dir = tempDir();
let b: Backend;

const { ok } = calls(() => b);

const county = {
  institution: '兰考县',
  institutionKind: '县市区党委政府',
  issuerMark: '中共兰考县委员会文件',
  signature: '中共兰考县委员会',
  printer: '中共兰考县委员会办公室',
  docPrefix: '县委发',
};

async function start(regulation: { method: string; input: unknown }) {
  const current = await ok<SettingsState>('settings.get', {});
  return ok<{ change: { id: number } | null }>('changes.apply', {
    label: '开始使用：兰考县（县市区党委政府）',
    calls: [
      { method: 'settings.set', input: { ...current.values, ...county }, where: '本单位' },
      { ...regulation, where: '制度' },
    ],
  });
}

beforeEach(async () => {
  b = await openBackend(tempDbPath(dir), { now: () => new Date('2026-03-02T08:00:00Z') });
  return () => b.close();
});

describe('first start', () => {
  it('a county under preset 004: its 通知 is addressed 各乡镇… and worded 联系群众, never a university', async () => {
    await start({ method: 'rules.applyPreset', input: { presetId: '004', year: 2026 } });
    const regs = await ok<{ presetId: string | null }[]>('rules.regulations', {});
    expect(regs.map((r) => r.presetId)).toEqual(['004']);
    const n = await ok<NoticeFields>('documents.draft', { type: '通知', year: 2026 });
    expect(n.mainRecipients).toMatch(/^各乡镇党委、人民政府/);
    expect(n.title).toBe('关于做好2026年度领导干部联系群众工作的通知');
    expect(n.issuerMark).toBe('中共兰考县委员会文件');
    expect(n.signature).toBe('中共兰考县委员会');
    expect(n.printer).toBe('中共兰考县委员会办公室');
    expect(n.docNumber).toMatch(/^县委发〔2026〕\d+号$/);
    expect(JSON.stringify(n)).not.toMatch(/师生|学院|大学|校领导/);
  });

  it('a copy of a preset is her own regulation with every rule; the start is undone as one change', async () => {
    const preset = await ok<{ regulationId: number; rules: number }>('rules.applyPreset', {
      presetId: '004',
      year: 2025,
    });
    await start({
      method: 'rules.applyPreset',
      input: { presetId: '004', year: 2026, copyAs: '兰考县党员干部直接联系服务群众制度' },
    });
    const regs = await ok<{ name: string; presetId: string | null; note: string }[]>('rules.regulations', {});
    const own = regs.find((r) => r.name === '兰考县党员干部直接联系服务群众制度')!;
    expect(own.presetId).toBeNull();
    expect(own.note).toContain('以制度预设《党员干部直接联系服务群众制度汇编》');
    expect((await ok<unknown[]>('rules.list', { year: 2026 })).length).toBe(preset.rules);
    // A second copy of the same name is refused, naming the field.
    const again = await b.dispatch('rules.applyPreset', {
      presetId: '004',
      year: 2026,
      copyAs: '兰考县党员干部直接联系服务群众制度',
    });
    expect(again).toMatchObject({ ok: false, error: { message: expect.stringContaining('「制度名称」') } });
    // Undone, the institution and the copy are gone together.
    await ok('changes.undo', {});
    expect((await ok<SettingsState>('settings.get', {})).values.institution).not.toBe('兰考县');
    expect((await ok<unknown[]>('rules.regulations', {})).length).toBe(1);
  });
});
