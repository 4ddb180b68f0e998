// Attachments cannot run programs (issue 11, item 2): only images, PDF, office documents and text are
// kept; a program named as a photo, a right-to-left-override name, a NUL in a name are refused or made
// harmless; the system viewer only ever gets the ledger's own stored file; and records.restore takes no
// word of the client's on the files (a hash naming ../../etc/passwd, a FIFO in the folder).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import { attachmentDirFor } from '../../electron/services/paths';
import type { Attachment, DeletedRecord } from '../../shared/api/records';
import { normaliseFileName } from '../../shared/domain/attachments';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir();
let b: Backend;
let recordId: number;
let cadreId: number;
const opened: string[] = [];
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f1e5a30000000049454e44ae426082',
  'hex',
);
const b64 = (x: Buffer | string) => Buffer.from(x).toString('base64');

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = await b.dispatch(method, input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}
async function refused(method: string, input: unknown): Promise<string> {
  const r = await b.dispatch(method, input);
  expect(r.ok, `${method} should be refused`).toBe(false);
  return r.ok ? '' : r.error.message;
}
const count = () => (b.db.sqlite.prepare('SELECT count(*) AS n FROM attachments').get() as { n: number }).n;

beforeAll(async () => {
  b = await openBackend(tempDbPath(dir), { openPath: async (f) => void opened.push(f) });
  await call('rules.applyPreset', { presetId: '002', year: 2026 });
  const cadre = await call<{ id: number }>('cadres.create', { name: '赵敏', title: '副校长', level: '校级' });
  cadreId = cadre.id;
  const types = await call<{ activityTypes: { id: number }[] }>('vocabulary.get', {});
  const r = await call<{ id: number }>('records.create', {
    date: '2026-03-02',
    activityTypeId: types.activityTypes[0]!.id,
    cadreIds: [cadre.id],
    objectIds: [],
    place: '机械学院',
    content: '座谈',
  });
  recordId = r.id;
});
afterAll(() => b.close());

describe('only what a ledger needs is kept', () => {
  const programs = [
    '工作安排.exe',
    '启动.bat',
    '启动.cmd',
    '脚本.ps1',
    '链接.url',
    '快捷方式.lnk',
    '程序.desktop',
    '脚本.js',
    '宏.vbs',
    '安装.msi',
    '没有扩展名',
    '照片\u202Egpj.exe',
    '照片.jpg\u0000.exe',
    '照片.exe.',
    '照片.exe ',
  ];
  it.each(programs)('%j is refused in Chinese and nothing is stored', async (name) => {
    const before = count();
    const message = await refused('records.attach', { recordId, fileName: name, dataBase64: b64('MZ\u0090\u0000') });
    expect(message).toMatch(/不能添加/);
    expect(message).toContain('图片');
    expect(count()).toBe(before);
    expect(existsSync(attachmentDirFor(b.path)) ? readdirSync(attachmentDirFor(b.path)) : []).toEqual([]);
  });

  it('a Windows program named as a photo is refused by its content', async () => {
    const message = await refused('records.attach', {
      recordId,
      fileName: '座谈照片.jpg',
      dataBase64: b64(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64)])),
    });
    expect(message).toContain('Windows 程序');
    expect(count()).toBe(0);
  });

  it('names are normalised: no direction override, no NUL, no path; the stored file is named by its hash', async () => {
    const a = await call<Attachment>('records.attach', {
      recordId,
      fileName: '..\\..\\座谈\u202E\u0000照片.png',
      dataBase64: b64(PNG),
    });
    expect(a.fileName).toBe('座谈照片.png');
    expect(a.mime).toBe('image/png');
    expect(readdirSync(attachmentDirFor(b.path))).toEqual([`${a.sha256}.png`]);
    await call('records.openAttachment', { id: a.id });
    expect(opened).toEqual([join(attachmentDirFor(b.path), `${a.sha256}.png`)]);
    expect(normaliseFileName('a\u200Bb\u2066c.pdf')).toBe('abc.pdf');
  });

  it('an attachment kept before the list (a .exe in the ledger) is never handed to the system', async () => {
    const dirA = attachmentDirFor(b.path);
    const sha = createHash('sha256').update('MZ').digest('hex');
    writeFileSync(join(dirA, `${sha}.exe`), 'MZ');
    b.db.sqlite
      .prepare(
        "INSERT INTO attachments (record_id, file_name, sha256, size, mime, added_at) VALUES (?, '旧.exe', ?, 2, '', '2026-01-01')",
      )
      .run(recordId, sha);
    const id = (b.db.sqlite.prepare('SELECT max(id) AS id FROM attachments').get() as { id: number }).id;
    opened.length = 0;
    expect(await refused('records.openAttachment', { id })).toContain('不能直接打开');
    expect(opened).toEqual([]);
    b.db.sqlite.prepare('DELETE FROM attachments WHERE id = ?').run(id);
  });
});

describe('records.restore takes no word of the client on the files', () => {
  it('a hash naming a path outside the folder, or a file that is not there, is refused the same way', async () => {
    const r = await call<{ id: number }>('records.create', {
      date: '2026-03-03',
      activityTypeId: (await call<{ activityTypes: { id: number }[] }>('vocabulary.get', {})).activityTypes[0]!.id,
      cadreIds: [cadreId],
      objectIds: [],
      place: '土木学院',
      content: '调研',
    });
    const a = await call<Attachment>('records.attach', { recordId: r.id, fileName: '现场.png', dataBase64: b64(PNG) });
    const gone = await call<DeletedRecord>('records.delete', { id: r.id });
    const tries = ['../../../../../../etc/passwd', '../../../../../../etc/no-such-file', 'f'.repeat(64)];
    const messages: string[] = [];
    for (const sha256 of tries) {
      const m = await refused('records.restore', { ...gone, attachments: [{ ...a, sha256 }] });
      messages.push(m.replace(/“.*”/, ''));
    }
    // An existing and a missing file answer alike: the refusal tells nothing about the disk.
    expect(new Set(messages.slice(0, 2)).size).toBe(1);
    expect(b.db.sqlite.prepare('SELECT count(*) AS n FROM records WHERE id = ?').get(r.id)).toEqual({ n: 0 });
    // Sizes and types the client sends are not kept either: the file's are.
    const back = await call<{ id: number }>('records.restore', {
      ...gone,
      attachments: [{ ...a, size: 1, mime: 'application/x-msdownload' }],
    });
    const kept = await call<Attachment[]>('records.attachments', { recordId: back.id });
    expect(kept.map((x) => [x.size, x.mime])).toEqual([[PNG.length, 'image/png']]);
  });

  it('a FIFO in the folder under an attachment’s name neither hangs restore nor reading', async () => {
    const r = await call<{ id: number }>('records.create', {
      date: '2026-03-04',
      activityTypeId: (await call<{ activityTypes: { id: number }[] }>('vocabulary.get', {})).activityTypes[0]!.id,
      cadreIds: [cadreId],
      objectIds: [],
      place: '化学学院',
      content: '听课',
    });
    const other = Buffer.concat([PNG, Buffer.from('другой')]);
    const a = await call<Attachment>('records.attach', {
      recordId: r.id,
      fileName: '板书.png',
      dataBase64: b64(other),
    });
    const gone = await call<DeletedRecord>('records.delete', { id: r.id });
    const fifo = join(attachmentDirFor(b.path), `${'b'.repeat(64)}.png`);
    execFileSync('mkfifo', [fifo]);
    const t0 = Date.now();
    const m = await refused('records.restore', { ...gone, attachments: [{ ...a, sha256: 'b'.repeat(64) }] });
    expect(m).toMatch(/不是普通文件|不在附件文件夹中/);
    // The record's own file replaced by a FIFO: reading it is refused at once too.
    await call('records.restore', gone);
    const stored = join(attachmentDirFor(b.path), `${a.sha256}.png`);
    execFileSync('rm', [stored]);
    execFileSync('mkfifo', [stored]);
    expect(await refused('records.readAttachment', { id: a.id })).toContain('不是普通文件');
    expect(Date.now() - t0).toBeLessThan(20_000);
  });
});
