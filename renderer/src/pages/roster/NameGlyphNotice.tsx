// Under 人员与单位: names with a character the document fonts lack. The documents still print them (a bundled font
// stands in for that character), but she should know before the 公示 goes up, not find out on paper.
import { useCallback, useEffect, useState } from 'react';
import type { NameGlyph } from '../../../../shared/api/documents';
import { api } from '../../api';
import { useLedgerChanged } from '../../grid/history';

/** `version` changes whenever a name on the page's lists changed (a cadre or object was added or renamed). */
export function NameGlyphNotice({ version }: { version: string }) {
  const [list, setList] = useState<NameGlyph[]>([]);
  const [open, setOpen] = useState(false);
  const load = useCallback(() => {
    api.documents.nameGlyphs({}).then(setList, () => setList([]));
  }, []);
  useEffect(load, [load, version]);
  useLedgerChanged(load);
  if (!list.length) return null;
  const fallback = list.filter((g) => g.chars.length);
  const broken = list.filter((g) => g.unprintable.length);
  const fonts = [...new Set(fallback.flatMap((g) => g.fonts))].join('、');
  return (
    <div className="glyph-notice" role="status" data-testid="name-glyphs">
      <span>
        {fallback.length > 0 && (
          <>
            {fallback.length}个姓名或名称中有公文正文字体（仿宋）没有的字：
            {fallback
              .slice(0, open ? undefined : 5)
              .map((g) => `${g.name}（${g.chars.join('')}）`)
              .join('、')}
            {!open && fallback.length > 5 ? '……' : ''}
            。公文会改用{fonts}字体打印这些字，字形与正文略有不同，打印后请核对。
          </>
        )}
        {broken.length > 0 && (
          <>
            {broken.map((g) => `${g.name}（${g.unprintable.join('')}）`).join('、')}
            中的字任何字体都没有，公文中打印不出来，请核对是否录错。
          </>
        )}
      </span>
      {fallback.length > 5 && <button onClick={() => setOpen((o) => !o)}>{open ? '收起' : '全部列出'}</button>}
    </div>
  );
}
