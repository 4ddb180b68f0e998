// 统计考核 at the size of a large university or county: 2,000 cadres, 50 rules, 200,000 records in a year, in
// a real SQLite file. Two rows: the year's evaluation cold (a freshly opened ledger, inputs read from the
// file) against one raw GROUP BY (cadre × type × month) over the same records in the same run; and the
// re-evaluation after one record is edited, end to end as the UI gets it (dispatch, validation, the JSON
// the door sends and the UI parses), against the raw GROUP BY of the edited cadre's records. The screen
// (统计考核) asks evaluation.screen: cold, then after each edit only the cells changed since the version it
// holds; evaluation.run (every row of the year) is what the CLI and documents read. Medians.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend, type Backend } from '../../electron/services/backend';
import { applyPreset, loadPreset } from '../../electron/services/presets';
import { presetsDir } from '../../electron/services/resources';
import type { EvaluationChanges, EvaluationResult, EvaluationScreen } from '../../shared/api/evaluation';
import { applyChanges } from '../../shared/api/evaluation-diff';
import { holdScreen, type HeldScreen } from '../../shared/api/evaluation-matrix';
import type { Regulation, StoredRule } from '../../shared/api/rules';
import { fmt, median as med, row, type BenchOptions, type BenchRow } from './harness';

const YEAR = 2026;
const OBJECTS = 5000;
const NOW = () => new Date(`${YEAR}-12-31T08:00:00Z`);

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function fill(b: Backend, CADRES: number, RECORDS: number): void {
  const ctx = b.ctx;
  applyPreset(ctx, loadPreset(presetsDir(), '002'), YEAR);
  const sq = b.db.sqlite;
  const rand = rng(7);
  const at = NOW().toISOString();
  const types = (sq.prepare('SELECT id, name FROM activity_types').all() as { id: number; name: string }[]).map(
    (t) => t.id,
  );
  const categories = [
    '学院',
    '班级',
    '宿舍',
    '社团',
    '教授',
    '青年教师',
    '思政课堂',
    '党支部',
    '高层次人才',
    '党外人士',
    '离退休校级领导干部',
  ];
  sq.transaction(() => {
    const unit = sq.prepare("INSERT INTO units (name, category, note, created_at, updated_at) VALUES (?, ?, '', ?, ?)");
    for (let u = 1; u <= 50; u++) unit.run(`单位${u}`, u === 1 ? '校领导' : '学院', at, at);
    const cadre = sq.prepare(
      "INSERT INTO cadres (name, title, level, unit_id, party_member, note, pinyin, initials, created_at, updated_at) VALUES (?, '', ?, ?, 1, '', '', '', ?, ?)",
    );
    const role = sq.prepare('INSERT INTO cadre_roles (cadre_id, role) VALUES (?, ?)');
    const roles = ['党委书记', '校长', '分管教学', '分管科研', '分管学生工作', '班子成员', '处级正职'];
    for (let c = 1; c <= CADRES; c++) {
      const level = c <= 40 ? '校级' : c <= 800 ? '正处级' : '副处级';
      cadre.run(`干部${c}`, level, c <= 40 ? 1 : 2 + (c % 49), at, at);
      if (c <= 40 || rand() < 0.2) role.run(c, roles[c % roles.length]);
    }
    const obj = sq.prepare(
      "INSERT INTO contact_objects (name, category, unit_id, grade, note, pinyin, initials, created_at, updated_at) VALUES (?, ?, ?, '', '', '', '', ?, ?)",
    );
    for (let o = 1; o <= OBJECTS; o++) obj.run(`对象${o}`, categories[o % categories.length], 2 + (o % 49), at, at);
    const asg = sq.prepare(
      "INSERT INTO assignments (year, cadre_id, object_id, slot, note, created_at, updated_at) VALUES (?, ?, ?, '', '', ?, ?)",
    );
    for (let c = 1; c <= CADRES; c++) for (let k = 0; k < 3; k++) asg.run(YEAR, c, 1 + ((c * 3 + k) % OBJECTS), at, at);
    const rec = sq.prepare(
      "INSERT INTO records (date, activity_type_id, place, content, opinions, implementation, hours, created_at, updated_at) VALUES (?, ?, '会议室', '与师生座谈，听取意见建议，现场协调解决问题', '', '', ?, ?, ?)",
    );
    const rc = sq.prepare('INSERT INTO record_cadres (record_id, cadre_id, title, position) VALUES (?, ?, ?, ?)');
    const ro = sq.prepare('INSERT INTO record_objects (record_id, object_id, position) VALUES (?, ?, 0)');
    for (let i = 0; i < RECORDS; i++) {
      const day = 1 + Math.floor(rand() * 365);
      const date = new Date(Date.UTC(YEAR, 0, day)).toISOString().slice(0, 10);
      const id = Number(
        rec.run(date, types[Math.floor(rand() * types.length)], rand() < 0.3 ? 2 : null, at, at).lastInsertRowid,
      );
      const c1 = 1 + Math.floor(rand() * CADRES);
      rc.run(id, c1, '', 0);
      if (rand() < 0.1) {
        const c2 = 1 + Math.floor(rand() * CADRES);
        if (c2 !== c1) rc.run(id, c2, '', 1);
      }
      ro.run(id, 1 + Math.floor(rand() * OBJECTS));
    }
  })();
}

export async function rows({ quick, log }: BenchOptions): Promise<BenchRow[]> {
  const CADRES = quick ? 100 : 2000;
  const RULES = quick ? 41 : 50;
  const RECORDS = quick ? 5_000 : 200_000;
  const RUNS = quick ? 3 : 5;
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-eval-'));
  const path = join(dir, 'bench.sqlite');
  try {
    let b = await openBackend(path, { now: NOW });
    const t0 = performance.now();
    fill(b, CADRES, RECORDS);
    // Up to RULES rules: preset 002's 41, and variants of its monthly and semester duties.
    const existing = b.handlers['rules.list']({ year: YEAR }) as StoredRule[];
    const [reg] = b.handlers['rules.regulations']({}) as Regulation[];
    for (let i = 0; existing.length + i < RULES; i++) {
      const src = existing[i % existing.length]!.body;
      b.handlers['rules.create']({
        regulationId: reg!.id,
        year: YEAR,
        body: { ...src, id: `bench-${i}`, title: `${src.title}（变体${i}）` },
      });
    }
    const nRules = (b.handlers['rules.list']({ year: YEAR, enabledOnly: true }) as StoredRule[]).length;
    log(`ledger filled in ${fmt(performance.now() - t0)}: ${CADRES} cadres, ${nRules} rules, ${RECORDS} records`);

    const input = { selection: { year: YEAR }, asOf: `${YEAR}-12-31` };
    /** As the UI gets it: through the dispatcher (validation), then the JSON a door sends and the UI parses. */
    const asUi = async () => {
      const env = await b.dispatch('evaluation.run', input);
      if (!env.ok) throw new Error(env.error.message);
      const text = JSON.stringify(env);
      JSON.parse(text);
      return text.length;
    };

    // Cold: a freshly opened ledger, inputs read from the file, at the handler.
    const cold: number[] = [];
    let rowsOut = 0;
    let leftOut = 0;
    for (let i = 0; i < RUNS; i++) {
      b.close();
      b = await openBackend(path, { now: NOW });
      const s = performance.now();
      const r = b.handlers['evaluation.run'](input) as EvaluationResult;
      cold.push(performance.now() - s);
      rowsOut = r.rows.length;
      leftOut = r.outside.reduce((n, o) => n + o.cadreIds.length, 0);
    }
    // The raw speed underneath: one GROUP BY cadre × type × month over the same records.
    const groupBy = b.db.sqlite.prepare(
      `SELECT rc.cadre_id, r.activity_type_id, substr(r.date, 1, 7) AS month, count(*) AS n
         FROM records r JOIN record_cadres rc ON rc.record_id = r.id
        WHERE r.date BETWEEN ? AND ? GROUP BY 1, 2, 3`,
    );
    const raw: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      groupBy.all(`${YEAR}-01-01`, `${YEAR}-12-31`);
      raw.push(performance.now() - s);
    }
    // The screen cold: a freshly opened ledger, evaluation.screen end to end (dispatch + JSON + what the page
    // does with the answer: holdScreen, the same function the page calls).
    const screenInput = { selection: { year: YEAR }, asOf: `${YEAR}-12-31` };
    let page: HeldScreen | null = null;
    const asScreen = async (since?: string) => {
      const env = await b.dispatch('evaluation.screen', since ? { ...screenInput, since } : screenInput);
      if (!env.ok) throw new Error(env.error.message);
      const text = JSON.stringify(env);
      // As the page holds it: parsed, the cells (sent column by column) put into its cadre × rule table of
      // numbers — a partial answer merged into the table held — and one grid row made per cadre.
      const got = JSON.parse(text) as { value: EvaluationScreen };
      page = holdScreen(got.value, since ? page : null);
      return { bytes: text.length, version: got.value.version, cells: got.value.cells.status.length };
    };
    const screenCold: number[] = [];
    let screenBytes = 0;
    for (let i = 0; i < RUNS; i++) {
      b.close();
      b = await openBackend(path, { now: NOW });
      const s = performance.now();
      screenBytes = (await asScreen()).bytes;
      screenCold.push(performance.now() - s);
    }
    // One record edited (through the contract, audited), then the screen asks for the cells changed since and
    // the page merges them into the table it holds.
    let held = (await asScreen()).version;
    const screenAgain: number[] = [];
    const cellsPerEdit: number[] = [];
    let diffBytes = 0;
    let diffCells = 0;
    for (let i = 0; i < RUNS + 2; i++) {
      const id = 1 + ((2000 + i * 991) % RECORDS);
      const edited = await b.dispatch('records.update', { id, patch: { date: `${YEAR}-0${1 + (i % 9)}-16` } });
      if (!edited.ok) throw new Error(edited.error.message);
      const s = performance.now();
      const got = await asScreen(held);
      screenAgain.push(performance.now() - s);
      held = got.version;
      diffBytes = got.bytes;
      diffCells = got.cells;
      cellsPerEdit.push(got.cells);
    }
    // One record edited (through the contract, audited), then evaluation.run asked again by a caller holding
    // every row of the year (a door's client: the browser host, a script): with `since` = the version it holds,
    // end to end — dispatch, the JSON the door sends and the caller parses, the changes applied to its rows.
    let heldRun = (JSON.parse(JSON.stringify(await b.dispatch('evaluation.run', input))) as { value: EvaluationResult })
      .value;
    const oneCadre = b.db.sqlite.prepare(
      `SELECT r.activity_type_id, substr(r.date, 1, 7) AS month, count(*) AS n
         FROM records r JOIN record_cadres rc ON rc.record_id = r.id
        WHERE rc.cadre_id = ? AND r.date BETWEEN ? AND ? GROUP BY 1, 2`,
    );
    const again: number[] = [];
    const rawOne: number[] = [];
    let bytes = 0;
    let changedRows = 0;
    const changedPerEdit: number[] = [];
    const edit = async (i: number) => {
      const id = 1 + ((1000 + i * 997) % RECORDS);
      const edited = await b.dispatch('records.update', { id, patch: { date: `${YEAR}-0${1 + (i % 9)}-15` } });
      if (!edited.ok) throw new Error(edited.error.message);
      return (edited.value as { cadreIds: number[] }).cadreIds[0]!;
    };
    for (let i = 0; i < RUNS + 2; i++) {
      const cadre = await edit(i);
      const s = performance.now();
      const env = await b.dispatch('evaluation.run', { ...input, since: heldRun.version });
      if (!env.ok) throw new Error(env.error.message);
      const text = JSON.stringify(env);
      const got = (JSON.parse(text) as { value: EvaluationResult | EvaluationChanges }).value;
      heldRun = got.partial ? applyChanges(heldRun, got) : got;
      again.push(performance.now() - s);
      bytes = text.length;
      changedPerEdit.push(got.partial ? got.changes.reduce((n, x) => n + x.rows.length, 0) : -1);
      changedRows = changedPerEdit.at(-1)!;
      const s2 = performance.now();
      oneCadre.all(cadre, `${YEAR}-01-01`, `${YEAR}-12-31`);
      rawOne.push(performance.now() - s2);
    }
    // For comparison, the same after an edit without `since` (every row of the year, as before): three runs.
    const whole: number[] = [];
    let wholeBytes = 0;
    for (let i = RUNS + 2; i < RUNS + 5; i++) {
      await edit(i);
      const s = performance.now();
      wholeBytes = await asUi();
      whole.push(performance.now() - s);
    }
    b.close();
    const [c, r, a, r1] = [med(cold), med(raw), med(again), med(rawOne)];
    const [sc, sa] = [med(screenCold), med(screenAgain)];
    log(
      `screen: cold ${fmt(sc)} (${(screenBytes / 1e6).toFixed(1)} MB), after an edit ${fmt(sa)} [${screenAgain.map((x) => x.toFixed(0)).join(', ')}] (cells per edit [${cellsPerEdit.join(', ')}], last ${(diffBytes / 1e3).toFixed(0)} kB)`,
    );
    log(
      `evaluation.run after an edit: since the version held ${fmt(a)} [${again.map((x) => x.toFixed(0)).join(', ')}] (rows changed per edit [${changedPerEdit.join(', ')}], last ${(bytes / 1e3).toFixed(0)} kB); every row again ${fmt(med(whole))} [${whole.map((x) => x.toFixed(0)).join(', ')}] (${rowsOut} rows + ${leftOut} 不适用 of cadres left out, listed per rule; ${(wholeBytes / 1e6).toFixed(1)} MB)`,
    );
    log(`cold ${fmt(c)} [${cold.map((x) => x.toFixed(0)).join(', ')}], raw GROUP BY ${fmt(r)}`);
    return [
      row({
        metric: `year evaluation, ${CADRES} cadres / ${nRules} rules / ${RECORDS.toLocaleString('en-US')} records, cold, at the handler; anchor: one raw GROUP BY (cadre × type × month) over the year`,
        product: c,
        anchor: r,
        unit: 'ms',
        goal: '≤ 500 ms and ratio ≤ 1',
        met: c <= 500 && c <= r,
      }),
      row({
        metric: `统计考核 screen cold (evaluation.screen: one cell per cadre × rule, dispatch + JSON + the page's hold of the cells: a cadre × rule table of numbers, one grid row per cadre, ${(screenBytes / 1e6).toFixed(1)} MB), freshly opened ledger; anchor: one raw GROUP BY (cadre × type × month) over the year`,
        product: sc,
        anchor: r,
        unit: 'ms',
        goal: '≤ 500 ms and ratio ≤ 1',
        met: sc <= 500 && sc <= r,
      }),
      row({
        metric: `统计考核 screen after one record is edited, end to end (evaluation.screen since the version held: ${diffCells} cells, ${(diffBytes / 1e3).toFixed(0)} kB); anchor: raw GROUP BY of the edited cadre's records`,
        product: sa,
        anchor: r1,
        unit: 'ms',
        goal: '≤ 50 ms',
        met: sa <= 50,
      }),
      row({
        metric: `re-evaluation after one record is edited, for a caller holding every row of the year (evaluation.run since the version held: dispatch + JSON, ${changedRows} rows, ${(bytes / 1e3).toFixed(0)} kB + the changes applied to its ${rowsOut} rows); anchor: raw GROUP BY of the edited cadre's records`,
        product: a,
        anchor: r1,
        unit: 'ms',
        goal: '≤ 50 ms',
        met: a <= 50,
      }),
    ];
  } finally {
    if (process.env.KEEP_BENCH_DB) console.log(path);
    else rmSync(dir, { recursive: true, force: true });
  }
}
