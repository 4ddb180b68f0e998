// Shared test fixtures: the bundled holiday data, a default school calendar, the five presets, a world builder.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createSchoolCalendar, createWorkdayCalendar, type HolidayYear } from '../../../shared/calendar';
import {
  preset as presetSchema,
  type EvalAssignment,
  type EvalCadre,
  type EvalFollowUp,
  type EvalInput,
  type EvalObject,
  type EvalRecord,
  type EvalUnit,
  type Preset,
  type Rule,
  type Selection,
} from '../../../shared/rules';

const root = join(__dirname, '..', '..', '..');

export function holidayData(): HolidayYear[] {
  const dir = join(root, 'resources', 'holidays');
  return readdirSync(dir)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as HolidayYear);
}

export const workdays = createWorkdayCalendar(holidayData());
export const school = createSchoolCalendar();
export const calendar = { school, workdays };

export const PRESET_IDS = ['000', '001', '002', '003', '004'] as const;

export function rawPreset(id: string): unknown {
  return JSON.parse(readFileSync(join(root, 'resources', 'presets', `${id}.json`), 'utf8'));
}

export function loadPreset(id: string): Preset {
  return presetSchema.parse(rawPreset(id));
}

export function ruleOf(presetId: string, ruleId: string): Rule {
  const r = loadPreset(presetId).rules.find((x) => x.id === ruleId);
  if (!r) throw new Error(`no rule ${ruleId} in ${presetId}`);
  return r;
}

export interface World {
  rules: Rule[];
  cadres?: EvalCadre[];
  units?: EvalUnit[];
  objects?: EvalObject[];
  assignments?: EvalAssignment[];
  records?: EvalRecord[];
  followUps?: EvalFollowUp[];
  asOf: string;
  selection: Selection;
}

export function input(w: World): EvalInput {
  return {
    rules: w.rules,
    cadres: w.cadres ?? [],
    units: w.units ?? [],
    objects: w.objects ?? [],
    assignments: w.assignments ?? [],
    records: w.records ?? [],
    followUps: w.followUps ?? [],
    calendar,
    asOf: w.asOf,
    selection: w.selection,
  };
}

export function cadre(id: string, name: string, over: Partial<EvalCadre> = {}): EvalCadre {
  return {
    id,
    name,
    level: '校级',
    roles: [],
    unitId: null,
    partyMember: true,
    termStart: null,
    termEnd: null,
    ...over,
  };
}

let seq = 0;
export function rec(
  date: string,
  activityType: string,
  cadreIds: string[],
  over: Partial<EvalRecord> = {},
): EvalRecord {
  seq++;
  return { id: `r${seq}`, date, activityType, cadreIds, objectIds: [], ...over };
}
