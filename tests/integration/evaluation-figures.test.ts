// Issue 10 on the demo university: the figures on 统计考核, in the printed 通报 and 考核 and from the CLI come
// from one rule loader and agree; deadline rules judge the 督办 items a secretary actually creates, each row
// naming its item; a deadline rule that matches no item says so.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import type { DocumentFields, NoticeFields, PlainFields } from '../../shared/api/documents';
import type { EvalExplanation, EvaluationResult } from '../../shared/api/evaluation';
import { formatChineseDate as cn } from '../../shared/format/date';
import { STATUS_LABEL } from '../../shared/rules/types';
import type { StoredRule } from '../../shared/api/rules';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir('ledger-figures-');
const ARTIFACTS = join(__dirname, '..', 'artifacts');
let b: Backend;

async function ok<T>(method: string, input: unknown): Promise<T> {
  const r = await b.dispatch(method, input);
  if (!r.ok) throw new Error(`${method} refused: ${r.error.message}`);
  return r.value as T;
}
const q = <T>(sql: string, ...args: unknown[]) => b.db.sqlite.prepare(sql).all(...args) as T[];

beforeAll(async () => {
  b = await openBackend(tempDbPath(dir), { now: () => new Date('2026-11-20T10:00:00+08:00') });
  await ok('demo.generate', { year: 2026, seed: 3 });
  return () => b.close();
}, 120_000);

describe('deadline rules judge the 督办 items users create', () => {
  it('002 第十二条 and 第二十条 judge the demo’s items from 接待日 and 座谈 records, one row per item, each naming it', async () => {
    const res = await ok<EvaluationResult>('evaluation.run', { selection: { year: 2026 }, asOf: '2026-11-20' });
    const kinds = new Map(
      q<{ id: number; type: string }>(
        `SELECT f.id, t.name AS type FROM follow_ups f JOIN records r ON r.id = f.record_id
           JOIN activity_types t ON t.id = r.activity_type_id`,
      ).map((f) => [f.id, f.type]),
    );
    for (const [code, kind] of [
      ['002-12', '接待日'],
      ['002-20', '座谈'],
    ] as const) {
      const rows = res.rows.filter((r) => r.ruleCode === code);
      const items = [...kinds].filter(([, t]) => t === kind).map(([id]) => id);
      expect(items.length, kind).toBeGreaterThan(0);
      expect(rows.map((r) => r.followUpId).sort((x, y) => x! - y!)).toEqual(items.sort((x, y) => x - y));
      expect(rows[0]!.notes.join('')).toMatch(new RegExp(`督办事项第${rows[0]!.followUpId}号`));
      expect(res.rules.find((r) => r.code === code)!.notice).toBeUndefined();
    }
  });

  it('a deadline rule still worded 接待日反馈 (as presets were) matches no item and says so, naming the kinds there are', async () => {
    const twelve = (await ok<StoredRule[]>('rules.list', { year: 2026 })).find((r) => r.code === '002-12')!;
    const old = await ok<StoredRule>('rules.create', {
      regulationId: twelve.regulationId,
      year: 2026,
      body: { ...twelve.body, id: 'old-12', events: ['接待日反馈'] },
    });
    const res = await ok<EvaluationResult>('evaluation.run', { selection: { year: 2026 }, asOf: '2026-11-20' });
    const info = res.rules.find((r) => r.id === old.id)!;
    expect(info.notice).toMatch(
      /^所选范围内没有类别为“接待日反馈”的督办事项，本条要求无可考核的事项（是否应为“接待日”？这一范围的督办事项类别有：接待日\d+项、座谈\d+项/,
    );
    expect(res.rows.filter((r) => r.ruleId === old.id)).toEqual([]);
    await ok('rules.delete', { id: old.id });
  });
});

describe('one rule loader for the screen, the documents, the rota and the CLI', () => {
  it('with three of 2026’s rules switched off, evaluating 2027 uses 2026’s enabled rules everywhere and says so', async () => {
    const rules = await ok<StoredRule[]>('rules.list', { year: 2026 });
    const off = rules.filter((r) => r.kind === 'frequency').slice(0, 3);
    for (const r of off) await ok('rules.setEnabled', { id: r.id, enabled: false });
    try {
      const enabled = rules.length - off.length;
      const screen = await ok<EvaluationResult>('evaluation.run', { selection: { year: 2027 }, asOf: '2027-03-01' });
      expect(screen.rules.length).toBe(enabled);
      expect(screen.rules.map((r) => r.id)).not.toContain(off[0]!.id);
      expect([screen.rulesYear, screen.rulesNote]).toEqual([2026, '2027年度尚未设置要求，按2026年度的要求考核']);

      const report = (await ok<DocumentFields>('documents.draft', { type: '考核', year: 2027 })) as PlainFields;
      const intro = report.blocks.find((x) => x.kind === 'paragraph' && x.text.startsWith('依据'));
      expect(intro && 'text' in intro ? intro.text : '').toContain(
        `（2027年度尚未设置要求，按2026年度的要求考核），对`,
      );
      expect(intro && 'text' in intro ? intro.text : '').toContain(`的${enabled}项要求逐项考核`);

      const rota = await ok<{ year: number; rules: { id: number; kind: string }[] }>('evaluation.rules', {
        selection: { from: '2027-02-20', to: '2027-07-10' },
      });
      expect(rota.rules.map((r) => r.id)).toEqual(screen.rules.map((r) => r.id));
    } finally {
      for (const r of off) await ok('rules.setEnabled', { id: r.id, enabled: true });
    }
  });

  it('the printed 通报 gives each cadre the same 达标 / 未达标 / 进行中 counts as 统计考核 for the same span', async () => {
    const from = '2026-01-01';
    const to = '2026-06-30';
    const bulletin = (await ok<DocumentFields>('documents.draft', { type: '通报', from, to })) as NoticeFields;
    // The per-cadre figures are the table with a 姓名 column (the 通报's attachment; its body's table is by requirement).
    const table = [...bulletin.body, ...(bulletin.attachments ?? []).flatMap((a) => a.body)].find(
      (x) => x.kind === 'table' && x.columns.some((c) => c.title === '姓名'),
    );
    if (!table || table.kind !== 'table') throw new Error('no per-cadre table');
    const screen = await ok<EvaluationResult>('evaluation.run', { selection: { from, to }, asOf: to });
    const byCadre = new Map<number, { met: number; missed: number; open: number }>();
    for (const r of screen.rows) {
      if (r.cadreId === null || r.status === 'n/a') continue;
      const c = byCadre.get(r.cadreId) ?? { met: 0, missed: 0, open: 0 };
      if (r.status === 'met') c.met++;
      else if (r.status === 'missed') c.missed++;
      else c.open++;
      byCadre.set(r.cadreId, c);
    }
    const cadres = q<{ id: number; name: string; title: string }>('SELECT id, name, title FROM cadres');
    let compared = 0;
    for (const row of table.rows) {
      const [, name, title, , met, missed, open] = row;
      const same = cadres.filter((c) => c.name === name && c.title === title);
      if (same.length !== 1) continue;
      const c = byCadre.get(same[0]!.id) ?? { met: 0, missed: 0, open: 0 };
      expect([met, missed, open].map(Number), `${name}`).toEqual([c.met, c.missed, c.open]);
      compared++;
    }
    expect(compared).toBeGreaterThan(200);
  });
});

describe('the printed 通报 carries the figure behind each name it gives', () => {
  it('附件2 gives every cadre 统计考核 finds unmet, each requirement and period ended unmet with its 应达 and 实际, and nothing else', async () => {
    const from = '2026-01-01';
    const to = '2026-06-30';
    const bulletin = (await ok<DocumentFields>('documents.draft', { type: '通报', from, to })) as NoticeFields;
    const detail = (bulletin.attachments ?? []).find((a) => a.title.endsWith('未达到要求情况明细表'));
    const table = detail?.body[0];
    if (!table || table.kind !== 'table') throw new Error('no 明细表');
    expect(table.columns.map((c) => c.title)).toEqual(['序号', '姓名', '职务', '未达到要求的项目、周期（应达、实际）']);
    expect(bulletin.body.some((x) => x.kind === 'paragraph' && x.text.includes('见附件2'))).toBe(true);

    const screen = await ok<EvaluationResult>('evaluation.run', { selection: { from, to }, asOf: to });
    const rules = new Map(screen.rules.map((r) => [r.id, r]));
    type Row = EvaluationResult['rows'][number];
    const missed = new Map<number, Map<number, Row[]>>();
    for (const r of screen.rows) {
      if (r.cadreId === null || r.status !== 'missed') continue;
      const mine = missed.get(r.cadreId) ?? new Map<number, Row[]>();
      mine.set(r.ruleId, [...(mine.get(r.ruleId) ?? []), r]);
      missed.set(r.cadreId, mine);
    }
    const cadres = q<{ id: number; name: string; title: string }>('SELECT id, name, title FROM cadres');
    const short = (label: string) => (label.startsWith('2026年') && label !== '2026年' ? label.slice(5) : label);
    const listed = new Set<number>();
    for (const [, name, title, cell] of table.rows) {
      const same = cadres.filter((c) => c.name === name && c.title === title);
      if (same.length !== 1) continue;
      const id = same[0]!.id;
      listed.add(id);
      const mine = missed.get(id);
      expect(mine, `${name} is listed but met every requirement`).toBeDefined();
      const lines = cell!.split('\n');
      expect(lines.length, name).toBe(mine!.size);
      for (const [ruleId, rows] of mine!) {
        const rule = rules.get(ruleId)!;
        const head = `${rule.clause.replace(/^\d{3}\s+/, '')}“${rule.title}”：`;
        const line = lines.find((l) => l.startsWith(head));
        expect(line, `${name} ${head}`).toBeDefined();
        rows.sort((a, b) => a.period.start.localeCompare(b.period.start));
        // Read the line back into periods with their figures: “1月至6月各应1次、实0次”, “5月应1次、实0次（未联系：…）”.
        const said: string[] = [];
        for (const seg of line!
          .slice(head.length)
          .replace(/（[^）]*）/g, '')
          .split('；')) {
          const fu = /^督办事项第(\d+)号未按期/.exec(seg);
          if (fu) {
            said.push(`督办${fu[1]}`);
            continue;
          }
          const m = /^(.+?)各?应(\d+)(\S+?)、实(\d+)\3$/.exec(seg);
          expect(m, `${name}: ${seg}`).not.toBeNull();
          const [, labels, req, unit, got] = m!;
          let periods: string[];
          if (labels!.includes('至')) {
            const [a, z] = labels!.split('至');
            const i = rows.findIndex((r) => short(r.period.label) === a);
            const j = rows.findIndex((r) => short(r.period.label) === z);
            expect(i >= 0 && j > i, `${name}: ${labels}`).toBe(true);
            periods = rows.slice(i, j + 1).map((r) => short(r.period.label));
          } else periods = labels!.split('、');
          for (const p of periods) said.push(`${p}应${req}${unit}实${got}`);
        }
        const expected = rows.map((r) =>
          r.followUpId !== null
            ? `督办${r.followUpId}`
            : `${short(r.period.label)}应${r.required}${r.unit}实${r.achieved}`,
        );
        expect(said, `${name} ${head}`).toEqual(expected);
      }
    }
    // Every cadre with a period ended unmet is there (cadres whose name and 职务 are shared aside).
    const unique = [...missed.keys()].filter((id) => {
      const c = cadres.find((x) => x.id === id)!;
      return cadres.filter((x) => x.name === c.name && x.title === c.title).length === 1;
    });
    expect(unique.length).toBeGreaterThan(50);
    expect([...listed].sort((a, b) => a - b)).toEqual(unique.sort((a, b) => a - b));

    // And on paper: the PDF read back holds the 附件2 heading and a cadre's line as drafted.
    const { pdf } = await ok<{ pdf: string }>('documents.render', { fields: bulletin });
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], {
      input: Buffer.from(pdf, 'base64'),
      encoding: 'utf8',
    })
      .replace(/—\s*\d+\s*—/g, '')
      .replace(/\s+/g, '');
    expect(text).toContain(`附件2${detail!.title}`.replace(/\s+/g, ''));
    const sample = table.rows[0]![3]!.split('\n')[0]!;
    expect(text).toContain(sample.replace(/\s+/g, ''));
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'tongbao-detail.pdf'), Buffer.from(pdf, 'base64'));
  }, 120_000);
});

describe('the printed 考核 carries the 依据 of its figures', () => {
  it('a cadre’s page gives, for a month missed, the records seen but not counted with the reasons the 依据 panel gives, and the 佐证记录 each requirement counted', async () => {
    const asOf = '2026-11-20';
    const screen = await ok<EvaluationResult>('evaluation.run', { selection: { year: 2026 }, asOf });
    const ruleId = screen.rules.find((r) => r.code === '002-6b')!.id;
    // A school leader whose first missed month of 002 第六条 (monthly visits) saw records that did not count.
    type Row = EvaluationResult['rows'][number];
    let found: { row: Row; why: EvalExplanation } | null = null;
    const cadreIds = [...new Set(screen.rows.filter((r) => r.ruleId === ruleId).map((r) => r.cadreId!))];
    for (const cadreId of cadreIds) {
      const rows = screen.rows
        .filter((r) => r.ruleId === ruleId && r.cadreId === cadreId)
        .sort((a, b) => a.period.start.localeCompare(b.period.start));
      const missed = rows.filter((r) => r.status === 'missed' || r.status === 'behind');
      const first = missed[0];
      if (!first || missed.length > 3) continue;
      const why = await ok<EvalExplanation>('evaluation.explain', {
        selection: { year: 2026 },
        asOf,
        ruleId,
        cadreId,
        periodStart: first.period.start,
      });
      if (why.skipped.length) {
        found = { row: first, why };
        break;
      }
    }
    if (!found) throw new Error('no cadre with a missed month that saw records');
    const { row, why } = found;
    const fields = await ok<DocumentFields>('documents.draft', { type: '考核', year: 2026, cadreId: row.cadreId! });
    const { pdf } = await ok<{ pdf: string }>('documents.render', { fields });
    // What a reader of the printed page sees, read back from the PDF (page numbers and line breaks removed).
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], {
      input: Buffer.from(pdf, 'base64'),
      encoding: 'utf8',
    })
      .replace(/—\s*\d+\s*—/g, '')
      .replace(/\s+/g, '');
    expect(text).toContain('考核依据');
    // What a 达标 period lists, said on the page: its counted records only, and where to see the rest.
    expect(text).toContain('达标的周期只列计入的记录：未计入的记录不改变达标结论');
    const title = screen.rules.find((r) => r.id === ruleId)!.title;
    const at = text.indexOf(`第六条${title}：`);
    expect(at).toBeGreaterThan(text.indexOf('考核依据'));
    const item = text.slice(at, text.indexOf('。', at));
    expect(item).toContain(`${row.period.label}应${row.required}次、实${row.achieved}次，${STATUS_LABEL[row.status]}`);
    for (const s of why.skipped.slice(0, 5))
      expect(item).toContain(`记录${s.id}（${cn(s.date)}${s.activityType}）${s.note}`);
    // The 佐证记录 it names are the records 统计考核 counted for this requirement, by their number in the list.
    const counted = new Set(
      screen.rows.filter((r) => r.ruleId === ruleId && r.cadreId === row.cadreId).flatMap((r) => r.evidence),
    );
    const numbers = (/计入佐证记录第([\d、]+)条/.exec(item)?.[1] ?? '').split('、').filter(Boolean).map(Number);
    expect(numbers.length).toBe(counted.size);
    // The report's opening paragraph also names “考核依据”: the list runs from 佐证记录 to the heading after it.
    const from = text.indexOf('佐证记录（');
    const list = text.slice(from, text.indexOf('考核依据', from));
    for (const n of numbers) {
      const m = new RegExp(`）${n}\\.\\d{4}年.*?（记录(\\d+)）`).exec(list);
      expect(m && counted.has(Number(m[1])), `佐证记录第${n}条`).toBe(true);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'kaohe-why.pdf'), Buffer.from(pdf, 'base64'));
  }, 120_000);
});
