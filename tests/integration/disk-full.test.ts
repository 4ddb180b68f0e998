// A full disk while saving: the secretary gets a Chinese sentence (not a SqliteError stack), nothing of the
// call is kept and everything saved before stays. The disk is "filled" by capping the file's page count,
// which makes SQLite answer SQLITE_FULL exactly as on a full disk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../electron/services/audit';
import { openBackend, type Backend } from '../../electron/services/backend';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir('ledger-diskfull-');
let b: Backend;
const count = () => (b.db.sqlite.prepare('SELECT count(*) AS n FROM units').get() as { n: number }).n;

beforeAll(async () => {
  b = await openBackend(tempDbPath(dir));
  for (const name of ['机械学院', '土木学院']) expect((await b.dispatch('units.create', { name })).ok).toBe(true);
});
afterAll(() => b.close());

describe('a full disk', () => {
  it('refuses the write in Chinese and keeps every earlier one', async () => {
    const pages = b.db.sqlite.pragma('page_count', { simple: true }) as number;
    b.db.sqlite.pragma(`max_page_count = ${pages}`);
    let refused: { code: string; message: string } | null = null;
    for (let i = 0; i < 5000 && !refused; i++) {
      const r = await b.dispatch('units.create', { name: `新单位${i}`, note: '备注'.repeat(100) });
      if (!r.ok) refused = r.error;
    }
    expect(refused).toMatchObject({ code: 'DISK_FULL' });
    expect(refused!.message).toContain('磁盘空间已满，这次没有保存');
    expect(refused!.message).not.toMatch(/SqliteError|SQLITE_|at /);
    const kept = count();
    expect(kept).toBeGreaterThanOrEqual(2);
    b.db.sqlite.pragma('max_page_count = 1073741823');
    expect((await b.dispatch('units.create', { name: '化工学院' })).ok).toBe(true);
    expect(count()).toBe(kept + 1);
    expect(verifyLedger(b.ctx).ok).toBe(true);
  });
});
