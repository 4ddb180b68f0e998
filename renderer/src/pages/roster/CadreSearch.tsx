// 查找干部: by name, pinyin initials ("zs") or full pinyin ("zhangs"); the matching part is highlighted.
import { useEffect, useState } from 'react';
import type { Cadre } from '../../../../shared/domain/cadre';
import { api } from '../../api';

interface Hit {
  cadre: Cadre;
  highlight: [number, number];
}

export function Highlighted({ text, range }: { text: string; range: [number, number] }) {
  const chars = [...text];
  return (
    <span>
      {chars.slice(0, range[0]).join('')}
      <mark>{chars.slice(range[0], range[1]).join('')}</mark>
      {chars.slice(range[1]).join('')}
    </span>
  );
}

export function CadreSearch({ cadres, onPick }: { cadres: Cadre[]; onPick?: (c: Cadre) => void }) {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Hit[]>([]);
  useEffect(() => {
    if (!q.trim()) return setHits([]);
    let live = true;
    const t = setTimeout(() => {
      api.cadres.search({ q }).then(
        (h) => live && setHits(h),
        () => live && setHits([]),
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q, cadres]);
  return (
    <div className="search">
      <input
        type="search"
        placeholder="查找干部：姓名或拼音（如 zs）"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        aria-label="查找干部"
        data-testid="cadre-search"
      />
      {q.trim() && (
        <ul className="search-results" data-testid="cadre-search-results">
          {hits.length === 0 && <li className="muted">没有找到</li>}
          {hits.map((h) => (
            <li key={h.cadre.id}>
              <button
                onClick={() => {
                  onPick?.(h.cadre);
                  setQ('');
                }}
              >
                <Highlighted text={h.cadre.name} range={h.highlight} />
                <span className="muted">
                  {h.cadre.title}
                  {h.cadre.unitName ? `（${h.cadre.unitName}）` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
