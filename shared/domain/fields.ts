// Field schemas shared by every entity: ids, names, free text and dates, each with a Chinese message.
import { z } from '../api/zod-zh';
import { isIsoDate } from '../format/date';

export const id = z.number().int().positive({ error: '编号必须是正整数' });

/** A name people type: trimmed, never empty, short enough for a table cell. */
export const name = z
  .string({ error: '必须是文字' })
  .trim()
  .min(1, { error: '不能为空' })
  .max(100, { error: '不能超过100个字' });

/** Free text on one line (职务, 地点, 类别 …). */
export const line = z.string({ error: '必须是文字' }).trim().max(200, { error: '不能超过200个字' });

/** Free text that may run long (开展情况, 意见和建议 …). */
export const text = z.string({ error: '必须是文字' }).max(20_000, { error: '不能超过20000个字' });

export const isoDate = z
  .string({ error: '必须是日期' })
  .refine(isIsoDate, { error: '不是有效日期（格式如 2026-03-05）' });

export const optionalDate = isoDate.nullable();

/**
 * A date in a range: an Excel 0 (1899-12-30) or a year typed into a date cell (1999 read as day 1999 of
 * Excel's calendar, 1905-06-21) is a valid date, but never a day the ledger means.
 */
const dateBetween = (from: number, to: number) =>
  // Not a date at all is said once, by isoDate.
  isoDate.refine((d) => !isIsoDate(d) || (d >= `${from}-01-01` && d <= `${to}-12-31`), {
    error: `日期须在${from}年至${to}年之间`,
  });

/** A day the ledger records something on (联系记录, 联系点, 督办): the same range as the year fields. */
export const ledgerDate = dateBetween(2000, 2100);
export const optionalLedgerDate = ledgerDate.nullable();

/** 任职 dates may lie long before the ledger was started. */
export const optionalTermDate = dateBetween(1950, 2100).nullable();

export const year = z
  .number({ error: '必须是年份' })
  .int({ error: '必须是整数年份' })
  .min(2000, { error: '年份不能早于2000年' })
  .max(2100, { error: '年份不能晚于2100年' });
