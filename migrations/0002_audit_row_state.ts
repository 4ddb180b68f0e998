// Schema v2: each audit entry keeps the raw row(s) as written, so that `ledger verify` can tell a row
// changed, inserted or deleted outside the app from one the app wrote (issue 6).
import type { Migration } from './context';

export const m0002: Migration = {
  version: 2,
  name: 'audit-row-state',
  up({ exec }) {
    // NULL for entries written before v2 and for tables whose rows are not verified.
    exec('ALTER TABLE audit_log ADD COLUMN row_state TEXT');
  },
};
