// The static list of migrations, in order. Static so that it works bundled and in plain Node.
import type { Migration } from './context';
import { m0001 } from './0001_initial';
import { m0002 } from './0002_audit_row_state';
import { m0003 } from './0003_undo_history';
import { m0004 } from './0004_anchors';
import { m0005 } from './0005_vocabulary';
import { m0006 } from './0006_follow_up_extension';
import { m0007 } from './0007_records_search';
import { m0009 } from './0009_regulation_source';
import { m0010 } from './0010_year_lock_roster';
import { m0011 } from './0011_records_page_keys';
import { m0012 } from './0012_records_sparse';
import { m0013 } from './0013_records_search_keys';

export const migrations: readonly Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
];

export const latestVersion = migrations[migrations.length - 1]!.version;

export type { Migration, MigrationContext } from './context';
