// Hostile workbooks, written byte by byte (issue 11, item 4): a zip bomb, a sheet of millions of rows, a
// workbook of many bad rows, a hidden sheet. Shared by the test and tests/security/report.ts.
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/** A part already deflated: its packed bytes, its unpacked size and CRC. */
export interface Packed {
  packed: Buffer;
  size: number;
  crc: number;
}

/** A zip of the given parts (deflated), as an .xlsx is. */
export function zip(parts: Record<string, Buffer | string | Packed>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(parts)) {
    const pre = typeof content === 'object' && !Buffer.isBuffer(content) ? content : null;
    const data = pre ? Buffer.alloc(0) : Buffer.isBuffer(content) ? content : Buffer.from(content as string, 'utf8');
    const packed = pre ? pre.packed : deflateRawSync(data, { level: 9 });
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = pre ? pre.crc : crc32(data);
    const size = pre ? pre.size : data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(packed.length, 20);
    dir.writeUInt32LE(size >>> 0, 24);
    dir.writeUInt16LE(nameBuf.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    central.push(dir, nameBuf);
    offset += 30 + nameBuf.length + packed.length;
  }
  const centralBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(parts).length, 8);
  end.writeUInt16LE(Object.keys(parts).length, 10);
  end.writeUInt32LE(centralBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBuf, end]);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const cell = (col: string, row: number, text: string) =>
  `<c r="${col}${row}" t="inlineStr"><is><t>${esc(text)}</t></is></c>`;
const COLS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** The 联系记录 header as the template has it. */
export const RECORD_HEADERS = [
  '日期',
  '开始时间',
  '结束时间',
  '领导干部',
  '类型',
  '地点',
  '联系对象',
  '学时',
  '天数',
  '随员人数',
  '联系工作开展情况',
  '意见和建议',
  '落实情况',
];

export function headerRow(): string {
  return `<row r="1">${RECORD_HEADERS.map((h, i) => cell(COLS[i]!, 1, h)).join('')}</row>`;
}

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

/** A workbook of sheets named `name` whose sheetData is `rows`, or whose whole sheet part is given packed. */
export function workbook(sheets: { name: string; rows: string | Buffer | Packed; hidden?: boolean }[]): Buffer {
  const parts: Record<string, Buffer | string | Packed> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
      .map(
        (s, i) =>
          `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"${s.hidden ? ' state="hidden"' : ''}/>`,
      )
      .join('')}</sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join('')}</Relationships>`,
  };
  sheets.forEach((s, i) => {
    parts[`xl/worksheets/sheet${i + 1}.xml`] =
      typeof s.rows === 'object' && !Buffer.isBuffer(s.rows)
        ? s.rows
        : Buffer.concat([
            Buffer.from(SHEET_HEAD),
            Buffer.isBuffer(s.rows) ? s.rows : Buffer.from(s.rows),
            Buffer.from(SHEET_TAIL),
          ]);
  });
  return zip(parts);
}

/** A zip bomb: a header row, then `mb` megabytes of spaces between rows (valid XML, packs ~1000:1). */
export function zipBomb(mb: number): Buffer {
  return workbook([
    { name: '联系记录', rows: Buffer.concat([Buffer.from(headerRow()), Buffer.alloc(mb * 1024 * 1024, 0x20)]) },
  ]);
}

/**
 * A large zip bomb without holding it: a sheet part of a header and `mb` megabytes of spaces, deflated as
 * a stream (the 1.9 MB bomb of the issue is about 2,000 MB).
 */
export async function bigZipBomb(mb: number): Promise<Buffer> {
  const d = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  d.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise((r) => d.on('end', r));
  const head = Buffer.from(SHEET_HEAD + headerRow());
  const block = Buffer.alloc(16 * 1024 * 1024, 0x20);
  const tail = Buffer.from(SHEET_TAIL);
  let crc = crc32(head);
  d.write(head);
  for (let i = 0; i < mb / 16; i++) {
    crc = crc32(block, crc);
    if (!d.write(block)) await new Promise((r) => d.once('drain', r));
  }
  crc = crc32(tail, crc);
  d.end(tail);
  await ended;
  const size = head.length + (mb / 16) * block.length + tail.length;
  return workbook([{ name: '联系记录', rows: { packed: Buffer.concat(out), size, crc } }]);
}

const badRow = (r: number) => `<row r="${r}">${cell('A', r, '不是日期')}${cell('E', r, '座谈')}</row>`;

/** `n` rows of a 联系记录 sheet, each with a date that is no date: every row is an error. */
export function badRows(n: number): Buffer {
  const chunks: string[] = [headerRow()];
  for (let r = 2; r <= n + 1; r++) chunks.push(badRow(r));
  return workbook([{ name: '联系记录', rows: chunks.join('') }]);
}

/** `n` bad rows (as badRows) for millions of rows: deflated as a stream, never held as one text. */
export async function bigBadRows(n: number): Promise<Buffer> {
  const d = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  d.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise((r) => d.on('end', r));
  let crc = 0;
  let size = 0;
  const put = async (text: string) => {
    const b = Buffer.from(text);
    crc = crc32(b, crc);
    size += b.length;
    if (!d.write(b)) await new Promise((r) => d.once('drain', r));
  };
  await put(SHEET_HEAD + headerRow());
  for (let from = 2; from <= n + 1; from += 10_000) {
    const rows: string[] = [];
    for (let r = from; r < Math.min(from + 10_000, n + 2); r++) rows.push(badRow(r));
    await put(rows.join(''));
  }
  const tail = Buffer.from(SHEET_TAIL);
  crc = crc32(tail, crc);
  size += tail.length;
  d.end(tail);
  await ended;
  return workbook([{ name: '联系记录', rows: { packed: Buffer.concat(out), size, crc } }]);
}
