// Schema v9: a regulation read from its text keeps that text — each rule the secretary accepted remembers the
// words it came from, and the sentences she left unwritten stay listed beside it on 制度. Additive: only new
// tables; regulations and rules keep their rows and meaning, and a regulation without a text simply has none.
import type { Migration } from './context';

export const m0009: Migration = {
  version: 9,
  name: 'regulation_source',
  up({ exec }) {
    exec(`CREATE TABLE regulation_sources (
      regulation_id INTEGER PRIMARY KEY REFERENCES regulations(id) ON DELETE CASCADE,
      text TEXT NOT NULL,
      file_name TEXT NOT NULL DEFAULT '',
      stored_at TEXT NOT NULL
    )`);
    // A rule's words are found by its code within the regulation, so that a year's rules copied to the next
    // keep them; rule_code NULL is a sentence she did not turn into a rule, with the reason shown to her.
    exec(`CREATE TABLE regulation_source_spans (
      id INTEGER PRIMARY KEY,
      regulation_id INTEGER NOT NULL REFERENCES regulations(id) ON DELETE CASCADE,
      rule_code TEXT,
      clause TEXT NOT NULL DEFAULT '',
      start INTEGER NOT NULL,
      end INTEGER NOT NULL,
      reason TEXT NOT NULL DEFAULT '',
      CHECK (start >= 0 AND end >= start)
    )`);
    exec(`CREATE INDEX regulation_source_spans_regulation ON regulation_source_spans (regulation_id)`);
  },
};
