// 人员与单位: the roster of cadres, the units they belong to, and the objects they contact.
import { useCallback, useState } from 'react';
import type { Cadre } from '../../../../shared/domain/cadre';
import type { ContactObject } from '../../../../shared/domain/contact-object';
import { GRADES } from '../../../../shared/domain/contact-object';
import type { Unit } from '../../../../shared/domain/unit';
import { api } from '../../api';
import type { Notice } from '../../components/Notice';
import { useLookups } from '../../data/lookups';
import { EntityGrid, type Draft } from '../../grid/EntityGrid';
import { choiceColumn, dateColumn, refColumn, textColumn, yesNoColumn } from '../../grid/cells';
import { vocabularyColumn, vocabularyListColumn } from '../../data/vocabularyColumns';
import { zh } from '../../i18n/zh';
import { CadreSearch } from './CadreSearch';
import { NameGlyphNotice } from './NameGlyphNotice';

type Tab = 'cadres' | 'units' | 'objects';
type Notify = (n: Notice) => void;
const TABS: Record<Tab, string> = { cadres: '干部', units: '单位', objects: '联系对象' };

export function RosterPage() {
  const [tab, setTab] = useState<Tab>('cadres');
  const lookups = useLookups();
  const { unitOptions, vocabulary, refresh } = lookups;
  const c = zh.cadre;
  const names = (terms: { name: string }[]) => terms.map((t) => t.name);
  const levels = names(vocabulary.levels);
  const roles = names(vocabulary.roles);
  const unitCategories = names(vocabulary.unitCategories);

  const cadreColumns = useCallback(
    (notify: Notify) => [
      { ...textColumn<Draft<Cadre>>('name', c.name, 110, true, notify), pinned: 'left' as const },
      textColumn<Draft<Cadre>>('title', c.title, 180),
      vocabularyColumn<Draft<Cadre>>('level', c.level, 'levels', levels, notify, 100),
      vocabularyListColumn<Draft<Cadre>>('roles', c.roles, 'roles', roles, notify, 180),
      refColumn<Draft<Cadre>>('unitId', c.unit, unitOptions, notify, zh.unknownUnit, 170),
      yesNoColumn<Draft<Cadre>>('partyMember', c.partyMember, notify),
      dateColumn<Draft<Cadre>>('termStart', c.termStart, notify),
      dateColumn<Draft<Cadre>>('termEnd', c.termEnd, notify),
      { ...textColumn<Draft<Cadre>>('note', c.note, 200), flex: 1 },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [JSON.stringify(unitOptions), c, levels.join(), roles.join()],
  );

  const unitColumns = useCallback(
    (notify: Notify) => [
      { ...textColumn<Draft<Unit>>('name', '名称', 200, true, notify), pinned: 'left' as const },
      vocabularyColumn<Draft<Unit>>('category', '类别', 'unitCategories', unitCategories, notify, 140),
      refColumn<Draft<Unit>>(
        'parentId',
        '上级单位',
        unitOptions,
        notify,
        (v) => `「上级单位」没有名为“${v}”的单位。`,
        200,
      ),
      { ...textColumn<Draft<Unit>>('note', '备注', 240), flex: 1 },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [JSON.stringify(unitOptions), unitCategories.join()],
  );

  const categories = vocabulary.objectCategories.map((x) => x.name);
  const objectColumns = useCallback(
    (notify: Notify) => [
      { ...textColumn<Draft<ContactObject>>('name', '名称', 200, true, notify), pinned: 'left' as const },
      vocabularyColumn<Draft<ContactObject>>('category', '类别', 'objectCategories', categories, notify, 140),
      refColumn<Draft<ContactObject>>(
        'unitId',
        '所属单位',
        unitOptions,
        notify,
        (v) => `「所属单位」没有名为“${v}”的单位。`,
        180,
      ),
      choiceColumn<Draft<ContactObject>>('grade', '年级', ['', ...GRADES], notify, 90),
      { ...textColumn<Draft<ContactObject>>('note', '备注', 240), flex: 1 },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [JSON.stringify(unitOptions), categories.join()],
  );

  return (
    <section className="page">
      <header className="page-header">
        <h1>{zh.sections.roster}</h1>
        <nav className="tabs" role="tablist">
          {(Object.keys(TABS) as Tab[]).map((t) => (
            <button
              key={t}
              role="tab"
              aria-selected={tab === t}
              className={tab === t ? 'tab active' : 'tab'}
              onClick={() => setTab(t)}
            >
              {TABS[t]}
            </button>
          ))}
        </nav>
        <CadreSearch cadres={lookups.cadres} />
      </header>
      <NameGlyphNotice
        version={`${lookups.cadres.map((x) => x.name).join()}|${lookups.objects.map((x) => x.name).join()}`}
      />
      {tab === 'cadres' && (
        <EntityGrid<Cadre>
          testId="cadre-grid"
          columns={cadreColumns}
          load={() => api.cadres.list({})}
          group="cadres"
          table="cadres"
          noun="干部"
          createInput={(d) => ({
            name: d.name ?? '',
            title: d.title ?? '',
            level: d.level ?? '',
            roles: d.roles ?? [],
            unitId: d.unitId ?? null,
            partyMember: d.partyMember ?? true,
            termStart: d.termStart ?? null,
            termEnd: d.termEnd ?? null,
            note: d.note ?? '',
          })}
          firstField="name"
          describe={(r) => r.name ?? ''}
          onChanged={refresh}
          texts={{
            add: zh.roster.addCadre,
            count: zh.roster.count,
            confirmDelete: zh.roster.confirmDeleteCadre,
            deleted: zh.roster.deletedCadre,
            required: zh.roster.nameRequired,
            csvName: '干部名册.csv',
          }}
        />
      )}
      {tab === 'units' && (
        <EntityGrid<Unit>
          testId="unit-grid"
          columns={unitColumns}
          load={() => api.units.list({})}
          group="units"
          table="units"
          noun="单位"
          createInput={(d) => ({
            name: d.name ?? '',
            category: d.category ?? '',
            parentId: d.parentId ?? null,
            note: d.note ?? '',
          })}
          firstField="name"
          describe={(r) => r.name ?? ''}
          onChanged={refresh}
          texts={{
            add: zh.roster.addUnit,
            count: zh.roster.unitCount,
            confirmDelete: zh.roster.confirmDeleteUnit,
            deleted: zh.roster.deletedUnit,
            required: '请先填写名称，这一行才会保存。',
            csvName: '单位.csv',
          }}
        />
      )}
      {tab === 'objects' && (
        <EntityGrid<ContactObject>
          testId="object-grid"
          columns={objectColumns}
          load={() => api.objects.list({})}
          group="objects"
          table="contact_objects"
          noun="联系对象"
          createInput={(d) => ({
            name: d.name ?? '',
            category: d.category || categories[0] || '',
            unitId: d.unitId ?? null,
            grade: d.grade ?? '',
            note: d.note ?? '',
          })}
          firstField="name"
          describe={(r) => r.name ?? ''}
          onChanged={refresh}
          texts={{
            add: '新增联系对象',
            count: (n) => `共 ${n} 个联系对象`,
            confirmDelete: (n) => `确定要删除联系对象“${n}”吗？删除后可以立即撤销。`,
            deleted: (n) => `已删除联系对象“${n}”。`,
            required: '请先填写名称，这一行才会保存。',
            csvName: '联系对象.csv',
          }}
        />
      )}
    </section>
  );
}
