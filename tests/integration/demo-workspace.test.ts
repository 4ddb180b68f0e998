// The demo ledger is a second file beside hers (ledger.sqlite → ledger.演示.sqlite): the window's calls go
// to it while it is shown, her file receives none of them, and leaving it deletes it. A ledger opened
// alone (the CLI) never becomes a demo.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openBackend } from '../../electron/services/backend';
import { demoPathFor } from '../../electron/services/paths';
import { openWorkspace, type Workspace } from '../../electron/services/workspace';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir('ledger-demo-ws-');
const now = () => new Date('2026-06-30T12:00:00+08:00');
let ws: Workspace | null = null;
afterAll(() => ws?.close());

describe('the demo ledger', () => {
  it('is opened beside hers, shown instead of hers, and deleted on leaving; her file is untouched', async () => {
    const path = tempDbPath(dir);
    ws = await openWorkspace(path, { now });
    const call = async (m: string, input: unknown = {}) => {
      const env = await ws!.dispatch(m, input);
      if (!env.ok) throw new Error(env.error.message);
      return env.value as never;
    };
    // Her ledger has a regulation and one cadre of her own.
    await call('rules.applyPreset', { presetId: '004', year: 2026 });
    await call('cadres.create', { name: '李明', level: '县级' });
    const real = (sql: string) => (ws!.real.db.sqlite.prepare(sql).get() as { n: number }).n;
    const head = real('SELECT max(id) AS n FROM audit_log');
    expect(await call('demo.status')).toEqual({ active: false });

    const made = (await call('demo.enter', { year: 2026 })) as { cadres: number; records: number };
    expect(made.cadres).toBeGreaterThan(100);
    expect(made.records).toBeGreaterThan(1000);
    expect(await call('demo.status')).toEqual({ active: true });
    expect(ws.current().path).toBe(demoPathFor(path));
    expect(basename(demoPathFor(path))).toBe(basename(path).replace(/\.sqlite$/, '.演示.sqlite'));
    const info = (await call('system.info')) as { dbPath: string; counts: Record<string, number> };
    expect(info.dbPath).toBe(demoPathFor(path));
    expect(info.counts.records).toBe(made.records);
    // Entering again while shown is refused, in Chinese.
    const twice = await ws.dispatch('demo.enter', { year: 2026 });
    expect(twice).toMatchObject({ ok: false, error: { message: '已经在演示台账中。' } });

    // What she does in the demo: a rule deleted, her institution renamed, a backup made.
    const rulesBefore = real('SELECT count(*) AS n FROM rules');
    const rules = (await call('rules.list', { year: 2026 })) as { id: number }[];
    await call('rules.delete', { id: rules[0]!.id });
    await call('settings.set', { institution: '演示改名' });
    await call('backups.create');
    expect(real('SELECT count(*) AS n FROM cadres')).toBe(1);
    expect(real('SELECT count(*) AS n FROM rules')).toBe(rulesBefore);
    expect(real('SELECT max(id) AS n FROM audit_log')).toBe(head);

    expect(await call('demo.leave')).toEqual({ active: false });
    expect(ws.current()).toBe(ws.real);
    expect(ws.inDemo()).toBe(false);
    const leftover = readdirSync(dirname(path)).filter((f) => f.includes('演示'));
    expect(leftover).toEqual([]);
    expect(existsSync(demoPathFor(path))).toBe(false);
    const back = (await call('system.info')) as { dbPath: string; counts: Record<string, number> };
    expect(back.dbPath).toBe(path);
    expect(back.counts.cadres).toBe(1);
    expect(back.counts.records).toBe(0);
    expect(real('SELECT max(id) AS n FROM audit_log')).toBe(head);
    const settings = (await call('settings.get')) as { values: { institution: string } };
    expect(settings.values.institution).not.toBe('演示改名');
    // Leaving when not in the demo changes nothing.
    expect(await call('demo.leave')).toEqual({ active: false });
  }, 180_000);

  it('cannot be entered from a ledger opened alone (the CLI): refused, nothing written', async () => {
    const b = await openBackend(tempDbPath(dir), { now });
    try {
      const r = await b.dispatch('demo.enter', {});
      expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(!r.ok && r.error.message).toContain('演示台账只能在程序窗口中打开');
      expect(await b.dispatch('demo.status', {})).toEqual({ ok: true, value: { active: false } });
      expect((b.db.sqlite.prepare('SELECT count(*) AS n FROM cadres').get() as { n: number }).n).toBe(0);
    } finally {
      b.close();
    }
  });
});
