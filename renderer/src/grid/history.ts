// The renderer's side of the undo history: save a group of writes as one change, undo the newest change
// (Ctrl+Z in any grid, 撤销 in a notice or in the 撤销记录 panel), and tell every open page that the ledger
// changed under it so that it reloads what it shows.
import { useEffect, useRef } from 'react';
import type { BatchCall, SavedChange } from '../../../shared/api/changes';
import { api } from '../api';
import type { Notice, NoticeAction } from '../components/Notice';

type Listener = { run: () => void; self?: object };
const listeners = new Set<Listener>();

/**
 * Every page showing ledger data reloads: an undo may have changed any table. `origin` is the part of
 * the page that made the change and already shows it (it is not asked to reload).
 */
export function ledgerChanged(origin?: object): void {
  for (const l of [...listeners]) if (!origin || l.self !== origin) l.run();
}

/** Calls `onChange` whenever a change was saved or undone elsewhere in the window. */
export function useLedgerChanged(onChange: () => void, self?: object): void {
  const ref = useRef(onChange);
  ref.current = onChange;
  useEffect(() => {
    const l: Listener = { run: () => ref.current(), self };
    listeners.add(l);
    return () => void listeners.delete(l);
  }, [self]);
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Saves several writes as one change (all or nothing); throws the backend's refusal. */
export async function applyChange(label: string, calls: BatchCall[]): Promise<SavedChange | null> {
  const { change } = await api.changes.apply({ label, calls });
  ledgerChanged();
  return change;
}

/** The newest change, to offer 撤销 right after a write that is not a batch (a deletion). */
export async function latestChange(): Promise<SavedChange | null> {
  return (await api.changes.list({ limit: 1 }))[0] ?? null;
}

/**
 * Undoes the newest change, or every change back to `throughId` (newest first), and says what was undone.
 */
export async function undo(notify: (n: Notice) => void, throughId?: number): Promise<boolean> {
  try {
    const { undone } = await api.changes.undo(throughId === undefined ? {} : { throughId });
    ledgerChanged();
    const what = undone.map((c) => `“${c.label}”`).join('、');
    notify({ kind: 'info', text: `已撤销${undone.length > 1 ? ` ${undone.length} 项修改：` : ''}${what}。` });
    return true;
  } catch (e) {
    notify({ kind: 'error', text: message(e) });
    return false;
  }
}

/** The 撤销 button of a notice about one change: undoes exactly it (and only if it is still the newest). */
export function undoAction(notify: (n: Notice) => void, change: SavedChange | null): NoticeAction {
  return {
    label: '撤销',
    run: async () => {
      if (!change) return void undo(notify);
      const newest = await latestChange().catch(() => null);
      if (newest && newest.id !== change.id && !newest.undoneAt)
        return notify({
          kind: 'error',
          text: `“${change.label}”之后又有修改（“${newest.label}”），请在“撤销记录”中按顺序撤销。`,
        });
      await undo(notify, change.id);
    },
  };
}
