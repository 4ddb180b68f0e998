// One PDF from the PDFs pdf.ts wrote for consecutive parts of one document (a long report laid out and written in
// parts by the pool's workers, pool.ts): every part's pages in order under one page tree, each part's objects kept
// byte for byte (content streams, fonts as that part embedded them), the first part's document information and
// identifier. Each part subsets the fonts for its own pages, so a later part's subsets are renamed (the six-letter
// tag before “+”) where an earlier part used the same name: a reader never takes one subset for another.
// It reads only what pdf.ts (pdfkit) writes — a classic cross-reference table, objects numbered “N 0”, no object
// streams — and throws on anything else rather than guess.

interface Obj {
  /** The dictionary (or the whole body without a stream), as latin1 text: references are rewritten in it. */
  dict: string;
  /** The stream and everything after the dictionary up to and including `endobj`: copied as it is. */
  rest: Buffer;
  /** A string object (the document information's values): copied as it is, never read for references. */
  opaque: boolean;
}

interface Part {
  objects: Map<number, Obj>;
  root: number;
  info: number | null;
  id: string | null;
}

const REF = /(\d+) 0 R\b/g;

function bad(why: string): never {
  throw new Error(`合并PDF失败：${why}`);
}

function parse(pdf: Buffer): Part {
  const tail = pdf.subarray(Math.max(0, pdf.length - 1024)).toString('latin1');
  const sx = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!sx) bad('找不到交叉引用表');
  const xrefAt = Number(sx[1]);
  const head = pdf.subarray(xrefAt, xrefAt + 64).toString('latin1');
  const sub = /^xref\n0 (\d+)\n/.exec(head);
  if (!sub) bad('交叉引用表格式不符');
  const size = Number(sub[1]);
  const entriesAt = xrefAt + sub[0].length;
  const offsets: [number, number][] = [];
  for (let n = 1; n < size; n++) {
    const e = pdf.subarray(entriesAt + 20 * n, entriesAt + 20 * n + 20).toString('latin1');
    if (e[17] === 'n') offsets.push([Number(e.slice(0, 10)), n]);
  }
  const trailerText = pdf.subarray(entriesAt + 20 * size, pdf.length).toString('latin1');
  const root = /\/Root (\d+) 0 R/.exec(trailerText);
  if (!root) bad('没有文档目录');
  const info = /\/Info (\d+) 0 R/.exec(trailerText);
  const id = /\/ID \[([^\]]*)\]/.exec(trailerText);
  offsets.sort((a, b) => a[0] - b[0]);
  const objects = new Map<number, Obj>();
  offsets.forEach(([at, n], k) => {
    const end = k + 1 < offsets.length ? offsets[k + 1]![0] : xrefAt;
    const body = pdf.subarray(at, end);
    const header = `${n} 0 obj\n`;
    if (body.toString('latin1', 0, header.length) !== header) bad(`对象${n}的位置不符`);
    const rest = body.subarray(header.length);
    const streamAt = rest.indexOf('>>\nstream\n', 0, 'latin1');
    const dictEnd = streamAt >= 0 ? streamAt + 2 : rest.lastIndexOf('endobj', undefined, 'latin1');
    if (dictEnd < 0) bad(`对象${n}不完整`);
    const dict = rest.toString('latin1', 0, dictEnd);
    objects.set(n, { dict, rest: rest.subarray(dictEnd), opaque: dict.trimStart().startsWith('(') });
  });
  return { objects, root: Number(root[1]), info: info ? Number(info[1]) : null, id: id ? id[1]! : null };
}

const pagesOf = (p: Part): number => {
  const m = /\/Pages (\d+) 0 R/.exec(p.objects.get(p.root)?.dict ?? '');
  if (!m) bad('没有页面树');
  return Number(m[1]);
};
const kidsOf = (p: Part, pages: number): number[] => {
  const m = /\/Kids \[([^\]]*)\]/.exec(p.objects.get(pages)?.dict ?? '');
  if (!m) bad('页面树没有页面');
  return [...m[1]!.matchAll(REF)].map((r) => Number(r[1]));
};

/** The n-th six-letter subset tag (AAAAAA, AAAAAB, …). */
const tagAt = (n: number): string => {
  let s = '';
  for (let i = 0; i < 6; i++, n = Math.floor(n / 26)) s = String.fromCharCode(65 + (n % 26)) + s;
  return s;
};

export function concatPdfs(pdfs: readonly Buffer[]): Buffer {
  if (pdfs.length === 1) return pdfs[0]!;
  if (!pdfs.length) bad('没有可合并的文件');
  const parts = pdfs.map(parse);
  const first = parts[0]!;
  const tree = pagesOf(first);
  const pagesIn = parts.map(pagesOf);
  const kids = parts.flatMap((p, k) => kidsOf(p, pagesIn[k]!).map((n) => [k, n] as const));

  // Subset tags: a later part's tag that an earlier part already used gets a fresh one, the same in all its objects.
  const used = new Set<string>();
  let next = 0;
  const tagMaps = parts.map((p, k) => {
    const mine = new Map<string, string>();
    for (const o of p.objects.values()) {
      if (o.opaque) continue;
      for (const m of o.dict.matchAll(/\/([A-Z]{6})\+/g)) {
        const t = m[1]!;
        if (mine.has(t)) continue;
        let to = t;
        if (k > 0 && used.has(t)) {
          while (used.has(tagAt(next))) next++;
          to = tagAt(next);
          used.add(to);
        }
        mine.set(t, to);
      }
    }
    for (const to of mine.values()) used.add(to);
    return mine;
  });

  // What every part's object becomes: a later part's page tree is the first part's; objects are renumbered in the
  // order they are reached from the document catalog and information, so nothing unreferenced is written.
  const key = (k: number, n: number): string => (k > 0 && n === pagesIn[k] ? `0:${tree}` : `${k}:${n}`);
  const numbers = new Map<string, number>();
  const order: [number, number][] = [];
  const reach = (k: number, n: number) => {
    const kk = key(k, n);
    if (numbers.has(kk)) return;
    const [pk, pn] = kk.split(':').map(Number) as [number, number];
    if (!parts[pk]!.objects.has(pn)) bad(`对象${pn}缺失`);
    numbers.set(kk, numbers.size + 1);
    order.push([pk, pn]);
  };
  reach(0, first.root);
  if (first.info !== null) reach(0, first.info);
  for (let i = 0; i < order.length; i++) {
    const [k, n] = order[i]!;
    if (k === 0 && n === tree) {
      for (const [kk, kn] of kids) reach(kk, kn);
      continue;
    }
    const o = parts[k]!.objects.get(n)!;
    if (!o.opaque) for (const m of o.dict.matchAll(REF)) reach(k, Number(m[1]));
  }

  const chunks: Buffer[] = [Buffer.from('%PDF-1.3\n%\xff\xff\xff\xff\n', 'latin1')];
  let at = chunks[0]!.length;
  const offsets: number[] = [];
  for (const [k, n] of order) {
    const o = parts[k]!.objects.get(n)!;
    let dict = o.dict;
    if (k === 0 && n === tree)
      dict = `<<\n/Type /Pages\n/Count ${kids.length}\n/Kids [${kids.map(([kk, kn]) => `${numbers.get(key(kk, kn))} 0 R`).join(' ')}]\n>>\n`;
    else if (!o.opaque) {
      const tags = tagMaps[k]!;
      dict = dict
        .replace(REF, (_, r: string) => `${numbers.get(key(k, Number(r)))} 0 R`)
        .replace(/\/([A-Z]{6})\+/g, (_, t: string) => `/${tags.get(t) ?? t}+`);
    }
    const head = Buffer.from(`${numbers.get(key(k, n))} 0 obj\n${dict}`, 'latin1');
    offsets.push(at);
    chunks.push(head, o.rest);
    at += head.length + o.rest.length;
  }
  const size = order.length + 1;
  const xref = [
    'xref',
    `0 ${size}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    '<<',
    `/Size ${size}`,
    `/Root ${numbers.get(`0:${first.root}`)} 0 R`,
    ...(first.info !== null ? [`/Info ${numbers.get(`0:${first.info}`)} 0 R`] : []),
    ...(first.id !== null ? [`/ID [${first.id}]`] : []),
    '>>',
    'startxref',
    String(at),
    '%%EOF',
    '',
  ].join('\n');
  chunks.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(chunks);
}
