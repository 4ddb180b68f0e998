// One 考核 packet of tests/bench/documents.ts in a fresh process (fonts, pdfkit and the pool's workers start cold, as
// in a job). documents.ts bundles it as the Node doors are bundled, with the pool's render-worker beside it, so the
// workers it starts are the built ones users run (`ledger packet`, the host's job thread), not TypeScript compiled
// at start. `node packet.mjs <ledger.sqlite> <out> <workers|default>` prints one JSON line {ms, pages, files, workers,
// pipeline} (`default`: as documents.packet runs it, pool.ts defaultWorkers / defaultPipeline):
// the time of writePacket (evaluation, every PDF, the list), the ledger opened read-only as `ledger packet` opens it.
import { rmSync } from 'node:fs';
import { openBackend } from '../../../electron/services/backend';
import { writePacket } from '../../../electron/services/documents';
import { documentFonts } from '../../../electron/services/settings';

const [dbPath, out, workers] = process.argv.slice(2) as [string, string, string];
process.env.LEDGER_SYSTEM_FONTS = '0';
const b = await openBackend(dbPath, { now: () => new Date('2026-12-20T08:00:00Z'), access: 'read' });
const t = performance.now();
const r = await writePacket(b.ctx, {
  year: 2026,
  out,
  fonts: documentFonts(b.ctx),
  ...(workers === 'default' ? {} : { workers: Number(workers) }),
});
const ms = performance.now() - t;
b.close();
rmSync(out, { recursive: true, force: true });
console.log(JSON.stringify({ ms, pages: r.pages, files: r.files.length, workers: r.workers, pipeline: r.pipeline }));
