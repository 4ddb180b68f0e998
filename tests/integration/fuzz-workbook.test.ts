// Malformed workbooks are refused whole, with a Chinese message, and change nothing.
import { describe, expect, it } from 'vitest';
import { openBackend } from '../../electron/services/backend';
import { runWorkbookFuzz } from '../security/workbook-fuzz';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir();

describe('importing malformed workbooks', () => {
  it('truncated, bit-flipped, wrong-type, empty, random and oversized files are refused whole', async () => {
    const b = await openBackend(tempDbPath(dir));
    await b.dispatch('units.create', { name: '机械学院' });
    const r = await runWorkbookFuzz(b, { seed: 9704, cases: 60 });
    b.close();
    expect(r.failures).toEqual([]);
    expect(r.tried).toBe(60);
    expect(r.rejected + r.accepted).toBe(60);
  }, 120_000);
});
