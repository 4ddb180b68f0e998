// A small, fast reader of .xlsx cell values: the zip's central directory, zlib, and a scan of the sheet XML.
// Why not exceljs's streaming reader: it decodes each inflated chunk as UTF-8 on its own
// (exceljs 4.4 lib/utils/parse-sax.js), so a Chinese character split across two chunks becomes "���" —
// silent corruption of names and text in any sizeable sheet. Small parts (workbook, relationships, styles,
// shared strings) are inflated whole; a worksheet is inflated a slice at a time and decoded with a
// StringDecoder (a character split across chunks stays whole), its rows handed to the caller as they
// are read, so a sheet of a million rows is never in memory as text. Anything this reader does not
// understand throws, and the caller falls back to exceljs's whole-workbook loader.
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { LedgerError } from '../../../shared/errors';

/**
 * How much a workbook may hold once unpacked, and how many rows. A real ledger workbook unpacks to
 * about ten times its size; a zip bomb to a thousand. The limits refuse the bomb before it is
 * unpacked (the sizes are measured by unpacking into nothing, a chunk at a time) and never a
 * workbook Excel or WPS could have written: Excel's sheets end at row 1,048,576.
 */
export const LIMITS = {
  /** Unpacked bytes allowed per packed byte … */
  ratio: 100,
  /** … but never less than this (a small template is mostly empty rows) … */
  floor: 32 * 1024 * 1024,
  /** … nor more than this. */
  cap: 1536 * 1024 * 1024,
  rowsPerSheet: 1_048_576,
  rows: 2_000_000,
};

export const unpackedBudget = (packed: number) => Math.min(LIMITS.cap, Math.max(LIMITS.floor, LIMITS.ratio * packed));

const mb = (n: number) => `${Math.round(n / 1024 / 1024)}MB`;

export class WorkbookTooLarge extends LedgerError {
  constructor(message: string) {
    super('INVALID_INPUT', message);
  }
}

export type RawCell = string | number | boolean | Date | null;

export interface RawSheet {
  name: string;
  /** Hidden in Excel (state hidden or veryHidden): imported like the others, and said so. */
  hidden?: boolean;
  /** [Excel row number, cells by column number (1-based, sparse)] */
  rows: [number, RawCell[]][];
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  offset: number;
}

export function zipEntries(buf: Buffer): Map<string, ZipEntry> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  if (p === 0xffffffff || count === 0xffff) throw new Error('zip64 is not supported here');
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.set(name.replace(/^\//, ''), { name, method, compressedSize, offset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function entryData(buf: Buffer, e: ZipEntry): Buffer {
  if (buf.readUInt32LE(e.offset) !== 0x04034b50) throw new Error('bad local header');
  const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  if (data.length < e.compressedSize) throw new Error('truncated entry');
  return data;
}

function entryText(buf: Buffer, e: ZipEntry, budget: { total: number; left: number }): string {
  return entryBytes(buf, e, budget).toString('utf8');
}

function entryBytes(buf: Buffer, e: ZipEntry, budget: { total: number; left: number }): Buffer {
  const data = entryData(buf, e);
  let out: Buffer;
  if (e.method === 0) out = data;
  else if (e.method === 8) {
    try {
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, budget.left) });
    } catch (err) {
      if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(budget);
      throw err;
    }
  } else throw new Error(`unsupported compression ${e.method}`);
  budget.left -= out.length;
  if (budget.left < 0) throw tooLarge(budget);
  return out;
}

const ROW = Buffer.from('row');

/**
 * Row elements of a sheet part (<row …> or <x:row …>, not their end tags) whose "row" starts at or after
 * `from` and is followed by a byte of `xml`, counted up to `max` + 1.
 */
export function countRows(xml: Buffer, max: number, from = 0): number {
  let n = 0;
  for (let i = xml.indexOf(ROW, from); i >= 0 && i + 3 < xml.length; i = xml.indexOf(ROW, i + 3)) {
    const after = xml[i + 3];
    if (after !== 0x20 && after !== 0x3e && after !== 0x2f && after !== 0x09 && after !== 0x0a && after !== 0x0d)
      continue;
    let j = i - 1;
    if (xml[j] === 0x3a) {
      // a prefix: back over its letters to the '<'
      j--;
      while (j >= 0 && /[\w.-]/.test(String.fromCharCode(xml[j]!))) j--;
    }
    if (xml[j] !== 0x3c) continue;
    if (++n > max) return n;
  }
  return n;
}

/** Bytes of the previous chunk kept in front of the next when counting rows: a tag split between them. */
const CARRY = 64;

const tooLarge = (budget: { total: number }) =>
  new WorkbookTooLarge(
    `工作簿解压后超过 ${mb(budget.total)}，远大于同样大小的台账工作簿（可能是压缩炸弹或被改动过的文件），没有导入任何内容`,
  );

export interface Unpacked {
  /** Unpacked bytes of all parts. */
  bytes: number;
  /** Row elements in each part (by its name in the zip), counted as it is unpacked, up to a sheet's limit + 1. */
  rows: Map<string, number>;
}

/**
 * The unpacked size of every part, and the rows of each, measured before anything is kept: each part is
 * unpacked a chunk at a time into nothing, and the count stops at the budget. Memory stays at one chunk
 * whatever the file — a sheet of five million rows is refused by its count before one row is read.
 */
export async function checkUnpackedSize(buf: Buffer): Promise<Unpacked> {
  let entries: Map<string, ZipEntry>;
  try {
    entries = zipEntries(buf);
  } catch {
    throw new WorkbookTooLarge(
      '工作簿的压缩格式本程序无法安全读取（可能被改动过，或是特殊工具生成的），请在 Excel 或 WPS 中打开后“另存为” .xlsx 再导入，没有导入任何内容',
    );
  }
  const total = unpackedBudget(buf.length);
  let used = 0;
  const rows = new Map<string, number>();
  for (const [key, e] of entries) {
    const data = entryData(buf, e);
    if (e.method === 0) {
      used += data.length;
      rows.set(key, countRows(data, LIMITS.rowsPerSheet));
    } else if (e.method === 8) {
      const r = await inflatedSize(data, total - used + 1);
      used += r.bytes;
      rows.set(key, r.rows);
    } else continue;
    if (used > total) throw tooLarge({ total });
  }
  return { bytes: used, rows };
}

function inflatedSize(data: Buffer, limit: number): Promise<{ bytes: number; rows: number }> {
  return new Promise((resolve, reject) => {
    const z = createInflateRaw({ chunkSize: 256 * 1024 });
    let n = 0;
    let rows = 0;
    let carry = Buffer.alloc(0);
    let done = false;
    z.on('data', (c: Buffer) => {
      n += c.length;
      if (rows <= LIMITS.rowsPerSheet) {
        const joined = carry.length ? Buffer.concat([carry, c]) : c;
        // "row" positions before carry.length - 3 were counted with the previous chunk.
        rows += countRows(joined, LIMITS.rowsPerSheet - rows, Math.max(0, carry.length - 3));
        carry = Buffer.from(joined.subarray(Math.max(0, joined.length - CARRY)));
      }
      if (n > limit && !done) {
        done = true;
        z.destroy();
        resolve({ bytes: n, rows });
      }
    });
    z.on('end', () => !done && ((done = true), resolve({ bytes: n, rows })));
    z.on('error', (e) => !done && ((done = true), reject(e)));
    z.end(data);
  });
}

/** A part inflated a slice of input at a time, its output handed on as it comes. */
async function* inflatedChunks(data: Buffer, chunkSize = 256 * 1024): AsyncGenerator<Buffer> {
  const z = createInflateRaw({ chunkSize });
  const out: Buffer[] = [];
  let failed: Error | null = null;
  z.on('data', (c: Buffer) => out.push(c));
  z.on('error', (e) => (failed = e));
  const SLICE = 64 * 1024;
  for (let pos = 0; pos < data.length; pos += SLICE) {
    await new Promise<void>((resolve, reject) =>
      z.write(data.subarray(pos, pos + SLICE), (e) => (e ? reject(e) : resolve())),
    );
    if (failed) throw failed;
    while (out.length) yield out.shift()!;
  }
  await new Promise<void>((resolve, reject) => {
    z.on('end', resolve);
    z.on('error', reject);
    z.end();
  });
  if (failed) throw failed;
  while (out.length) yield out.shift()!;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML character references, then OOXML's _xHHHH_ escapes of control characters. */
function unescapeXml(s: string): string {
  let out = s;
  if (out.includes('&'))
    out = out.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e]!,
    );
  if (out.includes('_x'))
    out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return out;
}

const attrPatterns = new Map<string, RegExp>();

function attr(attrs: string, name: string): string | undefined {
  let re = attrPatterns.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)(?:\\w+:)?${name}="([^"]*)"`);
    attrPatterns.set(name, re);
  }
  const m = re.exec(attrs);
  return m ? unescapeXml(m[1]!) : undefined;
}

/** All the text of a string item: its runs, without phonetic guides. */
function stringItem(xml: string): string {
  const body = xml.replace(/<(\w+:)?rPh\b[\s\S]*?<\/(\w+:)?rPh>/g, '');
  let text = '';
  for (const m of body.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) text += m[1];
  return unescapeXml(text);
}

/** Built-in number formats that are dates or times, including the Chinese ones (27–36, 50–58). */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/\[[^\]]*]/g, '')
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '');
  return /[ymdhs]/i.test(bare) && !/^(General|@)$/i.test(bare.trim());
}

function dateStyles(xml: string | undefined): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*?)\/?>/g)) {
    const id = attr(m[1]!, 'numFmtId');
    const code = attr(m[1]!, 'formatCode');
    if (id !== undefined && code !== undefined) custom.set(Number(id), code);
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(/<(?:\w+:)?xf\b([^>]*?)(?:\/>|>)/g)].map((m) => {
    const id = Number(attr(m[1]!, 'numFmtId') ?? 0);
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : DATE_FORMAT_IDS.has(id);
  });
}

function columnNumber(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n;
}

/** Resolves a relationship target against the folder of the part that holds it. */
function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function relationships(text: string | undefined): Map<string, { target: string; type: string }> {
  const map = new Map<string, { target: string; type: string }>();
  if (!text) return map;
  for (const m of text.matchAll(/<(?:\w+:)?Relationship\b([^>]*?)\/?>/g))
    map.set(attr(m[1]!, 'Id') ?? '', { target: attr(m[1]!, 'Target') ?? '', type: attr(m[1]!, 'Type') ?? '' });
  return map;
}

/**
 * Where a sheet's rows go: called once per sheet, in the workbook's order (or by `rank`); returns the row receiver.
 * `rows` is the sheet's row elements as counted before reading (checkUnpackedSize), when known.
 */
export type SheetVisitor = (sheet: {
  name: string;
  hidden: boolean;
  rows?: number;
}) => (rowNo: number, cells: RawCell[]) => void;

interface SheetPart {
  name: string;
  hidden: boolean;
  key: string;
  part: ZipEntry;
}

/** What is read of a workbook before its rows: its sheets in reading order, date styles, epoch, shared strings. */
export interface Book {
  sheets: SheetPart[];
  styles: boolean[];
  epoch: number;
  /** The shared strings table, read when asked (a threaded read asks on the thread that looks them up). */
  sharedStrings(): string[];
  /** Unpacked bytes still allowed. */
  budget: { total: number; left: number };
}

/**
 * The workbook's parts before its rows. `rowCounts` (from checkUnpackedSize) refuses a sheet of more rows than
 * Excel's; `rank` orders the sheets (lower first, the workbook's order among equals).
 */
export function openBook(buf: Buffer, rowCounts?: Map<string, number>, rank?: (name: string) => number): Book {
  const entries = zipEntries(buf);
  const total = unpackedBudget(buf.length);
  const budget = { total, left: total };
  const text = (name: string) => {
    const e = entries.get(name);
    return e ? entryText(buf, e, budget) : undefined;
  };
  const rootRels = relationships(text('_rels/.rels'));
  const officeDoc = [...rootRels.values()].find((r) => r.type.endsWith('/officeDocument'));
  const workbookPath = officeDoc ? resolvePart('', officeDoc.target) : 'xl/workbook.xml';
  const workbook = text(workbookPath);
  if (!workbook) throw new Error('no workbook part');
  const relsPath = workbookPath.replace(/[^/]*$/, (f) => `_rels/${f}.rels`);
  const rels = relationships(text(relsPath));
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904="(1|true)"/.test(workbook);
  const epoch = Date.UTC(1899, 11, 30) + (date1904 ? 1462 * 86_400_000 : 0);

  let sharedPath: string | undefined;
  let styles: boolean[] = [];
  for (const r of rels.values()) {
    const path = resolvePart(workbookPath, r.target);
    if (r.type.endsWith('/sharedStrings')) sharedPath = path;
    else if (r.type.endsWith('/styles')) styles = dateStyles(text(path));
  }

  const sheets: SheetPart[] = [];
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)) {
    const name = attr(m[1]!, 'name') ?? '';
    const state = attr(m[1]!, 'state');
    const rid = attr(m[1]!, 'id');
    const rel = rid ? rels.get(rid) : undefined;
    if (!rel || !rel.type.endsWith('/worksheet')) continue;
    const key = resolvePart(workbookPath, rel.target);
    const part = entries.get(key);
    if (!part) throw new Error(`missing worksheet part for ${name}`);
    sheets.push({ name, key, part, hidden: state === 'hidden' || state === 'veryHidden' });
  }
  // Counted before any row is built: millions of rows take no memory.
  for (const s of sheets) if ((rowCounts?.get(s.key) ?? 0) > LIMITS.rowsPerSheet) throw tooManyRows(s.name);

  if (rank) {
    const order = new Map(sheets.map((s, i) => [s, i]));
    sheets.sort((a, b) => rank(a.name) - rank(b.name) || order.get(a)! - order.get(b)!);
  }
  const sharedStrings = () =>
    sharedPath === undefined
      ? []
      : [...(text(sharedPath) ?? '').matchAll(/<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>/g)].map((m) => stringItem(m[1]!));
  return { sheets, styles, epoch, sharedStrings, budget };
}

/**
 * Where the cells of a sheet's rows go as they are scanned: a value ('' and null never come), a shared string by its
 * index in the table (looked up by whoever holds the table: CellRows here, or the thread a worker posts to), and
 * each row's end.
 */
export interface RowBuilder {
  value(col: number, value: RawCell): void;
  shared(col: number, index: number): void;
  end(rowNo: number): void;
}

/**
 * Rows of cells built from what a scan gives (RowBuilder): a shared string looked up, blank ones left out, and a row
 * with a value counted against the workbook's rows and handed to `emit`.
 */
export class CellRows implements RowBuilder {
  private cells: RawCell[] = [];
  private any = false;

  constructor(
    private readonly name: string,
    private readonly table: string[],
    private readonly budget: { left: number },
    private readonly emit: (rowNo: number, cells: RawCell[]) => void,
  ) {}

  value(col: number, value: RawCell): void {
    this.cells[col] = value;
    this.any = true;
  }

  shared(col: number, index: number): void {
    const s = this.table[index];
    if (s === undefined || s === '') return;
    this.cells[col] = s;
    this.any = true;
  }

  end(rowNo: number): void {
    if (!this.any) return;
    if (--this.budget.left < 0)
      throw new WorkbookTooLarge(
        `工作簿的行数超过 ${LIMITS.rows.toLocaleString('en-US')} 行（到工作表“${this.name}”第 ${rowNo} 行），超出本程序一次能导入的数量，请分成几个文件导入，没有导入任何内容`,
      );
    const cells = this.cells;
    this.cells = [];
    this.any = false;
    this.emit(rowNo, cells);
  }
}

/**
 * Scans every sheet of `book` in order: `visit` is told of each sheet first, and `rowsOf` gives the builder its
 * cells go to. A worksheet is inflated `chunk` bytes at a time and scanned a piece at a time (sheetReader).
 */
export async function scanSheets(
  buf: Buffer,
  book: Book,
  rowCounts: Map<string, number> | undefined,
  visit: SheetVisitor,
  rowsOf: (name: string, emit: (rowNo: number, cells: RawCell[]) => void) => RowBuilder,
  chunk?: number,
): Promise<void> {
  const { budget } = book;
  for (const s of book.sheets) {
    const counted = rowCounts?.get(s.key);
    const emit = visit({ name: s.name, hidden: s.hidden, ...(counted !== undefined ? { rows: counted } : {}) });
    const reader = sheetReader(s.name, book.styles, book.epoch, rowsOf(s.name, emit));
    if (s.part.method === 0) reader.push(entryData(buf, s.part).toString('utf8'), true);
    else if (s.part.method === 8) {
      const decoder = new StringDecoder('utf8');
      for await (const piece of inflatedChunks(entryData(buf, s.part), chunk)) {
        budget.left -= piece.length;
        if (budget.left < 0) throw tooLarge(budget);
        reader.push(decoder.write(piece), false);
      }
      reader.push(decoder.end(), true);
    } else throw new Error(`unsupported compression ${s.part.method}`);
  }
}

/**
 * Reads every worksheet's cell values, row by row, into `visit`. Only rows with a value are handed on.
 * `rowCounts` (from checkUnpackedSize) refuses a sheet of more rows than Excel's before it is read.
 * `rank` orders the sheets (lower first, the workbook's order among equals): the parts are read in any order.
 */
export async function streamXlsxCells(
  buf: Buffer,
  visit: SheetVisitor,
  rowCounts?: Map<string, number>,
  rank?: (name: string) => number,
): Promise<void> {
  const book = openBook(buf, rowCounts, rank);
  const shared = book.sharedStrings();
  const rows = { left: LIMITS.rows };
  await scanSheets(buf, book, rowCounts, visit, (name, emit) => new CellRows(name, shared, rows, emit));
}

const tooManyRows = (name: string) =>
  new WorkbookTooLarge(
    `工作表“${name}”有超过 ${LIMITS.rowsPerSheet} 行，超过了 Excel 工作表的容量，不是 Excel 或 WPS 保存的工作簿，没有导入任何内容`,
  );

/** Every sheet's rows in memory (the benchmark's "reading alone"; the import streams them instead). */
export async function readXlsxCells(buf: Buffer): Promise<RawSheet[]> {
  const sheets: RawSheet[] = [];
  await streamXlsxCells(buf, ({ name, hidden }) => {
    const sheet: RawSheet = { name, rows: [], ...(hidden ? { hidden: true } : {}) };
    sheets.push(sheet);
    return (rowNo, cells) => sheet.rows.push([rowNo, cells]);
  });
  return sheets;
}

const ROW_END = /<\/(?:\w+:)?row\s*>/g;

/**
 * The rows of one sheet's XML fed in pieces: each piece is cut after its last row end tag, the complete
 * rows before it are read, and the rest waits for the next piece.
 */
function sheetReader(
  name: string,
  styles: boolean[],
  epoch: number,
  out: RowBuilder,
): { push(text: string, last: boolean): void } {
  const state = { lastRow: 0 };
  let pending = '';
  return {
    push(text, last) {
      pending += text;
      let cut = pending.length;
      if (!last) {
        let end = -1;
        ROW_END.lastIndex = Math.max(0, pending.length - text.length - 16);
        for (let m = ROW_END.exec(pending); m; m = ROW_END.exec(pending)) end = m.index + m[0].length;
        if (end < 0) return;
        cut = end;
      }
      sheetRows(name, pending.slice(0, cut), styles, epoch, state, out);
      pending = pending.slice(cut);
    },
  };
}

function sheetRows(
  name: string,
  xml: string,
  styles: boolean[],
  epoch: number,
  state: { lastRow: number },
  out: RowBuilder,
): void {
  const tooMany = (what: string) =>
    new WorkbookTooLarge(
      `工作表“${name}”${what}，超过了 Excel 工作表的容量，不是 Excel 或 WPS 保存的工作簿，没有导入任何内容`,
    );

  const rowRe = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
  const cellRe = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
  const valueRe = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/;
  const inlineRe = /<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/;
  for (const rm of xml.matchAll(rowRe)) {
    const r = attr(rm[1]!, 'r');
    const rowNo = r ? Number(r) : state.lastRow + 1;
    state.lastRow = rowNo;
    if (!(rowNo <= LIMITS.rowsPerSheet)) throw tooMany(`有第 ${rowNo} 行`);
    const body = rm[2];
    if (!body) continue;
    let lastCol = 0;
    for (const cm of body.matchAll(cellRe)) {
      const a = cm[1]!;
      const ref = attr(a, 'r');
      const col = ref ? columnNumber(ref) : lastCol + 1;
      lastCol = col;
      const inner = cm[2];
      if (!inner) continue;
      const t = attr(a, 't') ?? 'n';
      let value: RawCell = null;
      if (t === 'inlineStr') {
        const is = inlineRe.exec(inner);
        value = is ? stringItem(is[1]!) : null;
      } else {
        const v = valueRe.exec(inner)?.[1];
        if (v === undefined) continue;
        if (t === 's') {
          out.shared(col, Number(v));
          continue;
        } else if (t === 'str') value = unescapeXml(v);
        else if (t === 'b') value = v === '1' || v === 'true';
        else if (t === 'e') value = unescapeXml(v);
        else if (t === 'd') value = new Date(v.endsWith('Z') ? v : `${v}Z`);
        else {
          const n = Number(v);
          const s = attr(a, 's');
          value = s !== undefined && styles[Number(s)] ? new Date(epoch + Math.round(n * 86_400_000)) : n;
        }
      }
      if (value === '' || value === null) continue;
      out.value(col, value);
    }
    out.end(rowNo);
  }
}
