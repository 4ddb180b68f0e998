// Tamper cases: a ledger written through the app, then changed behind its back the way a person with
// a database tool could (edit a field, add or delete a row, edit the trail) — each must be detected.
import {
  appendAudit,
  auditHash,
  canonicalJson,
  GENESIS_HASH,
  readRowState,
  verifyLedger,
  type AuditRow,
} from '../../electron/services/audit';
import { openBackend, type Backend } from '../../electron/services/backend';
import { addVocabulary } from '../support/vocabulary';

export interface TamperCase {
  name: string;
  /** Does the harm with raw SQL, outside the app. */
  harm: (b: Backend, ids: Seeded) => void;
  /** What verify must report for it ('anchor': an anchor outside the file contradicts the trail). */
  expect: { kind: 'changed' | 'inserted' | 'deleted' | 'chain' | 'anchor'; table: string; field?: string };
}

export interface Seeded {
  unitId: number;
  spareUnitId: number;
  cadreId: number;
  recordId: number;
  activityTypeId: number;
  attachmentId: number;
}

async function call<T>(b: Backend, method: string, input: unknown): Promise<T> {
  const r = await b.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

/** A small ledger written the app's way: units, a cadre with roles, a record with its cadre and object. */
export async function seedLedger(path: string): Promise<{ b: Backend; ids: Seeded }> {
  const b = await openBackend(path);
  await addVocabulary(b.dispatch, { unitCategories: ['学院'], levels: ['副厅级'], roles: ['分管教学'] });
  const unit = await call<{ id: number }>(b, 'units.create', { name: '机械学院', category: '学院' });
  const spare = await call<{ id: number }>(b, 'units.create', { name: '土木学院', category: '学院' });
  const cadre = await call<{ id: number }>(b, 'cadres.create', {
    name: '赵敏',
    title: '副校长',
    level: '副厅级',
    roles: ['分管教学'],
    unitId: unit.id,
  });
  const { db, ctx } = b;
  // A record written as the records service writes one: the row, its cadres and objects, one entry.
  const recordId = db.tx(() => {
    const at = ctx.now().toISOString();
    const type = db.sqlite.prepare("INSERT INTO activity_types (name) VALUES ('听课')").run();
    const obj = db.sqlite
      .prepare(
        "INSERT INTO contact_objects (name, category, created_at, updated_at) VALUES ('机械21-1班', '班级', ?, ?)",
      )
      .run(at, at);
    appendAudit(ctx, { action: 'create', table: 'contact_objects', rowId: Number(obj.lastInsertRowid) });
    const rec = db.sqlite
      .prepare(
        'INSERT INTO records (date, activity_type_id, place, content, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run('2026-03-05', type.lastInsertRowid, '3号教学楼', '听《机械原理》一节课', at, at);
    const id = Number(rec.lastInsertRowid);
    db.sqlite
      .prepare("INSERT INTO record_cadres (record_id, cadre_id, title) VALUES (?, ?, '副校长')")
      .run(id, cadre.id);
    db.sqlite.prepare('INSERT INTO record_objects (record_id, object_id) VALUES (?, ?)').run(id, obj.lastInsertRowid);
    appendAudit(ctx, { action: 'create', table: 'records', rowId: id, after: { id } });
    return id;
  });
  const activityTypeId = (db.sqlite.prepare('SELECT id FROM activity_types').get() as { id: number }).id;
  // Through the app, as a secretary would: a second activity type, a setting, a photo on the record, a
  // backup. Each call moves the head of the trail kept outside the file; the backup carries it too.
  await call(b, 'vocabulary.add', { list: 'activityTypes', name: '座谈' });
  await call(b, 'settings.set', { institutionKind: '高校', institution: '河南理工大学' });
  const photo = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  const attachment = await call<{ id: number }>(b, 'records.attach', {
    recordId,
    fileName: '座谈照片.png',
    dataBase64: photo.toString('base64'),
  });
  await call(b, 'backups.create', {});
  return {
    b,
    ids: {
      unitId: unit.id,
      spareUnitId: spare.id,
      cadreId: cadre.id,
      recordId,
      activityTypeId,
      attachmentId: attachment.id,
    },
  };
}

/** What a person with a database tool and this program's source could do: make the chain whole again. */
function rehashChain(b: Backend): void {
  const rows = b.db.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all() as (AuditRow & { id: number })[];
  const set = b.db.sqlite.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
  let prev = GENESIS_HASH;
  for (const r of rows) {
    const hash = auditHash(prev, r);
    set.run(prev, hash, r.id);
    prev = hash;
  }
}

export const TAMPER_CASES: TamperCase[] = [
  {
    name: '改动联系记录的内容',
    harm: (b, i) => b.db.sqlite.prepare("UPDATE records SET content = '（改）' WHERE id = ?").run(i.recordId),
    expect: { kind: 'changed', table: 'records', field: 'content' },
  },
  {
    name: '改动联系记录的日期',
    harm: (b, i) => b.db.sqlite.prepare("UPDATE records SET date = '2026-03-06' WHERE id = ?").run(i.recordId),
    expect: { kind: 'changed', table: 'records', field: 'date' },
  },
  {
    name: '从联系记录中去掉参加的干部',
    harm: (b, i) => b.db.sqlite.prepare('DELETE FROM record_cadres WHERE record_id = ?').run(i.recordId),
    expect: { kind: 'changed', table: 'records', field: 'record_cadres' },
  },
  {
    name: '改动联系记录的联系对象',
    harm: (b, i) => b.db.sqlite.prepare('UPDATE record_objects SET position = 9 WHERE record_id = ?').run(i.recordId),
    expect: { kind: 'changed', table: 'records', field: 'record_objects' },
  },
  {
    name: '在程序之外添加一条联系记录',
    harm: (b, i) =>
      b.db.sqlite
        .prepare(
          "INSERT INTO records (date, activity_type_id, created_at, updated_at) VALUES ('2026-04-01', ?, 'x', 'x')",
        )
        .run(i.activityTypeId),
    expect: { kind: 'inserted', table: 'records' },
  },
  {
    name: '在程序之外删除一条联系记录',
    harm: (b, i) => b.db.sqlite.prepare('DELETE FROM records WHERE id = ?').run(i.recordId),
    expect: { kind: 'deleted', table: 'records' },
  },
  {
    name: '改动干部的职务',
    harm: (b, i) => b.db.sqlite.prepare("UPDATE cadres SET title = '校长' WHERE id = ?").run(i.cadreId),
    expect: { kind: 'changed', table: 'cadres', field: 'title' },
  },
  {
    name: '给干部添加一个角色',
    harm: (b, i) =>
      b.db.sqlite.prepare("INSERT INTO cadre_roles (cadre_id, role) VALUES (?, '党委书记')").run(i.cadreId),
    expect: { kind: 'changed', table: 'cadres', field: 'cadre_roles' },
  },
  {
    name: '在程序之外添加一名干部',
    harm: (b) =>
      b.db.sqlite.prepare("INSERT INTO cadres (name, created_at, updated_at) VALUES ('王五', 'x', 'x')").run(),
    expect: { kind: 'inserted', table: 'cadres' },
  },
  {
    name: '在程序之外删除一个单位',
    harm: (b, i) => b.db.sqlite.prepare('DELETE FROM units WHERE id = ?').run(i.spareUnitId),
    expect: { kind: 'deleted', table: 'units' },
  },
  {
    name: '在程序之外锁定年度',
    harm: (b) => b.db.sqlite.prepare("INSERT INTO year_locks (year, locked_at) VALUES (2026, 'x')").run(),
    expect: { kind: 'inserted', table: 'year_locks' },
  },
  {
    name: '改动审计日志中的一条',
    harm: (b) => b.db.sqlite.prepare("UPDATE audit_log SET operator = '别人' WHERE id = 2").run(),
    expect: { kind: 'chain', table: 'audit_log' },
  },
  {
    name: '删除审计日志中的一条',
    harm: (b) => b.db.sqlite.prepare('DELETE FROM audit_log WHERE id = 2').run(),
    expect: { kind: 'chain', table: 'audit_log' },
  },
  {
    name: '改动数据并同时改动审计日志中的快照',
    harm: (b, i) => {
      b.db.sqlite.prepare("UPDATE units SET note = '改' WHERE id = ?").run(i.unitId);
      b.db.sqlite
        .prepare(
          'UPDATE audit_log SET row_state = replace(row_state, \'"note":""\', \'"note":"改"\') WHERE table_name = \'units\'',
        )
        .run();
    },
    expect: { kind: 'chain', table: 'audit_log' },
  },
  {
    name: '改动联系记录，同时改写审计日志中的快照并重新计算整条校验链',
    harm: (b, i) => {
      b.db.sqlite.prepare("UPDATE records SET content = '（改）' WHERE id = ?").run(i.recordId);
      const state = canonicalJson(readRowState(b.db, 'records', i.recordId));
      b.db.sqlite
        .prepare(
          "UPDATE audit_log SET row_state = ? WHERE id = (SELECT max(id) FROM audit_log WHERE table_name = 'records' AND row_id = ?)",
        )
        .run(state, i.recordId);
      rehashChain(b);
    },
    expect: { kind: 'anchor', table: 'audit_log' },
  },
  {
    name: '删除最后写入的数据连同它的审计日志',
    harm: (b) => {
      const last = b.db.sqlite
        .prepare('SELECT id, table_name, row_id FROM audit_log ORDER BY id DESC LIMIT 1')
        .get() as {
        id: number;
        table_name: string;
        row_id: number | null;
      };
      b.db.sqlite.prepare('DELETE FROM audit_log WHERE id >= ?').run(last.id - 1);
    },
    expect: { kind: 'anchor', table: 'audit_log' },
  },
  {
    name: '交换两个活动类型的名称（锁定年度的达标率随之改变）',
    harm: (b) => {
      const [a, c] = b.db.sqlite.prepare('SELECT id, name FROM activity_types ORDER BY id').all() as {
        id: number;
        name: string;
      }[];
      const set = b.db.sqlite.prepare('UPDATE activity_types SET name = ? WHERE id = ?');
      set.run('__swap__', a!.id);
      set.run(a!.name, c!.id);
      set.run(c!.name, a!.id);
    },
    expect: { kind: 'changed', table: 'activity_types' },
  },
  {
    name: '改动设置中的单位类型',
    harm: (b) => b.db.sqlite.prepare(`UPDATE settings SET value = '"县区"' WHERE key = 'institutionKind'`).run(),
    expect: { kind: 'changed', table: 'settings' },
  },
  {
    name: '在程序之外添加一天节假日（工作日期限随之改变）',
    harm: (b) =>
      b.db.sqlite.prepare("INSERT INTO calendar_days (date, kind, name) VALUES ('2026-03-06', 'holiday', '假')").run(),
    expect: { kind: 'inserted', table: 'calendar_days' },
  },
  {
    name: '改动附件的登记（文件名和校验值）',
    harm: (b, i) =>
      b.db.sqlite
        .prepare("UPDATE attachments SET file_name = '照片.exe', sha256 = ? WHERE id = ?")
        .run('0'.repeat(64), i.attachmentId),
    expect: { kind: 'changed', table: 'attachments' },
  },
];

/** Each case on its own fresh ledger: clean before the harm, the harm detected after it. */
export async function runTamperCases(
  dir: string,
): Promise<{ made: number; detected: number; results: { name: string; detected: boolean; clean: boolean }[] }> {
  const results: { name: string; detected: boolean; clean: boolean }[] = [];
  let n = 0;
  for (const c of TAMPER_CASES) {
    const { b, ids } = await seedLedger(`${dir}/tamper-${++n}.sqlite`);
    try {
      const clean = verifyLedger(b.ctx).ok;
      c.harm(b, ids);
      const r = verifyLedger(b.ctx);
      const detected =
        c.expect.kind === 'chain'
          ? r.chainBreaks.length > 0
          : c.expect.kind === 'anchor'
            ? r.anchorBreaks.length > 0
            : r.findings.some(
                (f) =>
                  f.kind === c.expect.kind &&
                  f.table === c.expect.table &&
                  (!c.expect.field || f.fields.includes(c.expect.field)),
              );
      results.push({ name: c.name, detected, clean });
    } finally {
      b.close();
    }
  }
  return { made: results.length, detected: results.filter((r) => r.detected && r.clean).length, results };
}
