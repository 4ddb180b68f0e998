// A large workbook is read by a worker thread while the import checks and writes (xlsx-thread.ts): the rows it hands
// on are the very rows the same reader gives on the import's own thread (shared strings, dates, numbers, booleans,
// inline text, blanks, row numbers), an import through it writes the same ledger and audit trail, and every failure —
// a workbook too large, a damaged part, the receiver's own error — comes through as it does without the thread, with
// the thread stopped.
import { afterEach, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../electron/services/audit';
import { openBackend } from '../../electron/services/backend';
import { importWorkbook } from '../../electron/services/workbook/index';
import { writeWorkbook } from '../../electron/services/workbook/xlsx';
import {
  checkUnpackedSize,
  LIMITS,
  WorkbookTooLarge,
  zipEntries,
  type RawCell,
} from '../../electron/services/workbook/xlsx-reader';
import {
  READER_THREAD,
  readerThreads,
  readerWorkerEntry,
  streamWorkbookCells,
} from '../../electron/services/workbook/xlsx-thread';
import { headerRow, workbook } from '../security/xlsx-attacks';
import { tempDbPath, tempDir } from '../support/tmp';
import { demoWithRecords } from '../support/big-ledger';

const entry = readerWorkerEntry();
const dir = tempDir();

type Call = ['sheet', unknown] | [number, RawCell[]];

/** Every call the reader makes, in order; `stop` throws from the row receiver at that call. */
async function read(buf: Buffer, threaded: boolean, stop?: { at: number; error: Error }) {
  const calls: Call[] = [];
  const threads: number[] = [];
  const counts = (await checkUnpackedSize(buf)).rows;
  await streamWorkbookCells(
    buf,
    (sheet) => {
      calls.push(['sheet', sheet]);
      return (rowNo, cells) => {
        threads.push(readerThreads());
        if (stop && calls.length === stop.at) throw stop.error;
        calls.push([rowNo, cells]);
      };
    },
    counts,
    undefined,
    threaded ? entry : null,
  );
  return { calls, threads };
}

/** What a read ends with: its calls, or its error's class and message. */
const outcome = (p: Promise<unknown>) =>
  p.then(
    (v) => ({ ok: v }),
    (e: Error) => ({ error: e.constructor.name, message: e.message }),
  );

afterEach(() => expect(readerThreads()).toBe(0));

describe('a workbook read by a worker thread', () => {
  it('hands on the same rows, in the same order, as the reader on this thread', async () => {
    expect(entry).not.toBeNull();
    // exceljs's file: shared strings, dates by style, numbers; 5,000 records over the demo's other sheets.
    const shared = await writeWorkbook(demoWithRecords(5000));
    // Every other kind of cell: inline and formula text, booleans, errors, ISO dates, blank text, a row of blanks
    // only, cells and rows without a reference, & and < escaped, a 4-byte character.
    const kinds = workbook([
      {
        name: '联系记录',
        rows: `${headerRow()}<row r="2"><c r="A2" t="inlineStr"><is><t>2026-03-05</t></is></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="b"><v>0</v></c><c r="D2" t="e"><v>#N/A</v></c><c r="E2" t="str"><v>A&amp;B&lt;𠀋</v></c><c r="F2" t="d"><v>2026-04-01T00:00:00</v></c><c r="G2"><v>-0.5</v></c><c r="H2" t="inlineStr"><is><t></t></is></c></row><row r="3"><c r="A3" t="inlineStr"><is><t></t></is></c></row><row><c><v>7</v></c><c t="inlineStr"><is><t>无引用</t></is></c></row><row r="9"/><row r="10"><c r="K10"><v>1e3</v></c></row>`,
      },
    ]);
    for (const file of [shared, kinds]) {
      const inline = await read(file, false);
      const threaded = await read(file, true);
      expect(threaded.calls).toStrictEqual(inline.calls);
      // Read by the worker: one running while the rows came.
      expect(threaded.threads.every((n) => n === 1)).toBe(true);
      expect(inline.threads.every((n) => n === 0)).toBe(true);
    }
    expect((await read(shared, true)).calls.filter((c) => c[0] !== 'sheet').length).toBeGreaterThan(5000);
  }, 60_000);

  it('an import through the thread writes the same ledger and audit trail as one read on the import’s thread', async () => {
    const file = await writeWorkbook(demoWithRecords(20_000));
    expect(file.length).toBeGreaterThan(READER_THREAD.from);
    const now = () => new Date(2026, 5, 15, 18, 0);
    const dump = async (threaded: boolean) => {
      const b = await openBackend(tempDbPath(dir), { now });
      const was = READER_THREAD.from;
      if (!threaded) READER_THREAD.from = Infinity;
      try {
        await b.dispatch('rules.applyPreset', { presetId: '002', year: 2026 });
        const r = await importWorkbook(b.ctx, file, '台账.xlsx');
        expect(r.sheets.find((s) => s.sheet === '联系记录')!.imported).toBe(20_000);
      } finally {
        READER_THREAD.from = was;
      }
      const all = (sql: string) => b.db.sqlite.prepare(sql).raw().all();
      const out = {
        records: all('SELECT * FROM records ORDER BY id'),
        cadres: all('SELECT * FROM record_cadres ORDER BY record_id, cadre_id'),
        objects: all('SELECT * FROM record_objects ORDER BY record_id, object_id'),
        audit: all('SELECT * FROM audit_log ORDER BY id'),
        report: verifyLedger(b.ctx),
      };
      b.close();
      return out;
    };
    const threaded = await dump(true);
    const inline = await dump(false);
    expect(threaded.records).toHaveLength(20_000);
    expect(threaded.audit.length).toBeGreaterThan(20);
    expect(threaded).toEqual(inline);
    expect(threaded.report).toMatchObject({ ok: true, chainBreaks: [], findings: [], rowsUnverifiable: 0 });
  }, 120_000);

  it('a bad 联系记录 row in a large workbook: named by row and field in Chinese, nothing written, the thread stopped', async () => {
    const sheets = demoWithRecords(20_000);
    sheets.records[17_000] = { ...sheets.records[17_000]!, date: '2026-02-30' };
    const file = await writeWorkbook(sheets);
    expect(file.length).toBeGreaterThan(READER_THREAD.from);
    const b = await openBackend(tempDbPath(dir));
    await b.dispatch('rules.applyPreset', { presetId: '002', year: 2026 });
    const count = () => b.db.sqlite.prepare('SELECT count(*) FROM records').pluck().get();
    const audit = () => b.db.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get();
    const before = audit();
    const e = await importWorkbook(b.ctx, file, '台账.xlsx').then(
      () => null,
      (x: Error) => x,
    );
    expect(e?.message).toMatch(/联系记录.*第 ?17002 ?行.*日期/);
    expect(count()).toBe(0);
    expect(audit()).toBe(before);
    b.close();
  }, 120_000);

  it('what the row receiver throws comes through as it is, and the worker stops', async () => {
    const file = await writeWorkbook(demoWithRecords(5000));
    const error = new Error('台账检查出错');
    const r = await outcome(read(file, true, { at: 3000, error }));
    expect(r).toEqual({ error: 'Error', message: '台账检查出错' });
    await expect(read(file, true, { at: 3000, error })).rejects.toBe(error);
  }, 60_000);

  it('a workbook too large or damaged is refused with the message the reader gives on this thread', async () => {
    const file = await writeWorkbook(demoWithRecords(5000));
    // A sheet counted with more rows than Excel's (checked in the worker, before its rows are read).
    const counts = (await checkUnpackedSize(file)).rows;
    const key = [...counts.entries()].sort((x, y) => y[1] - x[1])[0]![0];
    const tooMany = new Map(counts).set(key, LIMITS.rowsPerSheet + 1);
    const over = (threaded: boolean) =>
      outcome(streamWorkbookCells(file, () => () => {}, tooMany, undefined, threaded ? entry : null));
    const inlineOver = await over(false);
    expect(inlineOver).toMatchObject({
      error: WorkbookTooLarge.name,
      message: expect.stringContaining('超过 1048576 行'),
    });
    expect(await over(true)).toEqual(inlineOver);

    // More rows than one import takes (counted on this thread, as the worker's rows come in).
    const rowsWas = LIMITS.rows;
    LIMITS.rows = 1200;
    try {
      const inline = await outcome(read(file, false));
      expect(inline).toMatchObject({ error: WorkbookTooLarge.name, message: expect.stringContaining('超过 1,200 行') });
      expect(await outcome(read(file, true))).toEqual(inline);
    } finally {
      LIMITS.rows = rowsWas;
    }

    // The 联系记录 sheet's packed data damaged half way: the inflater's own message, from either thread.
    const damaged = Buffer.from(file);
    const part = zipEntries(damaged).get(key)!;
    const start = part.offset + 30 + damaged.readUInt16LE(part.offset + 26) + damaged.readUInt16LE(part.offset + 28);
    damaged.fill(0xff, start + (part.compressedSize >> 1), start + (part.compressedSize >> 1) + 64);
    const inline = await outcome(read(damaged, false));
    expect(inline).toHaveProperty('error');
    expect(await outcome(read(damaged, true))).toEqual(inline);
  }, 60_000);
});
