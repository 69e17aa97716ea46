/**
 * Prints a workbook's cells, one row a line, as the local runtime reads them.
 *
 *   npx tsx scripts/dump.ts <file.xlsx> [sheet] [--tz <zone>]
 *
 * A date cell holds the instant its wall clock shows in the spreadsheet's zone (runtime/xlsx/
 * dates.ts), so it is printed in that zone, the one the runner reads the workbook in
 * (default Asia/Shanghai): the day shown is the day typed in the cell.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import type { CellValue, WorkbookModel } from '../runtime/model';
import { loadWorkbook, parseTimeZone, UsageError } from './local';

const USAGE = 'usage: npx tsx scripts/dump.ts <file.xlsx> [sheet] [--tz <zone>]';

/** A cell as dump prints it: dates as yyyy-MM-dd (with the time when it is not midnight) in `zone`. */
export function cellText(value: CellValue | undefined, zone: string): unknown {
  if (!(value instanceof Date)) return value ?? '';
  const local = DateTime.fromJSDate(value, { zone });
  return local.toFormat(local.hour || local.minute || local.second ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd');
}

export function dumpLines(model: WorkbookModel, sheet?: string): string[] {
  const lines: string[] = [];
  for (const s of model.sheets) {
    if (sheet && s.name !== sheet) continue;
    lines.push(`== ${s.name} frozen ${s.frozenRows} cf ${JSON.stringify(s.conditionalFormats).slice(0, 300)}`);
    s.rows.forEach((r, i) => {
      lines.push(`${i + 1} ${JSON.stringify(r.map((c) => cellText(c?.value, model.timeZone)))}`);
    });
  }
  if (sheet && lines.length === 0)
    throw new UsageError(`no sheet "${sheet}" (the sheets are ${model.sheets.map((s) => s.name).join(', ')})`);
  return lines;
}

async function main(argv: string[]): Promise<number> {
  const tzAt = argv.indexOf('--tz');
  const zone = parseTimeZone(tzAt < 0 ? undefined : (argv[tzAt + 1] ?? ''));
  const [file, sheet, ...rest] = tzAt < 0 ? argv : argv.filter((_, i) => i !== tzAt && i !== tzAt + 1);
  if (!file || rest.length > 0 || file.startsWith('-')) throw new UsageError(USAGE);
  const model = await loadWorkbook(resolve(file), zone);
  for (const line of dumpLines(model, sheet)) console.log(line);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // `dump … | head` closes the pipe early: that is the reader being done, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      if (!(err instanceof UsageError)) throw err;
      console.error(`duban dump: ${err.message}`);
      process.exitCode = 2;
    },
  );
}
