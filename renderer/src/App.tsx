// The window: a navigation of the ledger's sections (only those built are shown) and the open page.
import { useState } from 'react';
import { DemoBanner } from './components/DemoBanner';
import { NoticeProvider } from './components/Notice';
import { UndoHistory } from './grid/UndoHistory';
import { zh } from './i18n/zh';
import { AssignmentsPage } from './pages/assignments/AssignmentsPage';
import { DocumentsPage } from './pages/documents/DocumentsPage';
import { EvaluationPage } from './pages/evaluation/EvaluationPage';
import { FollowUpsPage } from './pages/follow-ups/FollowUpsPage';
import { RecordsPage } from './pages/records/RecordsPage';
import { RegulationsPage } from './pages/regulations/RegulationsPage';
import { RosterPage } from './pages/roster/RosterPage';
import { RotaPage } from './pages/rota/RotaPage';
import { SafetyPage } from './pages/safety/SafetyPage';
import { SettingsPage } from './pages/settings/SettingsPage';

type SectionId = keyof typeof zh.sections;

export function App() {
  const [current, setCurrent] = useState<SectionId>('ledger');
  // The design's sections in their order; each appears here once its page exists.
  const pages: Partial<Record<SectionId, () => React.JSX.Element>> = {
    ledger: () => <RecordsPage onFollowUp={() => setCurrent('followUps')} />,
    assignments: AssignmentsPage,
    roster: RosterPage,
    regulations: RegulationsPage,
    followUps: FollowUpsPage,
    rota: RotaPage,
    evaluation: EvaluationPage,
    documents: DocumentsPage,
    safety: SafetyPage,
    settings: SettingsPage,
  };
  const sections = (Object.keys(zh.sections) as SectionId[]).filter((id) => pages[id]);
  const Page = pages[current]!;
  return (
    <NoticeProvider>
      <div className="app">
        <aside className="sidebar">
          <div className="brand">{zh.appName}</div>
          <nav aria-label="主导航">
            {sections.map((id) => (
              <button
                key={id}
                className={id === current ? 'nav-item active' : 'nav-item'}
                aria-current={id === current ? 'page' : undefined}
                onClick={() => setCurrent(id)}
              >
                {zh.sections[id]}
              </button>
            ))}
          </nav>
          <UndoHistory />
        </aside>
        <main className="content">
          <DemoBanner />
          <Page />
        </main>
      </div>
    </NoticeProvider>
  );
}
