// The message line at the bottom of the window: what was saved, what was refused and why, and 撤销.
import { createContext, useCallback, useContext, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { zh } from '../i18n/zh';

export interface NoticeAction {
  label: string;
  run: () => void | Promise<void>;
}

export interface Notice {
  kind: 'info' | 'error';
  text: string;
  action?: NoticeAction;
  /** Further choices beside `action` (e.g. 撤销 and 改为覆盖…). */
  more?: NoticeAction[];
}

const NoticeContext = createContext<(n: Notice) => void>(() => {});

export function useNotice(): (n: Notice) => void {
  return useContext(NoticeContext);
}

export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const notify = useCallback((n: Notice) => {
    setNotice(n);
    if (timer.current) clearTimeout(timer.current);
    // Errors and undo offers stay until the user acts; plain confirmations fade.
    if (n.kind === 'info' && !n.action && !n.more?.length) timer.current = setTimeout(() => setNotice(null), 4000);
  }, []);
  // While the line shows, the page makes room for it above the window's edge: it never covers a grid's
  // status bar or a page's last row of buttons.
  const line = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const room = notice && line.current ? line.current.offsetHeight + 16 : 0;
    document.documentElement.style.setProperty('--notice-room', `${room}px`);
  }, [notice]);
  return (
    <NoticeContext.Provider value={notify}>
      {children}
      {notice && (
        <div
          ref={line}
          className={`notice notice-${notice.kind}`}
          role={notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="notice"
        >
          <span className="notice-text">{notice.text}</span>
          {[...(notice.action ? [notice.action] : []), ...(notice.more ?? [])].map((action) => (
            <button
              key={action.label}
              className="notice-action"
              onClick={async () => {
                setNotice(null);
                await action.run();
              }}
            >
              {action.label}
            </button>
          ))}
          <button className="notice-close" aria-label={zh.close} onClick={() => setNotice(null)}>
            ×
          </button>
        </div>
      )}
    </NoticeContext.Provider>
  );
}
