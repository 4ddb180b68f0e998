// Schema v4: what anchors the audit trail outside the file. A year lock keeps the head of the trail at the
// moment of locking (the last entry's number and hash), so a rewrite of the trail before it contradicts
// the lock, the backups and the anchors log; and each ledger gets an identity of its own (ledger_meta),
// so that a restore can tell a backup of this ledger from one of another office's.
import type { Migration } from './context';

export const m0004: Migration = {
  version: 4,
  name: 'audit-anchors',
  up({ exec }) {
    exec('ALTER TABLE year_locks ADD COLUMN audit_head_id INTEGER');
    exec('ALTER TABLE year_locks ADD COLUMN audit_head_hash TEXT');
    // Facts about the file itself, not the ledger's content: no figure reads them.
    exec('CREATE TABLE ledger_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
    exec(
      `INSERT INTO ledger_meta (key, value) VALUES ('ledgerId', lower(hex(randomblob(16)))), ('createdAt', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`,
    );
  },
};
