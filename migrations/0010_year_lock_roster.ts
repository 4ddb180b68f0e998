// Schema v10: a year lock keeps the roster it was locked with (cadres' 级别, 角色, unit and term; units' and
// contact objects' 类别, unit and 年级, as JSON), so that a locked year is judged on the people as they were
// (electron/services/locked-roster.ts). Additive: locks made before have none (NULL) and are judged on
// today's roster as before; the audit trail's kept states of those locks, which lack the column, still verify.
import type { Migration } from './context';

export const m0010: Migration = {
  version: 10,
  name: 'year-lock-roster',
  up({ exec }) {
    exec('ALTER TABLE year_locks ADD COLUMN roster TEXT');
  },
};
