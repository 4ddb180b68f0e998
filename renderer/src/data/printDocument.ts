// One click from a grid to a printable PDF (记录表 of a record, 督办单 of a follow-up): the ledger drafts
// the document and the browser saves it; the 公文 page offers the same with editing and preview.
import type { DocType } from '../../../shared/api/documents';
import { api } from '../api';
import { downloadBase64 } from '../grid/download';

export async function downloadDocument(
  type: DocType,
  params: { id?: number; cadreId?: number; year?: number },
): Promise<void> {
  const fields = await api.documents.draft({ type, ...params } as Parameters<typeof api.documents.draft>[0]);
  const r = await api.documents.render({ fields });
  downloadBase64(r.pdf, r.fileName, 'application/pdf');
}
