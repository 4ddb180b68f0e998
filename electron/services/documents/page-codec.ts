// Laid-out pages as numbers and one string, for posting to a worker (pipeline.ts): the numbers' buffer is transferred,
// the texts go as one string. In the 500-cadre 考核 packet the pages hold ~500,000 items; structured clone of the
// objects took 0.3–0.7 s to write and 0.6–1.2 s to read for the report's 2,067 pages alone (load ~7), and every object
// it made lived on until the PDF was written.
import { FONT_ROLES, type FontRole } from './fonts';
import type { Page, PageItem } from './model';

export interface EncodedPages {
  /** Per page: flags (1 landscape, 2 rotated, 4 overlay), items, overlay items; per item its numbers (see put). */
  nums: Float64Array;
  /** Every text item's text, in order, each followed by U+0000. */
  texts: string;
  /** Colours, indexed from the numbers (-1: none). */
  colors: string[];
}

const TEXT = 0;
const RULE = 1;

export function encodePages(pages: readonly Page[]): EncodedPages {
  let size = 1;
  for (const p of pages) size += 3 + 7 * (p.items.length + (p.overlay?.length ?? 0));
  const nums = new Float64Array(size);
  const texts: string[] = [];
  const colors = new Map<string, number>();
  const colorOf = (c: string | undefined) => {
    if (c === undefined) return -1;
    let i = colors.get(c);
    if (i === undefined) colors.set(c, (i = colors.size));
    return i;
  };
  let at = 0;
  const put = (it: PageItem) => {
    if (it.kind === 'text') {
      nums[at++] = TEXT;
      nums[at++] = it.x;
      nums[at++] = it.baseline;
      nums[at++] = it.size;
      nums[at++] = it.spacing;
      nums[at++] = FONT_ROLES.indexOf(it.role);
      nums[at++] = colorOf(it.color);
      if (it.text.includes('\0')) throw new Error('text with U+0000');
      texts.push(it.text);
    } else {
      nums[at++] = RULE;
      nums[at++] = it.x1;
      nums[at++] = it.y1;
      nums[at++] = it.x2;
      nums[at++] = it.y2;
      nums[at++] = it.width;
      nums[at++] = colorOf(it.color);
    }
  };
  nums[at++] = pages.length;
  for (const p of pages) {
    nums[at++] = (p.orientation === 'landscape' ? 1 : 0) | (p.rotated ? 2 : 0) | (p.overlay ? 4 : 0);
    nums[at++] = p.items.length;
    nums[at++] = p.overlay?.length ?? 0;
    p.items.forEach(put);
    p.overlay?.forEach(put);
  }
  return { nums, texts: texts.length ? texts.join('\0') + '\0' : '', colors: [...colors.keys()] };
}

export function decodePages(e: EncodedPages): Page[] {
  const { nums, colors } = e;
  const texts = e.texts.split('\0');
  let t = 0;
  let at = 0;
  const item = (): PageItem => {
    const kind = nums[at++];
    const a = nums[at++]!;
    const b = nums[at++]!;
    const c = nums[at++]!;
    const d = nums[at++]!;
    const f = nums[at++]!;
    const color = nums[at++]!;
    if (kind === TEXT) {
      const it: PageItem = {
        kind: 'text',
        x: a,
        baseline: b,
        text: texts[t++]!,
        role: FONT_ROLES[f] as FontRole,
        size: c,
        spacing: d,
      };
      if (color >= 0) it.color = colors[color]!;
      return it;
    }
    const it: PageItem = { kind: 'rule', x1: a, y1: b, x2: c, y2: d, width: f };
    if (color >= 0) it.color = colors[color]!;
    return it;
  };
  const pages: Page[] = [];
  const count = nums[at++]!;
  for (let k = 0; k < count; k++) {
    const flags = nums[at++]!;
    const n = nums[at++]!;
    const m = nums[at++]!;
    const page: Page = { orientation: flags & 1 ? 'landscape' : 'portrait', items: [] };
    if (flags & 2) page.rotated = true;
    for (let i = 0; i < n; i++) page.items.push(item());
    if (flags & 4) {
      page.overlay = [];
      for (let i = 0; i < m; i++) page.overlay.push(item());
    }
    pages.push(page);
  }
  return pages;
}
