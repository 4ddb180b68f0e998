// Timing of the notice engine (run by hand: npx tsx tests/documents/timing.ts); not a test.
import { openFontSet, renderNotice } from '../../electron/services/documents';
import { FONTS_DIR, sampleNotice } from './fixtures';

const t0 = performance.now();
const fonts = openFontSet({ bundledDir: FONTS_DIR, useSystem: false });
const t1 = performance.now();
const first = await renderNotice(sampleNotice(1, { attachments: [] }), fonts);
const t2 = performance.now();
const again = await renderNotice(sampleNotice(2, { attachments: [] }), fonts);
const t3 = performance.now();
let bytes = 0;
for (let i = 0; i < 50; i++) bytes += (await renderNotice(sampleNotice(10 + i, { attachments: [] }), fonts)).length;
const t4 = performance.now();
const withAttachments = await renderNotice(sampleNotice(99), fonts);
console.log(`(${withAttachments.length} bytes)`);
const t5 = performance.now();
console.log(`open fonts (resolve + parse lazily): ${(t1 - t0).toFixed(0)} ms`);
console.log(`first 3-page notice (parses glyph tables): ${(t2 - t1).toFixed(0)} ms, ${first.length} bytes`);
console.log(`second notice: ${(t3 - t2).toFixed(0)} ms, ${again.length} bytes`);
console.log(
  `50 distinct notices: ${(t4 - t3).toFixed(0)} ms (${((t4 - t3) / 50).toFixed(1)} ms each, ${(bytes / 50 / 1024).toFixed(0)} KiB each)`,
);
console.log(`notice with 2 attachments and a table (6 pages): ${(t5 - t4).toFixed(0)} ms`);
