// 页码 (GB/T 9704 7.5): 4号 half-width 宋体 "— N —", the dashes 7 mm below the 版心; odd pages right, even pages left,
// one 字 in. A page turned for a wide table keeps its number where every other page has it (横排表格, P37).
import { pageNumberText } from '../../../shared/format/numbering';
import type { FontSet } from './fonts';
import { measure } from './layout';
import type { Page, PageItem } from './model';
import { inkExtent } from './ink';
import { TYPE_AREA, mm } from './units';

const SIZE = 14;

/** Numbers the pages `first`, `first + 1`, … (a part of a longer document starts where the pages before it end). */
export function numberPages(pages: Page[], fonts: FontSet, skip: ReadonlySet<number> = new Set(), first = 1): void {
  const x0 = mm(TYPE_AREA.left);
  const x1 = x0 + mm(TYPE_AREA.width);
  const dash = inkExtent('—', fonts, 'songti');
  const baseline = mm(TYPE_AREA.top + TYPE_AREA.height + 7) + ((dash.top + dash.bottom) / 2) * SIZE;
  pages.forEach((page, i) => {
    const n = first + i;
    if (skip.has(n)) return;
    const s = pageNumberText(n);
    const w = measure([{ text: s, role: 'songti' }], fonts, SIZE, 0);
    const x = n % 2 === 1 ? x1 - SIZE - w : x0 + SIZE;
    const item: PageItem = { kind: 'text', x, baseline, text: s, role: 'songti', size: SIZE, spacing: 0 };
    if (page.rotated) (page.overlay ??= []).push(item);
    else page.items.push(item);
  });
}
