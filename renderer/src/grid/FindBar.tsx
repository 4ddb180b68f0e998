// The find-and-replace bar above a grid (Ctrl+F, Ctrl+H, or 查找替换 in the status bar) and in the record
// form. Enter finds the next match, Shift+Enter the one before, Esc closes and gives the keyboard back.
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';

export interface FindBarProps {
  id: string;
  box: RefObject<HTMLDivElement | null>;
  query: string;
  replacement: string;
  replacing: boolean;
  /** 第 2 / 5 处, 找不到“x”. */
  status: string;
  /** Offered after the status: 显示全部 (matches the filters hide), 撤销替换 … */
  extra?: ReactNode;
  /** 全部替换 at once (the record form, where nothing is saved before 保存) rather than after a preview. */
  replaceAllAtOnce?: boolean;
  /** Bumped to put the keyboard in the find box again (Ctrl+F while open). */
  focusKey: number;
  onQuery: (q: string) => void;
  onReplacement: (r: string) => void;
  onReplacing: (on: boolean) => void;
  onNext: (dir: 1 | -1) => void;
  onReplace: () => void;
  onReplaceAll: () => void;
  onClose: () => void;
}

/** What a find bar keeps wherever it shows (a grid, the record form): whether it is open and in which mode,
 *  the two boxes and the status line. `barProps(edited)` gives the <FindBar> props that are the same
 *  everywhere; `edited` runs when the query changes (an earlier match no longer holds). */
export function useFindBar() {
  const [bar, setBar] = useState<{ replacing: boolean; focusKey: number } | null>(null);
  const [query, setQuery] = useState('');
  const [replacement, setReplacement] = useState('');
  const [status, setStatus] = useState('');
  return {
    shown: bar !== null,
    query,
    replacement,
    setStatus,
    /** Ctrl+F / Ctrl+H: show the bar (replace mode stays on once chosen) and put the keyboard in it. */
    open: (replacing: boolean) =>
      setBar((x) => ({ replacing: replacing || !!x?.replacing, focusKey: (x?.focusKey ?? 0) + 1 })),
    hide: () => {
      setBar(null);
      setStatus('');
    },
    barProps: (edited: () => void) => ({
      query,
      replacement,
      replacing: !!bar?.replacing,
      status,
      focusKey: bar?.focusKey ?? 0,
      onQuery: (q: string) => {
        setQuery(q);
        setStatus('');
        edited();
      },
      onReplacement: setReplacement,
      onReplacing: (on: boolean) => setBar((x) => x && { ...x, replacing: on, focusKey: x.focusKey + 1 }),
    }),
  };
}

export function FindBar(p: FindBarProps) {
  const find = useRef<HTMLInputElement>(null);
  const replace = useRef<HTMLInputElement>(null);
  useEffect(() => {
    (p.replacing && p.query ? replace : find).current?.select();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [p.focusKey]);
  const keys = (e: React.KeyboardEvent, enter: () => void) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      p.onClose();
    } else if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      enter();
    }
  };
  return (
    <div className="sheet-find" ref={p.box} role="search" aria-label="查找和替换" data-testid={`${p.id}-find`}>
      <label>
        查找
        <input
          ref={find}
          value={p.query}
          placeholder="姓名、地点、内容…"
          aria-label="查找内容"
          onChange={(e) => p.onQuery(e.target.value)}
          onKeyDown={(e) => keys(e, () => p.onNext(e.shiftKey ? -1 : 1))}
        />
      </label>
      <button onClick={() => p.onNext(-1)} disabled={!p.query} title="上一个（Shift+Enter）">
        上一个
      </button>
      <button onClick={() => p.onNext(1)} disabled={!p.query} title="下一个（Enter）">
        下一个
      </button>
      {p.replacing ? (
        <>
          <label>
            替换为
            <input
              ref={replace}
              value={p.replacement}
              aria-label="替换为"
              onChange={(e) => p.onReplacement(e.target.value)}
              onKeyDown={(e) => keys(e, p.onReplace)}
            />
          </label>
          <button onClick={p.onReplace} disabled={!p.query} title="替换当前找到的单元格，再找下一个">
            替换
          </button>
          <button
            onClick={p.onReplaceAll}
            disabled={!p.query}
            title={
              p.replaceAllAtOnce
                ? '替换表单中找到的每一处；点“保存”后才写入台账'
                : '先列出将改动的单元格，确认后一次保存'
            }
          >
            {p.replaceAllAtOnce ? '全部替换' : '全部替换…'}
          </button>
        </>
      ) : (
        <button className="link" onClick={() => p.onReplacing(true)}>
          替换…
        </button>
      )}
      <span className="sheet-find-status" data-testid={`${p.id}-find-status`} aria-live="polite">
        {p.status}
      </span>
      {p.extra}
      <button className="link sheet-find-close" onClick={p.onClose} title="关闭（Esc）" aria-label="关闭查找">
        ✕
      </button>
    </div>
  );
}
