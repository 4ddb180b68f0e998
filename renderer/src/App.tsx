// The window: a navigation of the ledger's sections (only those built are shown) and the open page.
import { useState } from 'react';
import { NoticeProvider } from './components/Notice';
import { zh } from './i18n/zh';
import { RosterPage } from './pages/roster/RosterPage';

interface Section {
  id: keyof typeof zh.sections;
  page: () => React.JSX.Element;
}

// The design's sections in their order; each appears here once its page exists.
const sections: Section[] = [{ id: 'roster', page: RosterPage }];

export function App() {
  const [current, setCurrent] = useState<Section['id']>(sections[0]!.id);
  const Page = sections.find((s) => s.id === current)!.page;
  return (
    <NoticeProvider>
      <div className="app">
        <aside className="sidebar">
          <div className="brand">{zh.appName}</div>
          <nav aria-label="主导航">
            {sections.map((s) => (
              <button
                key={s.id}
                className={s.id === current ? 'nav-item active' : 'nav-item'}
                aria-current={s.id === current ? 'page' : undefined}
                onClick={() => setCurrent(s.id)}
              >
                {zh.sections[s.id]}
              </button>
            ))}
          </nav>
        </aside>
        <main className="content">
          <Page />
        </main>
      </div>
    </NoticeProvider>
  );
}
