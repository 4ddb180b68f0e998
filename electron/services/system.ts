// 系统: what the backend says about its database file.
import { latestVersion } from '../../migrations/index';
import type { SystemInfo } from '../../shared/api/system';
import type { ServiceContext } from './context';
import { countedTables } from './db/tables';

export function systemHandlers(ctx: ServiceContext) {
  const { db } = ctx;
  return {
    'system.info': (): SystemInfo => {
      const counts: Record<string, number> = {};
      for (const t of countedTables)
        counts[t] = db.first(db.q.selectFrom(t).select((e) => e.fn.countAll<number>().as('n')))!.n;
      return {
        schemaVersion: db.pragma<number>('user_version'),
        appSchemaVersion: latestVersion,
        dbPath: db.path,
        counts,
        integrity: db.pragma<string>('quick_check'),
      };
    },
  };
}
