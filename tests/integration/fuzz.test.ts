// 10,000 random and malformed calls against the dispatcher, seeded so that a failure reproduces:
// every one answered with an envelope, refusals change nothing, acceptances were valid calls.
import { describe, expect, it } from 'vitest';
import { openBackend } from '../../electron/services/backend';
import { runFuzz } from '../security/fuzz';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir();
const SEED = Number(process.env.FUZZ_SEED ?? 20260305);

describe('the dispatcher under random and malformed calls', () => {
  it(`answers 10,000 calls (seed ${SEED}) without a crash, and a refused call writes nothing`, async () => {
    const b = await openBackend(tempDbPath(dir));
    // A few real rows, so that updates and deletes by small ids meet something.
    await b.dispatch('units.create', { name: '机械学院' });
    await b.dispatch('cadres.create', { name: '赵敏', unitId: 1 });
    const r = await runFuzz(b, { calls: 10_000, seed: SEED });
    b.close();
    expect(r.failures).toEqual([]);
    expect(r.crashes).toBe(0);
    expect(r.sent).toBe(10_000);
    expect(r.rejected + r.accepted).toBe(10_000);
    expect(r.rejected).toBeGreaterThan(9_000);
  }, 300_000);
});
