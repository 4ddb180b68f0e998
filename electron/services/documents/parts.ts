// A long plain document (the 考核 report: half the packet's pages) cut into parts the pool's workers lay out and write
// at once (pool.ts), joined into one PDF (concat.ts). Cuts fall only before a block that starts a new page (a cadre's
// section), so each part's pages are the pages the whole document has there; the pages are numbered on from the
// pages before (known once those parts are laid out), and heading numbers carry on from the blocks before.
import type { PlainBlockFields, PlainFields } from '../../../shared/api/documents';
import type { FontSet } from './fonts';
import type { Page } from './model';
import { numberPages } from './pagenumbers';
import { renderPages } from './pdf';
import { countersAfter, type PlainPart } from './plain';

/** Rows of the grid a block takes, roughly: a table's rows and head, a list's items, one for anything else. */
const rowsOf = (b: PlainBlockFields): number =>
  b.kind === 'table' ? b.rows.length + 2 : b.kind === 'list' ? b.items.length : 1;

/** A document's pages to come, estimated from its blocks: a title block plus its tables' rows, about 18 rows a page. */
export function estimatePages(blocks: readonly PlainBlockFields[]): number {
  let rows = 4;
  for (const b of blocks) rows += rowsOf(b);
  return Math.max(1, rows / 18);
}

/**
 * The document cut into parts of at least `pages` estimated pages each (the last may be shorter), each cut before a
 * block that starts a new page; null when it cannot be cut in two.
 */
export function splitPlain(f: PlainFields, pages: number): (PlainPart & { pages: number })[] | null {
  const parts: (PlainPart & { pages: number })[] = [];
  // Every part carries all the document's fields but its blocks (title, subtitle, and whatever else the layout reads),
  // so that a part is laid out as the whole document is there.
  const { layout: _layout, type: _type, blocks: _blocks, ...whole } = f;
  void [_layout, _type, _blocks];
  let from = 0;
  let rows = 4;
  const cut = (to: number) => {
    const blocks = f.blocks.slice(from, to);
    parts.push({
      ...whole,
      blocks,
      head: from === 0,
      counters: countersAfter(f.blocks.slice(0, from)),
      pages: Math.max(1, rows / 18),
    });
    from = to;
    rows = 0;
  };
  f.blocks.forEach((b, i) => {
    if (i > from && b.kind === 'title' && b.newPage && rows / 18 >= pages) cut(i);
    rows += rowsOf(b);
  });
  cut(f.blocks.length);
  return parts.length > 1 ? parts : null;
}

/** A part's laid-out pages, numbered from `first`, written to PDF. */
export async function renderPartPages(
  pages: Page[],
  title: string,
  first: number,
  fonts: FontSet,
): Promise<{ pdf: Buffer; pages: number }> {
  numberPages(pages, fonts, undefined, first);
  return { pdf: await renderPages(pages, fonts, { title }), pages: pages.length };
}
