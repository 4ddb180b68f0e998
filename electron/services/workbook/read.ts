// Reads an .xlsx file into the six sheets' rows, by header: our own cell reader (xlsx-reader.ts, fast and
// safe with Chinese text) streaming each sheet's rows straight into the sheet's row objects (no copy of
// the sheet as cells first), with exceljs's whole-workbook loader as the fallback. Refuses what is not a
// readable workbook with a Chinese message.
import type ExcelJS from 'exceljs';
import { LedgerError, type FieldIssue } from '../../../shared/errors';
import { cellText, isBlank, plainCell } from './cells';
import { startReader } from './xlsx-thread';
import {
  checkUnpackedSize,
  streamXlsxCells,
  WorkbookTooLarge,
  type RawCell,
  type RawSheet,
  type SheetVisitor,
  type Unpacked,
} from './xlsx-reader';
import {
  NOTES_SHEET,
  SHEET_OF,
  normalizeHeader,
  type Cell,
  type LedgerSheets,
  type RowNumbers,
  type SheetSpec,
} from './sheets';

export interface ReadWorkbook {
  sheets: LedgerSheets;
  rowNumbers: RowNumbers;
  warnings: string[];
}

/** exceljs's loader, the fallback, keeps many copies of what it reads: only workbooks this small (unpacked). */
const FALLBACK_UP_TO = 64 * 1024 * 1024;

const notReadable = (fileName: string, why: string) =>
  new LedgerError('INVALID_INPUT', `文件“${fileName}”无法导入：${why}。台账没有任何改动。`);

/** An .xlsx is a zip: local header at the start, the end-of-central-directory record near the end. */
function checkContainer(buf: Buffer, fileName: string): void {
  if (buf.length === 0) throw notReadable(fileName, '文件是空的');
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0)
    throw notReadable(fileName, '这是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入');
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50)
    throw notReadable(fileName, '它不是 Excel 工作簿（.xlsx）文件');
  const tailStart = Math.max(0, buf.length - 65_557);
  if (buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]), undefined) < tailStart)
    throw notReadable(fileName, '文件不完整（可能下载或复制时被截断），请重新获取完整的文件');
}

function rowCells(values: unknown): Cell[] {
  const out: Cell[] = [];
  if (!Array.isArray(values)) return out;
  for (let i = 1; i < values.length; i++) out[i] = plainCell(values[i]);
  return out;
}

async function loadSheets(buf: Buffer): Promise<RawSheet[]> {
  // Loaded on first use: exceljs is the heaviest thing the backend would otherwise load at every start.
  const { default: Excel } = await import('exceljs');
  const wb: ExcelJS.Workbook = new Excel.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const rows: [number, Cell[]][] = [];
    ws.eachRow({ includeEmpty: false }, (row) => rows.push([row.number, rowCells(row.values)]));
    return { name: ws.name, rows };
  });
}

function structural(sheet: string, message: string, row = 1): FieldIssue {
  return { path: [sheet, row], field: '表头', message, sheet, row, value: '' };
}

/** Matches the header row to the sheet's columns: column number → key, with problems reported. */
function mapHeader(spec: SheetSpec, header: Cell[], issues: FieldIssue[], warnings: string[]): Map<number, string> {
  const byHeader = new Map(spec.columns.map((c) => [normalizeHeader(c.header), c.key]));
  const found = new Map<number, string>();
  const seen = new Map<string, number>();
  header.forEach((cell, colNo) => {
    if (isBlank(cell)) return;
    const text = normalizeHeader(cellText(cell));
    const key = byHeader.get(text);
    if (!key) {
      warnings.push(`「${spec.name}」表的“${cellText(cell).trim()}”列不是模板中的列，已忽略`);
      return;
    }
    if (seen.has(key)) {
      issues.push(structural(spec.name, `表头“${text}”出现了两次（第${seen.get(key)}列和第${colNo}列）`));
      return;
    }
    seen.set(key, colNo);
    found.set(colNo, key);
  });
  const missing = spec.columns.filter((c) => !seen.has(c.key) && !c.optional).map((c) => c.header);
  if (missing.length)
    issues.push(
      structural(
        spec.name,
        `缺少列：${missing.join('、')}。第一行必须是表头，列的顺序不限，没有内容的列也要保留表头（可下载导入模板对照）`,
      ),
    );
  return found;
}

/** One sheet as it is read: its header row maps the columns, every later row becomes a row object. */
interface SheetIn {
  name: string;
  hidden: boolean;
  columns: Map<number, string> | null;
  rows: Record<string, Cell>[];
  rowNumbers: number[];
  issues: FieldIssue[];
  warnings: string[];
}

/**
 * Where the 联系记录 rows go when they are streamed instead of kept (streamWorkbook): the bulk of a large file is
 * then never in memory whole.
 */
export interface RecordsSink {
  /**
   * Called once, before the first 联系记录 row (at the end when there is none): every other sheet of the template,
   * read whole and without structural problems, and the 联系记录 sheet's rows as counted before reading (0 unknown).
   */
  start(others: Pick<ReadWorkbook, 'sheets' | 'rowNumbers'>, expectedRows: number): void;
  row(row: Record<string, Cell>, rowNo: number): void;
}

const RECORDS_SHEET = SHEET_OF.records.name;
/** Read first to last: the names every other sheet refers to, then 督办事项 (small), 联系记录 last. */
const READ_ORDER = ['units', 'cadres', 'objects', 'assignments', 'followUps', 'records'].map(
  (k) => SHEET_OF[k as keyof LedgerSheets].name,
);
const readRank = (name: string) => {
  const i = READ_ORDER.indexOf(normalizeHeader(name));
  return i < 0 ? READ_ORDER.length : i;
};

/**
 * Receives the sheets row by row; a sheet of the template's name read twice keeps the last, as before. With a
 * sink, the 联系记录 rows go to it as they are read (the sheets are then read in READ_ORDER).
 */
function collector(fileName: string, sink?: RecordsSink) {
  const specOf = new Map(Object.entries(SHEET_OF).map(([k, spec]) => [spec.name, [k, spec] as const]));
  const sheets: SheetIn[] = [];
  const stream = { started: false, error: null as unknown };
  /** Calls into the sink; what it throws is the import's own answer, not a fault of the file. */
  const guarded = (fn: () => void) => {
    try {
      fn();
    } catch (e) {
      stream.error ??= e;
      throw e;
    }
  };
  const visit: SheetVisitor = ({ name, hidden, rows: counted }) => {
    const sheet: SheetIn = { name, hidden, columns: null, rows: [], rowNumbers: [], issues: [], warnings: [] };
    sheets.push(sheet);
    const entry = specOf.get(normalizeHeader(name));
    if (!entry) return () => {}; // not a sheet of the template (or 说明): its rows are not kept
    const spec = entry[1];
    let streamed = false;
    // The header's columns as two arrays, walked for every row (a Map's entries would be an array per cell).
    let colNos: number[] = [];
    let keys: string[] = [];
    return (rowNo: number, cells: RawCell[]) => {
      if (!sheet.columns) {
        if (!cells.some((c) => !isBlank(c))) return;
        sheet.columns = mapHeader(spec, cells, sheet.issues, sheet.warnings);
        colNos = [...sheet.columns.keys()];
        keys = [...sheet.columns.values()];
        if (sink && spec.name === RECORDS_SHEET) {
          if (stream.started) {
            sheet.issues.push(structural(spec.name, `工作簿中有两张“${spec.name}”表，请只保留一张`));
            return;
          }
          // Started only when everything read so far is sound: otherwise the read ends with the problems found,
          // and the rows of 联系记录 are not looked at.
          const others = assemble(
            sheets.filter((s) => s !== sheet),
            fileName,
            true,
          );
          if (sheet.issues.length || others.issues.length) return;
          stream.started = true;
          streamed = true;
          guarded(() => sink.start(others.read, Math.max(0, (counted ?? 1) - 1)));
        }
        return;
      }
      const row: Record<string, Cell> = {};
      let any = false;
      for (let k = 0; k < colNos.length; k++) {
        const c = cells[colNos[k]!] ?? null;
        if (!isBlank(c)) {
          row[keys[k]!] = c;
          any = true;
        }
      }
      if (!any) return;
      if (streamed) return guarded(() => sink!.row(row, rowNo));
      if (sink && spec.name === RECORDS_SHEET) return; // not streamed: the read ends with the problems found
      sheet.rows.push(row);
      sheet.rowNumbers.push(rowNo);
    };
  };
  return { sheets, visit, stream };
}

function feed(raw: RawSheet[], visit: SheetVisitor, rank?: (name: string) => number): void {
  const order = rank ? [...raw].sort((a, b) => rank(a.name) - rank(b.name)) : raw;
  for (const s of order) {
    const emit = visit({ name: s.name, hidden: !!s.hidden });
    for (const [rowNo, cells] of s.rows) emit(rowNo, cells);
  }
}

/** The sheets read so far as the import takes them, with the structural problems and warnings found. */
function assemble(got: SheetIn[], fileName: string, partial = false): { read: ReadWorkbook; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const warnings: string[] = [];
  const byName = new Map<string, SheetIn>();
  for (const s of got) byName.set(normalizeHeader(s.name), s);
  const known = new Set(Object.values(SHEET_OF).map((s) => s.name));
  for (const s of got)
    if (!known.has(normalizeHeader(s.name)) && normalizeHeader(s.name) !== NOTES_SHEET)
      warnings.push(`工作表“${s.name}”不是模板中的表，已忽略`);
    else if (s.hidden && known.has(normalizeHeader(s.name)))
      warnings.push(`工作表“${s.name}”在 Excel 中是隐藏的，它的内容也已导入，请确认这是要导入的`);

  // A workbook may carry only the sheets it has data for (only 联系记录, say): the others count as empty.
  // One with none of them is not a ledger workbook at all.
  const specs = Object.entries(SHEET_OF) as [keyof LedgerSheets, SheetSpec][];
  if (!partial && !specs.some(([, spec]) => byName.has(spec.name)))
    throw notReadable(
      fileName,
      `没有台账工作簿的任何一张表。工作簿应包含以下表中的一张或几张：${specs.map(([, s]) => s.name).join('、')}（可下载导入模板对照）`,
    );
  const sheets = {} as LedgerSheets;
  const rowNumbers = {} as RowNumbers;
  for (const [k, spec] of specs) {
    sheets[k] = [];
    rowNumbers[k] = [];
    const sheet = byName.get(spec.name);
    if (!sheet) continue;
    if (!sheet.columns) {
      issues.push(structural(spec.name, `工作表“${spec.name}”是空的：第一行应为表头`));
      continue;
    }
    issues.push(...sheet.issues);
    warnings.push(...sheet.warnings);
    (sheets as unknown as Record<string, Record<string, Cell>[]>)[k] = sheet.rows;
    rowNumbers[k] = sheet.rowNumbers;
  }
  return { read: { sheets, rowNumbers, warnings }, issues };
}

async function readInto(buf: Buffer, fileName: string, sink?: RecordsSink): Promise<ReadWorkbook> {
  checkContainer(buf, fileName);
  const rank = sink ? readRank : undefined;
  const order = sink ? { names: READ_ORDER, rank: readRank } : undefined;
  let got = collector(fileName, sink);
  try {
    // A large workbook's reader thread starts while the file is measured.
    const reader = startReader(buf);
    // Its unpacked size and rows first, unpacking into nothing: a zip bomb or a sheet of millions of rows
    // is refused before it takes memory.
    let unpacked: Unpacked;
    try {
      unpacked = await checkUnpackedSize(buf);
    } catch (e) {
      await reader?.stop();
      throw e;
    }
    try {
      await (reader
        ? reader.read(got.visit, unpacked.rows, order)
        : streamXlsxCells(buf, got.visit, unpacked.rows, rank));
    } catch (e) {
      if (e instanceof WorkbookTooLarge || got.stream.error) throw e;
      // Parts this reader does not know (unusual layouts): exceljs reads the whole workbook — only a
      // small one, since it holds everything many times over. Not once rows have gone to the sink (they
      // cannot be taken back here): the parts it does not know are met before any row.
      if (unpacked.bytes > FALLBACK_UP_TO || got.stream.started) throw e;
      got = collector(fileName, sink);
      feed(await loadSheets(buf), got.visit, rank);
    }
  } catch (e) {
    if (got.stream.error) throw got.stream.error;
    if (e instanceof WorkbookTooLarge) throw notReadable(fileName, e.message.replace(/，没有导入任何内容$/, ''));
    throw notReadable(fileName, `工作簿内容已损坏或格式不对（${(e as Error).message}）`);
  }

  const { read, issues } = assemble(got.sheets, fileName);
  if (issues.length)
    throw new LedgerError(
      'INVALID_INPUT',
      `文件“${fileName}”的结构不对，没有导入任何内容：${issues.map((i) => `「${i.sheet}」${i.message}`).join('；')}`,
      issues,
    );
  if (sink && !got.stream.started) sink.start(read, 0);
  return read;
}

/** Reads the whole workbook into memory: every sheet's rows. */
export function readWorkbook(buf: Buffer, fileName: string): Promise<ReadWorkbook> {
  return readInto(buf, fileName);
}

/**
 * Reads the workbook with its 联系记录 rows handed to `sink` as they are read (the other sheets read whole before
 * them). Throws like readWorkbook; what the sink throws comes through as it is. The returned sheets have no
 * 联系记录 rows.
 */
export function streamWorkbook(buf: Buffer, fileName: string, sink: RecordsSink): Promise<ReadWorkbook> {
  return readInto(buf, fileName, sink);
}
