// The vocabulary the extractor reads with, gathered from what the ledger already holds: its activity types
// and object categories, and the 级别, 角色 and 单位类别 its rules and cadres use (in the order first met,
// which for the presets is from the highest rank down).
import type { Rule } from '../rules/schema';
import type { ExtractVocabulary } from './lexicon';

export function vocabularyFrom(input: {
  rules?: readonly Rule[];
  activityTypes?: readonly string[];
  objectCategories?: readonly { name: string; kind: 'unit' | 'person' }[];
  levels?: readonly string[];
  roles?: readonly string[];
  unitCategories?: readonly string[];
}): ExtractVocabulary {
  const levels = new Set(input.levels ?? []);
  const roles = new Set(input.roles ?? []);
  const units = new Set(input.unitCategories ?? []);
  for (const r of input.rules ?? []) {
    for (const l of r.who.cadres.levels ?? []) levels.add(l);
    for (const x of r.who.cadres.roles ?? []) roles.add(x);
    for (const x of r.who.cadres.except?.roles ?? []) roles.add(x);
    for (const u of r.who.unitCategories ?? []) units.add(u);
    for (const u of r.who.cadres.unitCategories ?? []) units.add(u);
  }
  return {
    levels: [...levels],
    roles: [...roles],
    activityTypes: [...new Set(input.activityTypes ?? [])],
    objectCategories: [...(input.objectCategories ?? [])],
    unitCategories: [...units],
  };
}
