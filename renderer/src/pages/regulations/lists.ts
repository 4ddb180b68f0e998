// The institution's lists the rule editor picks from: 级别, 角色, 活动类型, 对象类别, 单位类别, the units, and the
// kinds of 督办 item a deadline may run from (the 来源 channels and the activity types).
import { useEffect, useState } from 'react';
import { FOLLOW_UP_SOURCES } from '../../../../shared/domain/follow-up';
import { api } from '../../api';
import type { Lists } from './fields';

export const NO_LISTS: Lists = {
  levels: [],
  roles: [],
  activityTypes: [],
  objectCategories: [],
  unitCategories: [],
  units: [],
  followUpKinds: [...FOLLOW_UP_SOURCES],
};

export function useEditorLists(onError: (message: string) => void): Lists {
  const [lists, setLists] = useState<Lists>(NO_LISTS);
  useEffect(() => {
    let live = true;
    Promise.all([api.vocabulary.get({}), api.units.list({})])
      .then(([v, u]) => {
        if (!live) return;
        const names = (l: { name: string }[]) => l.map((x) => x.name);
        setLists({
          levels: names(v.levels),
          roles: names(v.roles),
          activityTypes: names(v.activityTypes),
          objectCategories: names(v.objectCategories),
          unitCategories: names(v.unitCategories),
          units: u.map((x) => ({ id: x.id, name: x.name })),
          followUpKinds: [...new Set([...FOLLOW_UP_SOURCES, ...names(v.activityTypes)])],
        });
      })
      .catch((e: Error) => onError(e.message));
    return () => {
      live = false;
    };
  }, [onError]);
  return lists;
}
