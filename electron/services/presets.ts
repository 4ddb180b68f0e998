// The regulation presets shipped under resources/presets: metadata, each institution's vocabulary and rules.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toFieldIssues, summarize } from '../../shared/api/zod-zh';
import { LedgerError } from '../../shared/errors';
import { ruleList, type Rule } from '../../shared/rules/schema';
import { guessObjectKind, valuesNamedByRules, type VocabularySeed } from '../../shared/domain/vocabulary';
import { appendAudit } from './audit';
import type { ServiceContext } from './context';
import { insertRule } from './rules';
import { seedVocabulary } from './vocabulary';

export interface PresetVocabulary {
  /** The institution's own words beyond those its rules name (a university's 副校长, 职能部门 …). */
  levels?: string[];
  roles?: string[];
  unitCategories?: string[];
  activityTypes: string[];
  objectCategories: { name: string; kind: 'unit' | 'person' }[];
}

export interface Preset {
  id: string;
  name: string;
  code: string;
  issuer: string;
  date: string;
  vocabulary: PresetVocabulary;
  rules: unknown[];
}

export function listPresets(dir: string): Preset[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Preset);
}

export function loadPreset(dir: string, id: string): Preset {
  const found = listPresets(dir).find((p) => p.id === id);
  if (!found) {
    const ids = listPresets(dir).map((p) => p.id);
    throw new LedgerError('NOT_FOUND', `没有编号为“${id}”的制度预设。可用的有：${ids.join('、') || '（无）'}`);
  }
  return found;
}

/** A preset's rules through the rule schema (defaults filled in); a broken preset file is named. */
export function presetRules(preset: Preset): Rule[] {
  const parsed = ruleList.safeParse(preset.rules ?? []);
  if (parsed.success) return parsed.data;
  throw new LedgerError(
    'INTERNAL',
    `制度预设 ${preset.id} 的要求有误：${summarize(toFieldIssues(ruleList, parsed.error))}`,
  );
}

/**
 * The lists a ledger started from this preset holds: the preset's own lists, and every level, role, unit
 * category, activity type and object category its rules name — so that the rules never name a value the
 * roster cannot carry.
 */
export function presetVocabulary(preset: Preset, rules: readonly Rule[] = presetRules(preset)): VocabularySeed {
  const named = valuesNamedByRules(rules);
  const categories = [...preset.vocabulary.objectCategories];
  for (const name of named.objectCategories)
    if (!categories.some((c) => c.name === name)) categories.push({ name, kind: guessObjectKind(name) });
  const own = preset.vocabulary;
  const merged = (a: string[] | undefined, b: string[]) => [...new Set([...(a ?? []), ...b])];
  return {
    levels: merged(own.levels, named.levels),
    roles: merged(own.roles, named.roles),
    unitCategories: merged(own.unitCategories, named.unitCategories),
    activityTypes: [...new Set([...preset.vocabulary.activityTypes, ...named.activityTypes])],
    objectCategories: categories,
  };
}

/**
 * Starts a ledger from a preset: the regulation, its vocabulary (presetVocabulary), and all its rules stored for `year`
 * (the current year unless given), each carrying its clause.
 */
export function applyPreset(
  ctx: ServiceContext,
  preset: Preset,
  year: number = ctx.now().getFullYear(),
  /** Stored as the institution's own regulation of this name (a copy to edit), not as the preset itself. */
  copyAs?: string,
): number {
  const { db } = ctx;
  const rules = presetRules(preset);
  return db.tx(() => {
    const at = ctx.now().toISOString();
    const { lastInsertRowid } = db.run(
      db.q.insertInto('regulations').values(
        copyAs
          ? {
              code: '',
              name: copyAs,
              preset_id: null,
              note: `以制度预设《${preset.name}》（${preset.issuer} ${preset.date}）为蓝本`,
              created_at: at,
            }
          : {
              code: preset.code,
              name: preset.name,
              preset_id: preset.id,
              note: `${preset.issuer} ${preset.date}`,
              created_at: at,
            },
      ),
    );
    seedVocabulary(ctx, presetVocabulary(preset, rules));
    const id = Number(lastInsertRowid);
    appendAudit(ctx, {
      action: 'create',
      table: 'regulations',
      rowId: id,
      after: { preset: preset.id, name: copyAs ?? preset.name, year, rules: rules.length },
    });
    rules.forEach((rule, sort) => insertRule(ctx, id, year, rule, sort));
    return id;
  });
}
