// What the program's window may name on disk (shared/api/page-paths.ts), for every field of the contract whose
// name says path, folder, file or font: a new such field fails here until the table says what a page may send.
// And the doors' rule itself: a page naming /etc or ../ for a backup folder, a packet folder, a backup to restore
// (also through jobs.start) is refused in Chinese, naming what to do instead; the same call without the path goes.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageCallRefusal } from '../../electron/doors/page-calls';
import { backupDirFor } from '../../electron/services/paths';
import { contract } from '../../shared/api/contract';
import { NOT_PATHS, PAGE_PATH_FIELDS } from '../../shared/api/page-paths';

type Schema = { _zod: { def: Record<string, unknown> & { type: string } } };

/** Every field of an input schema, dotted (array elements and unions walked through). */
function fieldsOf(s: Schema, at = '', out: string[] = []): string[] {
  const def = s._zod.def;
  const inner = (x: unknown) => fieldsOf(x as Schema, at, out);
  switch (def.type) {
    case 'object':
      for (const [k, v] of Object.entries(def.shape as Record<string, Schema>)) {
        const p = at ? `${at}.${k}` : k;
        out.push(p);
        fieldsOf(v, p, out);
      }
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      inner(def.innerType);
      break;
    case 'pipe':
      inner(def.in);
      break;
    case 'array':
      inner(def.element);
      break;
    case 'union':
      for (const o of def.options as Schema[]) inner(o);
      break;
    case 'record':
      inner(def.valueType);
      break;
    case 'intersection':
      inner(def.left);
      inner(def.right);
      break;
  }
  return out;
}

const db = '/srv/台账/ledger.sqlite';

describe('paths a page may name', () => {
  it('every contract field named like a path is in the page-paths table or said not to be a path', () => {
    const found: string[] = [];
    for (const [method, spec] of Object.entries(contract))
      for (const f of new Set(fieldsOf((spec as unknown as { input: Schema }).input)))
        if (/path|dir|file|font|folder/i.test(f.split('.').pop()!)) found.push(`${method} ${f}`);
    const declared = [
      ...Object.entries(PAGE_PATH_FIELDS).flatMap(([m, fields]) => Object.keys(fields).map((f) => `${m} ${f}`)),
      ...Object.keys(NOT_PATHS),
    ];
    expect(found.sort()).toEqual(declared.sort());
    // The walk itself finds what is there (it would pass vacuously on a schema it cannot read).
    expect(found).toContain('backups.restore path');
    expect(found).toContain('settings.set fonts');
  });

  it('a backup folder, a packet folder or a backup file outside the ledger’s own: refused in Chinese, also as a job', () => {
    const attacks: [string, unknown][] = [
      ['backups.create', { dir: '/etc' }],
      ['backups.create', { dir: '../../..' }],
      ['backups.list', { dir: '/etc' }],
      ['documents.packet', { year: 2026, dir: '/etc/cron.d' }],
      ['documents.packet', { year: 2026, dir: '../..' }],
      ['backups.restore', { path: '/etc/passwd' }],
      ['backups.restore', { path: `${backupDirFor(db)}/../../../etc/passwd.sqlite` }],
      ['jobs.start', { method: 'documents.packet', input: { year: 2026, dir: '/etc' } }],
      ['jobs.start', { method: 'backups.create', input: { dir: '/tmp/../etc' } }],
      ['workbook.import', { fileName: '台账.xlsx', path: '/etc/台账.xlsx' }],
      ['workbook.unknownValues', { fileName: '台账.xlsx', path: '/etc/台账.xlsx' }],
      ['jobs.start', { method: 'workbook.import', input: { fileName: '台账.xlsx', path: '/home/台账.xlsx' } }],
    ];
    for (const [method, input] of attacks) {
      const r = pageCallRefusal(method, input, db);
      expect(r, `${method} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      const message = r && !r.ok ? r.error.message : '';
      expect(message).toMatch(/^在程序窗口中不能指定这个文件或文件夹：.+。未作任何改动。/);
      expect(message).not.toMatch(/[a-z]{4,}Error|undefined|null/);
    }
    expect(pageCallRefusal('documents.packet', { year: 2026, dir: '/etc' }, db)).toMatchObject({
      error: { message: expect.stringContaining('考核材料包保存在本台账旁的考核材料文件夹中') },
    });
    expect(pageCallRefusal('backups.restore', { path: '/etc/passwd' }, db)).toMatchObject({
      error: { message: expect.stringContaining('ledger restore --from 该文件') },
    });
    expect(pageCallRefusal('workbook.import', { fileName: '台账.xlsx', path: '/etc/台账.xlsx' }, db)).toMatchObject({
      error: {
        message: expect.stringContaining(
          '请用“导入 Excel”选择文件。未作任何改动。要使用其他位置，请在终端中运行 ledger import 该文件',
        ),
      },
    });
    // Without a path the same calls go, into the ledger's own folders; the own backup folder's file may be restored.
    for (const [method, input] of [
      ['backups.create', {}],
      ['backups.list', {}],
      ['documents.packet', { year: 2026 }],
      ['jobs.start', { method: 'documents.packet', input: { year: 2026 } }],
      ['backups.restore', { path: join(backupDirFor(db), 'ledger.sqlite.manual.20260301-080000.sqlite') }],
      ['settings.set', { institution: '甲大学' }],
      ['jobs.start', { method: 'workbook.import', input: { fileName: '台账.xlsx', dataBase64: 'UEsDBA==' } }],
    ] as const)
      expect(pageCallRefusal(method, input, db), method).toBeNull();
  });
});
