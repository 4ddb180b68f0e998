// 人员与单位: the roster of cadres and the units they belong to.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Cadre } from '../../../../shared/domain/cadre';
import type { Unit } from '../../../../shared/domain/unit';
import { api } from '../../api';
import { useNotice } from '../../components/Notice';
import { EntityGrid, type Draft } from '../../grid/EntityGrid';
import { dateColumn, listColumn, refColumn, textColumn, yesNoColumn } from '../../grid/cells';
import { zh } from '../../i18n/zh';

type Tab = 'cadres' | 'units';

export function RosterPage() {
  const notify = useNotice();
  const [tab, setTab] = useState<Tab>('cadres');
  const [units, setUnits] = useState<Unit[]>([]);
  const loadUnits = useCallback(() => api.units.list({}), []);
  const refreshUnits = useCallback(() => {
    loadUnits().then(setUnits, (e: Error) => notify({ kind: 'error', text: e.message }));
  }, [loadUnits, notify]);
  useEffect(refreshUnits, [refreshUnits]);

  const c = zh.cadre;
  const cadreColumns = useMemo(
    () => [
      { ...textColumn<Draft<Cadre>>('name', c.name, 110, true, notify), pinned: 'left' as const },
      textColumn<Draft<Cadre>>('title', c.title, 180),
      textColumn<Draft<Cadre>>('level', c.level, 100),
      listColumn<Draft<Cadre>>('roles', c.roles, 180),
      refColumn<Draft<Cadre>>('unitId', c.unit, units, notify, zh.unknownUnit, 170),
      yesNoColumn<Draft<Cadre>>('partyMember', c.partyMember, notify),
      dateColumn<Draft<Cadre>>('termStart', c.termStart, notify),
      dateColumn<Draft<Cadre>>('termEnd', c.termEnd, notify),
      { ...textColumn<Draft<Cadre>>('note', c.note, 200), flex: 1 },
    ],
    [units, notify, c],
  );

  const u = zh.unit;
  const unitColumns = useMemo(
    () => [
      { ...textColumn<Draft<Unit>>('name', u.name, 200, true, notify), pinned: 'left' as const },
      textColumn<Draft<Unit>>('category', u.category, 140),
      refColumn<Draft<Unit>>('parentId', u.parent, units, notify, (v) => `「上级单位」没有名为“${v}”的单位。`, 200),
      { ...textColumn<Draft<Unit>>('note', u.note, 240), flex: 1 },
    ],
    [units, notify, u],
  );

  return (
    <section className="page">
      <header className="page-header">
        <h1>{zh.sections.roster}</h1>
        <nav className="tabs" role="tablist">
          {(['cadres', 'units'] as const).map((t) => (
            <button
              key={t}
              role="tab"
              aria-selected={tab === t}
              className={tab === t ? 'tab active' : 'tab'}
              onClick={() => setTab(t)}
            >
              {zh.roster[t]}
            </button>
          ))}
        </nav>
      </header>
      {tab === 'cadres' ? (
        <EntityGrid<Cadre>
          testId="cadre-grid"
          columns={cadreColumns}
          load={() => api.cadres.list({})}
          create={(d) =>
            api.cadres.create({
              name: d.name ?? '',
              title: d.title ?? '',
              level: d.level ?? '',
              roles: d.roles ?? [],
              unitId: d.unitId ?? null,
              partyMember: d.partyMember ?? true,
              termStart: d.termStart ?? null,
              termEnd: d.termEnd ?? null,
              note: d.note ?? '',
            })
          }
          update={(id, patch) => api.cadres.update({ id, patch })}
          remove={(id) => api.cadres.delete({ id })}
          restore={(row) => api.cadres.restore(row)}
          firstField="name"
          describe={(r) => r.name ?? ''}
          texts={{
            add: zh.roster.addCadre,
            count: zh.roster.count,
            confirmDelete: zh.roster.confirmDeleteCadre,
            deleted: zh.roster.deletedCadre,
            required: zh.roster.nameRequired,
          }}
        />
      ) : (
        <EntityGrid<Unit>
          testId="unit-grid"
          columns={unitColumns}
          load={loadUnits}
          create={(d) =>
            api.units.create({
              name: d.name ?? '',
              category: d.category ?? '',
              parentId: d.parentId ?? null,
              note: d.note ?? '',
            })
          }
          update={(id, patch) => api.units.update({ id, patch: { ...patch } })}
          remove={(id) => api.units.delete({ id })}
          restore={(row) => api.units.restore(row)}
          firstField="name"
          describe={(r) => r.name ?? ''}
          texts={{
            add: zh.roster.addUnit,
            count: zh.roster.unitCount,
            confirmDelete: zh.roster.confirmDeleteUnit,
            deleted: zh.roster.deletedUnit,
            required: '请先填写名称，这一行才会保存。',
          }}
          onChanged={refreshUnits}
        />
      )}
    </section>
  );
}
