// Schema v6: 延期至 — the date a 督办 item's deadline was extended to, once the extension is approved. Staged
// deadline rules (docs/rules.md, “延期”) judge the closing stage against it, within the extension the rule
// allows. Additive: existing items have none (NULL), and the audit trail's kept states, which lack the
// column, still verify because a column absent there and NULL here is not a change.
import type { Migration } from './context';

export const m0006: Migration = {
  version: 6,
  name: 'follow-up-extension',
  up({ exec }) {
    exec('ALTER TABLE follow_ups ADD COLUMN extended_date TEXT');
  },
};
