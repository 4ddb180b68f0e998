// The attacks of issue 11 items 2, 3 (the activity-type swap), 4, 6–10 and the shell (paths a page names), each made against a real ledger file through the contract
// (or the real browser host), counted as tried and held. Printed by tests/security/report.ts; the tests
// that pin each one down are named beside it. The large import figures are tests/security/import-bounds.ts.
import Database from 'better-sqlite3';
import { request } from 'node:http';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBrowserHost } from '../../electron/doors/http/host';
import { pageDispatch } from '../../electron/doors/page-calls';
import { openBackend, type Backend } from '../../electron/services/backend';
import { rotateBackups } from '../../electron/services/backup/backups';
import { backupFileName } from '../../electron/services/backup/files';
import { verifyLedger } from '../../electron/services/audit';
import { backupDirFor } from '../../electron/services/paths';
import { toCsv } from '../../shared/format/tsv';
import { addVocabulary } from '../support/vocabulary';
import { badRows, zipBomb } from './xlsx-attacks';

export interface ItemFigure {
  item: string;
  tried: number;
  held: number;
  note: string;
}

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

async function refused(b: Backend, method: string, input: unknown): Promise<boolean> {
  return !(await b.dispatch(method, input)).ok;
}

export async function runIssue11(dir: string): Promise<ItemFigure[]> {
  const out: ItemFigure[] = [];
  const b = await openBackend(join(dir, 'issue11.sqlite'), { now: () => new Date('2027-01-20T02:00:00Z') });
  try {
    await addVocabulary(b.dispatch, { objectCategories: ['班级'] });
    const made = async (method: string, input: unknown) => {
      const r = await b.dispatch(method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value as { id: number };
    };
    const type = await made('vocabulary.addActivityType', { name: '座谈' });
    const cadre = await made('cadres.create', { name: '赵敏' });
    const obj = await made('objects.create', { name: '机械21-1班', category: '班级' });
    const rec = await made('records.create', {
      date: '2026-05-10',
      activityTypeId: type.id,
      cadreIds: [cadre.id],
      objectIds: [obj.id],
    });

    // 2. Attachments that run programs.
    const names = [
      '说明.exe',
      'a.bat',
      'a.cmd',
      'a.ps1',
      'a.url',
      'a.lnk',
      'a.desktop',
      'a.js',
      'a.vbs',
      'a.msi',
      '照片\u202Egpj.exe',
      '照片.jpg\u0000.exe',
      '照片.exe.',
      '照片.exe ',
    ];
    let held = 0;
    for (const fileName of names)
      if (await refused(b, 'records.attach', { recordId: rec.id, fileName, dataBase64: b64('x') })) held++;
    const mz = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
    const asPhoto = await refused(b, 'records.attach', {
      recordId: rec.id,
      fileName: '照片.jpg',
      dataBase64: b64(mz),
    });
    out.push({
      item: '2 attachments that run programs refused',
      tried: names.length + 1,
      held: held + (asPhoto ? 1 : 0),
      note: 'tests/integration/attachments-safety.test.ts',
    });

    // 4. Workbook bounds (small sizes; the 2 GB bomb and 5M rows: tests/security/import-bounds.ts).
    const bomb = zipBomb(64);
    const t0 = performance.now();
    const bombR = await b.dispatch('workbook.import', { fileName: 'bomb.xlsx', dataBase64: b64(bomb) });
    const bombMs = performance.now() - t0;
    const rows = badRows(100_000);
    const t1 = performance.now();
    const rowsR = await b.dispatch('workbook.import', { fileName: 'bad.xlsx', dataBase64: b64(rows) });
    const rowsMs = performance.now() - t1;
    const listed = rowsR.ok ? 0 : (rowsR.error.issues?.length ?? 0);
    const total = rowsR.ok ? 0 : (rowsR.error.issueTotal ?? 0);
    out.push({
      item: '4 hostile workbooks refused',
      tried: 2,
      held: (bombR.ok ? 0 : 1) + (rowsR.ok ? 0 : 1),
      note:
        `${(bomb.length / 1024).toFixed(0)} KB → 64 MB bomb refused in ${bombMs.toFixed(0)} ms; ` +
        `100,000 bad rows (${(rows.length / 1024).toFixed(0)} KB): ${listed} listed of ${total} problems counted, ` +
        `${(JSON.stringify(rowsR).length / 1024).toFixed(0)} KB of answer, ${rowsMs.toFixed(0)} ms`,
    });

    // 6. Formula injection through CSV and xlsx exports.
    const attacks = [
      '=HYPERLINK("http://evil.example","详情")',
      "+cmd|' /C calc'!A0",
      '-2+3',
      '@SUM(1)',
      '\t=1',
      '\r=1',
    ];
    const csv = toCsv([attacks]).slice(1);
    const cells = csv.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((c) => c.replace(/^"|"$/g, ''));
    out.push({
      item: '6 formula cells opened as text (CSV)',
      tried: attacks.length,
      held: cells.filter((c) => c.startsWith("'")).length,
      note: 'xlsx: text cells, no <f> (tests/integration/export-injection.test.ts)',
    });

    // 7. Year-lock gaps.
    const fu = await made('followUps.create', {
      raisedDate: '2026-06-01',
      source: '来信',
      matter: '食堂价格',
      status: '待交办',
    });
    // A second activity type on the year's records, for the swap of item 3 below.
    const visit = await made('vocabulary.addActivityType', { name: '走访' });
    await made('records.create', {
      date: '2026-06-10',
      activityTypeId: visit.id,
      cadreIds: [cadre.id],
      objectIds: [obj.id],
    });
    await b.dispatch('years.lock', { year: 2026, reason: '考核完成' });
    const lockAttacks: [string, unknown][] = [
      ['followUps.delete', { id: fu.id }],
      ['followUps.update', { id: fu.id, patch: { matter: '改写' } }],
      ['followUps.create', { raisedDate: '2026-03-01', source: '来访', matter: '补录', status: '待交办' }],
      ['cadres.update', { id: cadre.id, patch: { name: '赵明' } }],
      ['objects.update', { id: obj.id, patch: { name: '机械21-2班' } }],
      ['records.create', { date: '1899-12-30', activityTypeId: type.id, cadreIds: [cadre.id] }],
      ['records.create', { date: '1905-06-21', activityTypeId: type.id, cadreIds: [cadre.id] }],
      ['records.create', { date: '2101-01-01', activityTypeId: type.id, cadreIds: [cadre.id] }],
    ];
    held = 0;
    for (const [m, input] of lockAttacks) if (await refused(b, m, input)) held++;
    out.push({
      item: '7 year-lock gaps closed',
      tried: lockAttacks.length,
      held,
      note: 'tests/integration/year-lock-gaps.test.ts',
    });

    // 3. The issue's figure: two activity-type names swapped in a locked year (the rate moved 0.388 → 0.337
    // while verify said 校验通过). Through the program the swap is refused at its first step, a merge too,
    // and so is a unit or vocabulary rename; with a database tool, verify names the whole-table change.
    const swapAttacks: [string, unknown][] = [
      ['vocabulary.rename', { list: 'activityTypes', from: '座谈', to: '临时' }],
      ['vocabulary.rename', { list: 'activityTypes', from: '走访', to: '座谈', merge: true }],
      ['vocabulary.rename', { list: 'objectCategories', from: '班级', to: '教学班' }],
    ];
    held = 0;
    for (const [m, input] of swapAttacks) if (await refused(b, m, input)) held++;
    // Three steps: the names are unique, so a swap passes through a third name.
    const swapTypes = () =>
      b.db.sqlite.exec(
        "UPDATE activity_types SET name = '换名中' WHERE name = '座谈'; " +
          "UPDATE activity_types SET name = '座谈' WHERE name = '走访'; " +
          "UPDATE activity_types SET name = '走访' WHERE name = '换名中';",
      );
    const typeNames = () => b.db.sqlite.prepare('SELECT id, name FROM activity_types ORDER BY id').all();
    const kept = JSON.stringify(typeNames());
    if (JSON.stringify(typeNames()) !== kept) held = 0;
    swapTypes();
    const report = verifyLedger(b.ctx);
    const caught = !report.ok && JSON.stringify(report).includes('activity_types');
    out.push({
      item: '3 activity types swapped, locked year',
      tried: swapAttacks.length + 1,
      held: held + (caught ? 1 : 0),
      note:
        `through the program: ${held} / ${swapAttacks.length} refused, names unchanged; swapped by SQL: verify ` +
        `${caught ? '不通过 naming activity_types' : 'passed (NOT caught)'} ` +
        '(tests/integration/year-lock-names.test.ts, audit-anchors.test.ts)',
    });
    // Put back, so that what follows runs on an honest ledger.
    swapTypes();

    // 10. Restoring a file that is not this ledger's own sound backup.
    const other = await openBackend(join(dir, 'other.sqlite'));
    await other.dispatch('settings.set', { institution: '乙大学' });
    const otherBackup = (await other.dispatch('backups.create', {})) as { ok: true; value: { path: string } };
    other.close();
    const ownBackup = (await b.dispatch('backups.create', {})) as { ok: true; value: { path: string } };
    const forged = new Database(ownBackup.value.path);
    forged.prepare("UPDATE audit_log SET after = replace(after, '赵敏', '赵明') WHERE table_name = 'cadres'").run();
    forged.close();
    const records = () => (b.db.sqlite.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
    const before = records();
    const restoreAttacks = [otherBackup.value.path, ownBackup.value.path];
    held = 0;
    for (const path of restoreAttacks) if (await refused(b, 'backups.restore', { path })) held++;
    out.push({
      item: '10 restore: other ledger / broken chain',
      tried: restoreAttacks.length,
      held: records() === before ? held : 0,
      note: 'refused with the reason, nothing changed; 仍要恢复 only by choice (restore-provenance.test.ts)',
    });

    // 8. A year of daily starts and imports: how many full copies stay.
    const folder = join(dir, 'rotation');
    mkdirSync(folder, { recursive: true });
    let copies = 0;
    for (let d = 0; d < 365; d++) {
      const day = new Date(2026, 0, 1 + d, 9);
      for (const [kind, h] of [
        ['start', 8],
        ['before-import', 10],
        ['before-import', 15],
        ['manual', 17],
      ] as const) {
        writeFileSync(
          join(folder, backupFileName('l.sqlite', kind, new Date(day.getTime() + (h - 9) * 3_600_000))),
          '',
        );
        copies++;
      }
      rotateBackups(folder, day);
    }
    const left = readdirSync(folder);
    const kinds = new Set(left.map((n) => /\.([a-z-]+)\.sqlite$/.exec(n)?.[1]));
    // All of today, one a day for 30 days, one a month for a year: at most 1 + 30 + 12 days' worth.
    out.push({
      item: '8 backups rotated (a year, 4 a day)',
      tried: 1,
      held: left.length <= 4 + 30 + 12 + kinds.size ? 1 : 0,
      note: `${left.length} copies left of ${copies} made (before: every import copy kept, ${365 * 2} of them)`,
    });

    // The Electron shell: a page names no path the backend trusts (shared/api/page-paths.ts), through the
    // dispatch the window's doors answer with; held = refused and nothing written there or in the ledger.
    const page = pageDispatch(b.dispatch, () => b.db.path);
    const outside = join(dir, 'outside');
    mkdirSync(outside, { recursive: true });
    const audit = () => (b.db.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    const pathAttacks: [string, unknown][] = [
      ['backups.create', { dir: outside }],
      ['backups.create', { dir: '../../..' }],
      ['backups.list', { dir: '/etc' }],
      ['documents.packet', { year: 2026, dir: outside }],
      ['documents.packet', { year: 2026, dir: '/etc/cron.d' }],
      ['jobs.start', { method: 'documents.packet', input: { year: 2026, dir: outside } }],
      ['backups.restore', { path: '/etc/passwd' }],
      ['backups.restore', { path: `${backupDirFor(b.db.path)}/../../../etc/passwd.sqlite` }],
      ['settings.set', { fonts: { fangsong: '/etc/passwd' } }],
      ['settings.set', { fonts: { heiti: '../../../../etc/shadow' } }],
    ];
    let pathsHeld = 0;
    for (const [method, input] of pathAttacks) {
      const before = audit();
      const r = await page(method, input);
      if (!r.ok && r.error.code === 'FORBIDDEN' && audit() === before && readdirSync(outside).length === 0) pathsHeld++;
    }
    out.push({
      item: 'shell: paths a page names',
      tried: pathAttacks.length,
      held: pathsHeld,
      note: 'backup/packet folder, backup file, font file at /etc, ../ or elsewhere refused in Chinese (tests/integration/page-paths.test.ts)',
    });
  } finally {
    b.close();
  }

  // 9 and 10: the browser host.
  const h = await openBackend(join(dir, 'host.sqlite'));
  const host = await startBrowserHost({ dispatch: h.dispatch, maxBody: 1024 });
  try {
    const send = (path: string, headers: Record<string, string>, body?: string, method = 'POST') =>
      new Promise<{ status: number; cookie: string }>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: host.port, path, method, headers }, (res) => {
          res.resume();
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, cookie: String(res.headers['set-cookie'] ?? '') }),
          );
        });
        req.on('error', reject);
        req.end(body);
      });
    const base = { Host: `127.0.0.1:${host.port}`, Origin: `http://127.0.0.1:${host.port}` };
    const open = new URL(host.openUrl).pathname;
    const first = await send(open, base, undefined, 'GET');
    const second = await send(open, base, undefined, 'GET');
    const session = first.cookie.split(';')[0]!;
    const file = host.launchFile();
    const checks = [
      !host.openUrl.includes(host.token),
      /HttpOnly/.test(first.cookie) && /SameSite=Strict/.test(first.cookie) && !/Domain=/i.test(first.cookie),
      second.status === 403,
      (statSync(file).mode & 0o077) === 0,
      (await send('/api/cadres.list', { ...base, Cookie: session }, '{}')).status === 403,
    ];
    out.push({
      item: '9 session handed over without a secret',
      tried: checks.length,
      held: checks.filter(Boolean).length,
      note: 'no token in address/printout/cmdline; one-time address; HttpOnly SameSite=Strict cookie',
    });
    const auth = { ...base, Cookie: session, 'X-Ledger-Request': '1', 'Content-Type': 'application/json' };
    const minor = [
      (await send('/api/cadres.create', auth, JSON.stringify({ name: 'x'.repeat(5000) }))).status === 413,
      (await send('/api/cadres.li%E0%A4%A', auth, '{}')).status === 400,
    ];
    out.push({
      item: '10 413 over the limit, 400 on bad %-encoding',
      tried: minor.length,
      held: minor.filter(Boolean).length,
      note: 'disk full → DISK_FULL in Chinese: tests/integration/disk-full.test.ts',
    });
  } finally {
    await host.close();
    h.close();
  }
  return out;
}

// Alone: npx tsx tests/security/issue11.ts
if (process.argv[1] && import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1]).href) {
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'ledger-issue11-'));
  try {
    for (const f of await runIssue11(dir))
      process.stdout.write(`${f.item.padEnd(44)} ${f.held} / ${f.tried} — ${f.note}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
