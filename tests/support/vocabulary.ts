// Tests that build a ledger by hand first give it the words they use: 级别, 角色 and 类别 come from the
// institution's lists, as a secretary's would (from a preset or 设置 → 词汇).
import type { Dispatch } from '../../electron/services/dispatch';
import { guessObjectKind, type VocabularyList } from '../../shared/domain/vocabulary';

export async function addVocabulary(
  dispatch: Dispatch,
  lists: Partial<Record<VocabularyList, readonly string[]>>,
): Promise<void> {
  for (const [list, names] of Object.entries(lists) as [VocabularyList, string[]][])
    for (const name of names) {
      const r = await dispatch('vocabulary.add', {
        list,
        name,
        ...(list === 'objectCategories' ? { kind: guessObjectKind(name) } : {}),
      });
      if (!r.ok && r.error.code !== 'CONFLICT') throw new Error(`vocabulary.add ${name}: ${r.error.message}`);
    }
}
