// Reads a generated PDF back the way a checker would: glyph runs, stroked rules and fonts, in mm from the top-left.
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Backend } from '../../electron/services/backend';
import type { DocumentFields } from '../../shared/api/documents';
import { ARTIFACTS } from './fixtures';

export const PT = 25.4 / 72;

export interface Run {
  text: string;
  /** Left edge and baseline, mm. */
  x: number;
  baseline: number;
  /** Advance width, mm. */
  width: number;
  size: number;
  font: string;
  /** Set upright on the page (not on a page turned for a wide table). */
  upright: boolean;
}

export interface Rule {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Stroke thickness, mm. */
  width: number;
  rgb: [number, number, number];
}

export interface MeasuredPage {
  width: number;
  height: number;
  runs: Run[];
  rules: Rule[];
}

type Matrix = [number, number, number, number, number, number];
const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];

export async function measurePdf(buf: Uint8Array): Promise<MeasuredPage[]> {
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(buf),
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  }).promise;
  const pages: MeasuredPage[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const [, , w, h] = page.view as [number, number, number, number];
    const ol = await page.getOperatorList();
    const rules: Rule[] = [];
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: Matrix[] = [];
    let lineWidth = 1;
    let rgb: [number, number, number] = [0, 0, 0];
    let path: number[][] = [];
    ol.fnArray.forEach((fn, i) => {
      const args = ol.argsArray[i] as unknown[];
      switch (fn) {
        case pdfjs.OPS.save:
          stack.push(ctm);
          break;
        case pdfjs.OPS.restore:
          ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
          break;
        case pdfjs.OPS.transform:
          ctm = mul(args as Matrix, ctm);
          break;
        case pdfjs.OPS.setLineWidth:
          lineWidth = args[0] as number;
          break;
        case pdfjs.OPS.setStrokeRGBColor: {
          const c = args as unknown as Record<string, number> | string;
          rgb =
            typeof c === 'string'
              ? ([1, 3, 5].map((k) => parseInt(c.slice(k, k + 2), 16) / 255) as [number, number, number])
              : [c[0]! / 255, c[1]! / 255, c[2]! / 255];
          break;
        }
        case pdfjs.OPS.constructPath: {
          const [ops, coords] = args as [number[], number[]];
          let k = 0;
          let start: [number, number] = [0, 0];
          for (const op of ops) {
            if (op === pdfjs.OPS.moveTo) {
              start = apply(ctm, coords[k]!, coords[k + 1]!);
              k += 2;
            } else if (op === pdfjs.OPS.lineTo) {
              const end = apply(ctm, coords[k]!, coords[k + 1]!);
              path.push([...start, ...end]);
              start = end;
              k += 2;
            } else if (op === pdfjs.OPS.rectangle) k += 4;
          }
          break;
        }
        case pdfjs.OPS.stroke: {
          const scale = Math.hypot(ctm[0], ctm[1]);
          for (const [x1, y1, x2, y2] of path) {
            rules.push({
              x1: x1! * PT,
              y1: (h - y1!) * PT,
              x2: x2! * PT,
              y2: (h - y2!) * PT,
              width: lineWidth * scale * PT,
              rgb,
            });
          }
          path = [];
          break;
        }
        case pdfjs.OPS.endPath:
        case pdfjs.OPS.fill:
          path = [];
          break;
      }
    });
    const tc = await page.getTextContent();
    const runs: Run[] = [];
    for (const item of tc.items) {
      if (!('str' in item) || !item.str) continue;
      const t = item.transform as Matrix;
      let font = item.fontName;
      try {
        font = (page.commonObjs.get(item.fontName) as { name: string }).name;
      } catch {
        /* keep the internal name */
      }
      runs.push({
        text: item.str,
        x: t[4] * PT,
        baseline: (h - t[5]) * PT,
        width: item.width * PT,
        size: Math.hypot(t[0], t[1]),
        font,
        upright: Math.abs(t[1]) < 1e-6 && t[0] > 0,
      });
    }
    pages.push({ width: w, height: h, runs, rules });
  }
  await doc.destroy();
  return pages;
}

/** A document drafted and rendered through the contract, as the 公文 page does; its pages kept as PNG under `name`. */
export async function draftPdf(b: Backend, input: Record<string, unknown>, name: string): Promise<Uint8Array> {
  const d = await b.dispatch('documents.draft', input);
  if (!d.ok) throw new Error(d.error.message);
  const r = await b.dispatch('documents.render', { fields: d.value as DocumentFields });
  if (!r.ok) throw new Error(r.error.message);
  const pdf = Buffer.from((r.value as { pdf: string }).pdf, 'base64');
  renderPng(pdf, name);
  return pdf;
}

/** Renders pages to PNG with poppler into tests/artifacts; returns the files. */
export function renderPng(buf: Uint8Array, name: string, dpi = 60): string[] {
  mkdirSync(ARTIFACTS, { recursive: true });
  const pdf = join(ARTIFACTS, `${name}.pdf`);
  writeFileSync(pdf, buf);
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', pdf, join(ARTIFACTS, name)]);
  const out = execFileSync('ls', [ARTIFACTS], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))
    .map((f) => join(ARTIFACTS, f));
}

/** Rows (in mm from the top) where a page's rendering has ink of a colour: a grey PPM read without libraries. */
export function inkRows(
  buf: Uint8Array,
  page: number,
  dpi: number,
  pick: (r: number, g: number, b: number) => boolean,
  xRange?: [number, number],
): number[] {
  const ppm = execFileSync(
    'pdftoppm',
    ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', '-'],
    {
      input: Buffer.from(buf),
      maxBuffer: 1 << 28,
    },
  );
  // P6 header: "P6\n<w> <h>\n255\n"
  let pos = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    let s = '';
    while (ppm[pos] !== 0x0a && ppm[pos] !== 0x20) s += String.fromCharCode(ppm[pos++]!);
    pos++;
    if (s) fields.push(s);
  }
  const width = Number(fields[1]);
  const height = Number(fields[2]);
  const px = 25.4 / dpi;
  const [x0, x1] = xRange ? [Math.floor(xRange[0] / px), Math.ceil(xRange[1] / px)] : [0, width];
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    for (let x = Math.max(0, x0); x < Math.min(width, x1); x++) {
      const o = pos + (y * width + x) * 3;
      if (pick(ppm[o]!, ppm[o + 1]!, ppm[o + 2]!)) {
        rows.push(y * px);
        break;
      }
    }
  }
  return rows;
}
