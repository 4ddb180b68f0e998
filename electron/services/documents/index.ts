// Official documents in the GB/T 9704-2012 format: the public face of the document engine.
export { renderNotice, layoutNotice, breakTitle } from './notice';
export type { NoticeInput, NoticeAttachment, BodyBlock } from './notice';
export type { TableBlock, TableColumn } from './table';
export {
  FONT_ROLES,
  ROLE_NAMES,
  BUNDLED_FILES,
  resolveFonts,
  loadFonts,
  openFontSet,
  checkGlyphs,
  fallbackChars,
  FALLBACK_FILES,
  listFontconfigFonts,
} from './fonts';
export type { FontRole, FontSet, FontSource, LoadedFont, ResolveFontsOptions, SystemFontEntry } from './fonts';
export { renderPages } from './pdf';
export type { Page, PageItem, TextItem, RuleItem } from './model';
export { layoutPlain, renderPlain } from './plain';
export { numberPages } from './pagenumbers';
export type { PlainInput, PlainBlock } from './plain';
export type { FormBlock, FormCell, SignatureBlock } from './form';
export {
  draftDocument,
  renderFields,
  reserveNumber,
  peekNumber,
  formatDocNumber,
  evaluationReport,
  fileNameFor,
} from './ledger';
export { writePacket } from './packet';
export type { PacketResult } from './packet';
export { documentHandlers } from './service';
