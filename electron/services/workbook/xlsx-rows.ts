// A sheet's rows as numbers, for posting from the thread that reads a workbook to the one that checks its rows
// (xlsx-worker.ts → xlsx-thread.ts): a batch is one Float64Array, moved rather than copied; a shared string goes as
// its index, looked up by the thread that holds the table (so the reading thread holds none of the workbook's text);
// other text goes beside it in a short list. Decoded into a RowBuilder, a batch makes the same calls as the scan.
import type { RawCell, RowBuilder } from './xlsx-reader';

const SHARED = 0;
const NUMBER = 1;
const DATE = 2;
const FALSE = 3;
const TRUE = 4;
const TEXT = 5;

/** Rows one after the other: [row number, cells, then column, kind, value for each cell]. */
export interface RowBatch {
  nums: Float64Array;
  texts: string[];
}

/** Encodes what a sheet scan gives; `full` is called after each row once `rows` rows are waiting. */
export class RowEncoder implements RowBuilder {
  private nums = new Float64Array(16 * 1024);
  private at = 0;
  private texts: string[] = [];
  /** Where the current row's number and cell count go; -1 before its first cell. */
  private head = -1;
  rows = 0;

  constructor(
    private readonly batchRows: number,
    private readonly full: () => void,
  ) {}

  private put(col: number, kind: number, v: number): void {
    if (this.at + 5 > this.nums.length) {
      const more = new Float64Array(this.nums.length * 2);
      more.set(this.nums.subarray(0, this.at));
      this.nums = more;
    }
    if (this.head < 0) {
      this.head = this.at;
      this.at += 2;
    }
    const n = this.nums;
    n[this.at++] = col;
    n[this.at++] = kind;
    n[this.at++] = v;
  }

  value(col: number, value: RawCell): void {
    if (typeof value === 'number') this.put(col, NUMBER, value);
    else if (typeof value === 'string') {
      this.put(col, TEXT, this.texts.length);
      this.texts.push(value);
    } else if (typeof value === 'boolean') this.put(col, value ? TRUE : FALSE, 0);
    else if (value instanceof Date) this.put(col, DATE, value.getTime());
  }

  shared(col: number, index: number): void {
    this.put(col, SHARED, index);
  }

  end(rowNo: number): void {
    if (this.head < 0) return;
    this.nums[this.head] = rowNo;
    this.nums[this.head + 1] = (this.at - this.head - 2) / 3;
    this.head = -1;
    if (++this.rows >= this.batchRows) this.full();
  }

  /** The rows encoded so far (a copy of their length: its buffer can be moved), and a new batch begun. */
  take(): RowBatch {
    const batch = { nums: this.nums.slice(0, this.at), texts: this.texts };
    this.at = 0;
    this.texts = [];
    this.rows = 0;
    return batch;
  }
}

/** The calls `out` would have had from the scan that encoded `batch`. */
export function decodeRows(batch: RowBatch, out: RowBuilder): void {
  const f = batch.nums;
  const texts = batch.texts;
  for (let p = 0; p < f.length;) {
    const rowNo = f[p]!;
    const n = f[p + 1]!;
    p += 2;
    for (let k = 0; k < n; k++, p += 3) {
      const col = f[p]!;
      const kind = f[p + 1]!;
      const v = f[p + 2]!;
      if (kind === SHARED) out.shared(col, v);
      else
        out.value(col, kind === NUMBER ? v : kind === TEXT ? texts[v]! : kind === DATE ? new Date(v) : kind === TRUE);
    }
    out.end(rowNo);
  }
}
