// Names the grids show and accept for references (所在单位, 干部, 联系对象 …), loaded once per page.
import { useCallback, useEffect, useState } from 'react';
import type { Vocabulary } from '../../../shared/api/vocabulary';
import type { Cadre } from '../../../shared/domain/cadre';
import type { ContactObject } from '../../../shared/domain/contact-object';
import type { Unit } from '../../../shared/domain/unit';
import { api } from '../api';
import { useNotice } from '../components/Notice';

export interface Option {
  id: number;
  /** What the cell shows and what a user types: the name, or 名称（所属单位） when two share a name. */
  name: string;
}

/** Unique labels: a name shared by several rows becomes 名称（所属单位）, as the workbook spec says. */
export function labelled<T extends { id: number; name: string }>(
  rows: T[],
  qualifier: (r: T) => string | null,
): Option[] {
  const count = new Map<string, number>();
  for (const r of rows) count.set(r.name, (count.get(r.name) ?? 0) + 1);
  return rows.map((r) => {
    const q = qualifier(r);
    return { id: r.id, name: count.get(r.name)! > 1 && q ? `${r.name}（${q}）` : r.name };
  });
}

export interface Lookups {
  units: Unit[];
  cadres: Cadre[];
  objects: ContactObject[];
  vocabulary: Vocabulary;
  unitOptions: Option[];
  cadreOptions: Option[];
  objectOptions: Option[];
  refresh: () => void;
}

export function useLookups(): Lookups {
  const notify = useNotice();
  const [units, setUnits] = useState<Unit[]>([]);
  const [cadres, setCadres] = useState<Cadre[]>([]);
  const [objects, setObjects] = useState<ContactObject[]>([]);
  const [vocabulary, setVocabulary] = useState<Vocabulary>({
    levels: [],
    roles: [],
    activityTypes: [],
    objectCategories: [],
    unitCategories: [],
  });
  const refresh = useCallback(() => {
    Promise.all([api.units.list({}), api.cadres.list({}), api.objects.list({}), api.vocabulary.get({})]).then(
      ([u, c, o, v]) => {
        setUnits(u);
        setCadres(c);
        setObjects(o);
        setVocabulary(v);
      },
      (e: Error) => notify({ kind: 'error', text: e.message }),
    );
  }, [notify]);
  useEffect(refresh, [refresh]);
  return {
    units,
    cadres,
    objects,
    vocabulary,
    unitOptions: labelled(units, (u) => u.parentName),
    cadreOptions: labelled(cadres, (c) => c.unitName),
    objectOptions: labelled(objects, (o) => o.unitName ?? o.category),
    refresh,
  };
}
