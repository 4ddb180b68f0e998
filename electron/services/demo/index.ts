// 演示数据: fills an empty ledger with a realistic university year under preset 002, through the same
// validation and writing as the workbook import. Offered, never forced: it refuses a ledger with data.
import type { ParsedInput } from '../../../shared/api/contract';
import type { DemoResult, DemoStatus } from '../../../shared/api/demo';
import { createWorkdayCalendar } from '../../../shared/calendar/workdays';
import { toIso } from '../../../shared/format/date';
import { LedgerError } from '../../../shared/errors';
import { bundledHolidays } from '../calendar';
import type { ServiceContext } from '../context';
import { applyPreset, loadPreset } from '../presets';
import { presetsDir } from '../resources';
import { importSheets } from '../workbook/import';
import type { LedgerSheets, RowNumbers } from '../workbook/sheets';
import { generateUniversity } from './university';

export const DEMO_PRESET = '002';

/** Row numbers as the sheets would show them (header in row 1), so that a slip in the generator reads clearly. */
export function rowNumbersOf(sheets: LedgerSheets): RowNumbers {
  const n = (rows: unknown[]) => rows.map((_, i) => i + 2);
  return {
    units: n(sheets.units),
    cadres: n(sheets.cadres),
    objects: n(sheets.objects),
    assignments: n(sheets.assignments),
    records: n(sheets.records),
    followUps: n(sheets.followUps),
  };
}

/** The demo ledger's rows, without writing them (the benchmark and tests use this too). */
export function demoSheets(year: number, seed: number, asOf = `${year}-12-31`): LedgerSheets {
  return generateUniversity({ year, seed, asOf, calendar: createWorkdayCalendar(bundledHolidays()) });
}

export async function generateDemo(ctx: ServiceContext, input: { year: number; seed: number }): Promise<DemoResult> {
  const { db } = ctx;
  const sq = db.sqlite;
  const count = (t: string) => (sq.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  if (count('cadres') > 0 || count('records') > 0)
    throw new LedgerError(
      'CONFLICT',
      '此台账已有干部或联系记录，不能生成演示数据（以免与真实数据混在一起）。请新建一个空台账后再生成。',
    );
  let presetApplied = false;
  if (count('regulations') === 0) {
    applyPreset(ctx, loadPreset(presetsDir(), DEMO_PRESET));
    presetApplied = true;
  }
  const now = ctx.now();
  const today = toIso({ y: now.getFullYear(), m: now.getMonth() + 1, d: now.getDate() });
  // A ledger kept up to today: in the current year, nothing is recorded after today.
  const asOf = now.getFullYear() === input.year ? today : `${input.year}-12-31`;
  const sheets = demoSheets(input.year, input.seed, asOf);
  const result = await importSheets(ctx, sheets, rowNumbersOf(sheets), { what: '演示数据', backup: false });
  const n = (sheet: string) => result.sheets.find((s) => s.sheet === sheet)?.imported ?? 0;
  return {
    units: n('单位'),
    cadres: n('干部'),
    contactObjects: n('联系对象'),
    assignments: n('联系点'),
    records: n('联系记录'),
    followUps: n('督办事项'),
    presetApplied,
  };
}

/**
 * The demo ledger is a second file that only a host holding a window can switch to (workspace.ts answers
 * demo.enter/leave/status before they reach a ledger). A ledger reached alone — the CLI, a test — is
 * never the demo, and cannot become one.
 */
const NO_DEMO_HERE = '演示台账只能在程序窗口中打开。命令行可以用 ledger demo --db 另一个文件 生成一个演示台账。';

export function demoHandlers(ctx: ServiceContext) {
  return {
    'demo.generate': (input: ParsedInput<'demo.generate'>): Promise<DemoResult> => generateDemo(ctx, input),
    'demo.status': (): DemoStatus => ({ active: false }),
    'demo.enter': (): DemoResult => {
      throw new LedgerError('FORBIDDEN', NO_DEMO_HERE);
    },
    'demo.leave': (): DemoStatus => {
      throw new LedgerError('FORBIDDEN', NO_DEMO_HERE);
    },
  };
}
