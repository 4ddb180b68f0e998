// 联系记录: every visit, seminar, class observation and reception day, with its cadres and objects.
// Pages are read with sorting and filtering in SQL so that the grid stays quick at 500,000 records.
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { constants as fsc } from 'node:fs';
import { extname, join } from 'node:path';
import { ATTACHMENT_TYPES, checkAttachmentName, executableContent, SHA256_HEX } from '../../shared/domain/attachments';
import type { ParsedInput } from '../../shared/api/contract';
import type { Attachment, DeletedRecord } from '../../shared/api/records';
import { TIME_ORDER_MESSAGE, timesInOrder, type LedgerRecord } from '../../shared/domain/record';
import { LedgerError } from '../../shared/errors';
import { appendAudit } from './audit';
import type { ServiceContext } from './context';
import { attachmentDirFor } from './paths';
import { recordsQuery } from './records-query';
import { createSearchIndex } from './records-search';
import { mustExist, refuseIfPresent } from './rows';
import { assertYearOpen } from './year-lock';

type Fields = Omit<
  LedgerRecord,
  'id' | 'activityType' | 'cadreNames' | 'objectNames' | 'attachmentCount' | 'cadreTitles'
> & {
  id?: number;
  cadreTitles?: string[];
};

/** The contract refuses larger files; one larger in the folder was not put there by the program. */
const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;

const yearOf = (date: string) => Number(date.slice(0, 4));

/** A record's own columns as stored (the import writes the same). */
export function recordColumns(
  r: Pick<
    LedgerRecord,
    | 'date'
    | 'startTime'
    | 'endTime'
    | 'activityTypeId'
    | 'place'
    | 'content'
    | 'opinions'
    | 'implementation'
    | 'hours'
    | 'days'
    | 'companions'
  >,
) {
  return {
    date: r.date,
    start_time: r.startTime,
    end_time: r.endTime,
    activity_type_id: r.activityTypeId,
    place: r.place,
    content: r.content,
    opinions: r.opinions,
    implementation: r.implementation,
    hours: r.hours,
    days: r.days,
    companions: r.companions,
  };
}

export function recordHandlers(ctx: ServiceContext) {
  const { db } = ctx;

  /** Cadre and object names, titles and attachment counts for a page of records, in three queries. */
  const hydrate = (
    rows: {
      id: number;
      date: string;
      start_time: string | null;
      end_time: string | null;
      activity_type_id: number;
      activity_type: string;
      place: string;
      content: string;
      opinions: string;
      implementation: string;
      hours: number | null;
      days: number | null;
      companions: number | null;
    }[],
  ): LedgerRecord[] => {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const marks = ids.map(() => '?').join(',');
    const cadres = db
      .prepare(
        `SELECT rc.record_id, rc.cadre_id, c.name, rc.title FROM record_cadres rc JOIN cadres c ON c.id = rc.cadre_id
         WHERE rc.record_id IN (${marks}) ORDER BY rc.record_id, rc.position, rc.cadre_id`,
      )
      .all(...ids) as { record_id: number; cadre_id: number; name: string; title: string }[];
    const objects = db
      .prepare(
        `SELECT ro.record_id, ro.object_id, o.name FROM record_objects ro JOIN contact_objects o ON o.id = ro.object_id
         WHERE ro.record_id IN (${marks}) ORDER BY ro.record_id, ro.position, ro.object_id`,
      )
      .all(...ids) as { record_id: number; object_id: number; name: string }[];
    const files = db
      .prepare(`SELECT record_id, count(*) AS n FROM attachments WHERE record_id IN (${marks}) GROUP BY record_id`)
      .all(...ids) as { record_id: number; n: number }[];
    const byRecord = new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          date: r.date,
          startTime: r.start_time,
          endTime: r.end_time,
          activityTypeId: r.activity_type_id,
          activityType: r.activity_type,
          cadreIds: [] as number[],
          cadreNames: [] as string[],
          cadreTitles: [] as string[],
          objectIds: [] as number[],
          objectNames: [] as string[],
          place: r.place,
          content: r.content,
          opinions: r.opinions,
          implementation: r.implementation,
          hours: r.hours,
          days: r.days,
          companions: r.companions,
          attachmentCount: 0,
        },
      ]),
    );
    for (const c of cadres) {
      const r = byRecord.get(c.record_id)!;
      r.cadreIds.push(c.cadre_id);
      r.cadreNames.push(c.name);
      r.cadreTitles.push(c.title);
    }
    for (const o of objects) {
      const r = byRecord.get(o.record_id)!;
      r.objectIds.push(o.object_id);
      r.objectNames.push(o.name);
    }
    for (const f of files) byRecord.get(f.record_id)!.attachmentCount = f.n;
    return ids.map((id) => byRecord.get(id)!);
  };

  const base = () =>
    db.q
      .selectFrom('records as r')
      .innerJoin('activity_types as t', 't.id', 'r.activity_type_id')
      .select([
        'r.id',
        'r.date',
        'r.start_time',
        'r.end_time',
        'r.activity_type_id',
        't.name as activity_type',
        'r.place',
        'r.content',
        'r.opinions',
        'r.implementation',
        'r.hours',
        'r.days',
        'r.companions',
      ]);

  const get = (id: number): LedgerRecord => {
    const row = db.first(base().where('r.id', '=', id));
    if (!row) throw new LedgerError('NOT_FOUND', `编号为 ${id} 的联系记录不存在`);
    return hydrate([row])[0]!;
  };

  const search = createSearchIndex(db);

  // The grid asks for the total with every block it loads while scrolling; the count is kept until the
  // ledger changes: every write of the app is audited, so the head of the audit trail moves with it, and
  // another process's writes move data_version. (Not total_changes(): the undo history's bookkeeping and
  // the text index write on every call, and would make every block count afresh.)
  let counted: { key: string; n: number } | null = null;
  const versionNow = () => {
    const head = db.prepare('SELECT ifnull(max(id), 0) AS n FROM audit_log').get() as { n: number };
    return `${head.n}|${db.pragma<number>('data_version')}`;
  };
  const countOf = (filters: ParsedInput<'records.page'>['filters'], version: string, query: () => number): number => {
    const key = `${JSON.stringify(filters)}|${version}`;
    if (counted?.key === key) return counted.n;
    counted = { key, n: query() };
    return counted.n;
  };

  const check = (r: Fields) => {
    assertYearOpen(ctx, yearOf(r.date), '联系记录');
    if (!timesInOrder(r)) throw new LedgerError('INVALID_INPUT', TIME_ORDER_MESSAGE);
    mustExist(db, 'activity_types', r.activityTypeId, '类型', '活动类型');
    for (const c of r.cadreIds) mustExist(db, 'cadres', c, '领导干部', '干部');
    for (const o of r.objectIds) mustExist(db, 'contact_objects', o, '联系对象', '联系对象');
    if (new Set(r.cadreIds).size !== r.cadreIds.length)
      throw new LedgerError('INVALID_INPUT', '「领导干部」同一人填了两次');
    if (new Set(r.objectIds).size !== r.objectIds.length)
      throw new LedgerError('INVALID_INPUT', '「联系对象」同一对象填了两次');
  };

  /** 职务 is kept as it was on the day: the cadre's title now, unless the record already had one. */
  const writeLinks = (id: number, r: Fields, keepTitles: Map<number, string>) => {
    db.run(db.q.deleteFrom('record_cadres').where('record_id', '=', id));
    db.run(db.q.deleteFrom('record_objects').where('record_id', '=', id));
    r.cadreIds.forEach((cadreId, position) => {
      const title =
        r.cadreTitles?.[position] ??
        keepTitles.get(cadreId) ??
        db.first(db.q.selectFrom('cadres').select('title').where('id', '=', cadreId))?.title ??
        '';
      db.run(db.q.insertInto('record_cadres').values({ record_id: id, cadre_id: cadreId, title, position }));
    });
    r.objectIds.forEach((objectId, position) =>
      db.run(db.q.insertInto('record_objects').values({ record_id: id, object_id: objectId, position })),
    );
  };

  const insert = (r: Fields): LedgerRecord => {
    check(r);
    const at = ctx.now().toISOString();
    const { lastInsertRowid } = db.run(
      db.q
        .insertInto('records')
        .values({ ...(r.id !== undefined ? { id: r.id } : {}), ...recordColumns(r), created_at: at, updated_at: at }),
    );
    const id = Number(lastInsertRowid);
    writeLinks(id, r, new Map());
    return get(id);
  };

  const attachmentsOf = (recordId: number): Attachment[] =>
    db.all(db.q.selectFrom('attachments').selectAll().where('record_id', '=', recordId).orderBy('id')).map((a) => ({
      id: a.id,
      recordId: a.record_id,
      fileName: a.file_name,
      sha256: a.sha256,
      size: a.size,
      mime: a.mime,
      addedAt: a.added_at,
    }));

  /**
   * An attachment's bytes, checked against the hash they were registered under. Only a regular file
   * is read (a FIFO put in its place would hang the backend; a link could point anywhere): opened
   * without following links and without blocking, then checked to be a plain file.
   */
  const readStored = (a: { sha256: string; fileName: string }, what: string): { file: string; data: Buffer } | null => {
    if (!SHA256_HEX.test(a.sha256))
      throw new LedgerError('DB_CORRUPT', `附件“${what}”登记的校验值不是本程序写下的，不能读取。`);
    const file = attachmentFile(a);
    let fd: number;
    try {
      fd = openSync(file, fsc.O_RDONLY | (fsc.O_NOFOLLOW ?? 0) | (fsc.O_NONBLOCK ?? 0));
    } catch {
      return null;
    }
    try {
      const st = fstatSync(fd);
      if (!st.isFile())
        throw new LedgerError('DB_CORRUPT', `附件“${what}”在附件文件夹中的不是普通文件（${file}），可能被改动过。`);
      if (st.size > MAX_ATTACHMENT_BYTES)
        throw new LedgerError(
          'DB_CORRUPT',
          `附件“${what}”在附件文件夹中的文件大于 50MB（${file}），不是本程序存入的。`,
        );
      const data = Buffer.alloc(st.size);
      let off = 0;
      while (off < st.size) {
        const n = readSync(fd, data, off, st.size - off, off);
        if (n <= 0) break;
        off += n;
      }
      return { file, data: data.subarray(0, off) };
    } finally {
      closeSync(fd);
    }
  };

  const readChecked = (id: number) => {
    const row = db.first(db.q.selectFrom('attachments').select('record_id').where('id', '=', id));
    if (!row) throw new LedgerError('NOT_FOUND', `编号为 ${id} 的附件不存在`);
    const attachment = attachmentsOf(row.record_id).find((x) => x.id === id)!;
    const got = readStored(attachment, attachment.fileName);
    if (!got)
      throw new LedgerError(
        'NOT_FOUND',
        `附件文件“${attachment.fileName}”不在附件文件夹中（${attachmentFile(attachment)}）`,
      );
    if (createHash('sha256').update(got.data).digest('hex') !== attachment.sha256)
      throw new LedgerError('DB_CORRUPT', `附件文件“${attachment.fileName}”的内容与登记时不同，可能被改动过。`);
    return { attachment, file: got.file, data: got.data };
  };

  /** Stored under its hash and its extension: the name the user gave never reaches the file system. */
  const attachmentFile = (a: { sha256: string; fileName: string }) =>
    join(attachmentDirFor(db.path), `${a.sha256}${extname(a.fileName).toLowerCase()}`);

  return {
    'records.page': ({ offset, limit, sort, filters }: ParsedInput<'records.page'>) => {
      // The page's ids first, from records alone (records-query.ts chooses how), then the rows with names.
      // The same version keeps a text search's matches and a small set's ordered ids for the next blocks.
      const version = versionNow();
      const query = recordsQuery(db, search, sort, filters, undefined, version);
      const total = countOf(filters, version, query.count);
      const pageIds = query.ids(offset, limit, total);
      const found = pageIds.length ? db.all(base().where('r.id', 'in', pageIds)) : [];
      const byId = new Map(found.map((r) => [r.id, r]));
      const rows = pageIds.map((id) => byId.get(id)!).filter(Boolean);
      return { rows: hydrate(rows), total };
    },

    'records.get': ({ id }: ParsedInput<'records.get'>) => get(id),

    'records.create': (input: ParsedInput<'records.create'>): LedgerRecord =>
      db.tx(() => {
        const created = insert(input);
        appendAudit(ctx, { action: 'create', table: 'records', rowId: created.id, after: created });
        return created;
      }),

    'records.createMany': ({ records }: ParsedInput<'records.createMany'>) =>
      db.tx(() => {
        const ids: number[] = [];
        records.forEach((input, i) => {
          let created: LedgerRecord;
          try {
            created = insert(input);
          } catch (e) {
            if (e instanceof LedgerError) throw new LedgerError(e.code, `第 ${i + 1} 条：${e.message}`);
            throw e;
          }
          appendAudit(ctx, { action: 'create', table: 'records', rowId: created.id, after: created });
          ids.push(created.id);
        });
        return { ids };
      }),

    'records.update': ({ id, patch }: ParsedInput<'records.update'>): LedgerRecord =>
      db.tx(() => {
        const before = get(id);
        assertYearOpen(ctx, yearOf(before.date), '联系记录');
        const next: Fields = { ...before, ...patch };
        if (patch.cadreIds) next.cadreTitles = undefined;
        check(next);
        db.run(
          db.q
            .updateTable('records')
            .set({ ...recordColumns(next), updated_at: ctx.now().toISOString() })
            .where('id', '=', id),
        );
        if (patch.cadreIds || patch.objectIds)
          writeLinks(id, next, new Map(before.cadreIds.map((c, i) => [c, before.cadreTitles[i] ?? ''])));
        const after = get(id);
        appendAudit(ctx, { action: 'update', table: 'records', rowId: id, before, after });
        return after;
      }),

    'records.delete': ({ id }: ParsedInput<'records.delete'>): DeletedRecord =>
      db.tx(() => {
        const record = get(id);
        assertYearOpen(ctx, yearOf(record.date), '联系记录');
        const gone: DeletedRecord = {
          record,
          attachments: attachmentsOf(id),
          followUpIds: db.all(db.q.selectFrom('follow_ups').select('id').where('record_id', '=', id)).map((f) => f.id),
        };
        db.run(db.q.deleteFrom('records').where('id', '=', id));
        appendAudit(ctx, { action: 'delete', table: 'records', rowId: id, before: gone });
        // The foreign key cleared 来源记录 of its follow-ups: that change is the app's, so it is audited too.
        for (const f of gone.followUpIds)
          appendAudit(ctx, { action: 'update', table: 'follow_ups', rowId: f, after: { recordId: null } });
        return gone;
      }),

    'records.restore': ({ record, attachments, followUpIds }: ParsedInput<'records.restore'>): LedgerRecord =>
      db.tx(() => {
        refuseIfPresent(db, 'records', record.id, '联系记录');
        insert(record);
        // The client's word on the attachments is not taken: each must be a file already in the
        // attachment folder, a plain file whose content has the hash given; name and type are checked
        // again, size and type come from the file.
        for (const a of attachments) {
          const { fileName, mime } = checkAttachmentName(a.fileName);
          if (!SHA256_HEX.test(a.sha256))
            throw new LedgerError('INVALID_INPUT', `附件“${fileName}”的校验值不是本程序写下的，不能恢复。`);
          const got = readStored({ sha256: a.sha256, fileName }, fileName);
          if (!got || createHash('sha256').update(got.data).digest('hex') !== a.sha256)
            throw new LedgerError('INVALID_INPUT', `附件“${fileName}”不在附件文件夹中，不能恢复。`);
          refuseIfPresent(db, 'attachments', a.id, '附件');
          db.run(
            db.q.insertInto('attachments').values({
              id: a.id,
              record_id: record.id,
              file_name: fileName,
              sha256: a.sha256,
              size: got.data.length,
              mime,
              added_at: a.addedAt,
            }),
          );
        }
        for (const f of followUpIds) {
          const { changes } = db.run(
            db.q
              .updateTable('follow_ups')
              .set({ record_id: record.id })
              .where('id', '=', f)
              .where('record_id', 'is', null),
          );
          if (changes)
            appendAudit(ctx, { action: 'update', table: 'follow_ups', rowId: f, after: { recordId: record.id } });
        }
        const restored = get(record.id);
        appendAudit(ctx, { action: 'restore', table: 'records', rowId: record.id, after: restored });
        return restored;
      }),

    'records.attachments': ({ recordId }: ParsedInput<'records.attachments'>) => attachmentsOf(recordId),

    /** Copies the file beside the database under its SHA-256, so that the same photo is kept once. */
    'records.attach': ({ recordId, fileName: given, dataBase64 }: ParsedInput<'records.attach'>): Attachment => {
      const record = get(recordId);
      assertYearOpen(ctx, yearOf(record.date), '联系记录');
      const { fileName, mime } = checkAttachmentName(given);
      const data = Buffer.from(dataBase64, 'base64');
      if (data.length === 0) throw new LedgerError('INVALID_INPUT', `附件“${fileName}”是空文件`);
      const runs = executableContent(data.subarray(0, 8));
      if (runs)
        throw new LedgerError('INVALID_INPUT', `附件“${fileName}”的内容是${runs}，不是它的名字所说的文件，不能添加。`);
      const sha256 = createHash('sha256').update(data).digest('hex');
      const file = attachmentFile({ sha256, fileName });
      mkdirSync(attachmentDirFor(db.path), { recursive: true });
      let kept = false;
      try {
        const there = readStored({ sha256, fileName }, fileName);
        kept = !!there && createHash('sha256').update(there.data).digest('hex') === sha256;
      } catch {
        kept = false;
      }
      if (!kept) {
        // Not there, or something else in its place (other content, a link, a FIFO): the right file replaces it.
        rmSync(file, { force: true });
        writeFileSync(file, data, { flag: 'wx' });
      }
      return db.tx(() => {
        const { lastInsertRowid } = db.run(
          db.q.insertInto('attachments').values({
            record_id: recordId,
            file_name: fileName,
            sha256,
            size: data.length,
            mime,
            added_at: ctx.now().toISOString(),
          }),
        );
        const a = attachmentsOf(recordId).find((x) => x.id === Number(lastInsertRowid))!;
        appendAudit(ctx, { action: 'create', table: 'attachments', rowId: a.id, after: a });
        return a;
      });
    },

    /** Removes the link; the file itself stays (another record may share it, and nothing is lost). */
    'records.detach': ({ id }: ParsedInput<'records.detach'>): Attachment =>
      db.tx(() => {
        const row = db.first(db.q.selectFrom('attachments').select(['record_id']).where('id', '=', id));
        if (!row) throw new LedgerError('NOT_FOUND', `编号为 ${id} 的附件不存在`);
        assertYearOpen(ctx, yearOf(get(row.record_id).date), '联系记录');
        const a = attachmentsOf(row.record_id).find((x) => x.id === id)!;
        db.run(db.q.deleteFrom('attachments').where('id', '=', id));
        appendAudit(ctx, { action: 'delete', table: 'attachments', rowId: id, before: a });
        return a;
      }),

    'records.readAttachment': ({ id }: ParsedInput<'records.readAttachment'>) => {
      const { attachment: a, data } = readChecked(id);
      return { attachment: a, dataBase64: data.toString('base64') };
    },

    'records.openAttachment': async ({ id }: ParsedInput<'records.openAttachment'>): Promise<Attachment> => {
      const openPath = ctx.host?.openPath;
      if (!openPath) throw new LedgerError('FORBIDDEN', '这种打开方式不能直接调用系统程序打开附件。');
      const { attachment: a, file } = readChecked(id);
      // The system opens a file by its extension: only those on the list (an attachment kept before
      // the list existed may have another) are handed over, and only the ledger's own stored file.
      if (!ATTACHMENT_TYPES[extname(file).toLowerCase()])
        throw new LedgerError(
          'FORBIDDEN',
          `附件“${a.fileName}”的类型不能直接打开（可能是程序或脚本）。如确需查看，请先下载，检查无害后再打开。`,
        );
      await openPath(file);
      return a;
    },
  };
}
