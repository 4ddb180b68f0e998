// Every document type from the demo ledger (a university under preset 002) and from a county ledger (preset 004),
// written as PDFs with page 1 as PNG, to look at: npx tsx tests/documents/gallery.ts [TAG] → tests/artifacts/gallery/TAG.
// Not a test: it prints what it wrote and how many pages each document has. Each document is also written as .docx;
// with GALLERY_LO=1 LibreOffice converts them all (one process) and the page counts are printed side by side.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBackend, type Backend } from '../../electron/services/backend';
import { generateDemo } from '../../electron/services/demo/index';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openCountyLedger } from './county-fixture';
import { ARTIFACTS } from './fixtures';

process.env.LEDGER_SYSTEM_FONTS = '0';
const tag = process.argv[2] ?? 'now';
const only = process.argv.slice(3);
const out = join(ARTIFACTS, 'gallery', tag);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const pages = new Map<string, number>();
const NOW = () => new Date('2026-11-20T08:00:00+08:00');

async function ok<T>(b: Backend, method: string, input: unknown): Promise<T> {
  const r = await b.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

async function write(b: Backend, name: string, input: Record<string, unknown>) {
  if (only.length && !only.some((o) => name.includes(o))) return;
  const t = performance.now();
  const d = await b.dispatch('documents.draft', input);
  if (!d.ok) {
    console.log(`${name}: draft refused — ${d.error.message}`);
    return;
  }
  const r = await b.dispatch('documents.render', { fields: d.value });
  if (!r.ok) {
    console.log(`${name}: render refused — ${r.error.message}`);
    return;
  }
  const v = r.value as { pdf: string; pages: number };
  const pdf = join(out, `${name}.pdf`);
  writeFileSync(pdf, Buffer.from(v.pdf, 'base64'));
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(out, name)]);
  pages.set(name, v.pages);
  const x = await b.dispatch('documents.renderDocx', { fields: d.value });
  if (x.ok) writeFileSync(join(out, `${name}.docx`), Buffer.from((x.value as { docx: string }).docx, 'base64'));
  else console.log(`${name}: docx refused — ${x.error.message}`);
  console.log(`${name}: ${v.pages} pages, ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

async function documents(b: Backend, prefix: string) {
  const cadres = await ok<{ id: number }[]>(b, 'cadres.list', {});
  const rec = b.db.sqlite.prepare('SELECT min(id) AS id FROM records').get() as { id: number };
  const fu = b.db.sqlite.prepare('SELECT min(id) AS id FROM follow_ups').get() as { id: number };
  await write(b, `${prefix}-通知`, { type: '通知', year: 2026 });
  await write(b, `${prefix}-公示`, { type: '公示', year: 2026 });
  await write(b, `${prefix}-接待日安排`, { type: '接待日安排', from: '2026-09-01', to: '2026-12-31' });
  await write(b, `${prefix}-通报`, { type: '通报', from: '2026-01-01', to: '2026-06-30' });
  await write(b, `${prefix}-一览表1`, { type: '一览表', year: 2026, part: 1 });
  await write(b, `${prefix}-一览表2`, { type: '一览表', year: 2026, part: 2 });
  await write(b, `${prefix}-记录表`, { type: '记录表', id: rec.id });
  await write(b, `${prefix}-督办单`, { type: '督办单', id: fu.id });
  await write(b, `${prefix}-考核1人`, { type: '考核', year: 2026, cadreId: cadres[0]!.id });
  await write(b, `${prefix}-考核`, { type: '考核', year: 2026 });
}

const dir = mkdtempSync(join(tmpdir(), 'gallery-'));
let n = 0;
const tempDbPath = (d: string) => join(d, `ledger-${++n}.sqlite`);
{
  const b = await openBackend(tempDbPath(dir), { now: NOW });
  await generateDemo(b.ctx, { year: 2026, seed: 1 });
  await documents(b, 'demo');
  // The same 接待日安排 once the rota is generated for the autumn semester.
  const rules = await ok<{ id: number; kind: string }[]>(b, 'rules.list', { year: 2026, enabledOnly: true });
  const roster = rules.find((r) => r.kind === 'roster');
  if (roster) {
    const r = await b.dispatch('rota.generate', { ruleId: roster.id, academicYear: '2026-2027', term: 1 });
    if (r.ok) await write(b, 'demo-接待日安排-排班后', { type: '接待日安排', from: '2026-09-01', to: '2026-12-31' });
    else console.log(`rota: ${r.error.message}`);
  }
  b.close();
}
{
  const b = await openCountyLedger(tempDbPath(dir), NOW);
  await documents(b, 'county');
  b.close();
}
rmSync(dir, { recursive: true, force: true });
if (process.env.GALLERY_LO) {
  const lo = join(out, 'lo');
  const names = [...pages.keys()];
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(out, 'lo-profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      lo,
    ].concat(names.map((n) => join(out, `${n}.docx`))),
    { stdio: 'ignore' },
  );
  for (const n of names) {
    const pdf = join(lo, `${n}.pdf`);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    console.log(`${n}: ours ${pages.get(n)} pages, LibreOffice from .docx ${/Pages:\s+(\d+)/.exec(info)![1]}`);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdf, join(lo, n)]);
  }
}
console.log(`written to ${out}`);
