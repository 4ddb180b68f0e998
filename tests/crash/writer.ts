// The crash test's writer: writes units, cadres and records through the services as fast as it can,
// some in multi-row transactions, and prints each acknowledged id after its commit. It is killed with
// SIGKILL at a random moment by tests/crash/run.ts.
import { contract } from '../../shared/api/contract';
import { appendAudit } from '../../electron/services/audit';
import { openBackend } from '../../electron/services/backend';

const path = process.argv[2];
if (!path) throw new Error('usage: writer.ts DB');
const b = await openBackend(path);
const h = b.handlers;
const { db, ctx } = b;
const tag = `${process.pid}`;
// stdout to a pipe is synchronous on Linux and macOS: a printed ack is out before the next write.
const ack = (line: string) => process.stdout.write(`${line}\n`);

db.sqlite.prepare("INSERT OR IGNORE INTO activity_types (name) VALUES ('调研')").run();
const typeId = (db.sqlite.prepare("SELECT id FROM activity_types WHERE name = '调研'").get() as { id: number }).id;

// Unit categories come from the institution's list; the writer's units are 学院 (already listed after a crash).
await b.dispatch('vocabulary.add', { list: 'unitCategories', name: '学院' });

ack('ready');
for (let n = 0; ; n++) {
  if (n % 3 !== 2) {
    const r = await b.dispatch('units.create', { name: `单位-${tag}-${n}`, category: '学院' });
    if (!r.ok) throw new Error(r.error.message);
    ack(`unit ${(r.value as { id: number }).id}`);
    continue;
  }
  // One transaction: a unit, three cadres in it and a record they share — all or nothing.
  const ids = db.tx(() => {
    const unit = h['units.create'](contract['units.create'].input.parse({ name: `批次-${tag}-${n}`, note: 'tx' })) as {
      id: number;
    };
    const cadres = [1, 2, 3].map(
      (i) =>
        (
          h['cadres.create'](contract['cadres.create'].input.parse({ name: `干部${n}-${i}`, unitId: unit.id })) as {
            id: number;
          }
        ).id,
    );
    const at = ctx.now().toISOString();
    const rec = Number(
      db.sqlite
        .prepare('INSERT INTO records (date, activity_type_id, content, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
        .run('2026-03-05', typeId, `tx:${unit.id}`, at, at).lastInsertRowid,
    );
    cadres.forEach((c, i) =>
      db.sqlite.prepare('INSERT INTO record_cadres (record_id, cadre_id, position) VALUES (?, ?, ?)').run(rec, c, i),
    );
    appendAudit(ctx, { action: 'create', table: 'records', rowId: rec, after: { id: rec } });
    return { unit: unit.id, cadres, rec };
  });
  ack(`tx ${ids.unit} ${ids.cadres.join(',')} ${ids.rec}`);
}
