/**
 * npm run demo: the first thing a newcomer runs. Sets up the sample ledger that ships with the
 * project, then sweeps the set-up workbook, exactly as the two `npm run local` commands in the
 * README would, and says where each job's results are.
 *
 *   npm run demo [-- --out <dir>]     (default out/demo)
 *
 * <dir>/setup/ holds what setup wrote (workbook, outbox, run.json); <dir>/ what the sweep wrote.
 */
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { DEFAULT_TIME_ZONE, describeReport, runLocal, UsageError, type LocalOptions } from './local';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLE = join(root, 'samples', '创城台账示例.xlsx');
/** The sample's "today": its deadlines are spread around this day. */
export const SAMPLE_NOW = '2026-11-25T09:00:00';

function outDir(argv: string[]): string {
  if (argv.length === 0) return join(root, 'out', 'demo');
  if (argv.length === 2 && argv[0] === '--out') return resolve(argv[1]!);
  throw new UsageError('usage: npm run demo [-- --out <dir>]');
}

async function main(argv: string[]): Promise<number> {
  const out = outDir(argv);
  const timeZone = DEFAULT_TIME_ZONE;
  const now = DateTime.fromISO(SAMPLE_NOW, { zone: timeZone }).toJSDate();
  const job = (name: string, workbook: string, dir: string): LocalOptions => ({ job: name, workbook, now, out: dir, timeZone });

  const setup = await runLocal(job('setup', SAMPLE, join(out, 'setup')));
  for (const line of describeReport(setup)) console.log(line);
  if (!setup.ok) return 1;
  console.log('');
  const sweep = await runLocal(job('sweep', join(out, 'setup', basename(SAMPLE)), out));
  for (const line of describeReport(sweep)) console.log(line);
  console.log('');
  console.log(`The swept ledger (open it in Excel, WPS or LibreOffice): ${sweep.outputs.workbook}`);
  console.log(`What setup did:      ${setup.outputs.runJson}`);
  console.log(`What the sweep did:  ${sweep.outputs.runJson}`);
  return sweep.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`duban demo: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
  },
);
